// Catalogue reads: products with their variants (price, compare-at, SKU, inventory item and unit cost),
// locations, and inventory levels per location.
import type { AdminGateway } from "./admin-gateway.server";
import { adminDocument } from "./document.server";
import { completeConnection, paginate, type Page } from "./paginate.server";
import { productHeader, type ProductHeader } from "./product-header.server";
import type {
  InventoryLevelsPageQuery,
  InventoryLevelsPageQueryVariables,
  LocationsPageQuery,
  LocationsPageQueryVariables,
  ProductsPageQuery,
  ProductsPageQueryVariables,
  ProductVariantsPageQuery,
  ProductVariantsPageQueryVariables,
} from "~/types/admin.generated";
import { decimal, decimalOrNull } from "~/core/money";

type VariantNode = ProductsPageQuery["products"]["nodes"][number]["variants"]["nodes"][number];
type InventoryLevelNode = NonNullable<InventoryLevelsPageQuery["location"]>["inventoryLevels"]["nodes"][number];

export const PRODUCTS_PAGE = adminDocument<ProductsPageQuery, ProductsPageQueryVariables>(`#graphql
  query ProductsPage($first: Int!, $after: String, $query: String, $variantsFirst: Int!) {
    products(first: $first, after: $after, query: $query, sortKey: ID) {
      nodes {
        id
        title
        handle
        vendor
        productType
        status
        tags
        updatedAt
        variants(first: $variantsFirst) {
          nodes {
            id
            title
            sku
            price
            compareAtPrice
            updatedAt
            inventoryItem {
              id
              unitCost {
                amount
              }
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const PRODUCT_VARIANTS_PAGE = adminDocument<
  ProductVariantsPageQuery,
  ProductVariantsPageQueryVariables
>(`#graphql
  query ProductVariantsPage($id: ID!, $first: Int!, $after: String) {
    product(id: $id) {
      variants(first: $first, after: $after) {
        nodes {
          id
          title
          sku
          price
          compareAtPrice
          updatedAt
          inventoryItem {
            id
            unitCost {
              amount
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

export interface CatalogVariant {
  id: string;
  productId: string;
  title: string;
  sku: string | null;
  price: number;
  compareAtPrice: number | null;
  inventoryItemId: string;
  /** Null when the merchant never entered a cost (never assume 0). */
  unitCost: number | null;
  updatedAt: string;
}

export interface CatalogProduct extends ProductHeader {
  updatedAt: string;
  variants: CatalogVariant[];
}

function toVariant(productId: string, v: VariantNode): CatalogVariant {
  return {
    id: v.id,
    productId,
    title: v.title,
    sku: v.sku ?? null,
    price: decimal(v.price),
    compareAtPrice: decimalOrNull(v.compareAtPrice),
    inventoryItemId: v.inventoryItem.id,
    unitCost: decimalOrNull(v.inventoryItem.unitCost?.amount),
    updatedAt: v.updatedAt,
  };
}

export interface ProductPagesOptions {
  /** Products per request (default 10) and variants fetched inline per product (default 20): cost about 630. */
  pageSize?: number;
  variantsPerProduct?: number;
  /** Shopify search syntax, e.g. "updated_at:>'2026-01-01T00:00:00Z'". */
  query?: string;
}

/** Every product with ALL its variants (products with more variants than fit inline are completed page by page). */
export async function* productPages(
  gateway: AdminGateway,
  options: ProductPagesOptions = {},
): AsyncGenerator<Page<CatalogProduct>> {
  const pages = paginate(
    gateway,
    PRODUCTS_PAGE,
    { first: options.pageSize ?? 10, variantsFirst: options.variantsPerProduct ?? 20, query: options.query ?? null },
    (d) => d.products,
  );
  for await (const page of pages) {
    if (!page.ok) {
      yield page;
      return;
    }
    const products: CatalogProduct[] = [];
    for (const p of page.nodes) {
      const all = await completeConnection(
        gateway,
        p.variants,
        PRODUCT_VARIANTS_PAGE,
        { id: p.id, first: 100 },
        (d) => d.product?.variants,
      );
      if (!all.ok) {
        yield all;
        return;
      }
      const variants = all.value.map((v) => toVariant(p.id, v));
      products.push({
        ...productHeader(p),
        updatedAt: p.updatedAt,
        variants,
      });
    }
    yield { ok: true, nodes: products };
  }
}

export const LOCATIONS_PAGE = adminDocument<LocationsPageQuery, LocationsPageQueryVariables>(`#graphql
  query LocationsPage($first: Int!, $after: String) {
    locations(first: $first, after: $after) {
      nodes {
        id
        name
        isActive
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export interface ShopLocation {
  id: string;
  name: string;
  isActive: boolean;
}

export function locationPages(gateway: AdminGateway, pageSize = 50): AsyncGenerator<Page<ShopLocation>> {
  return paginate(gateway, LOCATIONS_PAGE, { first: pageSize }, (d) => d.locations);
}

/** Inventory states read per level (https://shopify.dev/docs/apps/build/orders-fulfillment/inventory-management-apps). */
export const INVENTORY_STATES = ["available", "on_hand", "committed", "incoming"] as const;

export const INVENTORY_LEVELS_PAGE = adminDocument<
  InventoryLevelsPageQuery,
  InventoryLevelsPageQueryVariables
>(`#graphql
  query InventoryLevelsPage($locationId: ID!, $first: Int!, $after: String) {
    location(id: $locationId) {
      inventoryLevels(first: $first, after: $after) {
        nodes {
          id
          updatedAt
          item {
            id
            variant {
              id
            }
          }
          quantities(names: ["available", "on_hand", "committed", "incoming"]) {
            name
            quantity
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

export interface InventoryLevelRow {
  locationId: string;
  inventoryItemId: string;
  variantId: string | null;
  available: number;
  onHand: number;
  committed: number;
  incoming: number;
  updatedAt: string;
}

export function toInventoryLevel(locationId: string, n: InventoryLevelNode): InventoryLevelRow {
  const q = (name: string) => n.quantities.find((x) => x.name === name)?.quantity ?? 0;
  return {
    locationId,
    inventoryItemId: n.item.id,
    variantId: n.item.variant?.id ?? null,
    available: q("available"),
    onHand: q("on_hand"),
    committed: q("committed"),
    incoming: q("incoming"),
    updatedAt: n.updatedAt,
  };
}

export async function* inventoryLevelPages(
  gateway: AdminGateway,
  locationId: string,
  pageSize = 100,
): AsyncGenerator<Page<InventoryLevelRow>> {
  for await (const page of paginate(
    gateway,
    INVENTORY_LEVELS_PAGE,
    { locationId, first: pageSize },
    (d) => d.location?.inventoryLevels,
  )) {
    yield page.ok ? { ok: true, nodes: page.nodes.map((n) => toInventoryLevel(locationId, n)) } : page;
  }
}
