import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useFetcher, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Layout, Page, Text } from "@shopify/polaris";
import { useCallback, useEffect, useState } from "react";
import { authenticate } from "~/shopify.server";
import { shopContext } from "~/services/shop.server";
import { listPurchaseOrders, pendingReordersByVendor, pendingTransfers } from "~/replenishment/views.server";
import { recentTransfers } from "~/replenishment/transfers.server";
import { TransfersCard } from "~/components/replenishment/TransfersCard";
import { runReplenishmentAction } from "~/replenishment/actions.server";
import { actorOf } from "~/lib/actor";
import { useI18n } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import { VendorGroupCard } from "~/components/replenishment/VendorGroupCard";
import { PurchaseOrderTable } from "~/components/replenishment/PurchaseOrderTable";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await shopContext(session.shop);
  const [{ groups, truncated }, purchaseOrders, transferSuggestions, transfers] = await Promise.all([
    pendingReordersByVendor(shop),
    listPurchaseOrders(shop),
    pendingTransfers(shop),
    recentTransfers(shop, 20),
  ]);
  return json({ currency: shop.currency, groups, truncated, purchaseOrders, transferSuggestions, transfers });
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await authenticate.admin(request);
  const shop = await shopContext(auth.session.shop);
  const { status, body } = await runReplenishmentAction(shop, actorOf(auth), await request.json().catch(() => null));
  return json(body, { status });
}

const newKey = () =>
  typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;

