// Cross-shop safety of the Settings, Replenishment and purchase-order routes: shop B calls every loader and
// action with shop A's ids and gets 404 or a typed error, never A's data, and A's rows do not change.
import { beforeAll, describe, expect, it } from "vitest";
import { harness, type Catalogue, type Harness } from "../replenishment/support";

const A = "shop-a.myshopify.com";
const B = "shop-b.myshopify.com";
let h: Harness;
let a: Catalogue;
let poA: { id: string; number: string };

beforeAll(async () => {
  h = await harness();
  await h.install(A);
  await h.install(B);
  a = await h.seedCatalogue(A);
  const res = await h.call(
    "app.replenishment",
    "action",
    h.request(A, "/app/replenishment", {
      json: { intent: "approve", idempotencyKey: "a-approval-1", recommendationIds: [...a.reorders.values()] },
    }),
  );
  poA = ((await res.json()) as { purchaseOrders: { id: string; number: string }[] }).purchaseOrders[0];
  await h.prisma.shopSettings.create({
    data: { shopId: a.shopId, serviceLevel: 0.99, paused: true, pausedAt: new Date() },
  });
});

const snapshotA = async () => ({
  pos: await h.prisma.purchaseOrder.findMany({ where: { shopId: a.shopId }, orderBy: { id: "asc" } }),
  lines: await h.prisma.purchaseOrderLine.findMany({ where: { shopId: a.shopId }, orderBy: { id: "asc" } }),
  settings: await h.prisma.shopSettings.findUnique({ where: { shopId: a.shopId } }),
  vendors: await h.prisma.vendorSettings.findMany({ where: { shopId: a.shopId }, orderBy: { id: "asc" } }),
});

