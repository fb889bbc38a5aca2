// dayInZone (app/lib/days.ts): the calendar day in the shop's zone, with one cached formatter per zone.
import { describe, expect, it } from "vitest";
import { dayInZone } from "~/lib/days";

describe("dayInZone", () => {
  it("GIVEN one instant WHEN asked in zones on both sides of midnight, alternately THEN each zone gets its own day", () => {
    // GIVEN: 2026-03-29 23:30 UTC, the night Paris moves to summer time
    const at = new Date("2026-03-29T23:30:00Z");
    // WHEN: the zones interleaved, so a formatter shared between zones would show
    const days = ["Europe/Paris", "America/New_York", "Asia/Tokyo", "Europe/Paris", "UTC", "America/New_York"].map(
      (zone) => dayInZone(at, zone),
    );
    // THEN
    expect(days).toEqual(["2026-03-30", "2026-03-29", "2026-03-30", "2026-03-30", "2026-03-29", "2026-03-29"]);
  });

  it("GIVEN a zone that does not exist WHEN asked THEN it throws a RangeError naming it", () => {
    // GIVEN / WHEN
    const attempt = () => dayInZone(new Date(), "Mars/Olympus");
    // THEN
    expect(attempt).toThrow(RangeError);
    expect(attempt).toThrow(/Mars\/Olympus/);
  });
});