export default function ReplenishmentPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const approver = useFetcher<typeof action>();
  const orders = useFetcher<typeof action>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // One key per approval attempt: a double click or a retried request is the same approval.
  const [key, setKey] = useState(newKey);
  const [dateErrors, setDateErrors] = useState<Record<string, string>>({});
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const transferer = useFetcher<typeof action>();
  const [transferSelection, setTransferSelection] = useState<Set<string>>(new Set());
  const [transferKey, setTransferKey] = useState(newKey);
  useEffect(() => {
    if (transferer.state === "idle" && transferer.data?.intent === "approveTransfers" && transferer.data.ok) {
      setTransferSelection(new Set());
      setTransferKey(newKey());
    }
  }, [transferer.state, transferer.data]);
  const transfersDone = transferer.data?.intent === "approveTransfers" && transferer.data.ok ? transferer.data : null;

  useEffect(() => {
    if (approver.state === "idle" && approver.data?.intent === "approve" && approver.data.ok) {
      const refused = new Set(approver.data.failed.map((f) => f.recommendationId));
      setSelected(new Set([...selected].filter((id) => refused.has(id))));
      setQuantities((q) => Object.fromEntries(Object.entries(q).filter(([id]) => refused.has(id))));
      setKey(newKey());
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once per answer, not per selection change
  }, [approver.state, approver.data]);
  useEffect(() => {
    const r = orders.data;
    if (!r || orders.state !== "idle") return;
    if (r.ok) setDateErrors({});
    else if (r.intent === "expected" && "purchaseOrderId" in r && r.purchaseOrderId) {
      const id = r.purchaseOrderId;
      setDateErrors((e) => ({ ...e, [id]: t("replenishment.error.date") }));
    }
  }, [orders.state, orders.data, t]);

  // Stable callbacks: the vendor cards are memoised and re-render only for their own lines.
  const toggle = useCallback(
    (id: string, on: boolean) =>
      setSelected((s) => {
        const next = new Set(s);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );
  const toggleAll = useCallback(
    (ids: string[], on: boolean) =>
      setSelected((s) => {
        const next = new Set(s);
        for (const id of ids) {
          if (on) next.add(id);
          else next.delete(id);
        }
        return next;
      }),
    [],
  );
  const approve = () => {
    const edited = Object.fromEntries(
      Object.entries(quantities)
        .filter(([id, v]) => selected.has(id) && v.trim() !== "")
        .map(([id, v]) => [id, Number(v)]),
    );
    approver.submit(
      { intent: "approve", idempotencyKey: key, recommendationIds: [...selected], quantities: edited },
      { method: "post", encType: "application/json" },
    );
  };
  const onQuantity = useCallback((id: string, value: string) => {
    setQuantities((q) => ({ ...q, [id]: value }));
    setKey(newKey()); // a different order is a different approval
  }, []);
  const quantityErrors: Record<string, string> = {};
  if (approver.data?.intent === "approve" && approver.data.ok) {
    for (const f of approver.data.failed)
      if (f.code === "DECISIONS.INVALID_VALUE") quantityErrors[f.recommendationId] = t("replenishment.error.quantity");
  }

  const result = approver.data?.intent === "approve" && approver.data.ok ? approver.data : null;
  const failedReason = (code: string) => {
    const known = ["NOT_FOUND", "NOT_PENDING", "MARGIN_FLOOR", "INVALID_VALUE", "PAUSED"];
    const short = code.replace(/^DECISIONS\./, "");
    return t(`recommendations.error.${known.includes(short) ? short : "OTHER"}` as MessageKey);
  };
  const failure = orders.data && !orders.data.ok && orders.data.intent !== "expected" ? orders.data : null;
  return (
    <Page title={t("replenishment.title")} subtitle={t("replenishment.subtitle")}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result ? (
              <Banner tone={result.failed.length ? "warning" : "success"}>
                <BlockStack gap="100">
                  <Text as="p">
                    {t("replenishment.approved", { count: result.approved })}{" "}
                    {result.purchaseOrders.length
                      ? result.purchaseOrders.map((p, i) => (
                          <span key={p.id}>
                            {i > 0 ? ", " : ""}
                            <Link to={`/app/purchase-orders/${p.id}`}>{p.number}</Link>
                          </span>
                        ))
                      : "—"}
                  </Text>
                  {result.failed.length ? (
                    <Text as="p">
                      {t("replenishment.approveFailed", {
                        count: result.failed.length,
                        reasons: [...new Set(result.failed.map((f) => failedReason(f.code)))].join(" "),
                      })}
                    </Text>
                  ) : null}
                </BlockStack>
              </Banner>
            ) : null}
            {transfersDone ? (
              <Banner tone="success">{t("purchasing.transfers.approved", { count: transfersDone.approved })}</Banner>
            ) : null}
            {failure && "code" in failure ? (
              <Banner tone="critical">
                {t(`replenishment.error.${failure.code.replace(/^.*\./, "")}` as MessageKey)}
              </Banner>
            ) : null}
            {/* Stays at the top of the window on a long page, so approving never needs scrolling back. */}
            <div style={{ position: "sticky", top: 0, zIndex: 20 }} data-testid="approve-bar">
              <Card>
                <InlineStack align="space-between" blockAlign="center">
                  <BlockStack gap="100">
                    <Text as="h2" variant="headingMd">
                      {t("replenishment.suggestions.heading")}
                    </Text>
                    {d.truncated ? (
                      <Text as="p" tone="subdued">
                        {t("replenishment.suggestions.truncated", {
                          count: d.groups.reduce((s, g) => s + g.lines.length, 0),
                        })}
                      </Text>
                    ) : null}
                  </BlockStack>
                  <Button
                    id="approve-reorders"
                    variant="primary"
                    disabled={selected.size === 0}
                    loading={approver.state !== "idle"}
                    onClick={approve}
                  >
                    {t("replenishment.approve", { count: selected.size })}
                  </Button>
                </InlineStack>
              </Card>
            </div>
            {d.groups.length === 0 ? (
              <Card>
                <Text as="p" tone="subdued">
                  {t("replenishment.suggestions.none")}
                </Text>
              </Card>
            ) : (
              d.groups.map((g) => (
                <VendorGroupCard
                  key={g.vendor}
                  group={g}
                  currency={d.currency}
                  selected={selected}
                  quantities={quantities}
                  errors={quantityErrors}
                  onToggle={toggle}
                  onToggleAll={toggleAll}
                  onQuantity={onQuantity}
                />
              ))
            )}
            <TransfersCard
              suggestions={d.transferSuggestions}
              transfers={d.transfers}
              selected={transferSelection}
              busy={transferer.state !== "idle"}
              onToggle={(id, on) =>
                setTransferSelection((s) => {
                  const next = new Set(s);
                  if (on) next.add(id);
                  else next.delete(id);
                  return next;
                })
              }
              onApprove={() =>
                transferer.submit(
                  {
                    intent: "approveTransfers",
                    idempotencyKey: transferKey,
                    recommendationIds: [...transferSelection],
                  },
                  { method: "post", encType: "application/json" },
                )
              }
            />
            <PurchaseOrderTable
              orders={d.purchaseOrders}
              currency={d.currency}
              errors={dateErrors}
              onStatus={(id, status) =>
                orders.submit(
                  { intent: "status", purchaseOrderId: id, status },
                  { method: "post", encType: "application/json" },
                )
              }
              onExpected={(id, day) =>
                orders.submit(
                  { intent: "expected", purchaseOrderId: id, expectedAt: day },
                  { method: "post", encType: "application/json" },
                )
              }
            />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
