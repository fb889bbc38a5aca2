import { describe, expect, it } from "vitest";
import {
  customerValueByProduct,
  expectedPurchases,
  expectedSpend,
  fitBgNbd,
  fitGammaGamma,
  type CustomerOrder,
  type RfmCustomer,
} from "~/core/customers";
import { lnGamma, hyp2f1 } from "~/core/customers/special";
import { mulberry32 } from "../pricing/synthetic";

function gauss(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
}
/** Marsaglia-Tsang gamma(shape, scale 1). */
function gamma(rand: () => number, shape: number): number {
  if (shape < 1) return gamma(rand, shape + 1) * Math.pow(rand(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = gauss(rand);
    const v = (1 + c * x) ** 3;
    if (v > 0 && Math.log(rand()) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** BG/NBD generative process (Fader, Hardie & Lee 2005): purchases until calibration end, and in the holdout. */
function simulate(n: number, seed: number) {
  const rand = mulberry32(seed);
  const [r, alpha, a, b] = [0.8, 4, 0.9, 2.5];
  const out: { c: RfmCustomer; holdout: number }[] = [];
  for (let i = 0; i < n; i++) {
    const lambda = gamma(rand, r) / alpha;
    const ga = gamma(rand, a);
    const p = ga / (ga + gamma(rand, b));
    const T = 20 + rand() * 60;
    let t = 0;
    let x = 0;
    let tx = 0;
    let holdout = 0;
    for (;;) {
      t += -Math.log(rand() + 1e-12) / lambda;
      if (t > T + 26) break;
      if (t <= T) {
        x++;
        tx = t;
      } else holdout++;
      if (rand() < p) break;
    }
    out.push({ c: { x, tx, T }, holdout });
  }
  return out;
}

describe("BG/NBD and Gamma-Gamma", { timeout: 60_000 }, () => {
  it("GIVEN special functions THEN they match known values", () => {
    expect(lnGamma(5)).toBeCloseTo(Math.log(24), 9);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 9);
    // 2F1(1, 1; 2; z) = -ln(1 - z) / z
    expect(hyp2f1(1, 1, 2, 0.5)).toBeCloseTo(-Math.log(0.5) / 0.5, 9);
  });

  it("GIVEN 3000 customers simulated from the model WHEN fitted THEN holdout purchases are predicted within 10%", () => {
    const data = simulate(3000, 4);
    const params = fitBgNbd(data.map((d) => d.c));
    const predicted = data.reduce((s, d) => s + expectedPurchases(params, d.c, 26), 0);
    const actual = data.reduce((s, d) => s + d.holdout, 0);
    expect(Math.abs(predicted / actual - 1)).toBeLessThan(0.1);
  });

  it("GIVEN spend drawn from the Gamma-Gamma model WHEN fitted THEN the population mean spend is recovered within 10%", () => {
    const rand = mulberry32(9);
    const [p, q, g] = [6, 4, 15];
    const data = Array.from({ length: 2000 }, () => {
      const nu = gamma(rand, q) / g;
      const x = 1 + Math.floor(rand() * 5);
      let sum = 0;
      for (let k = 0; k < x; k++) sum += gamma(rand, p) / nu;
      return { x, m: sum / x };
    });
    const fit = fitGammaGamma(data);
    expect(Math.abs(expectedSpend(fit, 0, 0) / ((p * g) / (q - 1)) - 1)).toBeLessThan(0.1);
  });

  it("GIVEN recent customers WHEN valued with bgnbd THEN they count (the empirical estimate leaves them out)", () => {
    // GIVEN customers acquired 60 days before asOf who returned once
    const orders: CustomerOrder[] = [];
    for (let i = 0; i < 30; i++) {
      const first = `2024-0${1 + (i % 3)}-10`;
      orders.push({
        customerKey: `k${i}`,
        date: first,
        lines: [{ sku: "A", quantity: 1, unitPrice: 20, unitCost: 10 }],
      });
      if (i % 2 === 0)
        orders.push({
          customerKey: `k${i}`,
          date: "2024-04-01",
          lines: [{ sku: "A", quantity: 1, unitPrice: 20, unitCost: 10 }],
        });
    }
    const empirical = customerValueByProduct(orders, { asOf: "2024-05-01" });
    const model = customerValueByProduct(orders, { asOf: "2024-05-01", model: "bgnbd" });
    expect(empirical.products.get("A")!.value180.customers).toBe(0);
    expect(model.method).toBe("bgnbd");
    expect(model.products.get("A")!.value180.customers).toBe(30);
    expect(model.products.get("A")!.value180.mean).toBeGreaterThan(5);
    expect(model.products.get("A")!.value365.mean).toBeGreaterThanOrEqual(model.products.get("A")!.value180.mean);
  });
});
