// Shown instead of a rollback when Shopify's price changed since the decision: both prices, and the merchant's
// choice between restoring the old price anyway (after ticking an explicit confirmation) and keeping Shopify's.
import { useEffect, useState } from "react";
import { BlockStack, Checkbox, Modal, Text } from "@shopify/polaris";
import { useI18n } from "~/i18n";
import { formatMoney } from "~/lib/format";
import type { PriceConflictData, PriceStateData } from "./schema";

export function ConflictModal({
  conflict,
  variant,
  currency,
  busy,
  onCancel,
  onRestore,
  onKeep,
}: {
  conflict: PriceConflictData | null;
  variant: string;
  currency: string;
  busy: boolean;
  onCancel: () => void;
  onRestore: (conflict: PriceConflictData) => void;
  onKeep: (conflict: PriceConflictData) => void;
}) {
  const { t, locale } = useI18n();
  const [confirmed, setConfirmed] = useState(false);
  const seen = conflict ? JSON.stringify(conflict.shopify) : "";
  useEffect(() => setConfirmed(false), [seen]); // a new Shopify price needs a new confirmation
  const money = (p: PriceStateData) =>
    formatMoney(p.price, currency, locale, 2) +
    (p.compareAtPrice === null
      ? ""
      : ` ${t("activity.conflict.compareAt", { price: formatMoney(p.compareAtPrice, currency, locale, 2) })}`);
  if (!conflict) return null;
  return (
    <Modal
      open
      onClose={onCancel}
      title={t("activity.conflict.title")}
      primaryAction={{
        content: t("activity.conflict.restore", { before: money(conflict.before) }),
        destructive: true,
        disabled: !confirmed,
        loading: busy,
        onAction: () => onRestore(conflict),
      }}
      secondaryActions={[
        {
          content: t("activity.conflict.keep", { shopify: money(conflict.shopify) }),
          disabled: busy,
          onAction: () => onKeep(conflict),
        },
        { content: t("activity.conflict.later"), onAction: onCancel },
      ]}
    >
      <Modal.Section>
        <BlockStack gap="300">
          <Text as="p">{t("activity.conflict.intro", { variant })}</Text>
          <div data-testid="conflict-prices">
            <BlockStack gap="100">
              <Text as="p" fontWeight="semibold">
                {t("activity.conflict.shopify", { price: money(conflict.shopify) })}
              </Text>
              <Text as="p">{t("activity.conflict.decided", { price: money(conflict.decided) })}</Text>
              <Text as="p">{t("activity.conflict.before", { price: money(conflict.before) })}</Text>
            </BlockStack>
          </div>
          <Checkbox
            label={t("activity.conflict.confirm", { shopify: money(conflict.shopify), before: money(conflict.before) })}
            checked={confirmed}
            onChange={setConfirmed}
          />
        </BlockStack>
      </Modal.Section>
    </Modal>
  );
}
