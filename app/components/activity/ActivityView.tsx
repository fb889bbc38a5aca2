// The Activity page: filters, the decisions (with rollback) and the audit log, each paginated on the server.
import { useEffect, useMemo, useState } from "react";
import { useFetcher, useRevalidator, useSearchParams } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  InlineStack,
  Layout,
  Modal,
  Page,
  Pagination,
  Select,
  Text,
} from "@shopify/polaris";
import { useI18n } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import type { ActivityView as ActivityData, DecisionRow } from "~/services/activity.server";
import { AuditTable } from "./AuditTable";
import { DecisionsTable, valueText } from "./DecisionsTable";
import { ConflictModal } from "./ConflictModal";
import { RollbackModal } from "./RollbackModal";
import type { ActivityQueryParams, PriceConflictData, RollbackActionData } from "./schema";

const POLL_MS = 1500;
const KNOWN_ERRORS = new Set([
  "DECISIONS.NOT_FOUND",
  "DECISIONS.NOT_ROLLBACKABLE",
  "DECISIONS.NO_CONFLICT",
  "DECISIONS.SHOPIFY_UNAVAILABLE",
]);

function newKey(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function ActivityView({
  view,
  currency,
  query,
}: {
  view: ActivityData;
  currency: string;
  query: ActivityQueryParams;
}) {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const fetcher = useFetcher<RollbackActionData>();
  const revalidator = useRevalidator();
  const [target, setTarget] = useState<{ row: DecisionRow; key: string } | null>(null);
  const [conflict, setConflict] = useState<PriceConflictData | null>(null);
  const [batchConfirm, setBatchConfirm] = useState<{ id: string; count: number; key: string } | null>(null);
  const close = () => {
    setTarget(null);
    setConflict(null);
  };
  const units = (n: number) => t("activity.units", { count: n });

  const setParam = (name: string, value: string | null, resetPage?: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (resetPage) next.delete(resetPage);
    setParams(next);
  };

  // Pushes in flight: refresh until Shopify answered.
  const inFlight = view.decisions.rows.some((r) => r.pushStatus === "pending" || r.pushStatus === "pushing");
  useEffect(() => {
    if (!inFlight || revalidator.state !== "idle") return;
    const timer = setTimeout(() => revalidator.revalidate(), POLL_MS);
    return () => clearTimeout(timer);
  }, [inFlight, revalidator]);

  const result = fetcher.data;
  useEffect(() => {
    if (fetcher.state !== "idle" || !result) return;
    // Shopify's price changed since: the merchant chooses in the conflict dialog. Otherwise the dialogs close
    // (on an error, so that its banner is seen).
    if (!result.ok && result.conflict) setConflict(result.conflict);
    else {
      setTarget(null);
      setConflict(null);
      setBatchConfirm(null);
    }
  }, [fetcher.state, result]);

  const error = useMemo(() => {
    if (!result || result.ok || result.conflict) return null;
    if (result.fieldErrors) {
      return Object.entries(result.fieldErrors)
        .map(([field, message]) => t("activity.error.invalid", { field, message }))
        .join(" ");
    }
    const key = `activity.error.${result.code}` as MessageKey;
    return KNOWN_ERRORS.has(result.code ?? "") ? t(key, { message: result.message ?? "" }) : (result.message ?? "");
  }, [result, t]);

  const pages = (total: number) => Math.max(1, Math.ceil(total / 20));
  const kindOptions = [
    { label: t("activity.filter.kind.all"), value: "" },
    ...(["price", "reorder", "rollback"] as const).map((k) => ({ label: t(`activity.kind.${k}`), value: k })),
  ];
  const automaticOptions = [
    { label: t("activity.filter.automatic.all"), value: "" },
    { label: t("activity.filter.automatic.yes"), value: "yes" },
    { label: t("activity.filter.automatic.no"), value: "no" },
  ];

  return (
    <Page title={t("activity.title")} subtitle={t("activity.subtitle")}>
      <Layout>
        {result?.ok ? (
          <Layout.Section>
            <Banner
              tone={result.intent === "rollbackBatch" && result.conflicts + result.failed > 0 ? "warning" : "success"}
            >
              <span data-testid="activity-result">
                {result.intent === "keep"
                  ? t("activity.conflict.kept")
                  : result.intent === "rollbackBatch"
                    ? [
                        t("activity.batch.done", { sent: result.sent }),
                        result.conflicts > 0 ? t("activity.batch.skipped", { count: result.conflicts }) : "",
                      ]
                        .filter(Boolean)
                        .join(" ")
                    : t("activity.rollback.sent")}
              </span>
            </Banner>
          </Layout.Section>
        ) : null}
        {error ? (
          <Layout.Section>
            <div data-testid="activity-error">
              <Banner tone="critical">{error}</Banner>
            </div>
          </Layout.Section>
        ) : null}
        {view.batch ? (
          <Layout.Section>
            <Card>
              <InlineStack align="space-between" blockAlign="center" gap="300">
                <BlockStack gap="100">
                  <Text as="h2" variant="headingMd">
                    {t("activity.batch.heading")}
                  </Text>
                  <Text as="p" tone="subdued">
                    {t("activity.batch.body", { count: view.batch.rollbackable })}
                  </Text>
                </BlockStack>
                <InlineStack gap="200">
                  <Button onClick={() => setParam("batch", null, "page")}>{t("activity.batch.clear")}</Button>
                  {view.batch.rollbackable > 0 ? (
                    <Button
                      tone="critical"
                      variant="primary"
                      onClick={() =>
                        setBatchConfirm({ id: view.batch!.id, count: view.batch!.rollbackable, key: newKey() })
                      }
                    >
                      {t("activity.batch.rollback", { count: view.batch.rollbackable })}
                    </Button>
                  ) : null}
                </InlineStack>
              </InlineStack>
            </Card>
          </Layout.Section>
        ) : null}
        <Layout.Section>
          <Card padding="0">
            <BlockStack gap="300">
              <div style={{ padding: "var(--p-space-400) var(--p-space-400) 0" }}>
                <InlineStack gap="400" align="space-between" blockAlign="end">
                  <Text as="h2" variant="headingMd">
                    {t("activity.decisions.title")}
                  </Text>
                  <InlineStack gap="300">
                    <Select
                      label={t("activity.filter.kind")}
                      labelInline
                      options={kindOptions}
                      value={query.kind ?? ""}
                      onChange={(v) => setParam("kind", v, "page")}
                    />
                    <Select
                      label={t("activity.filter.automatic")}
                      labelInline
                      options={automaticOptions}
                      value={query.automatic ?? ""}
                      onChange={(v) => setParam("automatic", v, "page")}
                    />
                  </InlineStack>
                </InlineStack>
              </div>
              <DecisionsTable
                rows={view.decisions.rows}
                currency={currency}
                onRollback={(row) => setTarget({ row, key: newKey() })}
                onBatch={view.batch ? undefined : (id) => setParam("batch", id, "page")}
              />
              <div style={{ padding: "0 var(--p-space-400) var(--p-space-400)" }}>
                <Pagination
                  hasPrevious={view.decisions.page > 1}
                  hasNext={view.decisions.hasNext}
                  onPrevious={() => setParam("page", String(view.decisions.page - 1))}
                  onNext={() => setParam("page", String(view.decisions.page + 1))}
                  label={t("activity.page", { page: view.decisions.page, pages: pages(view.decisions.total) })}
                />
              </div>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <BlockStack gap="300">
              <div style={{ padding: "var(--p-space-400) var(--p-space-400) 0" }}>
                <Text as="h2" variant="headingMd">
                  {t("activity.audit.title")}
                </Text>
              </div>
              <AuditTable rows={view.audit.rows} currency={currency} />
              <div style={{ padding: "0 var(--p-space-400) var(--p-space-400)" }}>
                <Pagination
                  hasPrevious={view.audit.page > 1}
                  hasNext={view.audit.hasNext}
                  onPrevious={() => setParam("auditPage", String(view.audit.page - 1))}
                  onNext={() => setParam("auditPage", String(view.audit.page + 1))}
                  label={t("activity.page", { page: view.audit.page, pages: pages(view.audit.total) })}
                />
              </div>
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
      <RollbackModal
        open={target !== null && conflict === null}
        variant={target?.row.variantLabel ?? ""}
        before={target ? valueText(target.row.before, currency, locale, units) : ""}
        after={target ? valueText(target.row.after, currency, locale, units) : ""}
        busy={fetcher.state !== "idle"}
        onCancel={close}
        onConfirm={() => {
          if (!target) return;
          fetcher.submit(
            { intent: "rollback", decisionId: target.row.id, idempotencyKey: target.key },
            { method: "post" },
          );
        }}
      />
      <Modal
        open={batchConfirm !== null}
        onClose={() => setBatchConfirm(null)}
        title={t("activity.batch.title", { count: batchConfirm?.count ?? 0 })}
        primaryAction={{
          content: t("activity.batch.rollback", { count: batchConfirm?.count ?? 0 }),
          destructive: true,
          loading: fetcher.state !== "idle",
          onAction: () =>
            batchConfirm &&
            fetcher.submit(
              { intent: "rollbackBatch", batchId: batchConfirm.id, idempotencyKey: batchConfirm.key },
              { method: "post" },
            ),
        }}
        secondaryActions={[{ content: t("activity.rollback.cancel"), onAction: () => setBatchConfirm(null) }]}
      >
        <Modal.Section>
          <Text as="p">{t("activity.batch.confirm")}</Text>
        </Modal.Section>
      </Modal>
      <ConflictModal
        conflict={target ? conflict : null}
        variant={target?.row.variantLabel ?? ""}
        currency={currency}
        busy={fetcher.state !== "idle"}
        onCancel={close}
        onRestore={(c) => {
          if (!target) return;
          const overwrite = {
            overwritePrice: c.shopify.price.toFixed(2),
            overwriteCompareAtPrice: c.shopify.compareAtPrice === null ? "" : c.shopify.compareAtPrice.toFixed(2),
          };
          fetcher.submit(
            { intent: "rollback", decisionId: target.row.id, idempotencyKey: target.key, ...overwrite },
            { method: "post" },
          );
        }}
        onKeep={(c) => fetcher.submit({ intent: "keep", decisionId: c.decisionId }, { method: "post" })}
      />
    </Page>
  );
}
