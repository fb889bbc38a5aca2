// Pure parts of the queue (no database, no Redis): retry delays and schedule occurrences.
import { describe, expect, it } from "vitest";
import { backoffDelay, mulberry32 } from "~/jobs/backoff";
import { bullRepeat, checkSchedule, nextOccurrence } from "~/jobs/schedule";

describe("retry backoff", () => {
  it("doubles per attempt within [d/2, d], capped, and is reproducible for a seed", () => {
    // GIVEN a base of 1 s, a cap of 10 s and a seeded random source
    const options = { baseMs: 1000, capMs: 10_000 };
    const a = mulberry32(42);
    const b = mulberry32(42);
    // WHEN delays for attempts 1..8 are drawn twice with the same seed
    const first = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, options, a));
    const second = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, options, b));
    // THEN each lies in the equal-jitter window of min(cap, base * 2^(n-1)), and the draws repeat
    first.forEach((d, i) => {
      const exp = Math.min(10_000, 1000 * 2 ** i);
      expect(d).toBeGreaterThanOrEqual(exp / 2);
      expect(d).toBeLessThanOrEqual(exp);
    });
    expect(second).toEqual(first);
  });
});

describe("schedules", () => {
  it("finds the next daily time in UTC, tomorrow when today's has passed", () => {
    // GIVEN a daily schedule at 02:00 UTC
    const spec = { dailyAtUtc: "02:00" };
    // WHEN asked before and after 02:00
    // THEN the same day, then the next day (across a month end)
    expect(nextOccurrence(spec, new Date("2026-03-10T01:59:00Z")).toISOString()).toBe("2026-03-10T02:00:00.000Z");
    expect(nextOccurrence(spec, new Date("2026-03-31T02:00:00Z")).toISOString()).toBe("2026-04-01T02:00:00.000Z");
  });

  it("aligns periodic runs on multiples of the period", () => {
    // GIVEN every 10 minutes; WHEN asked at 12:34:56; THEN 12:40
    expect(nextOccurrence({ everyMs: 600_000 }, new Date("2026-03-10T12:34:56Z")).toISOString()).toBe(
      "2026-03-10T12:40:00.000Z",
    );
  });

  it("rejects bad specs with a typed code and maps good ones to BullMQ", () => {
    // GIVEN bad and good specs; WHEN checked; THEN bad ones name the problem
    expect(checkSchedule({ dailyAtUtc: "2:00" })).toMatchObject({ ok: false, code: "JOBS.BAD_SCHEDULE" });
    expect(checkSchedule({ everyMs: 0 })).toMatchObject({ ok: false, code: "JOBS.BAD_SCHEDULE" });
    expect(checkSchedule({ dailyAtUtc: "23:55" })).toEqual({ ok: true });
    expect(bullRepeat({ dailyAtUtc: "23:55" })).toEqual({ pattern: "55 23 * * *", tz: "UTC" });
    expect(bullRepeat({ everyMs: 5000 })).toEqual({ every: 5000 });
  });
});
