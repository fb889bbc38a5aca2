// Replenishment: reorder suggestions grouped by vendor, approval into draft purchase orders (numbering,
// idempotency), CSV download, receiving, and the incoming units that feed the replenishment plan.
import { beforeAll, describe, expect, it } from "vitest";
import { harness, type Catalogue, type Harness } from "./support";

const SHOP = "po-shop.myshopify.com";
let h: Harness;
let cat: Catalogue;

async function approve(ids: string[], key: string) {
  const res = await h.call(
    "app.replenishment",
    "action",
    h.request(SHOP, "/app/replenishment", { json: { intent: "approve", idempotencyKey: key, recommendationIds: ids } }),
  );
  return {
    status: res.status,
    body: (await res.json()) as {
      ok: boolean;
      approved: number;
      purchaseOrders: { id: string; number: string }[];
      failed: unknown[];
    },
  };
}

beforeAll(async () => {
  h = await harness();
  await h.install(SHOP);
  cat = await h.seedCatalogue(SHOP);
});

describe("replenishment page", () => {
  it("groups pending reorders by vendor with units, value at cost, lead time and earliest stockout", async () => {
    // GIVEN two variants of "Atelier, Nord" (lead time 9.5 days), one of "Céramiques Sud", one without vendor
    // WHEN the Replenishment loader runs
    const res = await h.call("app.replenishment", "loader", h.request(SHOP, "/app/replenishment"));
    const d = (await res.json()) as {
      groups: {
        vendor: string;
        lines: unknown[];
        units: number;
        value: number;
        leadTimeDays: number;
        earliestStockout: string | null;
        missingCosts: number;
      }[];
    };
    // THEN one group per vendor, the most urgent first, with its totals
    expect(res.status).toBe(200);
    expect(d.groups.map((g) => g.vendor)).toEqual(["Atelier, Nord", "", "Céramiques Sud"]);
    const atelier = d.groups[0];
    expect(atelier.lines).toHaveLength(2);
    expect(atelier.units).toBe(36);
    expect(atelier.value).toBeCloseTo(24 * 4.5 + 12 * 3.25, 6);
    expect(atelier.leadTimeDays).toBe(10);
    expect(atelier.earliestStockout).toBe("2026-12-04");
    expect(d.groups[1].missingCosts).toBe(1);
    expect(d.groups[2]).toMatchObject({ leadTimeDays: 14, earliestStockout: null });
  });
});

