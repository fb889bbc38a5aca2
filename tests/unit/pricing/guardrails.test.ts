import { describe, expect, it } from "vitest";
import { DEFAULT_GUARDRAILS, isRounded, resolveGuardrails } from "~/core/pricing";

describe("guardrail merge: shop defaults <- collections <- variant", () => {
  it("GIVEN nothing set THEN the documented defaults apply", () => {
    const g = resolveGuardrails();
    expect(g.minMarginPct).toBe(0.2);
    expect(g.maxChangePct).toBe(0.1);
    expect(g).toEqual(DEFAULT_GUARDRAILS);
  });

  it("GIVEN shop settings and two collections THEN collections take the most restrictive limits and the first rounding", () => {
    const g = resolveGuardrails({ minMarginPct: 0.25, rounding: "whole", floor: 5 }, [
      { minMarginPct: 0.3, maxChangePct: 0.05, rounding: "0.99", ceiling: 100 },
      { minMarginPct: 0.35, maxChangePct: 0.08, rounding: "0.95", ceiling: 80, floor: 10, cooldownDays: 30 },
    ]);
    expect(g.minMarginPct).toBe(0.35);
    expect(g.maxChangePct).toBe(0.05);
    expect(g.ceiling).toBe(80);
    expect(g.floor).toBe(10);
    expect(g.cooldownDays).toBe(30);
    expect(g.rounding).toBe("0.99");
  });

  it("GIVEN a variant override THEN it wins over collections and shop, even when looser", () => {
    const g = resolveGuardrails({ minMarginPct: 0.25 }, [{ minMarginPct: 0.4, maxChangePct: 0.05 }], {
      minMarginPct: 0.1,
      rounding: "none",
    });
    expect(g.minMarginPct).toBe(0.1);
    expect(g.maxChangePct).toBe(0.05);
    expect(g.rounding).toBe("none");
  });

  it("GIVEN undefined fields in an override THEN they do not erase inherited values", () => {
    const g = resolveGuardrails({ floor: 3 }, [{ floor: undefined }], { ceiling: undefined });
    expect(g.floor).toBe(3);
    expect(g.ceiling).toBeNull();
  });
});

describe("rounding grid", () => {
  it.each([
    [19.99, "0.99", true],
    [19.95, "0.95", true],
    [20, "whole", true],
    [19.98, "0.99", false],
    [20.5, "whole", false],
    [20.123, "none", false],
  ] as const)("isRounded(%s, %s) = %s", (p, mode, ok) => {
    expect(isRounded(p, mode)).toBe(ok);
  });
});
