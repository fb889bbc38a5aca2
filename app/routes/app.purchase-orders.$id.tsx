// A purchase order as a printable document (print CSS hides navigation and controls), with on-screen
// controls to print, download the CSV, mark it sent and record received units.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  FormLayout,
  InlineGrid,
  InlineStack,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { variantLabel } from "~/lib/variant-label";
import { useEffect, useRef, useState } from "react";
import { authenticate } from "~/shopify.server";
import { shopContext } from "~/services/shop.server";
import { loadPurchaseOrderPage } from "~/replenishment/purchase-order-page.server";
import { runReplenishmentAction } from "~/replenishment/actions.server";
import { actorOf } from "~/lib/actor";
import { useI18n } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import { formatDay, formatMoney, formatNumber } from "~/lib/format";
import { newIdempotencyKey } from "~/lib/idempotency-key";
import { StatusBadge } from "~/components/replenishment/PurchaseOrderTable";
import { DownloadCsvButton } from "~/components/replenishment/DownloadCsvButton";
import { PURCHASE_ORDER_CSS } from "~/components/replenishment/print.css";
import { DownloadFileButton } from "~/components/replenishment/DownloadFileButton";
import { ReceiptsCard } from "~/components/replenishment/ReceiptsCard";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await shopContext(session.shop);
  const page = await loadPurchaseOrderPage(shop, params.id ?? "");
  if (!page) throw new Response("Not found", { status: 404 });
  return json(page);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await authenticate.admin(request);
  const shop = await shopContext(auth.session.shop);
  const raw = (await request.json().catch(() => null)) as Record<string, unknown> | null;
  // The purchase order is the one in the URL, whatever the body says.
  const { status, body } = await runReplenishmentAction(
    shop,
    actorOf(auth),
    raw && { ...raw, purchaseOrderId: params.id },
  );
  return json(body, { status });
}