describe("approving reorders", () => {
  let firstPoIds: string[] = [];

  it("creates one draft purchase order per vendor, numbered PO-0001.. per shop, expected after the lead time", async () => {
    // GIVEN the two Atelier lines and the Céramiques line selected
    const ids = [cat.variants[0], cat.variants[1], cat.variants[2]].map((v) => cat.reorders.get(v.id)!);
    // WHEN the merchant approves them
    const { status, body } = await approve(ids, "approve-key-0001");
    // THEN two drafts exist, numbered in order, each line at the suggested quantity and unit cost
    expect(status).toBe(200);
    expect(body.approved).toBe(3);
    expect(body.purchaseOrders.map((p) => p.number)).toEqual(["PO-0001", "PO-0002"]);
    firstPoIds = body.purchaseOrders.map((p) => p.id);
    const pos = await h.prisma.purchaseOrder.findMany({
      where: { shopId: cat.shopId },
      include: { lines: true },
      orderBy: { number: "asc" },
    });
    expect(pos.map((p) => [p.number, p.vendor, p.status, p.lines.length])).toEqual([
      ["PO-0001", "Atelier, Nord", "draft", 2],
      ["PO-0002", "Céramiques Sud", "draft", 1],
    ]);
    const today = new Date().toISOString().slice(0, 10);
    const plus = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    expect(pos[0].expectedAt!.toISOString().slice(0, 10)).toBe(plus(10));
    expect(pos[1].expectedAt!.toISOString().slice(0, 10)).toBe(plus(14));
    expect(pos[0].lines.map((l) => l.quantity).sort((a, b) => a - b)).toEqual([12, 24]);
    // AND the recommendations are no longer pending
    const recs = await h.prisma.recommendation.findMany({ where: { id: { in: ids } } });
    expect(recs.every((r) => r.status !== "pending")).toBe(true);
  });

  it("answers a repeated approval (same key) with the same purchase orders and adds nothing", async () => {
    // GIVEN the approval above
    const ids = [cat.variants[0], cat.variants[1], cat.variants[2]].map((v) => cat.reorders.get(v.id)!);
    const before = await h.prisma.purchaseOrderLine.findMany({ where: { shopId: cat.shopId }, orderBy: { id: "asc" } });
    // WHEN the same request arrives again (double click, retry)
    const { body } = await approve(ids, "approve-key-0001");
    // THEN the same purchase orders come back, and no line or quantity changed
    expect(body.purchaseOrders.map((p) => p.id).sort()).toEqual([...firstPoIds].sort());
    const after = await h.prisma.purchaseOrderLine.findMany({ where: { shopId: cat.shopId }, orderBy: { id: "asc" } });
    expect(after.map((l) => [l.id, l.quantity])).toEqual(before.map((l) => [l.id, l.quantity]));
    expect(await h.prisma.purchaseOrder.count({ where: { shopId: cat.shopId } })).toBe(2);
  });

  it("createPurchaseOrderDrafts is idempotent per decision", async () => {
    // GIVEN a decision already turned into a purchase-order line
    const { createPurchaseOrderDrafts } = await import("~/replenishment/purchase-orders.server");
    const decision = await h.prisma.decision.findFirstOrThrow({
      where: { shopId: cat.shopId, kind: "reorder", variantId: cat.variants[0].id },
    });
    const shop = await h.shopContext(SHOP);
    const input = {
      actor: "42",
      decisionIdByRecommendation: new Map([[decision.recommendationId!, decision.id]]),
      lines: [{ recommendationId: decision.recommendationId!, variantId: cat.variants[0].id, quantity: 24 }],
    };
    const lineBefore = await h.prisma.purchaseOrderLine.findFirstOrThrow({
      where: { shopId: cat.shopId, variantId: cat.variants[0].id },
    });
    // WHEN it is called again for that decision, twice
    const a = await createPurchaseOrderDrafts(shop, input);
    const b = await createPurchaseOrderDrafts(shop, input);
    // THEN both calls return its purchase order and the line keeps its quantity
    expect(a.purchaseOrderIds).toEqual([lineBefore.purchaseOrderId]);
    expect(b.purchaseOrderIds).toEqual([lineBefore.purchaseOrderId]);
    const lineAfter = await h.prisma.purchaseOrderLine.findUniqueOrThrow({ where: { id: lineBefore.id } });
    expect(lineAfter.quantity).toBe(24);
  });

  it("continues numbering per shop for the next vendor's draft", async () => {
    // GIVEN PO-0001 and PO-0002
    // WHEN the line without vendor is approved
    const { body } = await approve([cat.reorders.get(cat.variants[3].id)!], "approve-key-0002");
    // THEN its draft is PO-0003
    expect(body.purchaseOrders.map((p) => p.number)).toEqual(["PO-0003"]);
  });

  it("reuses the vendor's open draft for a later approval of the same vendor", async () => {
    // GIVEN a new pending reorder for an Atelier variant already on PO-0001
    const rec = await h.prisma.recommendation.create({
      data: {
        shopId: cat.shopId,
        variantId: cat.variants[1].id,
        kind: "reorder",
        status: "pending",
        proposedQuantity: 6,
        vendor: "Atelier, Nord",
      },
    });
    // WHEN it is approved
    const { body } = await approve([rec.id], "approve-key-0003");
    // THEN the units join PO-0001's line instead of a new purchase order
    expect(body.purchaseOrders.map((p) => p.number)).toEqual(["PO-0001"]);
    const line = await h.prisma.purchaseOrderLine.findFirstOrThrow({
      where: { shopId: cat.shopId, variantId: cat.variants[1].id },
    });
    expect(line.quantity).toBe(18);
  });
});

