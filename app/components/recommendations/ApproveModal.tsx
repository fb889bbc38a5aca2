// Bulk approval asks first: how many suggestions, the expected profit of the price changes and what the
// orders cost, as the table shows them (edited prices and quantities included).
import { BlockStack, Modal, Text } from "@shopify/polaris";
import { useI18n } from "~/i18n";
import { formatMoney } from "~/lib/format";

export interface ApprovalTotals {
  count: number;
  prices: number;
  profit: number;
  orders: number;
  /** Cost of the orders with a unit cost; `missingCost` counts the others. */
  orderCost: number;
  missingCost: number;
}

export function ApproveModal({
  totals,
  currency,
  busy,
  onCancel,
  onConfirm,
}: {
  totals: ApprovalTotals | null;
  currency: string;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t, locale } = useI18n();
  const money = (v: number) => formatMoney(v, currency, locale, Math.abs(v) >= 100 ? 0 : 2);
  const signed = (v: number) => (v > 0 ? `+${money(v)}` : money(v));
  const n = totals?.count ?? 0;
  return (
    <Modal
      open={totals !== null}
      onClose={onCancel}
      title={t("recommendations.confirm.title", { count: n })}
      primaryAction={{
        content: t("recommendations.confirm.approve", { count: n }),
        loading: busy,
        onAction: onConfirm,
      }}
      secondaryActions={[{ content: t("recommendations.cancel"), onAction: onCancel }]}
    >
      <Modal.Section>
        {totals ? (
          <BlockStack gap="200">
            {totals.prices > 0 ? (
              <Text as="p">
                <span data-testid="confirm-prices">
                  {t("recommendations.confirm.prices", { count: totals.prices, amount: signed(totals.profit) })}
                </span>
              </Text>
            ) : null}
            {totals.orders > 0 ? (
              <Text as="p">
                {totals.missingCost > 0
                  ? t("recommendations.confirm.ordersNoCost", { count: totals.orders })
                  : t("recommendations.confirm.orders", { count: totals.orders, amount: money(totals.orderCost) })}
              </Text>
            ) : null}
            {totals.prices > 0 ? (
              <Text as="p" tone="subdued">
                {t("recommendations.confirm.body")}
              </Text>
            ) : null}
          </BlockStack>
        ) : null}
      </Modal.Section>
    </Modal>
  );
}
