// Read-side helpers over a SimShop: daily stock from the run-length snapshots, and per-variant
// daily series aggregated from the orders exactly as the app would (cancelled orders excluded,
// realised prices after discounts, a day censored when any location opened out of stock).
import { parseDay } from "./calendar";
import { round2 } from "./demand";
import type { DemandTruth, SimShop, SimSnapshot } from "./types";

const snapshotIndex = new WeakMap<SimShop, Map<string, SimSnapshot[]>>();

/** Daily opening stock of one variant at one location, index i = shop.days[i]. */
export function expandSnapshots(shop: SimShop, variantId: string, locationId: string): number[] {
  let index = snapshotIndex.get(shop);
  if (!index) {
    index = new Map();
    for (const row of shop.snapshots) {
      const key = `${row.variantId}|${row.locationId}`;
      const list = index.get(key);
      if (list) list.push(row);
      else index.set(key, [row]);
    }
    snapshotIndex.set(shop, index);
  }
  const first = parseDay(shop.days[0]);
  const out = new Array<number>(shop.days.length).fill(0);
  const rows = index.get(`${variantId}|${locationId}`) ?? [];
  if (rows.length === 0) throw new Error(`simulator: no snapshots for ${variantId} at ${locationId}`);
  for (let r = 0; r < rows.length; r++) {
    const from = parseDay(rows[r].day) - first;
    const to = r + 1 < rows.length ? parseDay(rows[r + 1].day) - first : shop.days.length;
    out.fill(rows[r].available, from, to);
  }
  return out;
}

export interface ShopSeries {
  id: string;
  sku: string;
  start: string;
  units: number[];
  available: boolean[];
  prices: (number | null)[];
  group: string;
  /** Effective price offered each day and the true expected demand at it (uncensored). */
  offeredPrice: number[];
  truthMean: number[];
  truth: DemandTruth;
}

/** One daily series per variant (catalogue order), aggregated from the shop's orders and snapshots. */
export function shopSeries(shop: SimShop): ShopSeries[] {
  const n = shop.days.length;
  const first = parseDay(shop.days[0]);
  const index = new Map<string, number>();
  const out: ShopSeries[] = [];
  for (const product of shop.products) {
    for (const v of product.variants) {
      index.set(v.id, out.length);
      const offeredPrice = shop.days.map((day) => shop.truthPrice(v.id, day));
      out.push({
        id: v.id,
        sku: v.sku,
        start: shop.days[0],
        units: new Array<number>(n).fill(0),
        available: new Array<boolean>(n).fill(true),
        prices: new Array<number | null>(n).fill(null),
        group: product.productType,
        offeredPrice,
        truthMean: shop.days.map((day, i) => shop.truthDemand(v.id, day, offeredPrice[i])),
        truth: v.truth,
      });
    }
  }
  const revenue = out.map(() => new Float64Array(n));
  for (const order of shop.orders) {
    if (order.cancelledAt) continue;
    const d = parseDay(order.day) - first;
    for (const line of order.lines) {
      const s = index.get(line.variantId)!;
      out[s].units[d] += line.quantity;
      revenue[s][d] += line.quantity * line.price - line.discount;
    }
  }
  // Snapshots are sorted by variant, location, day: walk them once.
  const snaps = shop.snapshots;
  for (let r = 0; r < snaps.length; r++) {
    const row = snaps[r];
    if (row.available > 0) continue;
    const next = snaps[r + 1];
    const sameRun = next && next.variantId === row.variantId && next.locationId === row.locationId;
    const from = parseDay(row.day) - first;
    const to = sameRun ? parseDay(next.day) - first : n;
    const series = out[index.get(row.variantId)!];
    for (let d = from; d < to; d++) series.available[d] = false;
  }
  out.forEach((s, k) => {
    for (let d = 0; d < n; d++) if (s.units[d] > 0) s.prices[d] = round2(revenue[k][d] / s.units[d]);
  });
  return out;
}