describe("edited quantities", () => {
  it("puts the quantity the merchant typed on the purchase order, and refuses an impossible one on its line", async () => {
    // GIVEN two new pending suggestions of "Céramiques Sud" (whose draft PO-0002 is open)
    const good = await h.prisma.recommendation.create({
      data: {
        shopId: cat.shopId,
        variantId: cat.variants[2].id,
        kind: "reorder",
        status: "pending",
        proposedQuantity: 10,
        vendor: "Céramiques Sud",
      },
    });
    const bad = await h.prisma.recommendation.create({
      data: {
        shopId: cat.shopId,
        variantId: cat.variants[2].id,
        kind: "reorder",
        status: "pending",
        proposedQuantity: 10,
        vendor: "Céramiques Sud",
      },
    });
    const line = await h.prisma.purchaseOrderLine.findFirstOrThrow({
      where: { shopId: cat.shopId, variantId: cat.variants[2].id },
    });
    // WHEN they are approved with 7 and 2.5 units typed in
    const res = await h.call(
      "app.replenishment",
      "action",
      h.request(SHOP, "/app/replenishment", {
        json: {
          intent: "approve",
          idempotencyKey: "approve-key-0004",
          recommendationIds: [good.id, bad.id],
          quantities: { [good.id]: 7, [bad.id]: 2.5 },
        },
      }),
    );
    const body = (await res.json()) as { approved: number; failed: { recommendationId: string; code: string }[] };
    // THEN 7 units join the line, and the other is refused on its own line and stays pending
    expect(body.approved).toBe(1);
    expect(body.failed).toEqual([
      expect.objectContaining({ recommendationId: bad.id, code: "DECISIONS.INVALID_VALUE" }),
    ]);
    expect((await h.prisma.purchaseOrderLine.findUniqueOrThrow({ where: { id: line.id } })).quantity).toBe(
      line.quantity + 7,
    );
    expect((await h.prisma.recommendation.findUniqueOrThrow({ where: { id: bad.id } })).status).toBe("pending");
    await h.prisma.recommendation.delete({ where: { id: bad.id } });
  });
});

describe("purchase order rules", () => {
  it("numbers past PO-9999, quotes CSV fields and defuses spreadsheet formulas", async () => {
    // GIVEN the pure helpers
    const { nextNumber, isIsoDay, statusAfterReceiving } = await import("~/replenishment/rules");
    const { csvField } = await import("~/replenishment/csv");
    // WHEN / THEN
    expect(nextNumber([])).toBe("PO-0001");
    expect(nextNumber(["PO-0009", "PO-9999", "other"])).toBe("PO-10000");
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField(-3)).toBe("-3");
    expect([isIsoDay("2027-02-28"), isIsoDay("2027-02-29"), isIsoDay("28/02/2027")]).toEqual([true, false, false]);
    expect(statusAfterReceiving([{ quantity: 5, receivedQuantity: 0 }], "sent")).toBe("sent");
    expect(statusAfterReceiving([{ quantity: 5, receivedQuantity: 2 }], "sent")).toBe("partially_received");
    expect(statusAfterReceiving([{ quantity: 5, receivedQuantity: 5 }], "partially_received")).toBe("received");
  });
});

