// Storefront signals end to end on a small seeded shop: computed from stock, forecast and purchase orders,
// mirrored into the emulator's app-owned metafields, and served by the app proxy route only to signed requests.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_SECRET, migratedTestDatabase } from "../../support/env";
import { callRoute, type RouteFn } from "../../support/route";
import { emulatorFor, smallShop, TOKEN } from "../admin/support";
import type { Emulator } from "~/emulator/server.server";

let loader: RouteFn;
let prisma: typeof import("~/db.server").prisma;
let emulator: Emulator;
let shopId: string;
let domain: string;

const call = (request: Request) => callRoute(loader, request);

async function proxyRequest(query: Record<string, string>, sign: { secret?: string; timestamp?: number } | null = {}) {
  const { signProxyQuery } = await import("~/demo/proxy-signature.server");
  let params = new URLSearchParams(query);
  if (sign)
    params = signProxyQuery(params, { shop: domain, secret: sign.secret ?? TEST_SECRET, timestamp: sign.timestamp });
  return new Request(`https://pilotage.example.com/apps/pilotage/availability?${params}`);
}

describe("storefront availability (signals, metafields, app proxy)", () => {
  beforeAll(async () => {
    // GIVEN a small simulated shop seeded in the database, recomputed, and served by the emulator
    ({ prisma } = await migratedTestDatabase());
    const sim = smallShop();
    const { seedDemoShop } = await import("~/demo/seed.server");
    ({ shopId } = await seedDemoShop(prisma, sim));
    domain = sim.shop.domain;
    await prisma.session.create({
      data: { id: `offline_${domain}`, shop: domain, state: "t", isOnline: false, accessToken: TOKEN },
    });
    const { recomputeShop } = await import("~/sync/recompute/recompute.server");
    await recomputeShop(prisma, shopId);
    emulator = await emulatorFor(sim);
    ({ loader } = (await import("~/routes/apps.pilotage.availability")) as unknown as { loader: RouteFn });
  });

  afterAll(async () => {
    await emulator?.stop();
  });

  it("computes a signal per variant, and a second run changes nothing", async () => {
    const { refreshSignals } = await import("~/storefront/signals.server");
    // WHEN the signals are refreshed twice
    const first = await refreshSignals(prisma, shopId);
    const second = await refreshSignals(prisma, shopId);
    // THEN every live variant has a row with facts, and the second run writes nothing
    const variants = await prisma.variant.count({ where: { shopId, deletedAt: null } });
    expect(first.changed).toBe(variants);
    expect(second.changed).toBe(0);
    const rows = await prisma.availabilitySignal.findMany({ where: { shopId } });
    expect(rows).toHaveLength(variants);
    for (const r of rows) expect(JSON.parse(r.facts)).toMatchObject({ variant: r.shopifyVariantId, state: r.state });
  });

  it("rewrites a changed signal in place: same row and metafield sync time, new facts and computedAt", async () => {
    const { refreshSignals } = await import("~/storefront/signals.server");
    // GIVEN a variant whose stored signal was mirrored to its metafield, and whose stock then runs out
    const v = await prisma.variant.findFirstOrThrow({ where: { shopId, deletedAt: null }, skip: 1 });
    const syncedAt = new Date("2026-01-02T03:04:05.678Z");
    const before = await prisma.availabilitySignal.update({
      where: { shopId_variantId: { shopId, variantId: v.id } },
      data: { metafieldSyncedAt: syncedAt },
    });
    await prisma.inventoryLevel.updateMany({ where: { shopId, variantId: v.id }, data: { available: 0 } });
    // WHEN its signal is refreshed at a known time
    const now = new Date();
    const report = await refreshSignals(prisma, shopId, { variantIds: [v.id], now });
    // THEN the same row holds the new facts and time, and still says when the metafield was last written
    const after = await prisma.availabilitySignal.findUniqueOrThrow({
      where: { shopId_variantId: { shopId, variantId: v.id } },
    });
    expect(report.changed).toBe(1);
    expect(after.id).toBe(before.id);
    expect(after.metafieldSyncedAt).toEqual(syncedAt);
    expect(after.computedAt).toEqual(now);
    expect(after.facts).not.toBe(before.facts);
    expect(JSON.parse(after.facts)).toMatchObject({ variant: after.shopifyVariantId, state: after.state });
    expect(typeof after.confident).toBe("boolean");
  });

  it("announces the restock date of an open purchase order for a sold-out variant", async () => {
    const { refreshSignals } = await import("~/storefront/signals.server");
    // GIVEN a variant with no stock anywhere and a draft PO expected in 10 days
    const v = await prisma.variant.findFirstOrThrow({ where: { shopId } });
    await prisma.inventoryLevel.updateMany({ where: { shopId, variantId: v.id }, data: { available: 0 } });
    const expectedAt = new Date(Date.now() + 10 * 86_400_000);
    const po = await prisma.purchaseOrder.create({
      data: { shopId, number: "PO-TEST", vendor: v.vendor ?? "x", currency: "EUR", expectedAt },
    });
    await prisma.purchaseOrderLine.create({ data: { shopId, purchaseOrderId: po.id, variantId: v.id, quantity: 20 } });
    // WHEN its signal is refreshed
    await refreshSignals(prisma, shopId, { variantIds: [v.id] });
    // THEN it says back around that day
    const row = await prisma.availabilitySignal.findUniqueOrThrow({
      where: { shopId_variantId: { shopId, variantId: v.id } },
    });
    expect(row.state).toBe("back_soon");
    expect(JSON.parse(row.facts)).toMatchObject({
      sold_out: true,
      date: expectedAt.toISOString().slice(0, 10),
      units: null,
    });
  });

  it("mirrors changed signals into the app-owned variant metafield", async () => {
    const { syncSignalMetafields } = await import("~/storefront/signals.server");
    // WHEN the metafields are synced with the emulator
    const result = await syncSignalMetafields(domain, { gateway: { origin: emulator.url } });
    // THEN each signal is set once on its variant, with the stored facts, and a second sync sends nothing
    const rows = await prisma.availabilitySignal.findMany({ where: { shopId }, include: { variant: true } });
    expect(result).toEqual({ set: rows.length, failed: 0 });
    const stored = [...emulator.state.metafields.values()] as unknown as {
      ownerId: string;
      key: string;
      value: string;
      namespace: string;
    }[];
    const sample = rows[0];
    const mf = stored.find((m) => m.ownerId === sample.variant.shopifyId && m.key === "availability");
    expect(mf?.namespace).toMatch(/^app--.+--pilotage$/);
    expect(JSON.parse(mf!.value)).toEqual(JSON.parse(sample.facts));
    expect(await syncSignalMetafields(domain, { gateway: { origin: emulator.url } })).toEqual({ set: 0, failed: 0 });
  });

  it("syncs a signal stamped by a clock ahead of this one once, and then stops", async () => {
    const { refreshSignals, syncSignalMetafields } = await import("~/storefront/signals.server");
    // GIVEN every signal synced but one, whose computedAt another worker's clock put an hour ahead
    await refreshSignals(prisma, shopId);
    await syncSignalMetafields(domain, { gateway: { origin: emulator.url } });
    const v = await prisma.variant.findFirstOrThrow({ where: { shopId, deletedAt: null }, skip: 2 });
    const ahead = new Date(Date.now() + 3_600_000);
    await prisma.availabilitySignal.update({
      where: { shopId_variantId: { shopId, variantId: v.id } },
      data: { computedAt: ahead, metafieldSyncedAt: null },
    });
    // WHEN the metafields are synced twice (each given 10 s)
    const within = <T>(p: Promise<T>) =>
      Promise.race([
        p,
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("sync never ended")), 10_000)),
      ]);
    const first = await within(syncSignalMetafields(domain, { gateway: { origin: emulator.url } }));
    const second = await within(syncSignalMetafields(domain, { gateway: { origin: emulator.url } }));
    // THEN the first writes that signal once, marked synced at its own computedAt, and the second writes nothing
    expect(first).toEqual({ set: 1, failed: 0 });
    expect(second).toEqual({ set: 0, failed: 0 });
    const row = await prisma.availabilitySignal.findUniqueOrThrow({
      where: { shopId_variantId: { shopId, variantId: v.id } },
    });
    expect(row.metafieldSyncedAt).toEqual(ahead);
  });

  it("leaves a signal recomputed while its metafield was being written for the next sync", async () => {
    const { refreshSignals, syncSignalMetafields } = await import("~/storefront/signals.server");
    // GIVEN one unsynced signal, recomputed (new facts, new computedAt) while the Admin API call is in flight
    await refreshSignals(prisma, shopId);
    await syncSignalMetafields(domain, { gateway: { origin: emulator.url } });
    const v = await prisma.variant.findFirstOrThrow({ where: { shopId, deletedAt: null }, skip: 3 });
    const where = { shopId_variantId: { shopId, variantId: v.id } };
    await prisma.availabilitySignal.update({ where, data: { metafieldSyncedAt: null } });
    let recomputedAt: Date | undefined;
    const fetchDuringRecompute = async (input: string, init: RequestInit) => {
      recomputedAt = new Date();
      await prisma.availabilitySignal.update({ where, data: { computedAt: recomputedAt } });
      return fetch(input, init);
    };
    // WHEN the metafields are synced, then synced again
    const first = await syncSignalMetafields(domain, {
      gateway: { origin: emulator.url, fetch: fetchDuringRecompute },
    });
    const between = await prisma.availabilitySignal.findUniqueOrThrow({ where });
    const second = await syncSignalMetafields(domain, { gateway: { origin: emulator.url } });
    // THEN the first wrote the old facts but did not mark the new ones synced; the second writes them
    expect(first).toEqual({ set: 1, failed: 0 });
    expect(between.metafieldSyncedAt).toBeNull();
    expect(second).toEqual({ set: 1, failed: 0 });
    expect((await prisma.availabilitySignal.findUniqueOrThrow({ where })).metafieldSyncedAt).toEqual(recomputedAt);
  });

  it("serves a variant's facts to a signed proxy request, cacheable and without personal data", async () => {
    // GIVEN a known variant
    const row = await prisma.availabilitySignal.findFirstOrThrow({ where: { shopId } });
    // WHEN the storefront asks through the app proxy
    const res = await call(await proxyRequest({ variant: row.shopifyVariantId }));
    // THEN the stored facts come back with a short public cache
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=60");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toEqual(JSON.parse(row.facts));
    expect(Object.keys(body).sort()).toEqual([
      "confident",
      "cover_days",
      "date",
      "expires_at",
      "ships_by",
      "sold_out",
      "state",
      "tracked",
      "units",
      "variant",
    ]);
  });

  it("accepts a variant gid and answers unknown or malformed variants neutrally, never with an error", async () => {
    const row = await prisma.availabilitySignal.findFirstOrThrow({ where: { shopId } });
    const byGid = await call(await proxyRequest({ variant: `gid://shopify/ProductVariant/${row.shopifyVariantId}` }));
    expect(await byGid.json()).toMatchObject({ variant: row.shopifyVariantId });
    for (const variant of ["999999999", "not-a-number", ""]) {
      const res = await call(await proxyRequest({ variant }));
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ state: "none", expires_at: 0 });
    }
  });

  it("rejects a bad signature, a missing one and an old timestamp", async () => {
    const row = await prisma.availabilitySignal.findFirstOrThrow({ where: { shopId } });
    const q = { variant: row.shopifyVariantId };
    // WHEN the request is signed with another secret, not signed, or signed 10 minutes ago
    const bad = await call(await proxyRequest(q, { secret: "someone-else" }));
    const missing = await call(
      await proxyRequest({ ...q, shop: domain, timestamp: String(Math.floor(Date.now() / 1000)) }, null),
    );
    const old = await call(await proxyRequest(q, { timestamp: Math.floor(Date.now() / 1000) - 600 }));
    // THEN each is refused with 400 and no facts
    for (const res of [bad, missing, old]) {
      expect(res.status).toBe(400);
      expect(await res.text()).toBe("");
    }
  });
});