export default function PurchaseOrderPage() {
  const { po, shopName, receipts, locations, contactEmail } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const fetcher = useFetcher<typeof action>();
  const undoer = useFetcher<typeof action>();
  const [locationId, setLocationId] = useState(po.locationId ?? locations[0]?.id ?? "");
  // One key per undo: a double click sends the same key (recorded once).
  const undoKey = useRef<string | null>(null);
  // While Shopify's stock is being written, the page refreshes the receipts' status.
  const revalidator = useRevalidator();
  const writing = receipts.some((r) => r.pushStatus === "pending" || r.pushStatus === "sending");
  useEffect(() => {
    if (!writing) return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1500);
    return () => clearInterval(timer);
  }, [writing, revalidator]);
  useEffect(() => {
    if (undoer.state === "idle" && undoer.data) undoKey.current = null;
  }, [undoer.state, undoer.data]);
  const undo = (receiptId: string) =>
    undoer.submit(
      { intent: "correct", receiptId, idempotencyKey: (undoKey.current ??= newIdempotencyKey()) },
      { method: "post", encType: "application/json" },
    );
  const [received, setReceived] = useState<Record<string, string>>({});
  // One key per receipt: a double click or a resubmit before the answer sends the same key (recorded once).
  const receiptKey = useRef<string | null>(null);
  const money = (v: number | null) => (v === null ? "—" : formatMoney(v, po.currency, locale, 2));
  const day = (d: string | null) => (d ? formatDay(d, locale) : "—");
  const open = po.status !== "received" && po.status !== "cancelled";
  const outstanding = po.lines.filter((l) => l.quantity > l.receivedQuantity);
  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    receiptKey.current = null;
    if (fetcher.data.ok) setReceived({});
  }, [fetcher.state, fetcher.data]);
  const receive = () =>
    fetcher.submit(
      {
        intent: "receive",
        idempotencyKey: (receiptKey.current ??= newIdempotencyKey()),
        lines: Object.entries(received)
          .filter(([, v]) => v.trim() !== "")
          .map(([lineId, v]) => ({ lineId, quantity: Number(v) })),
        ...(locationId ? { locationId } : {}),
      },
      { method: "post", encType: "application/json" },
    );
  const failure = [fetcher.data, undoer.data].find((d) => d && !d.ok && "code" in d);
  const error = failure && !failure.ok && "code" in failure ? failure : null;
  const errorText = (code: string) => {
    const suffix = code.replace(/^.*\./, "");
    if (["UNKNOWN_LOCATION", "LOCATION_REQUIRED", "ALREADY_CORRECTED"].includes(suffix))
      return t(`purchasing.error.${suffix}` as MessageKey);
    return t(
      code === "PURCHASE_ORDERS.INVALID_VALUE"
        ? "replenishment.error.receive"
        : (`replenishment.error.${suffix}` as MessageKey),
    );
  };

  const lineName = (l: { product: string; variant: string }) => variantLabel(l.product, l.variant, " · ");
  const actions = [
    ...(po.status === "draft"
      ? [
          {
            content: t("replenishment.action.send"),
            onAction: () =>
              fetcher.submit({ intent: "status", status: "sent" }, { method: "post", encType: "application/json" }),
          },
        ]
      : []),
  ];
  return (
    <>
      <style>{PURCHASE_ORDER_CSS}</style>
      <Page
        title={t("replenishment.po.title", { number: po.number })}
        subtitle={shopName}
        titleMetadata={<StatusBadge status={po.status} />}
        backAction={{ content: t("replenishment.action.back"), url: "/app/replenishment" }}
        primaryAction={{ content: t("replenishment.action.print"), onAction: () => window.print() }}
        secondaryActions={actions}
      >
        <BlockStack gap="400">
          <div className="po-screen-only">
            <InlineStack align="end" gap="200">
              <DownloadCsvButton purchaseOrderId={po.id} number={po.number} size="medium" />
              <DownloadFileButton
                path={`/app/purchase-orders/${encodeURIComponent(po.id)}/pdf`}
                filename={`${po.number}.pdf`}
                label={t("purchasing.action.pdf")}
                id={`pdf-${po.id}`}
                size="medium"
              />
              <DownloadFileButton
                path={`/app/purchase-orders/${encodeURIComponent(po.id)}/eml`}
                filename={`${po.number}.eml`}
                label={t("purchasing.action.email")}
                id={`eml-${po.id}`}
                size="medium"
              />
            </InlineStack>
          </div>
          {contactEmail ? null : (
            <div className="po-screen-only">
              <Banner tone="info">{t("purchasing.po.contactMissing")}</Banner>
            </div>
          )}
          <div className="po-doc">
            <Card>
              <BlockStack gap="400">
                <InlineGrid columns={{ xs: 2, md: 5 }} gap="400">
                  {[
                    [t("replenishment.po.vendor"), po.vendor || t("replenishment.vendor.noVendor")],
                    [t("replenishment.po.created"), day(po.createdAt.slice(0, 10))],
                    [t("replenishment.po.expected"), day(po.expectedAt)],
                    [t("purchasing.po.destination"), po.locationName ?? t("purchasing.po.noDestination")],
                    [t("replenishment.po.total"), money(po.value)],
                  ].map(([label, value]) => (
                    <BlockStack gap="050" key={label}>
                      <Text as="span" variant="bodySm" tone="subdued">
                        {label}
                      </Text>
                      <Text as="span" fontWeight="semibold">
                        {value}
                      </Text>
                    </BlockStack>
                  ))}
                </InlineGrid>
                <DataTable
                  columnContentTypes={["text", "text", "numeric", "numeric", "numeric", "numeric", "text"]}
                  headings={[
                    t("replenishment.col.sku"),
                    t("replenishment.col.product"),
                    t("replenishment.po.quantity"),
                    t("replenishment.col.unitCost"),
                    t("replenishment.po.lineTotal"),
                    t("replenishment.po.receivedSoFar"),
                    t("replenishment.col.expected"),
                  ]}
                  rows={po.lines.map((l) => [
                    l.sku ?? "—",
                    lineName(l),
                    formatNumber(l.quantity, locale),
                    money(l.unitCost),
                    money(l.lineTotal),
                    formatNumber(l.receivedQuantity, locale),
                    day(l.expectedAt),
                  ])}
                  totals={[
                    "",
                    "",
                    formatNumber(po.units, locale),
                    "",
                    money(po.value),
                    formatNumber(po.receivedUnits, locale),
                    "",
                  ]}
                  totalsName={{ singular: t("replenishment.po.total"), plural: t("replenishment.po.total") }}
                  showTotalsInFooter
                />
              </BlockStack>
            </Card>
          </div>
          {error && !(open && outstanding.length > 0) ? (
            <div className="po-screen-only">
              <Banner tone="critical">{errorText(error.code)}</Banner>
            </div>
          ) : null}
          {open && outstanding.length > 0 ? (
            <div className="po-screen-only">
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    {t("replenishment.action.receive")}
                  </Text>
                  {error ? <Banner tone="critical">{errorText(error.code)}</Banner> : null}
                  <FormLayout>
                    {locations.length > 1 ? (
                      <Select
                        id="receive-location"
                        label={t("purchasing.receive.location")}
                        options={locations.map((l) => ({ label: l.name, value: l.id }))}
                        value={locationId}
                        onChange={setLocationId}
                      />
                    ) : null}
                    {outstanding.map((l) => (
                      <TextField
                        key={l.id}
                        id={`receive-${l.id}`}
                        label={`${t("replenishment.po.receiveNow")} · ${lineName(l)}`}
                        helpText={t("replenishment.po.outstandingCount", { count: l.quantity - l.receivedQuantity })}
                        type="number"
                        min={0}
                        max={l.quantity - l.receivedQuantity}
                        autoComplete="off"
                        value={received[l.id] ?? ""}
                        onChange={(v) => setReceived((r) => ({ ...r, [l.id]: v }))}
                      />
                    ))}
                  </FormLayout>
                  <InlineStack align="end">
                    <Button
                      variant="primary"
                      loading={fetcher.state !== "idle"}
                      disabled={Object.values(received).every((v) => v.trim() === "")}
                      onClick={receive}
                    >
                      {t("replenishment.action.receive")}
                    </Button>
                  </InlineStack>
                </BlockStack>
              </Card>
            </div>
          ) : null}
          <div className="po-screen-only">
            <ReceiptsCard receipts={receipts} busy={undoer.state !== "idle"} onUndo={undo} />
          </div>
        </BlockStack>
      </Page>
    </>
  );
}
