// Plans per location in the recompute (issue 14, items 2 and 4): demand shares from the orders' fulfilment
// location, a reorder per location with its class's service level, ABC classes by gross profit, and a transfer
// when one location runs out before a vendor order could arrive; approving it creates ONE draft transfer in
// the emulator (inventoryTransferCreate with @idempotent). Runs on SQLite and PostgreSQL.
// Needs the 2026-04 Admin schema (ADMIN_SCHEMA_PATH, or @shopify/dev-mcp >= 1.16 once wt-fidelity lands).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildShop } from "../../factories";
import type { Emulator } from "~/emulator/server.server";
import { harness, type Harness } from "./support";

const TOKEN = "shpat_test";
const sim = buildShop({ seed: 5, variants: 40, days: 400 });
let h: Harness;
let emulator: Emulator;
let shopId: string;
let domain: string;

type Recompute = typeof import("~/sync/recompute/recompute.server");
let recompute: Recompute;

beforeAll(async () => {
  h = await harness();
  const { seedDemoShop } = await import("~/demo/seed.server");
  const { startEmulator } = await import("~/emulator/server.server");
  shopId = (await seedDemoShop(h.prisma, sim)).shopId;
  domain = sim.shop.domain;
  await h.install(domain);
  emulator = await startEmulator({ sim, token: TOKEN });
  recompute = await import("~/sync/recompute/recompute.server");
  await recompute.recomputeShop(h.prisma, shopId, { batchSize: 20 });
}, 300_000);
afterAll(async () => {
  await emulator?.stop();
});

const impact = <T>(json: string) => JSON.parse(json) as T;

