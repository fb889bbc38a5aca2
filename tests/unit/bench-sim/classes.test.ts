import { describe, expect, it } from "vitest";
import { adiCv2, classOf, DEMAND_CLASSES, engineView } from "../../bench/sim/index";
import { shop } from "./fixture";

describe("benchmark simulator: demand classes by construction", () => {
  it("GIVEN the generated sales WHEN classified by ADI and CV^2 (Syntetos-Boylan) THEN at least 80% of each class lands in its quadrant", () => {
    // GIVEN
    const s = shop();
    const hits = new Map<string, { n: number; ok: number }>();
    for (const v of s.variants) {
      const { series } = engineView(s, v);
      // WHEN: ADI and CV^2 of what the shop recorded, over in-stock days
      const { adi, cv2 } = adiCv2(series.units, series.available);
      const h = hits.get(v.demandClass) ?? { n: 0, ok: 0 };
      h.n++;
      if (classOf(adi, cv2) === v.demandClass) h.ok++;
      hits.set(v.demandClass, h);
    }
    // THEN
    for (const c of DEMAND_CLASSES) {
      const h = hits.get(c);
      expect(h, c).toBeDefined();
      expect(h!.n, c).toBeGreaterThanOrEqual(40);
      expect(h!.ok / h!.n, c).toBeGreaterThanOrEqual(0.8);
    }
  });

  it("GIVEN the cut-offs WHEN a series sits on either side THEN classOf names the quadrant", () => {
    expect(classOf(1.1, 0.2)).toBe("smooth");
    expect(classOf(1.1, 0.8)).toBe("erratic");
    expect(classOf(3, 0.2)).toBe("intermittent");
    expect(classOf(3, 0.8)).toBe("lumpy");
    expect(adiCv2([0, 2, 0, 2], [true, true, true, true])).toEqual({ adi: 2, cv2: 0 });
    expect(adiCv2([0, 2, 0, 2], [false, true, false, true]).adi).toBe(1);
  });
});
