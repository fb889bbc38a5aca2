// Settings: one zod schema with field-level errors, stored values, vendor terms and autonomy rules, the
// audited global pause, and a recompute enqueued only when a change moves decisions.
import { beforeAll, describe, expect, it } from "vitest";
import { harness, type Harness } from "../replenishment/support";

const SHOP = "settings-shop.myshopify.com";
let h: Harness;
let shopId: string;

type Values = Record<string, unknown> & {
  vendors: Record<string, unknown>[];
  autonomy: { price: Record<string, unknown>; reorder: Record<string, unknown> };
};

async function load(): Promise<{ values: Values; paused: boolean; pausedAt: string | null }> {
  const res = await h.call("app.settings", "loader", h.request(SHOP, "/app/settings"));
  expect(res.status).toBe(200);
  return res.json();
}

async function save(values: unknown) {
  const res = await h.call(
    "app.settings",
    "action",
    h.request(SHOP, "/app/settings", { json: { intent: "save", values } }),
  );
  return {
    status: res.status,
    body: (await res.json()) as {
      ok: boolean;
      changed?: string[];
      recomputeJobId?: string | null;
      errors?: Record<string, { code: string; min?: number; max?: number }>;
    },
  };
}

const recomputeJobs = () => h.prisma.job.count({ where: { shopId, type: "recompute.shop" } });

beforeAll(async () => {
  h = await harness();
  await h.install(SHOP);
  shopId = (await h.seedCatalogue(SHOP)).shopId;
});