describe("plans per location in the recompute", () => {
  it("reorders per location, each on its share of demand read from where the orders shipped", async () => {
    // GIVEN the simulated shop: two locations, each variant with its true share of demand at each
    const locations = await h.prisma.location.findMany({ where: { shopId } });
    const byGid = new Map(locations.map((l) => [l.shopifyId, l.id]));
    const main = byGid.get(sim.locations[0].id)!;
    // WHEN the recompute ran, THEN every reorder names one of the shop's locations and its demand share
    const reorders = await h.prisma.recommendation.findMany({
      where: { shopId, kind: "reorder", status: "pending" },
      include: { variant: { select: { shopifyId: true } } },
    });
    expect(reorders.length).toBeGreaterThan(0);
    const truth = new Map(sim.products.flatMap((p) => p.variants).map((v) => [v.id, v.truth.locationShares]));
    for (const r of reorders) {
      expect(locations.map((l) => l.id)).toContain(r.locationId);
      const share = impact<{ demandShare: { value: number; source: string } }>(r.expectedImpact).demandShare;
      expect(share.source).toBe("orders");
      // AND a share close to the simulated one (stockouts and the prior's four units move it a little)
      const expected = truth.get(r.variant.shopifyId)![r.locationId === main ? 0 : 1];
      expect(Math.abs(share.value - expected)).toBeLessThan(0.25);
    }
    // AND the orders carry the location they were fulfilled from
    expect(await h.prisma.order.count({ where: { shopId, locationGid: null, cancelledAt: null } })).toBe(0);
  });

  it("classifies variants A/B/C by gross profit and plans each at its class's service level", async () => {
    // GIVEN the default thresholds (80 % / 95 %) and levels (97 / 95 / 90 %)
    const forecasts = await h.prisma.forecast.findMany({ where: { shopId } });
    const classes = new Map(forecasts.map((f) => [f.variantId, f.abcClass]));
    const counts = { A: 0, B: 0, C: 0 };
    for (const c of classes.values()) if (c) counts[c as "A"] += 1;
    // THEN the few A variants make most of the profit: fewer A than C
    expect(counts.A).toBeGreaterThan(0);
    expect(counts.A).toBeLessThan(counts.C);
    // AND every reorder is planned at its class's level
    const level: Record<string, number> = { A: 0.97, B: 0.95, C: 0.9 };
    const reorders = await h.prisma.recommendation.findMany({ where: { shopId, kind: "reorder", status: "pending" } });
    for (const r of reorders) {
      const cls = classes.get(r.variantId);
      expect(impact<{ serviceLevel: number }>(r.bounds).serviceLevel).toBe(cls ? level[cls] : 0.95);
    }
  });

  it("suggests a transfer when one location runs out before the vendor could deliver, and approving it creates one draft in Shopify", async () => {
    // GIVEN a selling variant with plenty at the main location and nothing at the other
    const locations = await h.prisma.location.findMany({ where: { shopId } });
    const [main, other] = [sim.locations[0].id, sim.locations[1].id].map((gid) =>
      locations.find((l) => l.shopifyId === gid)!,
    );
    const top = await h.prisma.forecast.findFirstOrThrow({
      where: { shopId, abcClass: "A" },
      orderBy: { variantId: "asc" },
    });
    const variantId = top.variantId;
    await h.prisma.inventoryLevel.updateMany({
      where: { shopId, variantId, locationId: main.id },
      data: { onHand: 5000, available: 5000, committed: 0, incoming: 0 },
    });
    await h.prisma.inventoryLevel.updateMany({
      where: { shopId, variantId, locationId: other.id },
      data: { onHand: 0, available: 0, committed: 0, incoming: 0 },
    });
    // WHEN the variant is recomputed
    await recompute.recomputeShop(h.prisma, shopId, { variantIds: [variantId] });
    // THEN a transfer from the main location to the other is suggested
    const suggestion = await h.prisma.recommendation.findFirstOrThrow({
      where: { shopId, variantId, kind: "transfer", status: "pending" },
    });
    expect(suggestion).toMatchObject({ sourceLocationId: main.id, locationId: other.id });
    expect(suggestion.proposedQuantity).toBeGreaterThan(0);
    // WHEN the merchant approves it twice (same key) and the job runs twice
    const approve = () =>
      h.call(
        "app.replenishment",
        "action",
        h.request(domain, "/app/replenishment", {
          json: { intent: "approveTransfers", idempotencyKey: "transfer-key-1", recommendationIds: [suggestion.id] },
        }),
      );
    const first = await (await approve()).json();
    await approve();
    expect(first).toMatchObject({ ok: true, approved: 1, failed: [] });
    const transfer = await h.prisma.stockTransfer.findFirstOrThrow({ where: { shopId, variantId } });
    const { createTransferInShopify } = await import("~/replenishment/transfers.server");
    const { createAdminGateway } = await import("~/shopify/admin-gateway.server");
    const { CostBucket } = await import("~/shopify/throttle.server");
    const gateway = createAdminGateway({
      shop: domain,
      accessToken: TOKEN,
      origin: emulator.url,
      bucket: new CostBucket(),
    });
    const shop = await h.shopContext(domain);
    await createTransferInShopify(shop, transfer.id, { gateway });
    await h.prisma.stockTransfer.update({ where: { id: transfer.id }, data: { status: "pending" } }); // as if the answer was lost
    await createTransferInShopify(shop, transfer.id, { gateway });
    // THEN the emulator holds one DRAFT transfer of those units between those locations, and no stock moved
    const { inventoryStore } = await import("~/emulator/inventory.server");
    const drafts = inventoryStore(emulator.state).transfers;
    expect(drafts).toHaveLength(1);
    const item = (await h.prisma.variant.findUniqueOrThrow({ where: { id: variantId } })).inventoryItemId;
    expect(drafts[0]).toMatchObject({
      status: "DRAFT",
      originLocationId: main.shopifyId,
      destinationLocationId: other.shopifyId,
      lineItems: [{ inventoryItemId: item, quantity: suggestion.proposedQuantity }],
    });
    expect(await h.prisma.stockTransfer.findUniqueOrThrow({ where: { id: transfer.id } })).toMatchObject({
      status: "created",
      shopifyId: drafts[0].id,
    });
    expect(
      await h.prisma.decision.findMany({ where: { shopId, kind: "transfer" }, select: { pushStatus: true } }),
    ).toEqual([{ pushStatus: "pushed" }]);
    // AND the next recompute counts the approved transfer: no second suggestion for the same units
    await recompute.recomputeShop(h.prisma, shopId, { variantIds: [variantId] });
    expect(
      await h.prisma.recommendation.count({ where: { shopId, variantId, kind: "transfer", status: "pending" } }),
    ).toBe(0);
  });
});
