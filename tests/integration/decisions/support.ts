// Shared set-up of the decisions tests: a migrated temp SQLite database seeded with a small simulated shop, the
// Admin API emulator serving the same shop, the shop's offline session, and price recommendations to approve.
import { afterAll, beforeAll } from "vitest";
import { generateShop, type SimShop } from "~/demo/simulator";
import type { Emulator, EmulatorOptions } from "~/emulator/server.server";
import type { EnqueueInput, JobQueue } from "~/jobs/types";
import type { FetchLike } from "~/shopify/admin-gateway.server";
import type { ShopContext } from "~/services/shop.server";
import { migratedTestDatabase } from "../../support/env";
import { emulatorFor, gatewayFor, TOKEN } from "../admin/support";

export interface DecisionsHarness {
  prisma: typeof import("~/db.server").prisma;
  sim: SimShop;
  emulator: Emulator;
  shop: ShopContext;
  /** Records enqueued jobs (coalescing on type + key) and enqueue calls; the tests run the push themselves. */
  queue: RecordingQueue;
  gateway: () => ReturnType<typeof gatewayFor>;
  stop(): Promise<void>;
}

export async function decisionsHarness(options: Partial<EmulatorOptions> = {}): Promise<DecisionsHarness> {
  const { prisma } = await migratedTestDatabase();
  const { seedDemoShop } = await import("~/demo/seed.server");
  const { shopContext } = await import("~/services/shop.server");
  const sim = generateShop({ seed: 11, variants: 40, days: 60 });
  await seedDemoShop(prisma, sim);
  const emulator = await emulatorFor(sim, options);
  process.env.SHOPIFY_ADMIN_API_ORIGIN = emulator.url;
  await prisma.session.create({
    data: {
      id: `offline_${sim.shop.domain}`,
      shop: sim.shop.domain,
      state: "test",
      isOnline: false,
      accessToken: TOKEN,
    },
  });
  const shop = await shopContext(sim.shop.domain);
  return {
    prisma,
    sim,
    emulator,
    shop,
    queue: recordingQueue(),
    gateway: () => gatewayFor(emulator),
    async stop() {
      delete process.env.SHOPIFY_ADMIN_API_ORIGIN;
      await emulator.stop();
    },
  };
}

/** A harness with the decisions modules under test, imported once the test environment is set. */
export type DecisionsSuite = DecisionsHarness & {
  decide: typeof import("~/decisions/decide.server");
  push: typeof import("~/decisions/push.server");
};

/**
 * The shared set-up of the approve, push and rollback suites: registers beforeAll (the harness, then the modules,
 * then `more` for a suite's own preparation) and afterAll (stop). The returned object is filled in beforeAll:
 * read it inside tests only.
 */
export function decisionsSuite(
  options: Partial<EmulatorOptions> = {},
  more?: (suite: DecisionsSuite) => Promise<void>,
): DecisionsSuite {
  const suite = {} as DecisionsSuite;
  beforeAll(async () => {
    const h = await decisionsHarness(options);
    Object.assign(suite, h, {
      decide: await import("~/decisions/decide.server"),
      push: await import("~/decisions/push.server"),
    });
    await more?.(suite);
  }, 60_000);
  afterAll(() => suite.stop?.());
  return suite;
}

type RecordingQueue = JobQueue & { jobs: EnqueueInput[]; calls: number };

function recordingQueue(): RecordingQueue {
  const jobs: EnqueueInput[] = [];
  const ids = new Map<string, string>();
  const unused = () => {
    throw new Error("not used by the decisions tests");
  };
  return {
    kind: "database",
    jobs,
    calls: 0,
    async enqueue(input) {
      this.calls++;
      const key = `${input.type}:${input.coalesceKey ?? jobs.length}`;
      const existing = ids.get(key);
      if (existing) return { id: existing, created: false };
      jobs.push(input as EnqueueInput);
      const id = `job-${jobs.length}`;
      ids.set(key, id);
      return { id, created: true };
    },
    async enqueueMany(inputs) {
      const results = [];
      for (const input of inputs) results.push(await this.enqueue(input));
      return results;
    },
    registerHandler: unused,
    schedule: unused,
    unschedule: unused,
    start: unused,
    stop: unused,
    getJob: unused,
    listJobs: unused,
    listFailed: unused,
    retry: unused,
    cancelShop: unused,
    close: unused,
    probe: unused,
    liveness: unused,
  } as RecordingQueue;
}

export interface PriceRecSpec {
  /** Multiplier on the current price for the proposed price (default 1.05). */
  factor?: number;
  /** Bounds JSON stored on the recommendation (default ±10 % MAX_CHANGE around the current price). */
  bounds?: { code: string; side: "lower" | "upper"; value: number }[];
}

/** A pending price recommendation for each of the shop's first `count` variants with a unit cost. */
export async function addPriceRecommendations(h: DecisionsHarness, count: number, spec: PriceRecSpec = {}) {
  const variants = await h.shop.db.variant.findMany({
    where: { unitCost: { not: null }, deletedAt: null },
    orderBy: { shopifyId: "asc" },
    take: count,
  });
  const rows = [];
  for (const v of variants) {
    const price = Number(v.price);
    const proposed = Math.round(price * (spec.factor ?? 1.05) * 100) / 100;
    const bounds = spec.bounds ?? [
      { code: "MAX_CHANGE", side: "lower", value: Math.ceil(price * 90) / 100 },
      { code: "MAX_CHANGE", side: "upper", value: Math.floor(price * 110) / 100 },
    ];
    const rec = await h.shop.db.recommendation.create({
      data: {
        shopId: h.shop.id,
        variantId: v.id,
        kind: "price",
        currentPrice: price,
        proposedPrice: proposed,
        expectedProfitDelta: 1,
        expectedImpact: JSON.stringify({
          action: "raise",
          compareAtPrice: v.compareAtPrice === null ? null : Number(v.compareAtPrice),
        }),
        bounds: JSON.stringify(bounds),
      },
    });
    rows.push({ rec, variant: v, price, proposed });
  }
  return rows;
}

/** The emulator's current price of a variant gid. */
export function emulatorPrice(h: DecisionsHarness, gid: string): number {
  return h.emulator.state.variantById.get(gid)!.price;
}

/** A fetch that counts price mutations and can fail those of one product. */
export function spyFetch(failProduct?: string): FetchLike & { mutations: number } {
  const f = (async (input: string, init: RequestInit) => {
    const body = JSON.parse(String(init.body)) as { query: string; variables: { productId?: string } };
    if (body.query.includes("VariantPricesUpdate")) {
      f.mutations++;
      if (failProduct && body.variables.productId === failProduct) return new Response("boom", { status: 500 });
    }
    return fetch(input, init);
  }) as FetchLike & { mutations: number };
  f.mutations = 0;
  return f;
}
