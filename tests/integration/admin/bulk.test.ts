import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimShop } from "~/demo/simulator";
import type { Emulator } from "~/emulator/server.server";
import type { AdminGateway } from "~/shopify/admin-gateway.server";
import {
  BULK_CATALOG_QUERY,
  BULK_INVENTORY_QUERY,
  bulkOrdersQuery,
  startBulkQuery,
  waitForBulkOperation,
} from "~/shopify/bulk.server";
import { jsonlRows, openJsonl, type JsonlRow } from "~/shopify/jsonl.server";
import { emulatorFor, gatewayFor, smallShop } from "./support";

let sim: SimShop;
let emulator: Emulator;
let gateway: AdminGateway;

beforeAll(async () => {
  sim = smallShop();
  emulator = await emulatorFor(sim);
  gateway = gatewayFor(emulator);
});
afterAll(async () => {
  await emulator.stop();
});

/** Runs a bulk query to completion and returns its rows in file order. */
async function runBulk(query: string): Promise<JsonlRow[]> {
  const started = await startBulkQuery(gateway, query);
  if (!started.ok) throw new Error(started.error.message);
  expect(started.value.userErrors).toEqual([]);
  const done = await waitForBulkOperation(gateway, { id: started.value.bulkOperation!.id, intervalMs: 10 });
  if (!done.ok) throw new Error(done.error.message);
  const rows = await openJsonl(done.value.url!);
  if (!rows.ok) throw new Error(rows.error.message);
  const out: JsonlRow[] = [];
  for await (const row of rows.value) out.push(row);
  expect(Number(done.value.objectCount)).toBe(out.length);
  return out;
}

/** A consumer's join: parents by id, children attached whenever they arrive. */
function join(rows: JsonlRow[]) {
  const parents = new Map<string, JsonlRow>();
  const children = new Map<string, JsonlRow[]>();
  let childAfterUnrelated = false;
  let lastRoot: string | undefined;
  for (const row of rows) {
    if (row.__parentId) {
      if (row.__parentId !== lastRoot) childAfterUnrelated = true;
      children.set(row.__parentId, [...(children.get(row.__parentId) ?? []), row]);
    } else {
      parents.set(row.id!, row);
      lastRoot = row.id;
    }
  }
  return { parents, children, childAfterUnrelated };
}