describe("shop B with shop A's ids", () => {
  it("gets 404 for A's purchase order page and CSV", async () => {
    // GIVEN A's purchase order id
    // WHEN B opens its page and its CSV
    const page = await h.call("app.purchase-orders.$id", "loader", h.request(B, `/app/purchase-orders/${poA.id}`), {
      id: poA.id,
    });
    const csv = await h.call(
      "app.purchase-orders.$id.csv",
      "loader",
      h.request(B, `/app/purchase-orders/${poA.id}/csv`),
      { id: poA.id },
    );
    // THEN both are 404 and no CSV content leaks
    expect(page.status).toBe(404);
    expect(csv.status).toBe(404);
    expect(await csv.text()).not.toContain("MUG-1");
    // AND A itself can read them (control)
    const own = await h.call(
      "app.purchase-orders.$id.csv",
      "loader",
      h.request(A, `/app/purchase-orders/${poA.id}/csv`),
      { id: poA.id },
    );
    expect(own.status).toBe(200);
  });

  it("cannot send, cancel, reschedule or receive A's purchase order", async () => {
    // GIVEN A's purchase order and its lines
    const before = await snapshotA();
    const lineId = before.lines.find((l) => l.purchaseOrderId === poA.id)!.id;
    const bodies = [
      { intent: "status", purchaseOrderId: poA.id, status: "sent" },
      { intent: "status", purchaseOrderId: poA.id, status: "cancelled" },
      { intent: "expected", purchaseOrderId: poA.id, expectedAt: "2030-01-01" },
      {
        intent: "receive",
        purchaseOrderId: poA.id,
        idempotencyKey: "b-receives-a-1",
        lines: [{ lineId, quantity: 1 }],
      },
    ];
    for (const json of bodies) {
      // WHEN B posts each action, on the Replenishment page and on its own PO page URL with A's id
      const viaList = await h.call("app.replenishment", "action", h.request(B, "/app/replenishment", { json }));
      const viaPage = await h.call(
        "app.purchase-orders.$id",
        "action",
        h.request(B, `/app/purchase-orders/${poA.id}`, { json }),
        { id: poA.id },
      );
      // THEN each is a typed 404
      for (const res of [viaList, viaPage]) {
        expect(res.status).toBe(404);
        expect(await res.json()).toMatchObject({ ok: false, code: "PURCHASE_ORDERS.NOT_FOUND" });
      }
    }
    // AND nothing of A changed
    expect(await snapshotA()).toEqual(before);
  });

  it("cannot approve A's reorder suggestions into a purchase order", async () => {
    // GIVEN a new pending reorder suggestion of A
    const rec = await h.prisma.recommendation.create({
      data: { shopId: a.shopId, variantId: a.variants[0].id, kind: "reorder", status: "pending", proposedQuantity: 5 },
    });
    // WHEN B approves it
    const res = await h.call(
      "app.replenishment",
      "action",
      h.request(B, "/app/replenishment", {
        json: { intent: "approve", idempotencyKey: "b-steals-1", recommendationIds: [rec.id] },
      }),
    );
    const body = (await res.json()) as { approved: number; purchaseOrders: unknown[]; failed: { code: string }[] };
    // THEN nothing is approved, it is reported not found, and no purchase order appears anywhere
    expect(body.approved).toBe(0);
    expect(body.purchaseOrders).toEqual([]);
    expect(body.failed.map((f) => f.code)).toEqual(["DECISIONS.NOT_FOUND"]);
    expect((await h.prisma.recommendation.findUniqueOrThrow({ where: { id: rec.id } })).status).toBe("pending");
    expect(await h.prisma.purchaseOrder.count({ where: { shopId: (await h.shopContext(B)).id } })).toBe(0);
  });

  it("cannot read A's purchase-order PDF or e-mail, undo A's receipts or approve A's transfers", async () => {
    // GIVEN a receipt on A's purchase order and a transfer suggestion of A
    const lineId = (await h.prisma.purchaseOrderLine.findFirstOrThrow({ where: { purchaseOrderId: poA.id } })).id;
    const received = await h.call(
      "app.purchase-orders.$id",
      "action",
      h.request(A, `/app/purchase-orders/${poA.id}`, {
        json: { intent: "receive", idempotencyKey: "a-receives-1", lines: [{ lineId, quantity: 1 }] },
      }),
      { id: poA.id },
    );
    expect(received.status).toBe(200);
    const receipt = await h.prisma.inventoryReceipt.findFirstOrThrow({
      where: { shopId: a.shopId, purchaseOrderId: poA.id },
    });
    const other = await h.prisma.location.create({
      data: { shopId: a.shopId, shopifyId: "gid://shopify/Location/2", name: "Boutique" },
    });
    const transfer = await h.prisma.recommendation.create({
      data: {
        shopId: a.shopId,
        variantId: a.variants[0].id,
        kind: "transfer",
        status: "pending",
        proposedQuantity: 3,
        locationId: a.locationId,
        sourceLocationId: other.id,
      },
    });
    const before = await snapshotA();
    // WHEN B downloads A's documents, undoes A's receipt and approves A's transfer
    const pdf = await h.call(
      "app.purchase-orders.$id.pdf",
      "loader",
      h.request(B, `/app/purchase-orders/${poA.id}/pdf`),
      { id: poA.id },
    );
    const eml = await h.call(
      "app.purchase-orders.$id.eml",
      "loader",
      h.request(B, `/app/purchase-orders/${poA.id}/eml`),
      { id: poA.id },
    );
    const undo = await h.call(
      "app.purchase-orders.$id",
      "action",
      h.request(B, `/app/purchase-orders/${poA.id}`, {
        json: { intent: "correct", receiptId: receipt.id, idempotencyKey: "b-undoes-a-1" },
      }),
      { id: poA.id },
    );
    const approve = await h.call(
      "app.replenishment",
      "action",
      h.request(B, "/app/replenishment", {
        json: { intent: "approveTransfers", idempotencyKey: "b-transfers-1", recommendationIds: [transfer.id] },
      }),
    );
    // THEN documents are 404, the undo is a typed 404, the transfer is not found, and A is unchanged
    expect([pdf.status, eml.status, undo.status]).toEqual([404, 404, 404]);
    expect(await undo.json()).toMatchObject({ ok: false, code: "PURCHASE_ORDERS.NOT_FOUND" });
    expect((await approve.json()) as { approved: number; failed: { code: string }[] }).toMatchObject({
      approved: 0,
      failed: [{ code: "DECISIONS.NOT_FOUND" }],
    });
    expect(await snapshotA()).toEqual(before);
    expect(await h.prisma.inventoryReceipt.count({ where: { correctsId: receipt.id } })).toBe(0);
    expect((await h.prisma.recommendation.findUniqueOrThrow({ where: { id: transfer.id } })).status).toBe("pending");
    expect(await h.prisma.stockTransfer.count({})).toBe(0);
  });

  it("sees only its own settings, suggestions and purchase orders", async () => {
    // GIVEN A with stored settings, vendor terms, suggestions and purchase orders; B with nothing
    // WHEN B loads Settings and Replenishment
    const settings = (await (await h.call("app.settings", "loader", h.request(B, "/app/settings"))).json()) as {
      values: { serviceLevel: number; vendors: unknown[] };
      paused: boolean;
    };
    const rep = (await (await h.call("app.replenishment", "loader", h.request(B, "/app/replenishment"))).json()) as {
      groups: unknown[];
      purchaseOrders: unknown[];
    };
    // THEN none of A's data is there
    expect(settings.values.serviceLevel).toBe(0.95);
    expect(settings.paused).toBe(false);
    expect(settings.values.vendors).toEqual([]);
    expect(rep.groups).toEqual([]);
    expect(rep.purchaseOrders).toEqual([]);
  });

  it("saving B's settings and pausing B leave A untouched", async () => {
    // GIVEN A's settings, and B's loaded values with a vendor named like A's
    const before = await snapshotA();
    const { values } = (await (await h.call("app.settings", "loader", h.request(B, "/app/settings"))).json()) as {
      values: Record<string, unknown>;
    };
    values.serviceLevel = 0.9;
    values.vendors = [{ vendor: "Atelier, Nord", leadTimeMeanDays: 40, leadTimeSdDays: 1, moq: 1, casePack: 1 }];
    // WHEN B saves, pauses and resumes
    const saved = await h.call(
      "app.settings",
      "action",
      h.request(B, "/app/settings", { json: { intent: "save", values } }),
    );
    await h.call("app.settings", "action", h.request(B, "/app/settings", { json: { intent: "pause", paused: true } }));
    await h.call("app.settings", "action", h.request(B, "/app/settings", { json: { intent: "pause", paused: false } }));
    // THEN B's values are B's, and A's settings and vendor terms are as they were
    expect(saved.status).toBe(200);
    expect(await snapshotA()).toEqual(before);
    const bId = (await h.shopContext(B)).id;
    expect(
      (
        await h.prisma.vendorSettings.findUniqueOrThrow({
          where: { shopId_vendor: { shopId: bId, vendor: "Atelier, Nord" } },
        })
      ).leadTimeMeanDays,
    ).toBe(40);
  });

  it("incoming units of B never include A's purchase orders", async () => {
    // GIVEN A's open drafts
    const { incomingByVariant } = await import("~/replenishment/incoming.server");
    // WHEN B's incoming units are read, even for A's variant ids
    const incoming = await incomingByVariant(
      await h.shopContext(B),
      a.variants.map((v) => v.id),
    );
    // THEN there are none, while A sees its own
    expect(incoming.size).toBe(0);
    expect((await incomingByVariant(await h.shopContext(A))).size).toBeGreaterThan(0);
  });
});
