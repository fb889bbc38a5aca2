// Progress of an approved batch's push to Shopify: polls /app/decisions/<batchId> until it is done.
import { useEffect } from "react";
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, List, ProgressBar, Text } from "@shopify/polaris";
import { useI18n } from "~/i18n";
import { pushErrorText } from "~/components/activity/audit-text";

export interface PushStatus {
  total: number;
  pushed: number;
  verified: number;
  failed: { decisionId: string; variantId: string; error: string }[];
  done: boolean;
}

const POLL_MS = 1000;

export function PushProgress({ batchId, names }: { batchId: string; names: Record<string, string> }) {
  const { t } = useI18n();
  const fetcher = useFetcher<PushStatus>();
  const { load, state } = fetcher;
  const status = fetcher.data && typeof fetcher.data.total === "number" ? fetcher.data : null;
  const done = status?.done ?? false;
  useEffect(() => {
    if (done || state !== "idle") return;
    const timer = setTimeout(() => load(`/app/decisions/${encodeURIComponent(batchId)}`), fetcher.data ? POLL_MS : 0);
    return () => clearTimeout(timer);
  }, [batchId, done, state, fetcher.data, load]);

  if (!status) {
    return (
      <Banner tone="info" title={t("recommendations.push.title")}>
        {fetcher.data ? t("recommendations.push.unavailable") : null}
      </Banner>
    );
  }
  const failed = status.failed.length;
  return (
    <Banner
      tone={!status.done ? "info" : failed > 0 ? "warning" : "success"}
      title={
        status.done
          ? t("recommendations.push.done", { verified: status.verified, total: status.total })
          : t("recommendations.push.title")
      }
    >
      <BlockStack gap="200">
        <div
          data-testid="push-progress"
          data-done={status.done ? "true" : "false"}
          data-verified={status.verified}
          data-failed={failed}
        >
          <ProgressBar
            progress={status.total > 0 ? Math.round((100 * status.verified) / status.total) : 100}
            size="small"
          />
        </div>
        <Text as="p">
          {t("recommendations.push.progress", {
            verified: status.verified,
            total: status.total,
            pushed: status.pushed,
          })}
        </Text>
        {failed > 0 ? (
          <BlockStack gap="100">
            <Text as="p">{t("recommendations.push.failed", { count: failed })}</Text>
            <List>
              {status.failed.map((f) => (
                <List.Item key={f.decisionId}>
                  <span title={f.error}>{`${names[f.variantId] ?? f.variantId} · ${pushErrorText(t, f.error)}`}</span>
                </List.Item>
              ))}
            </List>
          </BlockStack>
        ) : null}
      </BlockStack>
    </Banner>
  );
}
