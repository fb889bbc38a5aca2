// Settings card of the history import: status, a progress bar polling /app/import while an import runs, the
// last sync time, the error, and "Re-sync now" (incremental) / "Full re-import". Fetches its own data.
import { Badge, Banner, BlockStack, Button, Card, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import { useFetcher } from "@remix-run/react";
import { useEffect } from "react";
import { useI18n } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";

interface Status {
  status: "idle" | "queued" | "running" | "done" | "failed";
  progress: number;
  phase: "catalogue" | "inventory" | "orders" | null;
  error: string | null;
  lastSyncedAt: string | null;
}
type LoaderData = { status: Status | null };
type ActionData = { ok: true; jobId: string } | { ok: false; code: string; message: string };

const ROUTE = "/app/import";
const POLL_MS = 2000;
const TONES = { idle: undefined, queued: "attention", running: "info", done: "success", failed: "critical" } as const;

export function ImportCard() {
  const { t, locale } = useI18n();
  const status = useFetcher<LoaderData>();
  const start = useFetcher<ActionData>();
  const data = status.data?.status ?? null;
  const active = data?.status === "running" || data?.status === "queued";

  const load = status.load;
  useEffect(() => {
    void load(ROUTE);
  }, [load]);
  // After a start, read the status at once; while an import is queued or running, poll it.
  useEffect(() => {
    if (start.state === "idle" && start.data) void load(ROUTE);
  }, [load, start.state, start.data]);
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(() => void load(ROUTE), POLL_MS);
    return () => clearTimeout(timer);
  }, [load, active, status.data]);

  const submit = (mode: "incremental" | "full") => start.submit({ mode }, { method: "post", action: ROUTE });
  const date = data?.lastSyncedAt
    ? new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-US", { dateStyle: "medium", timeStyle: "short" }).format(
        new Date(data.lastSyncedAt),
      )
    : null;
  const percent = Math.round((data?.progress ?? 0) * 100);
  const answer = start.data;

  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("importing.heading")}
          </Text>
          {data && <Badge tone={TONES[data.status]}>{t(`importing.status.${data.status}` as MessageKey)}</Badge>}
        </InlineStack>
        <Text as="p" tone="subdued">
          {t("importing.body")}
        </Text>
        {active && (
          <BlockStack gap="100">
            <ProgressBar progress={percent} size="small" />
            <Text as="p" variant="bodySm">
              {t("importing.progress", {
                phase: data?.phase ? t(`importing.phase.${data.phase}` as MessageKey) : t("importing.status.queued"),
                percent,
              })}
            </Text>
          </BlockStack>
        )}
        <Text as="p" variant="bodySm">
          {date ? t("importing.lastSync", { date }) : t("importing.never")}
        </Text>
        {data?.status === "failed" && data.error && (
          <Banner tone="critical">{t("importing.error", { error: data.error })}</Banner>
        )}
        {answer && !answer.ok && (
          <Banner tone="warning">
            {answer.code === "IMPORT.ALREADY_RUNNING"
              ? t("importing.alreadyRunning")
              : t("importing.requestFailed", { code: answer.code })}
          </Banner>
        )}
        <InlineStack gap="200">
          <Button
            id="import-resync"
            variant="primary"
            disabled={active}
            loading={start.state !== "idle"}
            onClick={() => submit("incremental")}
          >
            {t("importing.resync")}
          </Button>
          <Button id="import-full" disabled={active} onClick={() => submit("full")}>
            {t("importing.reimport")}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
