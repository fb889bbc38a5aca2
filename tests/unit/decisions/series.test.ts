// Database rows (daily sales, run-length stock snapshots) to the forecast engine's daily series.
import { describe, expect, it } from "vitest";
import { toDailySeries } from "../../../app/core/decisions/index";

describe("toDailySeries", () => {
  it("GIVEN sparse sales rows WHEN built THEN missing days are zero and prices are null on days without a sale", () => {
    const s = toDailySeries({
      id: "v1",
      group: "Mugs",
      start: "2026-01-01",
      end: "2026-01-05",
      sales: [
        { day: "2026-01-02", units: 3, avgPrice: 9.5 },
        { day: "2026-01-04", units: 0, avgPrice: null },
        { day: "2025-12-31", units: 7, avgPrice: 9 }, // outside the window: ignored
      ],
      snapshots: [],
    });
    expect(s).toEqual({
      id: "v1",
      group: "Mugs",
      start: "2026-01-01",
      units: [0, 3, 0, 0, 0],
      prices: [null, 9.5, null, null, null],
    });
    expect(s.available).toBeUndefined();
  });

  it("GIVEN run-length snapshots at two locations WHEN built THEN a day is censored only when every known location is at 0", () => {
    const s = toDailySeries({
      id: "v1",
      start: "2026-01-01",
      end: "2026-01-06",
      sales: [],
      snapshots: [
        // A: 5 from day 1, 0 from day 3 (holds until the end)
        { locationId: "A", day: "2026-01-03", available: 0 },
        { locationId: "A", day: "2026-01-01", available: 5 },
        // B: unknown before day 2, 0 from day 2, 4 from day 5
        { locationId: "B", day: "2026-01-02", available: 0 },
        { locationId: "B", day: "2026-01-05", available: 4 },
      ],
    });
    expect(s.available).toEqual([true, true, false, false, true, true]);
  });

  it("GIVEN a snapshot row before the window WHEN built THEN its level carries into the window", () => {
    const s = toDailySeries({
      id: "v1",
      start: "2026-01-10",
      end: "2026-01-12",
      sales: [],
      snapshots: [
        { locationId: "A", day: "2025-12-01", available: 0 },
        { locationId: "A", day: "2026-01-12", available: 2 },
      ],
    });
    expect(s.available).toEqual([false, false, true]);
  });

  it("GIVEN an end before the start WHEN built THEN it throws naming the series", () => {
    expect(() => toDailySeries({ id: "v9", start: "2026-01-05", end: "2026-01-01", sales: [], snapshots: [] })).toThrow(
      /v9/,
    );
  });
});
