import { BlockStack, Card, Link, List, Text } from "@shopify/polaris";
import { useI18n } from "~/i18n";
import { formatDay, formatNumber } from "~/lib/format";
import type { VariantBundles } from "~/bundles/variant.server";

/** A bundle's components and availability, or a component's bundles and its demand via bundles (docs/decisions/0024). */
export function BundlesCard({ bundles }: { bundles: VariantBundles }) {
  const { t, locale } = useI18n();
  const n = (v: number) => formatNumber(v, locale);
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          {t(bundles.bundle ? "bundles.card.bundleTitle" : "bundles.card.componentTitle")}
        </Text>
        {bundles.bundle ? (
          <>
            <List>
              {bundles.bundle.components.map((c) => (
                <List.Item key={c.id}>
                  <Link url={`/app/variants/${c.id}`} removeUnderline>
                    {c.label}
                  </Link>{" "}
                  {t("bundles.card.component", { quantity: c.quantity, available: n(c.available) })}
                </List.Item>
              ))}
            </List>
            <Text as="p" id="bundle-available">
              {bundles.bundle.available > 0
                ? t("bundles.card.available", {
                    count: bundles.bundle.available,
                    component: bundles.bundle.limitedBy ?? "",
                  })
                : t("bundles.card.unavailable", { component: bundles.bundle.limitedBy ?? "" })}
            </Text>
            <Text as="p" tone="subdued">
              {t("bundles.card.bundleNote")}
            </Text>
          </>
        ) : null}
        {bundles.partOf.length && !bundles.bundle ? (
          <>
            <List>
              {bundles.partOf.map((b) => (
                <List.Item key={b.id}>
                  <Link url={`/app/variants/${b.id}`} removeUnderline>
                    {b.label}
                  </Link>
                </List.Item>
              ))}
            </List>
            {bundles.demand ? (
              <Text as="p" id="bundle-demand">
                {t("bundles.card.demand", {
                  days: bundles.demand.days,
                  until: formatDay(bundles.demand.until, locale),
                  own: n(bundles.demand.own),
                  via: n(bundles.demand.viaBundles),
                })}
              </Text>
            ) : null}
            <Text as="p" tone="subdued">
              {t("bundles.card.componentNote")}
            </Text>
          </>
        ) : null}
      </BlockStack>
    </Card>
  );
}
