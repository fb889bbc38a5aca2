// One date validator for the engines (issue 17): pricing, inventory and the forecast agree on what a day is.
import { describe, expect, it } from "vitest";
import { isIsoDay } from "~/core/days";
import { dayNumber } from "~/core/forecast/calendar";
import { isIsoDay as inventoryIsIsoDay } from "~/core/inventory/dates";
import { isIsoDate } from "~/core/pricing/dates";

describe("one date validator", () => {
  it("GIVEN real and impossible days WHEN every engine checks them THEN they agree", () => {
    // GIVEN
    const cases: [string, boolean][] = [
      ["2024-02-29", true],
      ["2024-02-30", false],
      ["2023-02-29", false],
      ["2026-13-01", false],
      ["2026-1-01", false],
      ["2026-12-04", true],
    ];
    for (const [day, ok] of cases) {
      // WHEN / THEN
      expect(isIsoDay(day), day).toBe(ok);
      expect(isIsoDate(day), day).toBe(ok);
      expect(inventoryIsIsoDay(day), day).toBe(ok);
      expect(Number.isNaN(dayNumber(day)), day).toBe(!ok);
    }
  });
});
