// Price writes through productVariantsBulkUpdate: one call per product (the mutation is per product), in
// batches, with a result per variant. userErrors are data: the variant is "rejected" with its errors.
import type { AdminGateway } from "./admin-gateway.server";
import { adminDocument } from "./document.server";
import type { AdminApiError, UserError } from "./result.server";
import type { VariantPricesUpdateMutation, VariantPricesUpdateMutationVariables } from "~/types/admin.generated";
import { decimal } from "~/core/money";

export const VARIANT_PRICES_UPDATE = adminDocument<
  VariantPricesUpdateMutation,
  VariantPricesUpdateMutationVariables
>(`#graphql
  mutation VariantPricesUpdate($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
    productVariantsBulkUpdate(productId: $productId, variants: $variants) {
      productVariants {
        id
        price
        compareAtPrice
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export interface PriceUpdate {
  productId: string;
  variantId: string;
  price: number;
  /** undefined = leave as is, null = remove the compare-at price. */
  compareAtPrice?: number | null;
}

export interface VariantPriceResult {
  productId: string;
  variantId: string;
  /** updated: applied; rejected: Shopify refused the batch (see userErrors); failed: the request failed (see error). */
  status: "updated" | "rejected" | "failed";
  price: number | null;
  compareAtPrice: number | null;
  userErrors: UserError[];
  error?: AdminApiError;
}

const moneyString = (value: number, what: string, id: string): string => {
  if (!Number.isFinite(value)) throw new Error(`price update: ${what} of ${id} must be a finite number, got ${value}`);
  return value.toFixed(2);
};

/** Applies price updates, grouped per product and `batchSize` variants per call (Shopify accepts up to 250). */
export async function updateVariantPrices(
  gateway: AdminGateway,
  updates: PriceUpdate[],
  batchSize = 100,
): Promise<VariantPriceResult[]> {
  const byProduct = new Map<string, PriceUpdate[]>();
  for (const u of updates) {
    const list = byProduct.get(u.productId) ?? [];
    list.push(u);
    byProduct.set(u.productId, list);
  }
  const results: VariantPriceResult[] = [];
  for (const [productId, list] of byProduct) {
    for (let i = 0; i < list.length; i += batchSize) {
      const batch = list.slice(i, i + batchSize);
      const variants = batch.map((u) => ({
        id: u.variantId,
        price: moneyString(u.price, "price", u.variantId),
        ...(u.compareAtPrice === undefined
          ? {}
          : {
              compareAtPrice:
                u.compareAtPrice === null ? null : moneyString(u.compareAtPrice, "compareAtPrice", u.variantId),
            }),
      }));
      const response = await gateway.request(VARIANT_PRICES_UPDATE, { productId, variants });
      if (!response.ok) {
        for (const u of batch) {
          results.push({
            productId,
            variantId: u.variantId,
            status: "failed",
            price: null,
            compareAtPrice: null,
            userErrors: [],
            error: response.error,
          });
        }
        continue;
      }
      const payload = response.value.productVariantsBulkUpdate;
      const userErrors = payload?.userErrors ?? [];
      const applied = new Map((payload?.productVariants ?? []).map((v) => [v.id, v]));
      batch.forEach((u, index) => {
        // field is ["variants", "<index>", ...] for a variant's own error; errors without an index concern the batch.
        const mine = userErrors.filter(
          (e) => !e.field || e.field[0] !== "variants" || e.field[1] === undefined || Number(e.field[1]) === index,
        );
        const v = applied.get(u.variantId);
        results.push({
          productId,
          variantId: u.variantId,
          status: v && userErrors.length === 0 ? "updated" : "rejected",
          price: v ? decimal(v.price) : null,
          compareAtPrice: v?.compareAtPrice ? decimal(v.compareAtPrice) : null,
          userErrors: mine,
        });
      });
    }
  }
  return results;
}
