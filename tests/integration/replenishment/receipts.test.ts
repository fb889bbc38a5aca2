// Receiving a purchase order never exceeds the ordered units: duplicate lines in one request, two receipts
// racing, a replayed request and plain over-receipts. Runs on SQLite (npm test) and PostgreSQL (npm run test:pg).
import { beforeAll, describe, expect, it } from "vitest";
import { harness, type Catalogue, type Harness } from "./support";

const SHOP = "receipts-shop.myshopify.com";
let h: Harness;
let cat: Catalogue;
let n = 0;

/** A sent purchase order with one line of `ordered` units of the first variant. */
async function purchaseOrder(ordered: number) {
  const po = await h.prisma.purchaseOrder.create({
    data: {
      shopId: cat.shopId,
      number: `PO-R${++n}`,
      vendor: "Atelier, Nord",
      status: "sent",
      currency: "EUR",
      sentAt: new Date(),
    },
  });
  const line = await h.prisma.purchaseOrderLine.create({
    data: { shopId: cat.shopId, purchaseOrderId: po.id, variantId: cat.variants[0].id, quantity: ordered },
  });
  return { poId: po.id, lineId: line.id };
}

async function receive(poId: string, key: string, lines: { lineId: string; quantity: number }[]) {
  const res = await h.call(
    "app.purchase-orders.$id",
    "action",
    h.request(SHOP, `/app/purchase-orders/${poId}`, { json: { intent: "receive", idempotencyKey: key, lines } }),
    { id: poId },
  );
  return { status: res.status, body: (await res.json()) as { ok: boolean; code?: string; field?: string } };
}

async function state(poId: string, lineId: string) {
  const po = await h.prisma.purchaseOrder.findUniqueOrThrow({ where: { id: poId } });
  const line = await h.prisma.purchaseOrderLine.findUniqueOrThrow({ where: { id: lineId } });
  const receipts = await h.prisma.auditEvent.count({
    where: { shopId: cat.shopId, action: "purchase_order.received", entityId: poId },
  });
  return { status: po.status, received: line.receivedQuantity, receipts };
}

beforeAll(async () => {
  h = await harness();
  await h.install(SHOP);
  cat = await h.seedCatalogue(SHOP);
});

describe("receipts never exceed the ordered units", () => {
  it("sums a line listed twice in one request, and refuses the request when the sum is over", async () => {
    // GIVEN a line of 120 units
    const { poId, lineId } = await purchaseOrder(120);
    // WHEN one request lists it twice with 120 each
    const over = await receive(poId, "dup-lines-over", [
      { lineId, quantity: 120 },
      { lineId, quantity: 120 },
    ]);
    // THEN it is refused by name on the line, and nothing is received
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ ok: false, code: "PURCHASE_ORDERS.OVER_RECEIPT", field: "lines.0.quantity" });
    expect(await state(poId, lineId)).toEqual({ status: "sent", received: 0, receipts: 0 });
    // WHEN a request lists it twice with 60 each
    const ok = await receive(poId, "dup-lines-ok", [
      { lineId, quantity: 60 },
      { lineId, quantity: 60 },
    ]);
    // THEN 120 are received (not 240) and the order is received
    expect(ok.status).toBe(200);
    expect(await state(poId, lineId)).toEqual({ status: "received", received: 120, receipts: 1 });
  });

  it("lets only one of two racing receipts of 10 on an 18-unit line through", async () => {
    // GIVEN a line of 18 units
    const { poId, lineId } = await purchaseOrder(18);
    // WHEN two receipts of 10 (different keys) arrive at the same time
    const results = await Promise.all([
      receive(poId, "race-a-000", [{ lineId, quantity: 10 }]),
      receive(poId, "race-b-000", [{ lineId, quantity: 10 }]),
    ]);
    // THEN one is recorded, the other refused by name, and the stored units match the one audit
    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
    expect(results.find((r) => r.status === 422)!.body.code).toBe("PURCHASE_ORDERS.OVER_RECEIPT");
    expect(await state(poId, lineId)).toEqual({ status: "partially_received", received: 10, receipts: 1 });
  });

  it("adds both of two racing receipts that fit, without losing one", async () => {
    // GIVEN a line of 18 units
    const { poId, lineId } = await purchaseOrder(18);
    // WHEN three receipts of 5 arrive at the same time
    const results = await Promise.all(
      ["fit-a-000", "fit-b-000", "fit-c-000"].map((key) => receive(poId, key, [{ lineId, quantity: 5 }])),
    );
    // THEN all are recorded and the line has 15
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await state(poId, lineId)).toEqual({ status: "partially_received", received: 15, receipts: 3 });
  });

  it("records a replayed receipt once, whether the replay comes after or at the same time", async () => {
    // GIVEN a line of 18 units
    const { poId, lineId } = await purchaseOrder(18);
    // WHEN the same receipt of 4 is sent twice at once, then once more
    const racing = await Promise.all([
      receive(poId, "replay-key-1", [{ lineId, quantity: 4 }]),
      receive(poId, "replay-key-1", [{ lineId, quantity: 4 }]),
    ]);
    const later = await receive(poId, "replay-key-1", [{ lineId, quantity: 4 }]);
    // THEN every answer is a success and 4 units were received once
    expect([...racing, later].map((r) => r.status)).toEqual([200, 200, 200]);
    expect(await state(poId, lineId)).toEqual({ status: "partially_received", received: 4, receipts: 1 });
  });

  it("refuses more than ordered by name and writes nothing", async () => {
    // GIVEN a line of 18 units with 10 received
    const { poId, lineId } = await purchaseOrder(18);
    await receive(poId, "first-ten-1", [{ lineId, quantity: 10 }]);
    // WHEN 9 more arrive
    const over = await receive(poId, "nine-more-1", [{ lineId, quantity: 9 }]);
    // THEN the receipt is refused by name, and the line keeps 10
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({ ok: false, code: "PURCHASE_ORDERS.OVER_RECEIPT", field: "lines.0.quantity" });
    expect(await state(poId, lineId)).toEqual({ status: "partially_received", received: 10, receipts: 1 });
  });

  it("refuses a receipt without an idempotency key", async () => {
    // GIVEN a line of 18 units
    const { poId, lineId } = await purchaseOrder(18);
    // WHEN a receipt comes without a key
    const res = await h.call(
      "app.purchase-orders.$id",
      "action",
      h.request(SHOP, `/app/purchase-orders/${poId}`, {
        json: { intent: "receive", lines: [{ lineId, quantity: 1 }] },
      }),
      { id: poId },
    );
    // THEN it is a 400 naming the field, and nothing is received
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "REPLENISHMENT.INVALID_REQUEST", field: "idempotencyKey" });
    expect((await state(poId, lineId)).received).toBe(0);
  });
});
