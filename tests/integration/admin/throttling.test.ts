import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SimShop } from "~/demo/simulator";
import type { Emulator } from "~/emulator/server.server";
import { inventoryLevelPages } from "~/shopify/catalog.server";
import { collect } from "~/shopify/paginate.server";
import { CostBucket } from "~/shopify/throttle.server";
import { emulatorFor, gatewayFor, smallShop } from "./support";

let sim: SimShop;
let emulator: Emulator;

beforeAll(async () => {
  sim = smallShop();
  // A tiny bucket: 60 points, restoring 1000 per second. One page of 10 levels requests 43 points.
  emulator = await emulatorFor(sim, { bucket: { maximumAvailable: 60, restoreRate: 1000 } });
});
afterAll(async () => {
  await emulator.stop();
});

describe("cost-based throttling", () => {
  it("callers with separate mirrors (several workers) are THROTTLED by the emulator, back off and all complete", async () => {
    // GIVEN 12 workers of one shop, each with its own gateway and bucket mirror, paging through 40 levels
    const truth = sim.inventory.filter((l) => l.locationId === sim.locations[0].id).map((l) => l.variantId);
    const gateways = Array.from({ length: 12 }, (_, i) =>
      gatewayFor(emulator, { bucket: new CostBucket(), jitterSeed: i + 1 }),
    );
    const before = emulator.stats.throttled;
    // WHEN they all run at once
    const results = await Promise.all(gateways.map((g) => collect(inventoryLevelPages(g, sim.locations[0].id, 10))));
    // THEN the emulator answered THROTTLED, the gateways backed off, and every worker got every level exactly once
    expect(emulator.stats.throttled).toBeGreaterThan(before);
    expect(gateways.reduce((a, g) => a + g.stats.throttled, 0)).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.value.map((l) => l.variantId)).toEqual(truth);
    }
  });

  it("concurrent callers sharing one gateway are paced on its mirror and never throttled", async () => {
    // GIVEN 12 callers of one gateway (one process) WHEN they page through the same levels at once
    await new Promise((r) => setTimeout(r, 100)); // let the bucket refill after the previous test
    const before = emulator.stats.throttled;
    const gateway = gatewayFor(emulator, { bucket: new CostBucket() });
    const results = await Promise.all(
      Array.from({ length: 12 }, () => collect(inventoryLevelPages(gateway, sim.locations[0].id, 10))),
    );
    // THEN all complete and the emulator never had to throttle: the mirror held each caller back instead
    expect(results.every((r) => r.ok)).toBe(true);
    expect(emulator.stats.throttled).toBe(before);
    expect(gateway.stats.throttled).toBe(0);
  });

  it("a single caller paces itself on the bucket mirror and is never throttled", async () => {
    // GIVEN one caller WHEN it reads 20 pages back to back on the same tiny bucket
    await new Promise((r) => setTimeout(r, 100)); // let the bucket refill after the previous test
    const before = emulator.stats.throttled;
    const gateway = gatewayFor(emulator, { bucket: new CostBucket() });
    for (let i = 0; i < 5; i++) {
      const r = await collect(inventoryLevelPages(gateway, sim.locations[1].id, 10));
      expect(r.ok).toBe(true);
    }
    // THEN the emulator never had to throttle it: the gateway waited for the restore instead
    expect(emulator.stats.throttled).toBe(before);
    expect(gateway.stats.throttled).toBe(0);
  });

  it("a query above the single-query limit is a typed error, not retried", async () => {
    // GIVEN a page size whose requested cost exceeds the 60-point bucket WHEN asked THEN QUERY_TOO_COSTLY at once
    const r = await collect(inventoryLevelPages(gatewayFor(emulator), sim.locations[0].id, 100));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: "ADMIN_API.QUERY_TOO_COSTLY", attempts: 1 });
  });
});
