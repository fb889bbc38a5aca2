// The receipts of a purchase order with their write to Shopify's stock, and Undo (a correcting receipt).
import { Badge, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import { useI18n } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import { formatDay } from "~/lib/format";

export interface ReceiptRow {
  id: string;
  kind: "receipt" | "correction";
  correctedBy: string | null;
  locationName: string;
  units: number;
  createdAt: string;
  pushStatus: string;
  pushError: string | null;
}

const TONES: Record<string, "success" | "critical" | "info" | undefined> = {
  verified: "success",
  applied: "success",
  failed: "critical",
  pending: "info",
  sending: "info",
};

export function ReceiptsCard({
  receipts,
  busy,
  onUndo,
}: {
  receipts: ReceiptRow[];
  busy: boolean;
  onUndo: (receiptId: string) => void;
}) {
  const { t, locale } = useI18n();
  if (receipts.length === 0) return null;
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("purchasing.receipts.heading")}
        </Text>
        {receipts.map((r) => (
          <InlineStack key={r.id} align="space-between" blockAlign="center" gap="200">
            <BlockStack gap="050">
              <Text as="span">
                {t(r.kind === "correction" ? "purchasing.receipts.correctionLine" : "purchasing.receipts.line", {
                  date: formatDay(r.createdAt.slice(0, 10), locale),
                  units: Math.abs(r.units),
                  location: r.locationName,
                })}
              </Text>
              {r.pushStatus === "failed" && r.pushError ? (
                <Text as="span" tone="critical" variant="bodySm">
                  {r.pushError}
                </Text>
              ) : null}
            </BlockStack>
            <InlineStack gap="200" blockAlign="center">
              <Badge tone={TONES[r.pushStatus]}>{t(`purchasing.status.${r.pushStatus}` as MessageKey)}</Badge>
              {r.kind === "receipt" && r.correctedBy ? <Badge>{t("purchasing.receipts.undone")}</Badge> : null}
              {r.kind === "receipt" && !r.correctedBy && r.units > 0 ? (
                <Button size="slim" id={`undo-${r.id}`} disabled={busy} onClick={() => onUndo(r.id)}>
                  {t("purchasing.receipts.undo")}
                </Button>
              ) : null}
            </InlineStack>
          </InlineStack>
        ))}
      </BlockStack>
    </Card>
  );
}
