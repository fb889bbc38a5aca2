// One shared benchmark shop for the unit tests of tests/bench/sim (generated once per test file).
import { generateBenchShop } from "../../bench/sim/index";
import type { BenchShop, BenchVariant } from "../../bench/sim/types";

let cached: BenchShop | null = null;

export function shop(): BenchShop {
  cached ??= generateBenchShop({ seed: 2026, variants: 400 });
  return cached;
}

export function variantsWhere(pred: (v: BenchVariant) => boolean): BenchVariant[] {
  const out = shop().variants.filter(pred);
  if (out.length === 0) throw new Error("fixture: no variant matches");
  return out;
}