describe("bulk operations against the emulator", () => {
  it("the catalogue's JSONL rebuilds every product and variant exactly", async () => {
    // GIVEN the seeded catalogue WHEN the bulk catalogue query runs and its JSONL is streamed and joined
    const { parents, children, childAfterUnrelated } = join(await runBulk(BULK_CATALOG_QUERY));
    // THEN products and their variants (price, compare-at, SKU, unit cost) equal the truth, and some child rows
    //      came after an unrelated product row (the reader must not assume order)
    expect(childAfterUnrelated).toBe(true);
    expect(parents.size).toBe(sim.products.length);
    for (const p of sim.products) {
      expect(parents.get(p.id)).toMatchObject({
        title: p.title,
        vendor: p.vendor,
        productType: p.productType,
        status: p.status,
      });
      const variants = (children.get(p.id) ?? []).map((v) => ({
        id: v.id,
        sku: v.sku,
        price: Number(v.price),
        compareAtPrice: v.compareAtPrice === null ? null : Number(v.compareAtPrice),
        unitCost:
          (v.inventoryItem as { unitCost: { amount: string } | null }).unitCost === null
            ? null
            : Number((v.inventoryItem as { unitCost: { amount: string } }).unitCost.amount),
      }));
      expect(variants).toEqual(
        p.variants.map((v) => ({
          id: v.id,
          sku: v.sku,
          price: v.price,
          compareAtPrice: v.compareAtPrice,
          unitCost: v.unitCost,
        })),
      );
    }
  });

  it("the inventory JSONL rebuilds the levels of every location", async () => {
    // GIVEN the seeded stock WHEN the bulk inventory query runs THEN each level hangs under its location
    const { parents, children } = join(await runBulk(BULK_INVENTORY_QUERY));
    expect([...parents.keys()]).toEqual(sim.locations.map((l) => l.id));
    for (const t of sim.inventory) {
      const level = children
        .get(t.locationId)!
        .find((r) => (r.item as { variant: { id: string } }).variant.id === t.variantId)!;
      const q = Object.fromEntries(
        (level.quantities as { name: string; quantity: number }[]).map((x) => [x.name, x.quantity]),
      );
      expect({ available: q.available, on_hand: q.on_hand, incoming: q.incoming }).toEqual({
        available: t.available,
        on_hand: t.onHand,
        incoming: t.incoming,
      });
    }
  });

  it("the orders JSONL rebuilds every order and line exactly, refunds and cancellations included", async () => {
    // GIVEN two months of seeded orders WHEN the bulk orders query runs with no filter
    const { parents, children, childAfterUnrelated } = join(await runBulk(bulkOrdersQuery("")));
    // THEN every order, its customer, cancellation, refunds and lines equal the truth
    expect(childAfterUnrelated).toBe(true);
    expect(parents.size).toBe(sim.orders.length);
    let lines = 0;
    for (const o of sim.orders) {
      const row = parents.get(o.id)!;
      expect(row.name).toBe(o.name);
      expect((row.customer as { id: string } | null)?.id ?? null).toBe(o.customerId);
      expect(row.cancelledAt).toBe(o.cancelledAt);
      const refunds = row.refunds as {
        refundLineItems: {
          nodes: { lineItem: { id: string }; quantity: number; subtotalSet: { shopMoney: { amount: string } } }[];
        };
      }[];
      expect(
        refunds.map((r) =>
          r.refundLineItems.nodes.map((x) => ({
            lineId: x.lineItem.id,
            quantity: x.quantity,
            amount: Number(x.subtotalSet.shopMoney.amount),
          })),
        ),
      ).toEqual(o.refunds.map((r) => r.lines));
      const got = (children.get(o.id) ?? []).map((l) => ({
        id: l.id,
        variantId: (l.variant as { id: string }).id,
        quantity: l.quantity,
        price: Number((l.originalUnitPriceSet as { shopMoney: { amount: string } }).shopMoney.amount),
        discount: Number((l.totalDiscountSet as { shopMoney: { amount: string } }).shopMoney.amount),
      }));
      expect(got).toEqual(
        o.lines.map((l) => ({
          id: l.id,
          variantId: l.variantId,
          quantity: l.quantity,
          price: l.price,
          discount: l.discount,
        })),
      );
      lines += got.length;
    }
    expect(lines).toBe(sim.orders.reduce((a, o) => a + o.lines.length, 0));
  });

  it("refuses a second bulk query while one runs, as a userError", async () => {
    // GIVEN a running bulk query WHEN another starts THEN OPERATION_IN_PROGRESS comes back as data
    const first = await startBulkQuery(gateway, BULK_CATALOG_QUERY);
    const second = await startBulkQuery(gateway, BULK_CATALOG_QUERY);
    expect(first.ok && first.value.bulkOperation).toBeTruthy();
    expect(second.ok && second.value.userErrors[0].code).toBe("OPERATION_IN_PROGRESS");
    await emulator.bulkSettled();
    // AND an invalid bulk query is refused with INVALID
    const bad = await startBulkQuery(gateway, "query { products { edges { node { nope } } } }");
    expect(bad.ok && bad.value.userErrors[0]).toMatchObject({ code: "INVALID" });
  });
});

describe("the streaming JSONL reader", () => {
  it("yields rows split across arbitrary chunk boundaries and multi-byte characters", async () => {
    // GIVEN rows cut into 3-byte chunks, including accented text WHEN read THEN the same rows come back
    const rows = [
      { id: "a", title: "Pâte à tartiner" },
      { id: "b", __parentId: "a" },
      { id: "c", n: 1 },
    ];
    const bytes = new TextEncoder().encode(rows.map((r) => JSON.stringify(r)).join("\n"));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 3) controller.enqueue(bytes.slice(i, i + 3));
        controller.close();
      },
    });
    const got: JsonlRow[] = [];
    for await (const row of jsonlRows(stream)) got.push(row);
    expect(got).toEqual(rows);
  });

  it("names the line that is not JSON", async () => {
    // GIVEN a broken second line WHEN read THEN the error names line 2
    const stream = new Response('{"id":"a"}\n{broken\n').body!;
    await expect(async () => {
      for await (const _ of jsonlRows(stream)) void _;
    }).rejects.toThrow(/line 2/);
  });
});
