import { addDays, dayInZone } from "~/lib/days";
import type { ShopContext } from "./shop.server";

export interface DashboardData {
  currency: string;
  asOf: string;
  window: { from: string; to: string };
  hasData: boolean;
  revenue: number;
  units: number;
  orders: number;
  /** Gross margin on the sales whose unit cost is known, and the share of revenue that covers. */
  grossMargin: number | null;
  grossMarginRate: number | null;
  costCoverage: number;
  catalogue: { products: number; variants: number; vendors: number; locations: number };
  missingCosts: number;
  outOfStock: number;
  daily: { day: string; revenue: number }[];
}

const num = (v: unknown) => (v == null ? 0 : Number(v));

/** Last 28 complete days of sales, catalogue health and stock, for the dashboard. */
export async function loadDashboard(shop: ShopContext, now = new Date()): Promise<DashboardData> {
  const { db } = shop;
  const asOf = addDays(dayInZone(now, shop.timezone), -1);
  const from = addDays(asOf, -27);
  const chartFrom = addDays(asOf, -89);

  const [byVariant, orders, products, variants, vendorRows, locations, missingCosts, stockRows, daily] = await Promise.all([
    db.dailySales.groupBy({ by: ["variantId"], where: { day: { gte: from, lte: asOf } }, _sum: { units: true, netRevenue: true } }),
    db.order.count({ where: { day: { gte: from, lte: asOf }, cancelledAt: null, test: false } }),
    db.product.count({ where: { deletedAt: null } }),
    db.variant.count({ where: { deletedAt: null } }),
    db.variant.groupBy({ by: ["vendor"], where: { deletedAt: null } }),
    db.location.count(),
    db.variant.count({ where: { deletedAt: null, unitCost: null } }),
    db.inventoryLevel.groupBy({ by: ["variantId"], _sum: { available: true } }),
    db.dailySales.groupBy({ by: ["day"], where: { day: { gte: chartFrom, lte: asOf } }, _sum: { netRevenue: true }, orderBy: { day: "asc" } }),
  ]);

  const costs = new Map(
    (
      await db.variant.findMany({
        where: { id: { in: byVariant.map((r) => r.variantId) } },
        select: { id: true, unitCost: true },
      })
    ).map((v) => [v.id, v.unitCost == null ? null : Number(v.unitCost)]),
  );

  let revenue = 0;
  let units = 0;
  let costedRevenue = 0;
  let margin = 0;
  for (const row of byVariant) {
    const r = num(row._sum.netRevenue);
    const u = num(row._sum.units);
    revenue += r;
    units += u;
    const cost = costs.get(row.variantId);
    if (cost != null) {
      costedRevenue += r;
      margin += r - u * cost;
    }
  }

  const dailyMap = new Map(daily.map((d) => [d.day, num(d._sum.netRevenue)]));
  const series: { day: string; revenue: number }[] = [];
  for (let d = chartFrom; d <= asOf; d = addDays(d, 1)) series.push({ day: d, revenue: dailyMap.get(d) ?? 0 });

  return {
    currency: shop.currency,
    asOf,
    window: { from, to: asOf },
    hasData: variants > 0,
    revenue,
    units,
    orders,
    grossMargin: costedRevenue > 0 ? margin : null,
    grossMarginRate: costedRevenue > 0 ? margin / costedRevenue : null,
    costCoverage: revenue > 0 ? costedRevenue / revenue : 0,
    catalogue: { products, variants, vendors: vendorRows.filter((v) => v.vendor).length, locations },
    missingCosts,
    outOfStock: stockRows.filter((r) => num(r._sum.available) <= 0).length,
    daily: series,
  };
}
