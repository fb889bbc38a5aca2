import { describe, expect, it } from "vitest";
import {
  availabilitySignal,
  DEFAULT_SIGNAL_RULES,
  daysOfCover,
  type SignalInput,
  type SignalRules,
} from "~/core/signals/availability";

const NOW = "2026-11-26T12:00:00Z";
const input = (over: Partial<SignalInput> = {}): SignalInput => ({
  today: "2026-11-26",
  tracked: true,
  available: 100,
  dailyDemand: 2,
  forecastConfident: true,
  inventoryUpdatedAt: "2026-11-26T08:00:00Z",
  now: NOW,
  restockDate: null,
  continueSelling: false,
  handlingDays: null,
  ...over,
});
const rules = (over: Partial<SignalRules> = {}): SignalRules => ({ ...DEFAULT_SIGNAL_RULES, ...over });

describe("availability signal rules", () => {
  it("says in stock when cover is comfortable", () => {
    // GIVEN 100 units at 2 a day (50 days of cover)
    // WHEN the signal is computed
    const s = availabilitySignal(input());
    // THEN it is "in stock", with the cover
    expect(s.state).toBe("in_stock");
    expect(s.daysOfCover).toBe(50);
  });

  it("says only N left below the cover threshold, from the forecast and not from a fixed count", () => {
    // GIVEN 13 units at 2 a day (6.5 days < 7) and 13 units at 1 a day (13 days)
    const fast = availabilitySignal(input({ available: 13, dailyDemand: 2 }));
    const slow = availabilitySignal(input({ available: 13, dailyDemand: 1 }));
    // THEN the same count is "low stock" only where it covers fewer days than the threshold
    expect(fast).toMatchObject({ state: "low_stock", unitsLeft: 13 });
    expect(slow.state).toBe("selling_fast");
  });

  it("puts the low-stock boundary at exactly the threshold (cover 7.0 is not low)", () => {
    // GIVEN cover of exactly 7 days and just under
    const at = availabilitySignal(input({ available: 14, dailyDemand: 2 }));
    const under = availabilitySignal(input({ available: 13, dailyDemand: 1.9 }));
    // THEN 7.0 days is selling fast, 6.84 days is low stock
    expect(at.state).toBe("selling_fast");
    expect(under.state).toBe("low_stock");
  });

  it("hides the exact count when the merchant chooses so", () => {
    // GIVEN a low-stock variant and showExactCount off
    const s = availabilitySignal(input({ available: 3, dailyDemand: 1 }), rules({ showExactCount: false }));
    // THEN the state stays, the number goes
    expect(s).toMatchObject({ state: "low_stock", unitsLeft: null });
  });

  it("says selling fast when the projected stockout is within the window, with the stockout day", () => {
    // GIVEN 40 units at 2 a day: 20 days of cover < 21
    const s = availabilitySignal(input({ available: 40, dailyDemand: 2 }));
    // THEN selling fast, stockout 20 days from today
    expect(s).toMatchObject({ state: "selling_fast", date: "2026-12-16" });
    // AND at exactly the window (42 units = 21 days) it is in stock
    expect(availabilitySignal(input({ available: 42, dailyDemand: 2 })).state).toBe("in_stock");
  });

  it("makes no scarcity claim from an unconfident forecast", () => {
    // GIVEN 3 units and a forecast that is not trusted
    const s = availabilitySignal(input({ available: 3, dailyDemand: 2, forecastConfident: false }));
    // THEN only the fact is shown: in stock
    expect(s.state).toBe("in_stock");
  });

  it("makes no scarcity claim without demand (no forecast or zero demand)", () => {
    expect(availabilitySignal(input({ available: 1, dailyDemand: null })).state).toBe("in_stock");
    expect(availabilitySignal(input({ available: 1, dailyDemand: 0 })).state).toBe("in_stock");
    expect(daysOfCover(5, 0)).toBeNull();
  });

  it("says back in stock around the restock date when sold out", () => {
    // GIVEN no units and a purchase order expected on 12 Dec
    const s = availabilitySignal(input({ available: 0, restockDate: "2026-12-12" }));
    // THEN back around 12 Dec
    expect(s).toMatchObject({ state: "back_soon", date: "2026-12-12" });
  });

  it("says sold out, with no date, when sold out or oversold without a dependable date (none, past, or too far)", () => {
    expect(availabilitySignal(input({ available: 0 })).state).toBe("sold_out");
    expect(availabilitySignal(input({ available: -3 })).state).toBe("sold_out");
    expect(availabilitySignal(input({ available: 0, restockDate: "2026-11-20" }))).toMatchObject({
      state: "sold_out",
      date: null,
    });
    expect(availabilitySignal(input({ available: 0, restockDate: "2027-06-01" })).state).toBe("sold_out");
    // AND nothing when the shop keeps selling at zero (the variant can still be bought) or hides back-in-stock texts
    expect(availabilitySignal(input({ available: 0, continueSelling: true })).state).toBe("none");
    // AND the horizon boundary: exactly 90 days is still promised
    expect(availabilitySignal(input({ available: -2, restockDate: "2027-02-24" })).state).toBe("back_soon");
  });

  it("says ships by restock plus handling when the shop keeps selling at zero", () => {
    // GIVEN backorders allowed, a restock on 12 Dec and 2 handling days
    const s = availabilitySignal(
      input({ available: 0, restockDate: "2026-12-12", continueSelling: true, handlingDays: 2 }),
    );
    // THEN ships by 14 Dec
    expect(s).toMatchObject({ state: "ships_by", date: "2026-12-14" });
  });

  it("says ships by today plus handling for comfortable stock when the shop promises dispatch", () => {
    const s = availabilitySignal(input({ handlingDays: 1 }));
    expect(s).toMatchObject({ state: "ships_by", date: "2026-11-27" });
  });

  it("says nothing when the inventory is stale or unknown", () => {
    // GIVEN inventory last confirmed 49 hours ago, and never
    const stale = availabilitySignal(input({ inventoryUpdatedAt: "2026-11-24T11:00:00Z" }));
    const unknown = availabilitySignal(input({ inventoryUpdatedAt: null }));
    // THEN no signal at all; 47 hours is still fresh
    expect(stale.state).toBe("none");
    expect(unknown.state).toBe("none");
    expect(availabilitySignal(input({ inventoryUpdatedAt: "2026-11-24T13:00:00Z" })).state).toBe("in_stock");
  });

  it("says in stock for untracked variants", () => {
    expect(availabilitySignal(input({ tracked: false, available: 0, inventoryUpdatedAt: null })).state).toBe(
      "in_stock",
    );
  });

  it("respects the block's choice of signals", () => {
    // GIVEN low stock but the low-stock signal switched off
    const s = availabilitySignal(
      input({ available: 3, dailyDemand: 1 }),
      rules({ show: { ...DEFAULT_SIGNAL_RULES.show, lowStock: false } }),
    );
    // THEN the next rule applies (selling fast)
    expect(s.state).toBe("selling_fast");
    // AND with nothing shown, nothing at all
    const off = { lowStock: false, sellingFast: false, backInStock: false, shipsBy: false, inStock: false };
    expect(availabilitySignal(input(), rules({ show: off })).state).toBe("none");
    expect(availabilitySignal(input({ available: 0, restockDate: "2026-12-12" }), rules({ show: off })).state).toBe(
      "none",
    );
  });
});
