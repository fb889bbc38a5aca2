// Bundles in the simulated shop (docs/decisions/0024-bundles.md): a gift box made of three of the shop's variants
// (a coffee, two teas and a chocolate), sold as its own product with its own orders, and holding no stock of its
// own (Shopify computes a bundle's availability from its components). Added on top of generateShop's shop, so
// every other variant, order and stock path stays exactly as generateShop makes them; the demo seed and the
// emulator use it. Simplification: the components' simulated stock does not consume the box's sales.
import { parisTimestamp, parseDay } from "./calendar";
import { baselineProfile, retailPrice, round2, truthMean } from "./demand";
import { mulberry32, negBinomial, subSeed } from "./rng";
import type { SimOrder, SimProduct, SimShop, SimVariant } from "./types";

const gidNumber = (gid: string): number => Number(/\/(\d+)$/.exec(gid)?.[1] ?? 0);
/** The highest numeric id (a loop: spreading ~160k ids into Math.max overflows the stack). */
const maxId = (gids: Iterable<string>): number => {
  let max = 0;
  for (const gid of gids) max = Math.max(max, gidNumber(gid));
  return max;
};

/** Components of the gift box: product type and units per box. */
const RECIPE: { productType: string; quantity: number }[] = [
  { productType: "Café", quantity: 1 },
  { productType: "Thé", quantity: 2 },
  { productType: "Chocolat", quantity: 1 },
];

/** Mean boxes sold per day (before weekly and yearly seasonality, which follow the coffee's). */
const BOX_RATE = 0.9;

/**
 * The shop with one gift-box bundle (SimVariant.components) and its orders, merged in time order and renamed
 * "#1001", ... again. A shop without a regular variant of each recipe type comes back unchanged.
 */
export function withBundles(sim: SimShop): SimShop {
  const variants = sim.products.flatMap((p) => p.variants.map((v) => ({ product: p, variant: v })));
  const chosen: { variant: SimVariant; quantity: number }[] = [];
  for (const part of RECIPE) {
    const found = variants.find(
      ({ product, variant }) =>
        product.productType === part.productType &&
        !variant.truth.intermittent &&
        variant.truth.launchDay === null &&
        variant.unitCost !== null,
    );
    if (!found) return sim;
    chosen.push({ variant: found.variant, quantity: part.quantity });
  }
  const lead = chosen[0].variant;
  const productNo = maxId(sim.products.map((p) => p.id)) + 1;
  const variantNo = maxId(variants.map((v) => v.variant.id)) + 1;
  const itemNo = maxId(variants.map((v) => v.variant.inventoryItemId)) + 1;
  const price = retailPrice(0.85 * chosen.reduce((a, c) => a + c.variant.price * c.quantity, 0));
  const box: SimVariant = {
    id: `gid://shopify/ProductVariant/${variantNo}`,
    inventoryItemId: `gid://shopify/InventoryItem/${itemNo}`,
    productId: `gid://shopify/Product/${productNo}`,
    sku: `COF-BUNDLE-${String(productNo).padStart(4, "0")}`,
    title: "Default Title",
    price,
    compareAtPrice: null,
    // A bundle's cost is its components' (the app sums them when the bundle has none of its own).
    unitCost: null,
    truth: {
      ...lead.truth,
      baseRate: BOX_RATE,
      referencePrice: price,
      intermittent: false,
      gateway: false,
      dispersion: Infinity,
      locationShares: [1, 0],
    },
    components: chosen.map((c) => ({ variantId: c.variant.id, quantity: c.quantity })),
  };
  const product: SimProduct = {
    id: box.productId,
    handle: "coffret-cadeau-decouverte",
    title: "Coffret cadeau découverte",
    vendor:
      sim.vendors.find((v) => v.name === "Coffrets Pilotage")?.name ??
      sim.products.find((p) => p.id === lead.productId)?.vendor ??
      "",
    productType: "Coffrets cadeaux",
    tags: ["coffrets cadeaux", "bundle"],
    status: "ACTIVE",
    variants: [box],
  };

  // Orders of the box: one box per order (sometimes two), at the location that ships online orders.
  const rng = mulberry32(subSeed(sim.seed, "bundles"));
  const firstDay = parseDay(sim.days[0]);
  const base = baselineProfile(box.truth, firstDay, sim.days.length);
  let orderNo = maxId(sim.orders.map((o) => o.id)) + 1;
  let lineNo = maxId(sim.orders.flatMap((o) => o.lines.map((l) => l.id))) + 1;
  const boxOrders: SimOrder[] = [];
  sim.days.forEach((day, d) => {
    const units = negBinomial(rng, base[d], Infinity);
    for (let k = 0; k < units; k++) {
      const quantity = rng() < 0.85 ? 1 : 2;
      const second = 32_400 + Math.floor(rng() * 12 * 3600);
      boxOrders.push({
        id: `gid://shopify/Order/${orderNo++}`,
        name: "",
        createdAt: parisTimestamp(firstDay + d, second),
        day,
        customerId: null,
        email: null,
        cancelledAt: null,
        locationId: sim.locations[0].id,
        lines: [
          {
            id: `gid://shopify/LineItem/${lineNo++}`,
            variantId: box.id,
            sku: box.sku,
            title: product.title,
            quantity,
            price,
            compareAtPrice: null,
            discount: 0,
          },
        ],
        refunds: [],
      });
    }
  });
  const orders = [...sim.orders, ...boxOrders]
    .map((o, i) => ({ o, i, t: Date.parse(o.createdAt) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map(({ o }, i) => ({ ...o, name: `#${1001 + i}` }));

  const truthDemand = sim.truthDemand.bind(sim);
  const truthPrice = sim.truthPrice.bind(sim);
  return {
    ...sim,
    products: [...sim.products, product],
    orders,
    priceHistory: [...sim.priceHistory, { variantId: box.id, day: sim.days[0], price, compareAtPrice: null }],
    truthDemand: (variantId, day, p) =>
      variantId === box.id ? truthMean(box.truth, parseDay(day), p, firstDay) : truthDemand(variantId, day, p),
    truthPrice: (variantId, day) => (variantId === box.id ? round2(price) : truthPrice(variantId, day)),
  };
}
