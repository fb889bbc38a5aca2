import { describe, expect, it } from "vitest";
import { dayOfYear, parisTimestamp, parseDay, weekday } from "../../../app/demo/sim/calendar";
import { mulberry32, negBinomial, poisson } from "../../../app/demo/sim/rng";

describe("calendar", () => {
  it("GIVEN Paris days WHEN stamped THEN winter is +01:00 and summer +02:00, switching on the last Sundays of March and October", () => {
    expect(parisTimestamp(parseDay("2026-01-15"), 3600 * 10)).toBe("2026-01-15T10:00:00+01:00");
    expect(parisTimestamp(parseDay("2026-03-28"), 3600 * 10)).toBe("2026-03-28T10:00:00+01:00");
    expect(parisTimestamp(parseDay("2026-03-29"), 3600 * 10)).toBe("2026-03-29T10:00:00+02:00");
    expect(parisTimestamp(parseDay("2026-10-24"), 3600 * 10)).toBe("2026-10-24T10:00:00+02:00");
    expect(parisTimestamp(parseDay("2026-10-25"), 3600 * 10)).toBe("2026-10-25T10:00:00+01:00");
  });

  it("GIVEN the switch days WHEN stamping night hours THEN instants stay in order across the change", () => {
    for (const day of ["2026-03-29", "2026-10-25"]) {
      const n = parseDay(day);
      const instants = [0, 3600, 7199, 7200, 9000, 10_799, 10_800, 12_000, 86_399].map((sec) =>
        Date.parse(parisTimestamp(n, sec)),
      );
      const backwards = instants.filter((t, i) => i > 0 && t < instants[i - 1]);
      expect(backwards).toEqual([]);
    }
    expect(parisTimestamp(parseDay("2026-03-29"), 3600)).toBe("2026-03-29T01:00:00+01:00");
    expect(parisTimestamp(parseDay("2026-03-29"), 9000)).toBe("2026-03-29T03:00:00+02:00");
    expect(parisTimestamp(parseDay("2026-10-25"), 9000)).toBe("2026-10-25T02:30:00+02:00");
    expect(Date.parse(parisTimestamp(parseDay("2026-03-28"), 86_399))).toBeLessThan(
      Date.parse(parisTimestamp(parseDay("2026-03-29"), 0)),
    );
  });

  it("GIVEN known dates WHEN asked THEN weekday (Monday = 0) and day of year are right", () => {
    expect(weekday(parseDay("2026-11-23"))).toBe(0); // a Monday
    expect(weekday(parseDay("2026-11-29"))).toBe(6);
    expect(dayOfYear(parseDay("2024-12-31"))).toBe(366);
    expect(dayOfYear(parseDay("2025-01-01"))).toBe(1);
  });

  it("GIVEN a malformed or impossible day WHEN parsed THEN the error names it", () => {
    expect(() => parseDay("2026-13-01")).toThrow(/2026-13-01/);
    expect(() => parseDay("25/11/2026")).toThrow(/25\/11\/2026/);
  });
});

describe("random draws", () => {
  it("GIVEN a seed WHEN drawing THEN the stream repeats exactly", () => {
    const a = mulberry32(99);
    const b = mulberry32(99);
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
  });

  it.each([
    [0.3, Number.POSITIVE_INFINITY],
    [4, Number.POSITIVE_INFINITY],
    [80, Number.POSITIVE_INFINITY],
    [0.1, 0.3],
    [5, 2],
    [50, 4],
  ])(
    "GIVEN mean %f and size %f WHEN drawing 100k counts THEN mean and variance match the negative binomial",
    (mean, size) => {
      const rng = mulberry32(7);
      const n = 100_000;
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const x = Number.isFinite(size) ? negBinomial(rng, mean, size) : poisson(rng, mean);
        s += x;
        s2 += x * x;
      }
      const m = s / n;
      const v = s2 / n - m * m;
      const expectedVar = mean + (Number.isFinite(size) ? (mean * mean) / size : 0);
      expect(Math.abs(m - mean) / mean).toBeLessThan(0.03);
      expect(Math.abs(v - expectedVar) / expectedVar).toBeLessThan(0.08);
    },
  );
});