describe("purchase order documents", () => {
  it("downloads the CSV as an attachment: BOM, header, RFC 4180 quoting, totals and dates", async () => {
    // GIVEN PO-0001 with "Atelier, Nord" lines, one titled Mug "Grand"
    const po = await h.prisma.purchaseOrder.findFirstOrThrow({ where: { shopId: cat.shopId, number: "PO-0001" } });
    // WHEN its CSV is requested
    const res = await h.call(
      "app.purchase-orders.$id.csv",
      "loader",
      h.request(SHOP, `/app/purchase-orders/${po.id}/csv`),
      { id: po.id },
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    // THEN it is a UTF-8 CSV attachment named after the PO
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="PO-0001.csv"');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = text.slice(1).split("\r\n");
    expect(rows[0]).toBe("SKU,Product,Variant,Quantity,Unit cost,Line total,Expected date");
    const expected = po.expectedAt!.toISOString().slice(0, 10);
    expect(rows).toContain(`MUG-1,"Produit Mug ""Grand""","Mug ""Grand""",24,4.50,108.00,${expected}`);
    expect(rows).toContain(`BOL-1,Produit Bol,Bol,18,3.25,58.50,${expected}`);
    expect(rows[rows.length - 1]).toBe("");
  });

  it("renders the printable page with the lines", async () => {
    // GIVEN PO-0001
    const po = await h.prisma.purchaseOrder.findFirstOrThrow({ where: { shopId: cat.shopId, number: "PO-0001" } });
    // WHEN its page loader runs
    const res = await h.call("app.purchase-orders.$id", "loader", h.request(SHOP, `/app/purchase-orders/${po.id}`), {
      id: po.id,
    });
    const d = (await res.json()) as { po: { number: string; lines: { sku: string }[]; value: number } };
    // THEN it has the number, both lines and the total at cost
    expect(d.po.number).toBe("PO-0001");
    expect(d.po.lines.map((l) => l.sku).sort()).toEqual(["BOL-1", "MUG-1"]);
    expect(d.po.value).toBeCloseTo(108 + 58.5, 6);
  });
});

describe("incoming units and receiving", () => {
  it("counts open lines as incoming on their expected date, and moves them with the expected date", async () => {
    // GIVEN PO-0001 (draft) with 24 units of MUG-1
    const { incomingByVariant, nextArrival } = await import("~/replenishment/incoming.server");
    const shop = await h.shopContext(SHOP);
    const po = await h.prisma.purchaseOrder.findFirstOrThrow({ where: { shopId: cat.shopId, number: "PO-0001" } });
    // WHEN the merchant sets the arrival to 2027-01-15
    const res = await h.call(
      "app.replenishment",
      "action",
      h.request(SHOP, "/app/replenishment", {
        json: { intent: "expected", purchaseOrderId: po.id, expectedAt: "2027-01-15" },
      }),
    );
    expect(res.status).toBe(200);
    const incoming = await incomingByVariant(shop);
    // THEN the units arrive that day, and the "back around" date follows
    expect(incoming.get(cat.variants[0].id)).toEqual([{ units: 24, expectedDate: "2027-01-15" }]);
    expect(nextArrival(incoming.get(cat.variants[0].id), "2026-12-01")).toBe("2027-01-15");
  });

  it("refuses an impossible expected date on the field", async () => {
    // GIVEN PO-0001
    const po = await h.prisma.purchaseOrder.findFirstOrThrow({ where: { shopId: cat.shopId, number: "PO-0001" } });
    // WHEN the date is 2027-02-30
    const res = await h.call(
      "app.replenishment",
      "action",
      h.request(SHOP, "/app/replenishment", {
        json: { intent: "expected", purchaseOrderId: po.id, expectedAt: "2027-02-30" },
      }),
    );
    // THEN a typed error names the field
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ ok: false, code: "PURCHASE_ORDERS.INVALID_VALUE", field: "expectedAt" });
  });

  it("records received units: partial, then full; incoming shrinks and the status follows", async () => {
    // GIVEN PO-0001 sent, with 24 MUG-1 and 18 BOL-1
    const { incomingByVariant } = await import("~/replenishment/incoming.server");
    const shop = await h.shopContext(SHOP);
    const po = await h.prisma.purchaseOrder.findFirstOrThrow({
      where: { shopId: cat.shopId, number: "PO-0001" },
      include: { lines: true },
    });
    const sent = await h.call(
      "app.purchase-orders.$id",
      "action",
      h.request(SHOP, `/app/purchase-orders/${po.id}`, { json: { intent: "status", status: "sent" } }),
      { id: po.id },
    );
    expect(sent.status).toBe(200);
    const mug = po.lines.find((l) => l.variantId === cat.variants[0].id)!;
    const bol = po.lines.find((l) => l.variantId === cat.variants[1].id)!;
    // WHEN 10 mugs arrive
    const first = await h.call(
      "app.purchase-orders.$id",
      "action",
      h.request(SHOP, `/app/purchase-orders/${po.id}`, {
        json: { intent: "receive", idempotencyKey: "receipt-mug-10", lines: [{ lineId: mug.id, quantity: 10 }] },
      }),
      { id: po.id },
    );
    // THEN the PO is partially received and 14 mugs are still incoming
    expect(first.status).toBe(200);
    expect((await h.prisma.purchaseOrder.findUniqueOrThrow({ where: { id: po.id } })).status).toBe(
      "partially_received",
    );
    expect((await incomingByVariant(shop)).get(cat.variants[0].id)).toEqual([
      { units: 14, expectedDate: "2027-01-15" },
    ]);
    // WHEN more than expected is entered
    const over = await h.call(
      "app.purchase-orders.$id",
      "action",
      h.request(SHOP, `/app/purchase-orders/${po.id}`, {
        json: { intent: "receive", idempotencyKey: "receipt-mug-15", lines: [{ lineId: mug.id, quantity: 15 }] },
      }),
      { id: po.id },
    );
    // THEN it is refused on that line and nothing changes
    expect(over.status).toBe(422);
    expect(await over.json()).toMatchObject({ code: "PURCHASE_ORDERS.OVER_RECEIPT", field: "lines.0.quantity" });
    // WHEN the rest arrives
    await h.call(
      "app.purchase-orders.$id",
      "action",
      h.request(SHOP, `/app/purchase-orders/${po.id}`, {
        json: {
          intent: "receive",
          idempotencyKey: "receipt-rest-32",
          lines: [
            { lineId: mug.id, quantity: 14 },
            { lineId: bol.id, quantity: 18 },
          ],
        },
      }),
      { id: po.id },
    );
    // THEN it is received, nothing of it is incoming, and each receipt was audited
    const done = await h.prisma.purchaseOrder.findUniqueOrThrow({ where: { id: po.id } });
    expect(done.status).toBe("received");
    expect(done.receivedAt).not.toBeNull();
    const incoming = await incomingByVariant(shop);
    expect(incoming.has(cat.variants[0].id)).toBe(false);
    expect(incoming.has(cat.variants[1].id)).toBe(false);
    expect(
      await h.prisma.auditEvent.count({
        where: { shopId: cat.shopId, action: "purchase_order.received", entityId: po.id },
      }),
    ).toBe(2);
  });

  it("drops a cancelled purchase order from incoming and refuses to cancel a received one", async () => {
    // GIVEN PO-0002 (draft, 10 + 7 Assiette) and PO-0001 (received)
    const { incomingByVariant } = await import("~/replenishment/incoming.server");
    const shop = await h.shopContext(SHOP);
    const po2 = await h.prisma.purchaseOrder.findFirstOrThrow({ where: { shopId: cat.shopId, number: "PO-0002" } });
    const po1 = await h.prisma.purchaseOrder.findFirstOrThrow({ where: { shopId: cat.shopId, number: "PO-0001" } });
    expect((await incomingByVariant(shop)).get(cat.variants[2].id)?.[0].units).toBe(17);
    // WHEN PO-0002 is cancelled and PO-0001 too
    const ok = await h.call(
      "app.replenishment",
      "action",
      h.request(SHOP, "/app/replenishment", {
        json: { intent: "status", purchaseOrderId: po2.id, status: "cancelled" },
      }),
    );
    const refused = await h.call(
      "app.replenishment",
      "action",
      h.request(SHOP, "/app/replenishment", {
        json: { intent: "status", purchaseOrderId: po1.id, status: "cancelled" },
      }),
    );
    // THEN PO-0002's units are no longer incoming, and PO-0001 stays received with a typed refusal
    expect(ok.status).toBe(200);
    expect((await incomingByVariant(shop)).has(cat.variants[2].id)).toBe(false);
    // AND the variant's plan is recomputed without those units
    const jobs = await h.prisma.job.findMany({ where: { shopId: cat.shopId, type: "recompute.variant" } });
    expect(jobs.map((j) => JSON.parse(j.payload) as { variantId: string }).map((p) => p.variantId)).toContain(
      cat.variants[2].id,
    );
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({ code: "PURCHASE_ORDERS.INVALID_TRANSITION" });
    expect((await h.prisma.purchaseOrder.findUniqueOrThrow({ where: { id: po1.id } })).status).toBe("received");
  });
});
