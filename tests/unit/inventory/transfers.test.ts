// Transfers between locations: from excess above the order-up-to level to a location that runs out before a
// vendor order could arrive.
import { describe, expect, it } from "vitest";
import { suggestTransfers } from "../../../app/core/inventory";

const O = { supplierLeadDays: 14, transferLeadDays: 2 };

describe("suggestTransfers", () => {
  it("GIVEN Lyon running out on day 5 and Paris 40 units above its level WHEN suggested THEN Lyon gets what it lacks from Paris", () => {
    // GIVEN Lyon short of 25 units to its level and out on day 5; Paris with 40 units beyond its own level
    const r = suggestTransfers(
      [
        { location: "paris", usable: 100, position: 100, orderUpTo: 60, stockoutDay: null },
        { location: "lyon", usable: 5, position: 5, orderUpTo: 30, stockoutDay: 5 },
      ],
      O,
    );
    // THEN 25 units move from Paris to Lyon
    expect(r).toEqual([{ from: "paris", to: "lyon", units: 25, stockoutDay: 5 }]);
  });

  it("GIVEN a donor's excess smaller than the need WHEN suggested THEN only the excess moves, never its own cover", () => {
    const r = suggestTransfers(
      [
        { location: "paris", usable: 70, position: 70, orderUpTo: 60, stockoutDay: null },
        { location: "lyon", usable: 0, position: 0, orderUpTo: 30, stockoutDay: 0 },
      ],
      O,
    );
    expect(r).toEqual([{ from: "paris", to: "lyon", units: 10, stockoutDay: 0 }]);
  });

  it("GIVEN excess made of incoming units only WHEN suggested THEN nothing moves (only stock on hand can leave)", () => {
    const r = suggestTransfers(
      [
        { location: "paris", usable: 0, position: 100, orderUpTo: 60, stockoutDay: null },
        { location: "lyon", usable: 0, position: 0, orderUpTo: 30, stockoutDay: 0 },
      ],
      O,
    );
    expect(r).toEqual([]);
  });

  it("GIVEN a stockout after the vendor's lead time WHEN suggested THEN no transfer (a vendor order arrives in time)", () => {
    const r = suggestTransfers(
      [
        { location: "paris", usable: 100, position: 100, orderUpTo: 60, stockoutDay: null },
        { location: "lyon", usable: 20, position: 20, orderUpTo: 30, stockoutDay: 20 },
      ],
      O,
    );
    expect(r).toEqual([]);
  });

  it("GIVEN a transfer as slow as the vendor WHEN suggested THEN no transfer", () => {
    const r = suggestTransfers(
      [
        { location: "paris", usable: 100, position: 100, orderUpTo: 60, stockoutDay: null },
        { location: "lyon", usable: 0, position: 0, orderUpTo: 30, stockoutDay: 0 },
      ],
      { supplierLeadDays: 3, transferLeadDays: 3 },
    );
    expect(r).toEqual([]);
  });

  it("GIVEN two short locations WHEN suggested THEN the earliest stockout is served first from the largest excess", () => {
    const r = suggestTransfers(
      [
        { location: "a", usable: 50, position: 50, orderUpTo: 30, stockoutDay: null },
        { location: "b", usable: 0, position: 0, orderUpTo: 15, stockoutDay: 4 },
        { location: "c", usable: 0, position: 0, orderUpTo: 15, stockoutDay: 1 },
      ],
      O,
    );
    expect(r).toEqual([
      { from: "a", to: "c", units: 15, stockoutDay: 1 },
      { from: "a", to: "b", units: 5, stockoutDay: 4 },
    ]);
  });
});
