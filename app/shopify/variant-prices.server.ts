// Reads the current price and compare-at price of a product's variants (the read-back after a price push).
import type { AdminGateway } from "./admin-gateway.server";
import { adminDocument } from "./document.server";
import type { AdminApiError, AdminResult } from "./result.server";
import type { VariantPricesReadQuery, VariantPricesReadQueryVariables } from "~/types/admin.generated";
import { decimal, decimalOrNull } from "~/core/money";

export const VARIANT_PRICES_READ = adminDocument<VariantPricesReadQuery, VariantPricesReadQueryVariables>(`#graphql
  query VariantPricesRead($id: ID!, $first: Int!, $after: String) {
    product(id: $id) {
      variants(first: $first, after: $after) {
        nodes {
          id
          price
          compareAtPrice
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export interface ShopifyPrice {
  price: number;
  compareAtPrice: number | null;
}

/**
 * Current prices of the given variants of one product, keyed by variant gid (a variant Shopify no longer has is
 * absent). `first` is sized to the variants asked for, so the query costs what it reads.
 */
export async function readVariantPrices(
  gateway: AdminGateway,
  productId: string,
  variantIds: string[],
): Promise<{ ok: true; prices: Map<string, ShopifyPrice> } | { ok: false; error: AdminApiError }> {
  const wanted = new Set(variantIds);
  const prices = new Map<string, ShopifyPrice>();
  let after: string | null = null;
  const first = Math.min(250, Math.max(1, variantIds.length));
  for (;;) {
    const response: AdminResult<VariantPricesReadQuery> = await gateway.request(VARIANT_PRICES_READ, {
      id: productId,
      first,
      after,
    });
    if (!response.ok) return { ok: false, error: response.error };
    const variants: NonNullable<VariantPricesReadQuery["product"]>["variants"] | undefined =
      response.value.product?.variants;
    if (!variants) return { ok: true, prices };
    for (const v of variants.nodes) {
      if (wanted.has(v.id))
        prices.set(v.id, { price: decimal(v.price), compareAtPrice: decimalOrNull(v.compareAtPrice) });
    }
    if (prices.size === wanted.size || !variants.pageInfo.hasNextPage) return { ok: true, prices };
    after = variants.pageInfo.endCursor ?? null;
  }
}
