// The IndexTable: one row per suggestion, the proposed price or quantity editable in place.
import type { ReactNode } from "react";
import { useSearchParams } from "@remix-run/react";
import { Badge, Button, IndexTable, Link, Text, TextField } from "@shopify/polaris";
import type { IndexTableProps } from "@shopify/polaris";
import { useI18n } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import { formatMoney, formatPercent } from "~/lib/format";
import type { RecommendationListRow, RecommendationPage } from "~/services/recommendations.server";

/** Clicks inside a cell's control must not toggle the row's selection. */
const Stop = ({ children }: { children: ReactNode }) => (
  <div onClick={(e) => e.stopPropagation()}>{children}</div>
);

export function RecommendationsTable(props: {
  rows: RecommendationListRow[];
  currency: string;
  edits: Record<string, string>;
  errors: Record<string, string>;
  selectedResources: string[];
  allResourcesSelected: boolean;
  onSelectionChange: IndexTableProps["onSelectionChange"];
  onEdit: (id: string, value: string) => void;
  onExplain: (id: string) => void;
  onApprove: () => void;
  onReject: () => void;
  loading: boolean;
  page: RecommendationPage;
}) {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const { rows, currency } = props;
  const money = (v: number | null, digits = 2) => (v == null ? "—" : formatMoney(v, currency, locale, digits));
  const go = (key: "after" | "before", cursor: string | null) => {
    if (!cursor) return;
    const next = new URLSearchParams(params);
    next.delete("after");
    next.delete("before");
    next.set(key, cursor);
    setParams(next);
  };

  const markup = rows.map((r, index) => {
    const name = `${r.productTitle} · ${r.variantTitle}`;
    const price = r.kind === "price";
    return (
      <IndexTable.Row id={r.id} key={r.id} position={index} selected={props.selectedResources.includes(r.id)} tone={props.errors[r.id] ? "critical" : undefined}>
        <IndexTable.Cell>
          <Stop>
            <Link url={`/app/variants/${r.variantId}`} removeUnderline monochrome>
              <Text as="span" fontWeight="semibold">
                {r.productTitle}
              </Text>
            </Link>
          </Stop>
          <Text as="p" tone="subdued" variant="bodySm">
            {[r.variantTitle, r.sku, r.vendor].filter(Boolean).join(" · ")}
          </Text>
        </IndexTable.Cell>
        <IndexTable.Cell>
          <Badge tone={price ? "info" : "attention"}>{t(price ? "recommendations.kind.price" : "recommendations.kind.reorder")}</Badge>
        </IndexTable.Cell>
        <IndexTable.Cell>
          <Text as="span" numeric>
            {price ? money(r.currentPrice) : t("recommendations.units", { count: r.currentQuantity ?? 0 })}
          </Text>
        </IndexTable.Cell>
        <IndexTable.Cell>
          <Stop>
            <div style={{ maxWidth: 150 }}>
              <TextField
                label={t(price ? "recommendations.editPrice" : "recommendations.editQuantity", { name })}
                labelHidden
                type="number"
                step={price ? 0.01 : 1}
                min={0}
                value={props.edits[r.id] ?? String((price ? r.proposedPrice : r.proposedQuantity) ?? "")}
                onChange={(v) => props.onEdit(r.id, v)}
                autoComplete="off"
                suffix={price ? currency : undefined}
                error={props.errors[r.id]}
              />
            </div>
          </Stop>
        </IndexTable.Cell>
        <IndexTable.Cell>
          <Text as="span" numeric tone={r.expectedProfitDelta >= 0 ? "success" : "critical"}>
            {money(r.expectedProfitDelta, 0)}
          </Text>
        </IndexTable.Cell>
        <IndexTable.Cell>
          <Text as="span" numeric>
            {r.kind === "reorder"
              ? t("recommendations.risk", { value: formatPercent(r.confidence, locale, 0) })
              : t("recommendations.confidence", { value: formatPercent(r.confidence, locale, 0), words: t(confidenceWords(r.confidence)) })}
          </Text>
        </IndexTable.Cell>
        <IndexTable.Cell>
          <Stop>
            <Button variant="plain" onClick={() => props.onExplain(r.id)} accessibilityLabel={`${t("recommendations.explain")}: ${name}`}>
              {t("recommendations.explain")}
            </Button>
          </Stop>
        </IndexTable.Cell>
      </IndexTable.Row>
    );
  });

  return (
    <IndexTable
      resourceName={{ singular: t("recommendations.resourceSingular"), plural: t("recommendations.resourcePlural") }}
      itemCount={rows.length}
      selectedItemsCount={props.allResourcesSelected ? "All" : props.selectedResources.length}
      onSelectionChange={props.onSelectionChange}
      loading={props.loading}
      promotedBulkActions={[
        { content: t("recommendations.approve"), onAction: props.onApprove, disabled: props.loading },
        { content: t("recommendations.reject"), onAction: props.onReject, disabled: props.loading },
      ]}
      headings={[
        { title: t("recommendations.col.item") },
        { title: t("recommendations.col.type") },
        { title: t("recommendations.col.current"), alignment: "end" },
        { title: t("recommendations.col.proposed") },
        { title: t("recommendations.col.impact"), alignment: "end" },
        { title: t("recommendations.col.confidenceOrRisk"), alignment: "end" },
        { title: t("recommendations.col.why") },
      ]}
      emptyState={
        <Text as="p" alignment="center" tone="subdued">
          {t("recommendations.noResults")}
        </Text>
      }
      pagination={{
        hasNext: props.page.next != null,
        hasPrevious: props.page.previous != null,
        onNext: () => go("after", props.page.next),
        onPrevious: () => go("before", props.page.previous),
      }}
    >
      {markup}
    </IndexTable>
  );
}

/** Words for a probability that a price change raises profit (calibrated in bench:pricing's reliability table). */
export function confidenceWords(p: number): MessageKey {
  if (p >= 0.9) return "recommendations.confidence.veryLikely";
  if (p >= 0.75) return "recommendations.confidence.likely";
  if (p >= 0.5) return "recommendations.confidence.uncertain";
  return "recommendations.confidence.unlikely";
}
