// Syntetos-Boylan-Croston classification boundaries (ADI 1.32, CV^2 0.49), plus "new" and "no-demand".
import { describe, expect, it } from "vitest";
import { classifyDemand } from "../../../app/core/forecast/index";

/** n days, demand of the given sizes every `every`-th day, available everywhere. */
function pattern(n: number, every: number, sizes: number[]): { y: number[]; ok: boolean[] } {
  const y = Array.from({ length: n }, (_, i) => (i % every === 0 ? sizes[(i / every) % sizes.length] : 0));
  return { y, ok: y.map(() => true) };
}

describe("classifyDemand", () => {
  it("GIVEN demand every day with equal sizes WHEN classified THEN smooth (ADI 1, CV2 0)", () => {
    const { y, ok } = pattern(100, 1, [5]);
    const c = classifyDemand(y, ok, y.length);
    expect(c).toMatchObject({ demandClass: "smooth", adi: 1, cv2: 0 });
  });

  it("GIVEN demand every day with sizes 1 and 9 (CV2 0.64) WHEN classified THEN erratic", () => {
    const { y, ok } = pattern(100, 1, [1, 9]);
    const c = classifyDemand(y, ok, y.length);
    expect(c.cv2).toBeCloseTo(0.64, 12);
    expect(c.demandClass).toBe("erratic");
  });

  it("GIVEN sizes 3 and 7 (CV2 0.16) every other day (ADI 2) WHEN classified THEN intermittent", () => {
    const { y, ok } = pattern(100, 2, [3, 7]);
    const c = classifyDemand(y, ok, y.length);
    expect(c.adi).toBe(2);
    expect(c.demandClass).toBe("intermittent");
  });

  it("GIVEN sizes 1 and 9 every other day WHEN classified THEN lumpy", () => {
    const { y, ok } = pattern(100, 2, [1, 9]);
    expect(classifyDemand(y, ok, y.length).demandClass).toBe("lumpy");
  });

  it("GIVEN ADI exactly 1.32 (33 days, 25 with demand) WHEN classified THEN it goes to the intermittent side", () => {
    // GIVEN 25 demand days then 8 zero days
    const y = Array.from({ length: 33 }, (_, i) => (i < 25 ? 4 : 0));
    const c = classifyDemand(
      y,
      y.map(() => true),
      33,
    );
    expect(c.adi).toBe(1.32);
    expect(c.demandClass).toBe("intermittent");
    // AND one more demand day (ADI 33/26 < 1.32) makes it smooth
    y[25] = 4;
    expect(
      classifyDemand(
        y,
        y.map(() => true),
        33,
      ).demandClass,
    ).toBe("smooth");
  });

  it("GIVEN CV2 just under and just over 0.49 WHEN classified THEN smooth then erratic", () => {
    // sizes a, b alternate: CV2 = ((a - b) / (a + b))^2; 0.69^2 = 0.4761 and 0.71^2 = 0.5041
    const under = pattern(100, 1, [169, 31]);
    const over = pattern(100, 1, [171, 29]);
    expect(classifyDemand(under.y, under.ok, 100).cv2).toBeCloseTo(0.4761, 10);
    expect(classifyDemand(under.y, under.ok, 100).demandClass).toBe("smooth");
    expect(classifyDemand(over.y, over.ok, 100).demandClass).toBe("erratic");
  });

  it("GIVEN zero-sales days that were out of stock WHEN classified THEN they do not count in ADI", () => {
    // GIVEN demand every other day, but every zero day unavailable
    const { y } = pattern(100, 2, [5]);
    const ok = y.map((v) => v > 0);
    const c = classifyDemand(y, ok, 100);
    // THEN ADI is 1: the variant sold every day it could
    expect(c.adi).toBe(1);
    expect(c.demandClass).toBe("smooth");
  });

  it("GIVEN fewer than 28 available days WHEN classified THEN new", () => {
    const { y, ok } = pattern(27, 1, [5]);
    expect(classifyDemand(y, ok, 27).demandClass).toBe("new");
  });

  it("GIVEN a long history without a sale WHEN classified THEN no-demand", () => {
    const y = new Array(90).fill(0);
    expect(
      classifyDemand(
        y,
        y.map(() => true),
        90,
      ).demandClass,
    ).toBe("no-demand");
  });
});
