// The Recommendations page: filters, the IndexTable with inline edits, bulk approve / reject, the margin-floor
// override, the explanation panel and the push progress.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Card, Layout, Page, Text, useIndexResourceState } from "@shopify/polaris";
import { useI18n } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import { formatMoney } from "~/lib/format";
import { renderRefusal } from "~/i18n/reasons";
import type { RecommendationListRow, RecommendationPage } from "~/services/recommendations.server";
import { ApproveModal, type ApprovalTotals } from "./ApproveModal";
import { ExplanationModal } from "./ExplanationModal";
import { parseDecimal } from "./live-profit";
import { OverrideModal } from "./OverrideModal";
import { PushProgress } from "./PushProgress";
import { RecommendationsFilters } from "./RecommendationsFilters";
import { liveDelta, RecommendationsTable, rowName } from "./RecommendationsTable";
import type { ActionData, ListQuery } from "./schema";

export interface ViewData {
  currency: string;
  page: RecommendationPage;
  options: { vendors: string[]; productTypes: string[] };
  query: ListQuery;
  /** Filters of the URL that did not parse and were dropped. */
  ignored: string[];
}

type Item = { recommendationId: string; price?: number; quantity?: number; overrideReason?: string };

const newKey = () =>
  typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;

export function RecommendationsView({ data }: { data: ViewData }) {
  const { t, locale } = useI18n();
  const rows = data.page.rows;
  const fetcher = useFetcher<ActionData>();
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [explainId, setExplainId] = useState<string | null>(null);
  const [override, setOverride] = useState<string[] | null>(null);
  const [batch, setBatch] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<{ rows: RecommendationListRow[]; totals: ApprovalTotals } | null>(null);
  const [summary, setSummary] = useState<{ tone: "success" | "warning" | "critical"; text: string } | null>(null);
  // One key per submit: a double click (or a resubmit before the answer) sends the same key.
  const keyRef = useRef<string | null>(null);
  const names = useRef<Record<string, string>>({});
  for (const r of rows) names.current[r.variantId] = rowName(r);

  const { selectedResources, allResourcesSelected, handleSelectionChange, clearSelection } = useIndexResourceState(
    rows as unknown as { [key: string]: unknown }[],
  );
  const byId = useMemo(() => new Map(rows.map((r) => [r.id, r])), [rows]);

  const itemFor = useCallback(
    (r: RecommendationListRow, overrideReason?: string): Item => {
      const raw = edits[r.id];
      const item: Item = { recommendationId: r.id };
      if (raw != null && raw.trim() !== "") {
        const value = parseDecimal(raw) ?? Number.NaN;
        if (r.kind === "price") item.price = value;
        else item.quantity = value;
      }
      if (overrideReason) item.overrideReason = overrideReason;
      return item;
    },
    [edits],
  );

  const submit = useCallback(
    (intent: "approve" | "reject", items: Item[]) => {
      if (items.length === 0) return;
      keyRef.current ??= newKey();
      fetcher.submit(
        { payload: JSON.stringify({ intent, idempotencyKey: keyRef.current, items }) },
        { method: "post" },
      );
    },
    [fetcher],
  );

  /** What the confirmation shows: counts, the price changes' expected profit (edits included), the orders' cost. */
  const totalsOf = (list: RecommendationListRow[]): ApprovalTotals => {
    const t: ApprovalTotals = { count: list.length, prices: 0, profit: 0, orders: 0, orderCost: 0, missingCost: 0 };
    for (const r of list) {
      if (r.kind === "price") {
        t.prices += 1;
        t.profit += liveDelta(r, edits[r.id]) ?? r.expectedProfitDelta;
      } else {
        t.orders += 1;
        const quantity = parseDecimal(edits[r.id] ?? "") ?? r.proposedQuantity ?? 0;
        if (r.unitCost == null) t.missingCost += 1;
        else t.orderCost += r.unitCost * quantity;
      }
    }
    return t;
  };

  const selectedRows = () =>
    allResourcesSelected
      ? rows
      : selectedResources.map((id) => byId.get(id)).filter((r): r is RecommendationListRow => !!r);

  // Answers: row errors, the override prompt, the push progress.
  useEffect(() => {
    const d = fetcher.data;
    if (!d || fetcher.state !== "idle") return;
    keyRef.current = null;
    const next: Record<string, string> = {};
    const speaker = { t, locale, currency: data.currency };
    if (!d.ok) {
      for (const e of d.itemErrors ?? []) {
        next[e.recommendationId] =
          e.field === "price" || e.field === "quantity" ? t(`recommendations.error.${e.field}`) : e.message;
      }
      setErrors(next);
      setSummary(
        d.error ? { tone: "critical", text: t("recommendations.error.invalidInput", { message: d.error }) } : null,
      );
      return;
    }
    const failed = d.outcomes.filter((o) => !o.ok);
    const floor = failed.filter((o) => o.code === "DECISIONS.MARGIN_FLOOR").map((o) => o.recommendationId);
    for (const o of failed) {
      const code = (o.code ?? "").replace("DECISIONS.", "");
      const known = ["NOT_FOUND", "NOT_PENDING", "MARGIN_FLOOR", "INVALID_VALUE", "PAUSED"].includes(code);
      next[o.recommendationId] =
        renderRefusal(speaker, o.params) ?? t(`recommendations.error.${known ? code : "OTHER"}` as MessageKey);
    }
    setErrors(next);
    const okCount = d.outcomes.length - failed.length;
    const done = t(d.intent === "approve" ? "recommendations.result.approved" : "recommendations.result.rejected", {
      count: okCount,
    });
    setSummary({
      tone: failed.length ? "warning" : "success",
      text: failed.length ? `${done}. ${t("recommendations.result.failed", { count: failed.length })}` : done,
    });
    if (d.intent === "approve" && d.batchId && d.pushJobId) setBatch(d.batchId);
    if (floor.length > 0) setOverride(floor);
    clearSelection();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- react to each answer once
  }, [fetcher.data, fetcher.state]);

  const busy = fetcher.state !== "idle";
  const overrideRows = (override ?? []).map((id) => byId.get(id)).filter((r): r is RecommendationListRow => !!r);

  return (
    <Page fullWidth title={t("recommendations.title")} subtitle={t("recommendations.subtitle")}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {summary ? (
              <Banner tone={summary.tone} onDismiss={() => setSummary(null)}>
                <span data-testid="decision-summary">{summary.text}</span>
              </Banner>
            ) : null}
            {data.ignored.length > 0 ? (
              <Banner tone="warning">{t("recommendations.filter.ignored", { names: data.ignored.join(", ") })}</Banner>
            ) : null}
            {batch ? <PushProgress key={batch} batchId={batch} names={names.current} /> : null}
            <Card padding="0">
              <RecommendationsFilters query={data.query} options={data.options} currency={data.currency} />
              <RecommendationsTable
                rows={rows}
                currency={data.currency}
                edits={edits}
                errors={errors}
                selectedResources={selectedResources}
                allResourcesSelected={allResourcesSelected}
                onSelectionChange={handleSelectionChange}
                onEdit={(id, value) => setEdits((e) => ({ ...e, [id]: value }))}
                onExplain={setExplainId}
                loading={busy}
                page={data.page}
                onApprove={() => {
                  const list = selectedRows();
                  if (list.length) setConfirm({ rows: list, totals: totalsOf(list) });
                }}
                onReject={() =>
                  submit(
                    "reject",
                    selectedRows().map((r) => ({ recommendationId: r.id })),
                  )
                }
              />
            </Card>
            {data.page.totals ? (
              <Text as="p" tone="subdued">
                <span data-testid="totals">
                  {t("recommendations.totals", {
                    count: data.page.totals.count,
                    amount: formatMoney(data.page.totals.expectedProfitDelta, data.currency, locale),
                  })}
                </span>
              </Text>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
      <ApproveModal
        totals={confirm?.totals ?? null}
        currency={data.currency}
        busy={busy}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          if (confirm)
            submit(
              "approve",
              confirm.rows.map((r) => itemFor(r)),
            );
          setConfirm(null);
        }}
      />
      <ExplanationModal id={explainId} currency={data.currency} onClose={() => setExplainId(null)} />
      <OverrideModal
        count={overrideRows.length}
        open={overrideRows.length > 0}
        busy={busy}
        onCancel={() => setOverride(null)}
        onConfirm={(reason) => {
          submit(
            "approve",
            overrideRows.map((r) => itemFor(r, reason)),
          );
          setOverride(null);
        }}
      />
    </Page>
  );
}
