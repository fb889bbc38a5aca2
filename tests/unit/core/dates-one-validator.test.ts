// One date validator for the engines (issue 17): pricing, inventory and the forecast agree on what a day is.
import { describe, expect, it } from "vitest";
import { DAY_MS, dayToEpoch, isIsoDay } from "~/core/days";
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

describe("dayToEpoch", () => {
  it("GIVEN days of every month, year and day number, valid or not WHEN read THEN the day number Date.parse gives", () => {
    const pad = (x: number, w: number) => String(x).padStart(w, "0");
    let compared = 0;
    for (const y of [0, 1, 99, 400, 1582, 1899, 1900, 1970, 1999, 2000, 2024, 2025, 2026, 2100, 9999])
      for (let m = 0; m <= 13; m++)
        for (let d = 0; d <= 32; d++) {
          // GIVEN
          const day = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          // WHEN / THEN (a day 29..31 runs into the next month, as Date.parse lets it)
          expect(dayToEpoch(day), day).toBe(Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS));
          compared++;
        }
    for (const odd of ["2026-1-01", "2026/01/01", "20260101xx", "2026-01-1a", " 2026-01-01", ""])
      expect(Number.isNaN(dayToEpoch(odd)), odd).toBe(true);
    expect(compared).toBe(15 * 14 * 33);
  });
});