describe("settings", () => {
  it("loads defaults with the catalogue's vendors and their stored terms", async () => {
    // GIVEN a shop that never saved settings, with vendor terms stored for "Atelier, Nord"
    // WHEN the page loads
    const d = await load();
    // THEN the schema defaults show, and every catalogue vendor has a row
    expect(d.values).toMatchObject({
      minMarginPct: 0.2,
      serviceLevel: 0.95,
      priceRounding: "0.99",
      reviewPeriodDays: 7,
    });
    expect(d.values.vendors.map((v) => v.vendor)).toEqual(["Atelier, Nord", "Céramiques Sud"]);
    expect(d.values.vendors[0]).toMatchObject({ leadTimeMeanDays: 9.5, moq: 6 });
    expect(d.values.vendors[1]).toMatchObject({ leadTimeMeanDays: 14, moq: 1 });
    expect(d.paused).toBe(false);
  });

  it("saves valid values, writes settings.updated with before/after, and enqueues a recompute", async () => {
    // GIVEN the loaded values
    const { values } = await load();
    const jobsBefore = await recomputeJobs();
    // WHEN the service level, a vendor lead time and the price autonomy change
    values.serviceLevel = 0.98;
    values.vendors[1].leadTimeMeanDays = 21;
    values.autonomy.price = { mode: "auto", maxChangePct: 0.04, minMarginPct: 0.25, maxPerDay: 10 };
    const { status, body } = await save(values);
    // THEN they are stored
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.changed?.sort()).toEqual(
      [
        "serviceLevel",
        "vendors.Céramiques Sud.leadTimeMeanDays",
        "autonomy.price.mode",
        "autonomy.price.maxChangePct",
        "autonomy.price.minMarginPct",
        "autonomy.price.maxPerDay",
      ].sort(),
    );
    const stored = await h.prisma.shopSettings.findUniqueOrThrow({ where: { shopId } });
    expect(stored.serviceLevel).toBe(0.98);
    const vendor = await h.prisma.vendorSettings.findUniqueOrThrow({
      where: { shopId_vendor: { shopId, vendor: "Céramiques Sud" } },
    });
    expect(vendor.leadTimeMeanDays).toBe(21);
    // AND one audit event carries the before and after of each changed field
    const events = await h.prisma.auditEvent.findMany({ where: { shopId, action: "settings.updated" } });
    expect(events).toHaveLength(1);
    expect(events[0].actor).toBe("42");
    const data = JSON.parse(events[0].data) as { before: Record<string, unknown>; after: Record<string, unknown> };
    expect(data.before.serviceLevel).toBe(0.95);
    expect(data.after.serviceLevel).toBe(0.98);
    expect(data.before["vendors.Céramiques Sud.leadTimeMeanDays"]).toBe(14);
    expect(data.after["vendors.Céramiques Sud.leadTimeMeanDays"]).toBe(21);
    // AND a shop recompute is queued
    expect(body.recomputeJobId).toBeTruthy();
    expect(await recomputeJobs()).toBeGreaterThan(jobsBefore);
  });

  it("stores the autonomy rules per action type with their limits", async () => {
    // GIVEN the save above (price: auto within limits) and a reorder rule now set to auto
    const { values } = await load();
    values.autonomy.reorder = { mode: "auto", maxOrderValue: 750, maxPerDay: 3 };
    expect((await save(values)).body.ok).toBe(true);
    // WHEN the rules are read
    const rules = await h.prisma.autonomyRule.findMany({ where: { shopId }, orderBy: { actionType: "asc" } });
    // THEN both exist with their limits, and they read back into the form
    expect(rules.map((r) => [r.actionType, r.mode, r.maxChangePct, r.minMarginPct, r.maxPerDay])).toEqual([
      ["price", "auto", 0.04, 0.25, 10],
      ["reorder", "auto", null, null, 3],
    ]);
    expect(Number(rules[1].maxOrderValue)).toBe(750);
    expect((await load()).values.autonomy.reorder).toEqual({ mode: "auto", maxOrderValue: 750, maxPerDay: 3 });
  });

  it("does not enqueue a recompute for an autonomy-only change, and writes nothing when nothing changed", async () => {
    // GIVEN the stored values
    const { values } = await load();
    const jobs = await recomputeJobs();
    const events = await h.prisma.auditEvent.count({ where: { shopId, action: "settings.updated" } });
    // WHEN they are saved unchanged
    const same = await save(values);
    // THEN nothing is written
    expect(same.body).toMatchObject({ ok: true, changed: [], recomputeJobId: null });
    expect(await h.prisma.auditEvent.count({ where: { shopId, action: "settings.updated" } })).toBe(events);
    // WHEN only an autonomy limit changes
    values.autonomy.price.maxPerDay = 5;
    const autonomyOnly = await save(values);
    // THEN it is audited but no recompute is queued
    expect(autonomyOnly.body).toMatchObject({ ok: true, changed: ["autonomy.price.maxPerDay"], recomputeJobId: null });
    expect(await recomputeJobs()).toBe(jobs);
  });

  // Each bad value is refused on its own field, naming the allowed range.
  const INVALID: [string, (v: Values) => void, Record<string, unknown>][] = [
    ["serviceLevel", (v) => (v.serviceLevel = 0.4), { code: "range", min: 0.5, max: 0.999 }],
    ["serviceLevel", (v) => (v.serviceLevel = 1), { code: "range", min: 0.5, max: 0.999 }],
    ["minMarginPct", (v) => (v.minMarginPct = -0.1), { code: "range", min: 0, max: 0.95 }],
    ["maxPriceChangePct", (v) => (v.maxPriceChangePct = 0.9), { code: "range", min: 0.01, max: 0.5 }],
    ["priceRounding", (v) => (v.priceRounding = "0.42"), { code: "choice" }],
    ["compareAtPolicy", (v) => (v.compareAtPolicy = "sometimes"), { code: "choice" }],
    ["cooldownDays", (v) => (v.cooldownDays = 2.5), { code: "range", min: 0, max: 365 }],
    ["observedRangeDistance", (v) => (v.observedRangeDistance = 3), { code: "range", min: 0, max: 1 }],
    ["reviewPeriodDays", (v) => (v.reviewPeriodDays = 0), { code: "range", min: 1, max: 90 }],
    ["targetCoverDays", (v) => (v.targetCoverDays = null), { code: "required" }],
    ["longTermValueWeight", (v) => (v.longTermValueWeight = 2), { code: "range", min: 0, max: 1 }],
    ["paymentFeePct", (v) => (v.paymentFeePct = "abc"), { code: "range", min: 0, max: 0.2 }],
    ["paymentFeeFixed", (v) => (v.paymentFeeFixed = -1), { code: "range", min: 0, max: 10 }],
    ["fulfilmentCostPerUnit", (v) => (v.fulfilmentCostPerUnit = 5000), { code: "range", min: 0, max: 1000 }],
    ["vendors.1.leadTimeMeanDays", (v) => (v.vendors[1].leadTimeMeanDays = -3), { code: "range", min: 0, max: 365 }],
    ["vendors.0.leadTimeSdDays", (v) => (v.vendors[0].leadTimeSdDays = 500), { code: "range", min: 0, max: 180 }],
    ["vendors.0.moq", (v) => (v.vendors[0].moq = 0), { code: "range", min: 1 }],
    ["vendors.1.casePack", (v) => (v.vendors[1].casePack = 1.5), { code: "range", min: 1 }],
    ["autonomy.price.maxChangePct", (v) => (v.autonomy.price.maxChangePct = null), { code: "required" }],
    ["autonomy.price.minMarginPct", (v) => (v.autonomy.price.minMarginPct = 1.2), { code: "range", min: 0, max: 0.95 }],
    ["autonomy.reorder.maxOrderValue", (v) => (v.autonomy.reorder.maxOrderValue = -5), { code: "range", min: 0 }],
    ["autonomy.reorder.mode", (v) => (v.autonomy.reorder.mode = "always"), { code: "choice" }],
  ];
  it.each(INVALID)("refuses a bad %s on that field and stores nothing", async (path, mutate, expected) => {
    // GIVEN the stored values with one bad field
    const { values } = await load();
    const before = await h.prisma.shopSettings.findUniqueOrThrow({ where: { shopId } });
    mutate(values);
    // WHEN they are saved
    const { status, body } = await save(values);
    // THEN the answer is 422 with exactly that field named, and the stored settings did not move
    expect(status).toBe(422);
    expect(Object.keys(body.errors ?? {})).toEqual([path]);
    expect(body.errors![path]).toMatchObject(expected);
    const after = await h.prisma.shopSettings.findUniqueOrThrow({ where: { shopId } });
    expect(after.updatedAt).toEqual(before.updatedAt);
  });

  it("pauses every automatic action at once, audited, and resumes", async () => {
    // GIVEN a running shop
    // WHEN the merchant pauses
    const res = await h.call(
      "app.settings",
      "action",
      h.request(SHOP, "/app/settings", { json: { intent: "pause", paused: true } }),
    );
    // THEN the pause is stored with its time and audited with before/after
    expect(res.status).toBe(200);
    const s = await h.prisma.shopSettings.findUniqueOrThrow({ where: { shopId } });
    expect(s.paused).toBe(true);
    expect(s.pausedAt).not.toBeNull();
    const event = await h.prisma.auditEvent.findFirstOrThrow({
      where: { shopId, action: "settings.updated" },
      orderBy: { at: "desc" },
    });
    expect(JSON.parse(event.data)).toMatchObject({ before: { paused: false }, after: { paused: true } });
    expect((await load()).paused).toBe(true);
    // WHEN the merchant resumes
    await h.call(
      "app.settings",
      "action",
      h.request(SHOP, "/app/settings", { json: { intent: "pause", paused: false } }),
    );
    // THEN automatic actions may run again
    const r = await h.prisma.shopSettings.findUniqueOrThrow({ where: { shopId } });
    expect([r.paused, r.pausedAt]).toEqual([false, null]);
  });

  it("refuses a malformed request", async () => {
    // GIVEN a body without a known intent
    // WHEN it is posted
    const res = await h.call(
      "app.settings",
      "action",
      h.request(SHOP, "/app/settings", { json: { intent: "explode" } }),
    );
    // THEN it is a 400 with a typed code
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ ok: false, code: "SETTINGS.INVALID_REQUEST" });
  });
});
