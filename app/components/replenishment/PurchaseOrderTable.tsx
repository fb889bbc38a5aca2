// Purchase orders with status, editable expected arrival and actions (open, CSV, sent, cancel).
import { Badge, BlockStack, Button, Card, DataTable, InlineStack, Text, TextField } from "@shopify/polaris";
import { Link } from "@remix-run/react";
import { useState } from "react";
import { useI18n } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import { formatDay, formatMoney, formatNumber } from "~/lib/format";
import { DownloadCsvButton } from "./DownloadCsvButton";

export interface PurchaseOrderRow {
  id: string;
  number: string;
  vendor: string;
  /** Destination location's name (plans per location). */
  destination?: string | null;
  status: string;
  expectedAt: string | null;
  units: number;
  receivedUnits: number;
  value: number;
}

const TONES: Record<string, "info" | "success" | "attention" | "critical" | undefined> = {
  draft: undefined,
  sent: "info",
  partially_received: "attention",
  received: "success",
  cancelled: "critical",
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return <Badge tone={TONES[status]}>{t(`replenishment.status.${status}` as MessageKey)}</Badge>;
}

function ExpectedDate({ po, error, onSave }: { po: PurchaseOrderRow; error?: string; onSave: (day: string) => void }) {
  const { t, locale } = useI18n();
  const [value, setValue] = useState(po.expectedAt ?? "");
  const open = po.status !== "received" && po.status !== "cancelled";
  if (!open) return <>{po.expectedAt ? formatDay(po.expectedAt, locale) : "—"}</>;
  return (
    <InlineStack gap="100" blockAlign="start" wrap={false}>
      <TextField
        label={`${t("replenishment.col.expected")} ${po.number}`}
        labelHidden
        type="date"
        autoComplete="off"
        value={value}
        onChange={setValue}
        error={error}
        id={`expected-${po.id}`}
      />
      <Button onClick={() => onSave(value)} disabled={value === (po.expectedAt ?? "")}>
        {t("replenishment.action.saveDate")}
      </Button>
    </InlineStack>
  );
}

export function PurchaseOrderTable({
  orders,
  currency,
  errors,
  onStatus,
  onExpected,
}: {
  orders: PurchaseOrderRow[];
  currency: string;
  errors: Record<string, string>;
  onStatus: (id: string, status: "sent" | "cancelled") => void;
  onExpected: (id: string, day: string) => void;
}) {
  const { t, locale } = useI18n();
  const rows = orders.map((po) => [
    <Link key="n" to={`/app/purchase-orders/${po.id}`}>
      {po.number}
    </Link>,
    po.destination
      ? `${po.vendor || t("replenishment.vendor.noVendor")} → ${po.destination}`
      : po.vendor || t("replenishment.vendor.noVendor"),
    <StatusBadge key="s" status={po.status} />,
    <ExpectedDate key={`d-${po.expectedAt}`} po={po} error={errors[po.id]} onSave={(day) => onExpected(po.id, day)} />,
    formatNumber(po.units, locale),
    formatNumber(po.receivedUnits, locale),
    formatMoney(po.value, currency, locale, 2),
    <InlineStack key="a" gap="100" wrap={false}>
      <DownloadCsvButton purchaseOrderId={po.id} number={po.number} />
      {po.status === "draft" ? (
        <Button size="slim" onClick={() => onStatus(po.id, "sent")}>
          {t("replenishment.action.send")}
        </Button>
      ) : null}
      {po.status === "draft" || po.status === "sent" ? (
        <Button size="slim" tone="critical" variant="plain" onClick={() => onStatus(po.id, "cancelled")}>
          {t("replenishment.action.cancel")}
        </Button>
      ) : null}
    </InlineStack>,
  ]);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("replenishment.orders.heading")}
        </Text>
        {orders.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("replenishment.orders.none")}
          </Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "text", "numeric", "numeric", "numeric", "text"]}
            headings={[
              t("replenishment.col.number"),
              t("replenishment.col.vendor"),
              t("replenishment.col.status"),
              t("replenishment.col.expected"),
              t("replenishment.col.units"),
              t("replenishment.col.received"),
              t("replenishment.col.value"),
              t("replenishment.col.actions"),
            ]}
            rows={rows}
          />
        )}
      </BlockStack>
    </Card>
  );
}
