// Shopify names a product's only variant "Default Title": it is never shown to the merchant.
export const DEFAULT_VARIANT_TITLE = "Default Title";

/** The variant's own name, or null for a product's only variant. */
export function variantName(title: string | null | undefined): string | null {
  const t = title?.trim();
  return t && t !== DEFAULT_VARIANT_TITLE ? t : null;
}

/** "Product — Variant", or the product alone for its only variant. */
export function variantLabel(product: string, variant: string | null | undefined, separator = " — "): string {
  const name = variantName(variant);
  return name ? `${product}${separator}${name}` : product;
}
