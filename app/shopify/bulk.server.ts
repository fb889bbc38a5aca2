// Bulk operations: start a bulk query, poll `currentBulkOperation` until it ends, then stream the JSONL result
// (./jsonl.server). The bulk queries themselves are `#graphql` documents too, validated like the others.
// Nested connections become separate JSONL rows carrying `__parentId`; Shopify allows two levels of nesting.
import type { AdminGateway } from "./admin-gateway.server";
import { adminDocument } from "./document.server";
import { fail, ok, type AdminResult } from "./result.server";
import type {
  BulkRunQueryMutation,
  BulkRunQueryMutationVariables,
  CurrentBulkOperationQuery,
  CurrentBulkOperationQueryVariables,
} from "~/types/admin.generated";

/** UnsignedInt64 counts and sizes travel as strings. */
export type BulkOperation = NonNullable<CurrentBulkOperationQuery["currentBulkOperation"]>;

export const BULK_RUN_QUERY = adminDocument<BulkRunQueryMutation, BulkRunQueryMutationVariables>(`#graphql
  mutation BulkRunQuery($query: String!) {
    bulkOperationRunQuery(query: $query) {
      bulkOperation {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const CURRENT_BULK_OPERATION = adminDocument<
  CurrentBulkOperationQuery,
  CurrentBulkOperationQueryVariables
>(`#graphql
  query CurrentBulkOperation {
    currentBulkOperation {
      id
      status
      errorCode
      objectCount
      rootObjectCount
      fileSize
      url
      partialDataUrl
      createdAt
      completedAt
    }
  }
`);

/**
 * Catalogue: one row per product, then variant rows (`__parentId` = product id) with the unit cost inline, then a
 * bundle's component rows (`__parentId` = the bundle variant's id; docs/decisions/0024).
 */
export const BULK_CATALOG_QUERY = `#graphql
  query BulkCatalog {
    products {
      edges {
        node {
          id
          title
          handle
          vendor
          productType
          status
          tags
          updatedAt
          variants {
            edges {
              node {
                id
                title
                sku
                price
                compareAtPrice
                updatedAt
                requiresComponents
                inventoryItem {
                  id
                  updatedAt
                  unitCost {
                    amount
                  }
                }
                productVariantComponents {
                  edges {
                    node {
                      id
                      quantity
                      productVariant {
                        id
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;

/** Inventory: one row per location, then level rows (`__parentId` = location id). */
export const BULK_INVENTORY_QUERY = `#graphql
  query BulkInventory {
    locations {
      edges {
        node {
          id
          name
          inventoryLevels {
            edges {
              node {
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
            }
          }
        }
      }
    }
  }
`;

/**
 * Orders: one row per order (refunds inline), then line-item rows (`__parentId` = order id).
 * The history window goes in the search query: bulkOrdersQuery("created_at:>='2024-11-26'").
 */
export const BULK_ORDERS_QUERY = `#graphql
  query BulkOrders {
    orders(query: "SEARCH", sortKey: CREATED_AT) {
      edges {
        node {
          id
          name
          createdAt
          processedAt
          updatedAt
          cancelledAt
          currencyCode
          test
          subtotalLineItemsQuantity
          customer {
            id
          }
          retailLocation {
            id
          }
          fulfillments(first: 1) {
            location {
              id
            }
          }
          refunds {
            id
            createdAt
            refundLineItems(first: 100) {
              nodes {
                lineItem {
                  id
                }
                quantity
                subtotalSet {
                  shopMoney {
                    amount
                  }
                }
              }
            }
          }
          lineItems {
            edges {
              node {
                id
                sku
                quantity
                variant {
                  id
                }
                originalUnitPriceSet {
                  shopMoney {
                    amount
                  }
                }
                totalDiscountSet {
                  shopMoney {
                    amount
                  }
                }
              }
            }
          }
        }
      }
    }
  }
`;

/** BULK_ORDERS_QUERY with a search filter, e.g. "created_at:>='2024-11-26'" or "updated_at:>'...'" ("" = all). */
export function bulkOrdersQuery(search: string): string {
  return BULK_ORDERS_QUERY.replace('"SEARCH"', JSON.stringify(search));
}

/** BULK_CATALOG_QUERY restricted by a search filter, e.g. "updated_at:>='...'" ("" = every product). */
export function bulkCatalogQuery(search: string): string {
  return search
    ? BULK_CATALOG_QUERY.replace("products {", `products(query: ${JSON.stringify(search)}) {`)
    : BULK_CATALOG_QUERY;
}

type RunPayload = NonNullable<BulkRunQueryMutation["bulkOperationRunQuery"]>;

export interface BulkStart {
  bulkOperation: NonNullable<RunPayload["bulkOperation"]> | null;
  /** e.g. OPERATION_IN_PROGRESS when another bulk query runs for this app and shop. */
  userErrors: RunPayload["userErrors"];
}

export async function startBulkQuery(gateway: AdminGateway, query: string): Promise<AdminResult<BulkStart>> {
  const result = await gateway.request(BULK_RUN_QUERY, { query });
  if (!result.ok) return result;
  const payload = result.value.bulkOperationRunQuery;
  return ok({ bulkOperation: payload?.bulkOperation ?? null, userErrors: payload?.userErrors ?? [] });
}

export async function currentBulkOperation(gateway: AdminGateway): Promise<AdminResult<BulkOperation | null>> {
  const result = await gateway.request(CURRENT_BULK_OPERATION, {});
  return result.ok ? ok(result.value.currentBulkOperation ?? null) : result;
}

export interface PollOptions {
  /** Only this operation (else whatever is current). */
  id?: string;
  intervalMs?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Progress callback (objectCount so far). */
  onProgress?: (op: BulkOperation) => void;
}

/** Polls until the operation is COMPLETED (ok) or FAILED/CANCELED/EXPIRED (ADMIN_API.BULK_FAILED). */
export async function waitForBulkOperation(
  gateway: AdminGateway,
  options: PollOptions = {},
): Promise<AdminResult<BulkOperation>> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + (options.timeoutMs ?? 6 * 3600_000);
  const interval = options.intervalMs ?? 2000;
  for (;;) {
    const current = await currentBulkOperation(gateway);
    if (!current.ok) return current;
    const op = current.value;
    if (!op) return fail({ code: "ADMIN_API.BULK_FAILED", message: "no bulk operation is current" });
    if (options.id && op.id !== options.id) {
      return fail({
        code: "ADMIN_API.BULK_FAILED",
        message: `bulk operation ${options.id} is no longer current (now ${op.id})`,
      });
    }
    options.onProgress?.(op);
    if (op.status === "COMPLETED") return ok(op);
    if (op.status === "FAILED" || op.status === "CANCELED" || op.status === "EXPIRED") {
      return fail({
        code: "ADMIN_API.BULK_FAILED",
        message: `bulk operation ${op.id} ended ${op.status}${op.errorCode ? ` (${op.errorCode})` : ""}`,
      });
    }
    if (now() >= deadline)
      return fail({ code: "ADMIN_API.TIMEOUT", message: `bulk operation ${op.id} still ${op.status}` });
    await sleep(interval);
  }
}
