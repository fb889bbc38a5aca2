// Builds the catalogue of the simulated shop: products, variants, their true demand and price paths.
import { CATEGORIES, VENDORS, slugify, type CategorySpec } from "./catalog";
import { formatDay } from "./calendar";
import { planPrices, retailPrice, round2, type PricePath } from "./demand";
import { mulberry32, normal, pick, randInt, subSeed, uniform, type Rng } from "./rng";
import { clampElasticity, drawBaseRate, drawTier, drawTruth, type DemandTier } from "./truth";
import type { SimProduct, SimVariant, SimVendor } from "./types";

/** A variant with everything the shop simulation needs beyond its public fields. */
export interface VariantPlan {
  index: number;
  variant: SimVariant;
  product: SimProduct;
  category: CategorySpec;
  vendor: SimVendor;
  tier: DemandTier;
  path: PricePath;
  /** Day index of the launch (0 when on sale from the start). */
  launchIndex: number;
}

export const LOCATION_SHARES = [0.72, 0.28];
const GATEWAY_TYPES = new Set(["Café", "Thé", "Chocolat", "Épicerie fine"]);
const SKU_PREFIX: Record<string, string> = {
  "Épicerie fine": "EPI",
  Thé: "THE",
  Café: "CAF",
  Chocolat: "CHO",
  Accessoires: "ACC",
  Vaisselle: "VAI",
  "Coffrets cadeaux": "COF",
};

export function pickCategory(rng: Rng): CategorySpec {
  const total = CATEGORIES.reduce((a, c) => a + c.weight, 0);
  let u = rng() * total;
  for (const c of CATEGORIES) {
    u -= c.weight;
    if (u <= 0) return c;
  }
  return CATEGORIES[CATEGORIES.length - 1];
}

export function buildCatalog(seed: number, variantCount: number, firstDay: number, days: number): VariantPlan[] {
  const rng = mulberry32(subSeed(seed, "catalog"));
  const plans: VariantPlan[] = [];
  const titles = new Set<string>();
  const trendOrigin = formatDay(firstDay);
  let p = 0;
  while (plans.length < variantCount) {
    p++;
    const category = pickCategory(rng);
    const vendorName = pick(rng, category.vendors);
    const vendor = VENDORS.find((v) => v.name === vendorName)!;
    let title = `${pick(rng, category.nouns)} ${pick(rng, category.qualifiers)}`;
    for (let k = 2; titles.has(title); k++) title = `${title.replace(/ N°\d+$/, "")} N°${k}`;
    titles.add(title);
    const single = rng() < 0.35;
    const optionCount = single ? 1 : randInt(rng, 2, category.options.length);
    const nVariants = Math.min(optionCount, variantCount - plans.length);
    const tier = drawTier(rng);
    const gateway = GATEWAY_TYPES.has(category.productType) && tier !== "tail" && rng() < 0.09;
    const productElasticity = clampElasticity(category.elasticity + 0.25 * normal(rng));
    const basePrice = uniform(rng, category.priceRange[0], category.priceRange[1]) * (gateway ? 0.75 : 1);
    const productRate = drawBaseRate(rng, tier) * (gateway ? 1.8 : 1);
    // About 4% of products are new: launched in the last four months.
    const launchIndex = days > 200 && rng() < 0.04 ? randInt(rng, days - 120, days - 30) : 0;
    const productId = `gid://shopify/Product/${1000 + p}`;
    const product: SimProduct = {
      id: productId,
      handle: slugify(title),
      title,
      vendor: vendor.name,
      productType: category.productType,
      tags: [
        category.productType.toLowerCase(),
        ...(gateway ? ["découverte"] : []),
        ...(launchIndex > 0 ? ["nouveauté"] : []),
        ...(tier === "tail" ? ["collection"] : []),
      ],
      status: "ACTIVE",
      variants: [],
    };
    for (let o = 0; o < nVariants; o++) {
      const option = category.options[o];
      const index = plans.length;
      const vRng = mulberry32(subSeed(seed, "variant", index));
      const referencePrice = retailPrice(basePrice * option.priceFactor);
      // Bigger packs sell fewer units.
      const rate = productRate / Math.pow(option.priceFactor, 0.8) / Math.sqrt(nVariants);
      const truth = drawTruth(vRng, {
        category,
        productElasticity,
        referencePrice,
        baseRate: rate,
        tier,
        trendOrigin,
        gateway,
        locationShares: LOCATION_SHARES,
        launchDay: launchIndex > 0 ? formatDay(firstDay + launchIndex) : null,
      });
      const path = planPrices(vRng, days, referencePrice, {
        changes: tier === "tail" ? [0, 2] : [1, 3],
        promotions: tier === "tail" ? [0, 1] : [0, 3],
      });
      const last = days - 1;
      const unitCost =
        vRng() < 0.03 ? null : round2(referencePrice * uniform(vRng, category.costShare[0], category.costShare[1]));
      const n = 20000 + index;
      const variant: SimVariant = {
        id: `gid://shopify/ProductVariant/${n}`,
        inventoryItemId: `gid://shopify/InventoryItem/${40000 + index}`,
        productId,
        sku: `${SKU_PREFIX[category.productType]}-${String(p).padStart(4, "0")}-${option.sku}`,
        title: single ? "Default Title" : option.title,
        price: round2(path.list[last]),
        compareAtPrice: path.compareAt[last] > 0 ? round2(path.compareAt[last]) : null,
        unitCost,
        truth,
      };
      product.variants.push(variant);
      plans.push({ index, variant, product, category, vendor, tier, path, launchIndex });
    }
  }
  return plans;
}
