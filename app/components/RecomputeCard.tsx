// Settings card of the full recompute: its status, progress (variants written and, when split across workers,
// parts done) polling /app/recompute while a run is under way, and when the last one finished. Fetches its own data.
import { Badge, BlockStack, Card, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import { useFetcher } from "@remix-run/react";
import { useEffect } from "react";
import { useI18n } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import type { RecomputeStatus } from "~/sync/recompute/chunks.server";

type LoaderData = { status: RecomputeStatus | null };

const ROUTE = "/app/recompute";
const POLL_MS = 3000;
const TONES = {
  building: "info",
  deciding: "info",
  published: "success",
  superseded: undefined,
  failed: "critical",
} as const;

export function RecomputeCard() {
  const { t, locale } = useI18n();
  const fetcher = useFetcher<LoaderData>();
  const data = fetcher.data?.status ?? null;
  const active = data?.status === "building" || data?.status === "deciding";

  const load = fetcher.load;
  useEffect(() => {
    void load(ROUTE);
  }, [load]);
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(() => void load(ROUTE), POLL_MS);
    return () => clearTimeout(timer);
  }, [load, active, fetcher.data]);

  const format = (iso: string) =>
    new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-US", { dateStyle: "medium", timeStyle: "short" }).format(
      new Date(iso),
    );
  const number = (n: number) => new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-US").format(n);
  const last = data?.status === "published" ? data.publishedAt : (data?.lastPublishedAt ?? null);
  const percent = data && data.variants > 0 ? Math.round((100 * data.variantsDone) / data.variants) : 0;
  const partsPercent = data && data.partsTotal > 0 ? Math.round((100 * data.partsDone) / data.partsTotal) : 0;

  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("recompute.heading")}
          </Text>
          {data && <Badge tone={TONES[data.status]}>{t(`recompute.status.${data.status}` as MessageKey)}</Badge>}
        </InlineStack>
        <Text as="p" tone="subdued">
          {t("recompute.body")}
        </Text>
        {data?.status === "building" && (
          <BlockStack gap="100">
            <Text as="p" variant="bodySm">
              {t("recompute.building")}
            </Text>
            {data.partsTotal > 0 && (
              <>
                <ProgressBar progress={partsPercent} size="small" />
                <Text as="p" variant="bodySm" tone="subdued">
                  {t("recompute.contextParts", {
                    done: number(data.partsDone),
                    total: number(data.partsTotal),
                    percent: partsPercent,
                  })}
                </Text>
              </>
            )}
          </BlockStack>
        )}
        {data?.status === "deciding" && (
          <BlockStack gap="100">
            <ProgressBar progress={percent} size="small" />
            <Text as="p" variant="bodySm">
              {t("recompute.progress", { done: number(data.variantsDone), total: number(data.variants), percent })}
            </Text>
            {data.chunksTotal > 0 && (
              <Text as="p" variant="bodySm" tone="subdued">
                {t("recompute.chunks", { done: number(data.chunksDone), total: number(data.chunksTotal) })}
              </Text>
            )}
          </BlockStack>
        )}
        <Text as="p" variant="bodySm">
          {last ? t("recompute.last", { date: format(last) }) : t("recompute.never")}
        </Text>
      </BlockStack>
    </Card>
  );
}
