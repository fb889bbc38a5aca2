// Orders with line items, discounts, refunds, cancellation and the customer id, filtered by `updated_at`
// for incremental re-syncs. Customer emails and names are never requested.
import type { AdminGateway } from "./admin-gateway.server";
import { adminDocument } from "./document.server";
import { completeConnection, paginate, type Page } from "./paginate.server";
import type {
  OrderLineItemsPageQuery,
  OrderLineItemsPageQueryVariables,
  OrdersPageQuery,
  OrdersPageQueryVariables,
} from "~/types/admin.generated";

type LineItemNode = OrdersPageQuery["orders"]["nodes"][number]["lineItems"]["nodes"][number];

export const ORDERS_PAGE = adminDocument<OrdersPageQuery, OrdersPageQueryVariables>(`#graphql
  query OrdersPage($first: Int!, $after: String, $query: String, $linesFirst: Int!) {
    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
        id
        name
        createdAt
        updatedAt
        cancelledAt
        customer {
          id
        }
        retailLocation {
          id
        }
        lineItems(first: $linesFirst) {
          nodes {
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
          pageInfo {
            hasNextPage
            endCursor
          }
        }
        refunds(first: 5) {
          id
          createdAt
          refundLineItems(first: 10) {
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
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ORDER_LINE_ITEMS_PAGE = adminDocument<OrderLineItemsPageQuery, OrderLineItemsPageQueryVariables>(`#graphql
  query OrderLineItemsPage($id: ID!, $first: Int!, $after: String) {
    order(id: $id) {
      lineItems(first: $first, after: $after) {
        nodes {
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
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export interface SyncOrderLine {
  id: string;
  variantId: string | null;
  sku: string | null;
  quantity: number;
  /** Unit list price when ordered. */
  unitPrice: number;
  /** Total discount on the line (all units). */
  discount: number;
}

export interface SyncRefund {
  id: string;
  createdAt: string | null;
  lines: { lineItemId: string; quantity: number; amount: number }[];
}

export interface SyncOrder {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  /** Shopify's customer GID, to be pseudonymised before it is stored. */
  customerId: string | null;
  locationId: string | null;
  lines: SyncOrderLine[];
  refunds: SyncRefund[];
}

const toLine = (n: LineItemNode): SyncOrderLine => ({
  id: n.id,
  variantId: n.variant?.id ?? null,
  sku: n.sku ?? null,
  quantity: n.quantity,
  unitPrice: Number(n.originalUnitPriceSet.shopMoney.amount),
  discount: Number(n.totalDiscountSet.shopMoney.amount),
});

export interface OrderPagesOptions {
  /** Only orders updated strictly after this instant (ISO 8601): the incremental re-sync. */
  updatedAfter?: string;
  /**
   * Orders per request (default 3) and line items inline per order (default 10): requested cost about 850 of the
   * 1000 a single query may ask. Line items beyond are fetched page by page; refunds are read up to 5 per order
   * with 10 lines each (the history import reads them all through the bulk query).
   */
  pageSize?: number;
  linesPerOrder?: number;
}

/** Shopify search syntax for `updated_at:>`; the instant is quoted. */
export function updatedAfterQuery(instant: string): string {
  if (Number.isNaN(Date.parse(instant)))
    throw new Error(`orders: updatedAfter must be an ISO 8601 instant, got "${instant}"`);
  return `updated_at:>'${instant}'`;
}

export async function* orderPages(
  gateway: AdminGateway,
  options: OrderPagesOptions = {},
): AsyncGenerator<Page<SyncOrder>> {
  const pages = paginate(
    gateway,
    ORDERS_PAGE,
    {
      first: options.pageSize ?? 3,
      linesFirst: options.linesPerOrder ?? 10,
      query: options.updatedAfter ? updatedAfterQuery(options.updatedAfter) : null,
    },
    (d) => d.orders,
  );
  for await (const page of pages) {
    if (!page.ok) {
      yield page;
      return;
    }
    const orders: SyncOrder[] = [];
    for (const o of page.nodes) {
      const all = await completeConnection(
        gateway,
        o.lineItems,
        ORDER_LINE_ITEMS_PAGE,
        { id: o.id, first: 100 },
        (d) => d.order?.lineItems,
      );
      if (!all.ok) {
        yield all;
        return;
      }
      const lines = all.value.map(toLine);
      orders.push({
        id: o.id,
        name: o.name,
        createdAt: o.createdAt,
        updatedAt: o.updatedAt,
        cancelledAt: o.cancelledAt ?? null,
        customerId: o.customer?.id ?? null,
        locationId: o.retailLocation?.id ?? null,
        lines,
        refunds: o.refunds.map((r) => ({
          id: r.id,
          createdAt: r.createdAt ?? null,
          lines: r.refundLineItems.nodes.map((x) => ({
            lineItemId: x.lineItem.id,
            quantity: x.quantity,
            amount: Number(x.subtotalSet.shopMoney.amount),
          })),
        })),
      });
    }
    yield { ok: true, nodes: orders };
  }
}
