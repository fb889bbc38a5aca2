// products/create and products/update with bundles: Shopify's product payload does not carry a variant's components,
// so they are read from the Admin API (productVariantComponents) and written in the SAME transaction as the product
// (app/sync/webhooks/catalogue.server.ts): a bundle whose component is unknown rolls the whole delivery back with
// BUNDLES.COMPONENT_UNKNOWN (retried: the component's own products/create may come later). Without a session or when
// the Admin API does not answer, the product is applied alone and the nightly reconciliation reads the components.
import type { Db } from "~/db.server";
import type { ShopDb } from "~/db/scoped.server";
import { log } from "~/logger.server";
import type { AdminGateway } from "~/shopify/admin-gateway.server";
import { adminDocument } from "~/shopify/document.server";
import { fail, ok, type AdminResult } from "~/shopify/result.server";
import { adminGatewayForShop } from "~/shopify/session.server";
import { applyProduct, type CatalogueResult } from "~/sync/webhooks/catalogue.server";
import { gid, type Json } from "~/sync/webhooks/payload";
import type { ProductBundleComponentsQuery, ProductBundleComponentsQueryVariables } from "~/types/admin.generated";
import { BundleSaveError, type BundleSpec } from "./store.server";

/** Shopify allows at most 30 components per bundle; variants are read 10 at a time (query cost under 1,000). */
export const PRODUCT_BUNDLE_COMPONENTS = adminDocument<
  ProductBundleComponentsQuery,
  ProductBundleComponentsQueryVariables
>(`#graphql
  query ProductBundleComponents($id: ID!, $after: String) {
    product(id: $id) {
      variants(first: 10, after: $after) {
        nodes {
          id
          requiresComponents
          productVariantComponents(first: 30) {
            nodes {
              quantity
              productVariant {
                id
              }
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

/** The components of every variant of the product (an empty list: the variant is no bundle); null = no product. */
export async function fetchProductBundles(
  gateway: AdminGateway,
  productGid: string,
): Promise<AdminResult<BundleSpec[] | null>> {
  const specs: BundleSpec[] = [];
  for (let after: string | null = null; ;) {
    const result: AdminResult<ProductBundleComponentsQuery> = await gateway.request(PRODUCT_BUNDLE_COMPONENTS, {
      id: productGid,
      after,
    });
    if (!result.ok) return fail(result.error);
    const variants: NonNullable<ProductBundleComponentsQuery["product"]>["variants"] | undefined =
      result.value.product?.variants;
    if (!variants) return ok(null);
    for (const v of variants.nodes) {
      specs.push({
        bundleGid: v.id,
        components: v.productVariantComponents.nodes.map((c) => ({
          componentGid: c.productVariant.id,
          quantity: c.quantity,
        })),
      });
    }
    if (!variants.pageInfo.hasNextPage || !variants.pageInfo.endCursor) return ok(specs);
    after = variants.pageInfo.endCursor;
  }
}

export class BundleWebhookError extends Error {}

/** applyProduct with the product's bundle components, all in one transaction. */
export async function applyProductWithBundles(
  db: Db,
  s: ShopDb,
  shop: { id: string; domain: string; timezone: string },
  payload: Json,
  gatewayOf: () => Promise<AdminResult<AdminGateway>> = () => adminGatewayForShop(shop.domain, { db }),
): Promise<CatalogueResult> {
  const productGid = gid("Product", payload.id);
  let specs: BundleSpec[] | null = null;
  if (productGid) {
    const gateway = await gatewayOf();
    const read = gateway.ok ? await fetchProductBundles(gateway.value, productGid) : gateway;
    if (read.ok) specs = read.value;
    else if (read.error.code !== "ADMIN_API.NO_SESSION") {
      log.warn("bundle components not read; the nightly reconciliation reads them", {
        shop: shop.domain,
        product: productGid,
        code: read.error.code,
      });
    }
  }
  try {
    return await applyProduct(s, shop, payload, specs ?? undefined);
  } catch (error) {
    if (error instanceof BundleSaveError) throw new BundleWebhookError(error.message);
    throw error;
  }
}
