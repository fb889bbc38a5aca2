// Calendar helpers: weekday, week of year across leap years, date validation.
import { describe, expect, it } from "vitest";
import { addDays, dayNumber, fillWeekOfYear, weekday, weekOfYear } from "../../../app/core/forecast/calendar";

describe("calendar", () => {
  it("GIVEN known dates WHEN weekday THEN Monday is 0", () => {
    expect(weekday(dayNumber("2024-01-01"))).toBe(0); // a Monday
    expect(weekday(dayNumber("1970-01-01"))).toBe(3); // a Thursday
  });

  it("GIVEN four years across a leap year WHEN filling weeks of the year THEN it matches the per-day computation", () => {
    const d0 = dayNumber("2019-12-20");
    const out = new Uint8Array(1500);
    fillWeekOfYear(d0, out);
    for (let i = 0; i < out.length; i++) expect(out[i]).toBe(weekOfYear(d0 + i));
    expect(weekOfYear(dayNumber("2024-12-31"))).toBe(52);
  });

  it("GIVEN invalid dates WHEN parsed THEN NaN; valid ones round-trip", () => {
    expect(dayNumber("2023-02-29")).toBeNaN();
    expect(dayNumber("2024-1-01")).toBeNaN();
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
  });
});
