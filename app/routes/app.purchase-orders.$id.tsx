// A purchase order as a printable document (print CSS hides navigation and controls), with on-screen
// controls to print, download the CSV, mark it sent and record received units.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";
import { authenticate } from "~/shopify.server";
import { shopContext } from "~/services/shop.server";
import { loadPurchaseOrder } from "~/replenishment/views.server";
import { runReplenishmentAction } from "~/replenishment/actions.server";
import { actorOf } from "~/replenishment/actor.server";
import { useI18n } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import { formatDay, formatMoney, formatNumber } from "~/lib/format";
import { newIdempotencyKey } from "~/lib/idempotency-key";
import { StatusBadge } from "~/components/replenishment/PurchaseOrderTable";
import { DownloadCsvButton } from "~/components/replenishment/DownloadCsvButton";
import { PURCHASE_ORDER_CSS } from "~/components/replenishment/print.css";
import { DownloadFileButton } from "~/components/replenishment/DownloadFileButton";
import { ReceiptsCard } from "~/components/replenishment/ReceiptsCard";
import { receiptsOf } from "~/replenishment/receipts.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await shopContext(session.shop);
  const po = await loadPurchaseOrder(shop, params.id ?? "");
  if (!po) throw new Response("Not found", { status: 404 });
  const [shopRow, receipts, locations, vendor] = await Promise.all([
    shop.db.shop.findFirst({ select: { name: true } }),
    receiptsOf(shop, po.id),
    shop.db.location.findMany({ where: { isActive: true }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    shop.db.vendorSettings.findFirst({ where: { vendor: po.vendor }, select: { contactEmail: true } }),
  ]);
  return json({ po, shopName: shopRow?.name ?? shop.domain, receipts, locations, contactEmail: vendor?.contactEmail ?? null });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const auth = await authenticate.admin(request);
  const shop = await shopContext(auth.session.shop);
  const raw = (await request.json().catch(() => null)) as Record<string, unknown> | null;
  // The purchase order is the one in the URL, whatever the body says.
  const { status, body } = await runReplenishmentAction(shop, actorOf(auth), raw && { ...raw, purchaseOrderId: params.id });
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
    undoer.submit({ intent: "correct", receiptId, idempotencyKey: (undoKey.current ??= newIdempotencyKey()) }, { method: "post", encType: "application/json" });
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
    if (["UNKNOWN_LOCATION", "LOCATION_REQUIRED", "ALREADY_CORRECTED"].includes(suffix)) return t(`purchasing.error.${suffix}` as MessageKey);
    return t(code === "PURCHASE_ORDERS.INVALID_VALUE" ? "replenishment.error.receive" : (`replenishment.error.${suffix}` as MessageKey));
  };

  return (
    <>
      <style>{PURCHASE_ORDER_CSS}</style>
      <div className="po-screen po-screen-only">
        <InlineStack align="space-between" blockAlign="center">
          <Link to="/app/replenishment">← {t("replenishment.action.back")}</Link>
          <InlineStack gap="200">
            <DownloadCsvButton purchaseOrderId={po.id} number={po.number} size="medium" />
            <DownloadFileButton path={`/app/purchase-orders/${encodeURIComponent(po.id)}/pdf`} filename={`${po.number}.pdf`} label={t("purchasing.action.pdf")} id={`pdf-${po.id}`} size="medium" />
            <DownloadFileButton path={`/app/purchase-orders/${encodeURIComponent(po.id)}/eml`} filename={`${po.number}.eml`} label={t("purchasing.action.email")} id={`eml-${po.id}`} size="medium" />
            {po.status === "draft" ? (
              <Button onClick={() => fetcher.submit({ intent: "status", status: "sent" }, { method: "post", encType: "application/json" })}>
                {t("replenishment.action.send")}
              </Button>
            ) : null}
            <Button variant="primary" onClick={() => window.print()}>
              {t("replenishment.action.print")}
            </Button>
          </InlineStack>
        </InlineStack>
      </div>
      <article className="po-doc" aria-label={t("replenishment.po.title", { number: po.number })}>
        <h1>{t("replenishment.po.title", { number: po.number })}</h1>
        <div>{shopName}</div>
        <dl className="po-meta">
          <div>
            <dt>{t("replenishment.po.vendor")}</dt>
            <dd>{po.vendor || t("replenishment.vendor.noVendor")}</dd>
          </div>
          <div>
            <dt>{t("replenishment.po.created")}</dt>
            <dd>{day(po.createdAt.slice(0, 10))}</dd>
          </div>
          <div>
            <dt>{t("replenishment.po.expected")}</dt>
            <dd>{day(po.expectedAt)}</dd>
          </div>
          <div>
            <dt>{t("purchasing.po.destination")}</dt>
            <dd>{po.locationName ?? t("purchasing.po.noDestination")}</dd>
          </div>
          <div>
            <dt>{t("replenishment.po.status")}</dt>
            <dd>
              <StatusBadge status={po.status} />
            </dd>
          </div>
        </dl>
        <table>
          <thead>
            <tr>
              <th>{t("replenishment.col.sku")}</th>
              <th>{t("replenishment.col.product")}</th>
              <th>{t("replenishment.po.variant")}</th>
              <th className="num">{t("replenishment.po.quantity")}</th>
              <th className="num">{t("replenishment.col.unitCost")}</th>
              <th className="num">{t("replenishment.po.lineTotal")}</th>
              <th className="num">{t("replenishment.po.receivedSoFar")}</th>
              <th>{t("replenishment.col.expected")}</th>
            </tr>
          </thead>
          <tbody>
            {po.lines.map((l) => (
              <tr key={l.id}>
                <td>{l.sku ?? "—"}</td>
                <td>{l.product}</td>
                <td>{l.variant}</td>
                <td className="num">{formatNumber(l.quantity, locale)}</td>
                <td className="num">{money(l.unitCost)}</td>
                <td className="num">{money(l.lineTotal)}</td>
                <td className="num">{formatNumber(l.receivedQuantity, locale)}</td>
                <td>{day(l.expectedAt)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={3}>{t("replenishment.po.total")}</td>
              <td className="num">{formatNumber(po.units, locale)}</td>
              <td />
              <td className="num">{money(po.value)}</td>
              <td className="num">{formatNumber(po.receivedUnits, locale)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </article>
      {contactEmail ? null : (
        <div className="po-screen po-screen-only">
          <Banner tone="info">{t("purchasing.po.contactMissing")}</Banner>
        </div>
      )}
      {error && !(open && outstanding.length > 0) ? (
        <div className="po-screen po-screen-only">
          <Banner tone="critical">{errorText(error.code)}</Banner>
        </div>
      ) : null}
      {open && outstanding.length > 0 ? (
        <div className="po-screen po-screen-only">
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                {t("replenishment.action.receive")}
              </Text>
              {error ? <Banner tone="critical">{errorText(error.code)}</Banner> : null}
              {locations.length > 1 ? (
                <div style={{ maxWidth: 320 }}>
                  <Select
                    id="receive-location"
                    label={t("purchasing.receive.location")}
                    options={locations.map((l) => ({ label: l.name, value: l.id }))}
                    value={locationId}
                    onChange={setLocationId}
                  />
                </div>
              ) : null}
              {outstanding.map((l) => (
                <InlineStack key={l.id} gap="300" blockAlign="center" wrap={false}>
                  <div style={{ flex: 1 }}>
                    <Text as="span">
                      {l.product} · {l.variant}
                    </Text>
                    <Text as="p" tone="subdued" variant="bodySm">
                      {t("replenishment.po.outstanding")}: {formatNumber(l.quantity - l.receivedQuantity, locale)}
                    </Text>
                  </div>
                  <div style={{ width: 140 }}>
                    <TextField
                      id={`receive-${l.id}`}
                      label={t("replenishment.po.receiveNow")}
                      labelHidden
                      type="number"
                      min={0}
                      max={l.quantity - l.receivedQuantity}
                      autoComplete="off"
                      value={received[l.id] ?? ""}
                      onChange={(v) => setReceived((r) => ({ ...r, [l.id]: v }))}
                    />
                  </div>
                </InlineStack>
              ))}
              <InlineStack align="end">
                <Button variant="primary" loading={fetcher.state !== "idle"} disabled={Object.values(received).every((v) => v.trim() === "")} onClick={receive}>
                  {t("replenishment.action.receive")}
                </Button>
              </InlineStack>
            </BlockStack>
          </Card>
        </div>
      ) : null}
      <div className="po-screen po-screen-only">
        <ReceiptsCard receipts={receipts} busy={undoer.state !== "idle"} onUndo={undo} />
      </div>
    </>
  );
}
