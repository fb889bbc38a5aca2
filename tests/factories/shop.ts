// Builders for shops, products, variants and orders (small simulated shops, overridable fields).
import { generateShop, type GenerateShopOptions } from "../../app/demo/simulator";
import type { DemandTruth, SimOrder, SimOrderLine, SimProduct, SimShop, SimVariant } from "../../app/demo/simulator";

export type ShopOverrides = Partial<GenerateShopOptions>;

/** Small defaults: 40 variants over 180 days keep a test fast and still show stockouts and repeat customers. */
const SMALL: GenerateShopOptions = { seed: 7, variants: 40, days: 180 };

/** A fresh simulated shop (small by default). Pass { variants: 600, days: 730 } for the full demo shop. */
export function buildShop(overrides: ShopOverrides = {}): SimShop {
  return generateShop({ ...SMALL, ...overrides });
}

// Products and variants are copied out of one cached base shop per option set, so tests can mutate them.
const cache = new Map<string, SimShop>();
function baseShop(overrides: ShopOverrides): SimShop {
  const key = JSON.stringify({ ...SMALL, ...overrides });
  let shop = cache.get(key);
  if (!shop) {
    shop = buildShop(overrides);
    cache.set(key, shop);
  }
  return shop;
}

type VariantOverrides = Partial<Omit<SimVariant, "truth">> & {
  truth?: Partial<DemandTruth>;
  /** Which variant of the base shop to start from (catalogue order). Default 0. */
  index?: number;
  shop?: ShopOverrides;
};

export function buildVariant(overrides: VariantOverrides = {}): SimVariant {
  const { truth, index = 0, shop, ...fields } = overrides;
  const variants = baseShop(shop ?? {}).products.flatMap((p) => p.variants);
  if (index < 0 || index >= variants.length) throw new Error(`buildVariant: index ${index} out of range`);
  const base = structuredClone(variants[index]);
  return { ...base, ...fields, truth: { ...base.truth, ...truth } };
}

type ProductOverrides = Partial<SimProduct> & {
  /** Which product of the base shop to start from. Default 0. */
  index?: number;
  shop?: ShopOverrides;
};

export function buildProduct(overrides: ProductOverrides = {}): SimProduct {
  const { index = 0, shop, ...fields } = overrides;
  const products = baseShop(shop ?? {}).products;
  if (index < 0 || index >= products.length) throw new Error(`buildProduct: index ${index} out of range`);
  return { ...structuredClone(products[index]), ...fields };
}

/** The orders of a small simulated shop (cancelled ones included unless excluded). */
export function buildOrders(overrides: ShopOverrides & { includeCancelled?: boolean } = {}): SimOrder[] {
  const { includeCancelled = true, ...shop } = overrides;
  const orders = structuredClone(baseShop(shop).orders);
  return includeCancelled ? orders : orders.filter((o) => o.cancelledAt === null);
}

/** One order: the first order of a small shop, with overridable fields and lines. */
export function buildOrder(
  overrides: Partial<Omit<SimOrder, "lines">> & { lines?: Partial<SimOrderLine>[] } = {},
): SimOrder {
  const { lines, ...fields } = overrides;
  const base = structuredClone(baseShop({}).orders.find((o) => o.customerId !== null && o.cancelledAt === null)!);
  const baseLine = base.lines[0];
  return {
    ...base,
    ...fields,
    lines: lines ? lines.map((l, i) => ({ ...baseLine, id: `${baseLine.id}-${i}`, ...l })) : base.lines,
  };
}
