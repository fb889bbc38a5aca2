// Resolvers of the emulator: plain objects whose properties are the Admin schema's fields, functions for fields
// with arguments (graphql-js calls them with the arguments). Only what the app reads is implemented; any other
// non-null field fails with graphql-js's own "Cannot return null for non-nullable field" error.
import { GraphQLError } from "graphql";
import { connection, dateFilter, skuFilter, type ConnectionArgs, type ResolveContext } from "./connection.server";
import {
  gidNumber,
  resolveNamespace,
  type EmuLevel,
  type EmuOrder,
  type EmuProduct,
  type EmuVariant,
  type EmulatorState,
} from "./state.server";
import { metafieldsSet, productVariantsBulkUpdate, type MutationArgs } from "./mutations.server";
import { productHeader } from "~/shopify/product-header.server";
import { inventoryMutationRoot, inventoryQueryRoot } from "./inventory.server";

export interface BulkOperationRecord {
  id: string;
  status: "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELED";
  errorCode: string | null;
  query: string;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  url: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface EmulatorContext extends ResolveContext {
  state: EmulatorState;
  now: () => Date;
  currentBulk: () => BulkOperationRecord | null;
  runBulk: (query: string) => { bulkOperation: BulkOperationRecord | null; userErrors: object[] };
}

type Args = ConnectionArgs & { query?: string | null; sortKey?: string | null };

const money = (n: number) => n.toFixed(2);
/** Decimal scalars come back without trailing zeros ("12.5"). */
const decimal = (n: number) => String(Math.round(n * 100) / 100);
const moneyV2 = (n: number) => ({ amount: decimal(n), currencyCode: "EUR" });
const bag = (n: number) => ({ shopMoney: moneyV2(n), presentmentMoney: moneyV2(n) });

const INVENTORY_STATES = [
  "available",
  "on_hand",
  "committed",
  "incoming",
  "reserved",
  "damaged",
  "safety_stock",
  "quality_control",
];

export function queryRoot(ctx: EmulatorContext): object {
  const { state } = ctx;
  const levelsOfLocation = new Map<string, EmuLevel[]>();
  const levelsOfItem = new Map<string, EmuLevel[]>();
  for (const l of state.levels) {
    (levelsOfLocation.get(l.locationId) ?? levelsOfLocation.set(l.locationId, []).get(l.locationId)!).push(l);
    (levelsOfItem.get(l.inventoryItemId) ?? levelsOfItem.set(l.inventoryItemId, []).get(l.inventoryItemId)!).push(l);
  }

  const locationView = (loc: { id: string; name: string }): object => ({
    __typename: "Location",
    id: loc.id,
    name: loc.name,
    isActive: true,
    fulfillsOnlineOrders: true,
    legacyResourceId: String(gidNumber(loc.id)),
    inventoryLevels: (args: Args) => connection(levelsOfLocation.get(loc.id) ?? [], args, ctx, levelView),
    inventoryLevel: ({ inventoryItemId }: { inventoryItemId: string }) => {
      const level = (levelsOfLocation.get(loc.id) ?? []).find((l) => l.inventoryItemId === inventoryItemId);
      return level ? levelView(level) : null;
    },
  });
  const locationOf = (id: string) => {
    const loc = state.locations.find((l) => l.id === id);
    return loc ? locationView(loc) : null;
  };

  const levelView = (l: EmuLevel): object => ({
    __typename: "InventoryLevel",
    id: l.id,
    createdAt: l.updatedAt,
    updatedAt: l.updatedAt,
    item: () => itemView(state.variantByItem.get(l.inventoryItemId)!),
    location: () => locationOf(l.locationId),
    quantities: ({ names }: { names: string[] }) =>
      names.map((name) => {
        if (!INVENTORY_STATES.includes(name)) {
          throw new GraphQLError(`Invalid quantity name: ${name}`, { extensions: { code: "BAD_REQUEST" } });
        }
        const quantity =
          name === "available"
            ? l.available
            : name === "on_hand"
              ? l.onHand
              : name === "committed"
                ? l.committed
                : name === "incoming"
                  ? l.incoming
                  : 0;
        return {
          __typename: "InventoryQuantity",
          id: `gid://shopify/InventoryQuantity/${gidNumber(l.id)}?name=${name}`,
          name,
          quantity,
          updatedAt: l.updatedAt,
        };
      }),
  });

  const itemView = (v: EmuVariant): object => ({
    __typename: "InventoryItem",
    id: v.inventoryItemId,
    sku: v.sku,
    tracked: true,
    requiresShipping: true,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    legacyResourceId: String(gidNumber(v.inventoryItemId)),
    unitCost: v.unitCost === null ? null : moneyV2(v.unitCost),
    variant: () => variantView(v),
    inventoryLevels: (args: Args) => connection(levelsOfItem.get(v.inventoryItemId) ?? [], args, ctx, levelView),
    inventoryLevel: ({ locationId }: { locationId: string }) => {
      const level = (levelsOfItem.get(v.inventoryItemId) ?? []).find((l) => l.locationId === locationId);
      return level ? levelView(level) : null;
    },
  });

  const variantView = (v: EmuVariant): object => {
    const product = state.productById.get(v.productId)!;
    return {
      __typename: "ProductVariant",
      id: v.id,
      title: v.title,
      displayName: `${product.title} - ${v.title}`,
      sku: v.sku,
      price: money(v.price),
      compareAtPrice: v.compareAtPrice === null ? null : money(v.compareAtPrice),
      position: v.position,
      createdAt: v.createdAt,
      updatedAt: v.updatedAt,
      legacyResourceId: String(gidNumber(v.id)),
      availableForSale: product.status === "ACTIVE",
      taxable: true,
      inventoryPolicy: "DENY",
      inventoryQuantity: (levelsOfItem.get(v.inventoryItemId) ?? []).reduce((a, l) => a + l.available, 0),
      inventoryItem: () => itemView(v),
      product: () => productView(product),
      requiresComponents: v.components.length > 0,
      productVariantComponents: (args: Args) =>
        connection(v.components, args, ctx, (c) => ({
          __typename: "ProductVariantComponent",
          id: c.id,
          quantity: c.quantity,
          productVariant: () => variantView(state.variantById.get(c.variantId)!),
        })),
      metafield: (args: { namespace?: string; key: string }) => metafieldOf(v.id, args),
    };
  };

  const productView = (p: EmuProduct): object => ({
    __typename: "Product",
    ...productHeader(p),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    legacyResourceId: String(gidNumber(p.id)),
    hasOnlyDefaultVariant: p.variantIds.length === 1,
    totalInventory: p.variantIds.reduce(
      (a, id) =>
        a + (levelsOfItem.get(state.variantById.get(id)!.inventoryItemId) ?? []).reduce((b, l) => b + l.available, 0),
      0,
    ),
    variants: (args: Args) =>
      connection(
        p.variantIds.map((id) => state.variantById.get(id)!),
        args,
        ctx,
        variantView,
      ),
    metafield: (args: { namespace?: string; key: string }) => metafieldOf(p.id, args),
  });

  const metafieldOf = (ownerId: string, args: { namespace?: string; key: string }) => {
    const m = state.metafields.get(`${ownerId}|${resolveNamespace(state, args.namespace)}|${args.key}`);
    return m
      ? { __typename: "Metafield", ...m, ownerType: ownerId.includes("/Product/") ? "PRODUCT" : "PRODUCTVARIANT" }
      : null;
  };

  const lineView = (order: EmuOrder, line: EmuOrder["lines"][number]): object => {
    const variant = state.variantById.get(line.variantId) ?? null;
    const refunded = order.refunds.reduce(
      (a, r) => a + r.lines.filter((x) => x.lineId === line.id).reduce((b, x) => b + x.quantity, 0),
      0,
    );
    return {
      __typename: "LineItem",
      id: line.id,
      name: line.title,
      title: line.title,
      sku: line.sku,
      quantity: line.quantity,
      currentQuantity: line.quantity - refunded,
      refundableQuantity: line.quantity - refunded,
      variantTitle: variant?.title ?? null,
      vendor: variant ? state.productById.get(variant.productId)!.vendor : null,
      variant: variant ? () => variantView(variant) : null,
      product: variant ? () => productView(state.productById.get(variant.productId)!) : null,
      originalUnitPriceSet: bag(line.price),
      discountedUnitPriceSet: bag(line.price - line.discount / line.quantity),
      originalTotalSet: bag(line.price * line.quantity),
      totalDiscountSet: bag(line.discount),
      discountAllocations:
        line.discount > 0 ? [{ __typename: "DiscountAllocation", allocatedAmountSet: bag(line.discount) }] : [],
    };
  };

  const orderView = (o: EmuOrder): object => {
    const lineById = new Map(o.lines.map((l) => [l.id, l]));
    return {
      __typename: "Order",
      id: o.id,
      name: o.name,
      createdAt: o.createdAt,
      processedAt: o.createdAt,
      updatedAt: o.updatedAt,
      cancelledAt: o.cancelledAt,
      cancelReason: o.cancelledAt ? "CUSTOMER" : null,
      closed: false,
      test: false,
      currencyCode: "EUR",
      legacyResourceId: String(gidNumber(o.id)),
      email: o.email,
      customer: o.customerId
        ? { __typename: "Customer", id: o.customerId, legacyResourceId: String(gidNumber(o.customerId)) }
        : null,
      retailLocation: () => locationOf(o.locationId),
      // Every simulated order ships from its location (cancelled ones never ship).
      fulfillments: () =>
        o.cancelledAt
          ? []
          : [
              {
                __typename: "Fulfillment",
                id: `gid://shopify/Fulfillment/${gidNumber(o.id)}`,
                location: () => locationOf(o.locationId),
              },
            ],
      lineItems: (args: Args) => connection(o.lines, args, ctx, (l) => lineView(o, l)),
      totalDiscountsSet: bag(o.lines.reduce((a, l) => a + l.discount, 0)),
      subtotalLineItemsQuantity: o.lines.reduce((a, l) => a + l.quantity, 0),
      refunds: ({ first }: { first?: number | null }) =>
        o.refunds.slice(0, first ?? undefined).map((r) => ({
          __typename: "Refund",
          id: r.id,
          createdAt: r.createdAt,
          updatedAt: r.createdAt,
          legacyResourceId: String(gidNumber(r.id)),
          totalRefundedSet: bag(r.lines.reduce((a, x) => a + x.amount, 0)),
          refundLineItems: (args: Args) =>
            connection(r.lines, args, ctx, (x) => ({
              __typename: "RefundLineItem",
              id: x.id,
              quantity: x.quantity,
              restocked: false,
              restockType: "NO_RESTOCK",
              subtotalSet: bag(x.amount),
              priceSet: bag(x.amount / x.quantity),
              totalTaxSet: bag(0),
              lineItem: () => lineView(o, lineById.get(x.lineId)!),
            })),
        })),
    };
  };

  const bulkView = (op: BulkOperationRecord | null) =>
    op && {
      __typename: "BulkOperation",
      ...op,
      type: "QUERY",
      objectCount: String(op.objectCount),
      rootObjectCount: String(op.rootObjectCount),
      fileSize: op.fileSize === null ? null : String(op.fileSize),
      partialDataUrl: null,
    };

  const filtered = <T extends { createdAt: string; updatedAt: string; id: string }>(
    items: T[],
    args: Args,
    kind: string,
  ): T[] => {
    const memoKey = `${kind}|${args.query ?? ""}|${args.sortKey ?? ""}`;
    const hit = ctx.memo?.get(memoKey);
    if (hit) return hit as T[];
    const list = sortAndFilter(items, args);
    ctx.memo?.set(memoKey, list);
    return list;
  };
  const sortAndFilter = <T extends { createdAt: string; updatedAt: string; id: string }>(
    items: T[],
    args: Args,
  ): T[] => {
    const keep = dateFilter(args.query);
    let list = keep ? items.filter(keep) : items;
    if (args.sortKey === "UPDATED_AT" || args.sortKey === "CREATED_AT") {
      const field = args.sortKey === "UPDATED_AT" ? "updatedAt" : "createdAt";
      // Decorate once: Date.parse inside the comparator would dominate on large shops.
      list = list
        .map((item) => ({ item, t: Date.parse(item[field]), n: gidNumber(item.id) }))
        .sort((a, b) => a.t - b.t || a.n - b.n)
        .map((x) => x.item);
    }
    return list;
  };

  const variantsInOrder = () => state.products.flatMap((p) => p.variantIds.map((id) => state.variantById.get(id)!));

  const root = {
    shop: {
      __typename: "Shop",
      id: "gid://shopify/Shop/1",
      name: state.shop.name,
      myshopifyDomain: state.shop.domain,
      email: `contact@${state.shop.domain}`,
      currencyCode: state.shop.currency,
      ianaTimezone: state.shop.timezone,
      timezoneAbbreviation: "CET",
      primaryDomain: {
        __typename: "Domain",
        id: "gid://shopify/Domain/1",
        host: state.shop.domain,
        url: `https://${state.shop.domain}`,
        sslEnabled: true,
      },
    },
    shopLocales: () => [
      {
        __typename: "ShopLocale",
        locale: state.shop.locale,
        name: "French",
        primary: true,
        published: true,
        marketWebPresences: [],
      },
    ],
    locations: (args: Args) => connection(state.locations, args, ctx, locationView, true),
    location: ({ id }: { id?: string }) => (id ? locationOf(id) : locationOf(state.locations[0].id)),
    products: (args: Args) => connection(filtered(state.products, args, "products"), args, ctx, productView, true),
    product: ({ id }: { id: string }) => {
      const p = state.productById.get(id);
      return p ? productView(p) : null;
    },
    productVariants: (args: Args) => {
      const list = filtered(variantsInOrder(), args, "variants");
      const sku = skuFilter(args.query);
      return connection(sku ? list.filter(sku) : list, args, ctx, variantView, true);
    },
    productVariant: ({ id }: { id: string }) => {
      const v = state.variantById.get(id);
      return v ? variantView(v) : null;
    },
    inventoryItem: ({ id }: { id: string }) => {
      const v = state.variantByItem.get(id);
      return v ? itemView(v) : null;
    },
    orders: (args: Args) => connection(filtered(state.orders, args, "orders"), args, ctx, orderView, true),
    order: ({ id }: { id: string }) => {
      const o = state.orderById.get(id);
      return o ? orderView(o) : null;
    },
    currentBulkOperation: () => bulkView(ctx.currentBulk()),
    nodes: ({ ids }: { ids: string[] }) =>
      ids.map((id) => {
        const item = state.variantByItem.get(id);
        const variant = state.variantById.get(id);
        const product = state.productById.get(id);
        return item ? itemView(item) : variant ? variantView(variant) : product ? productView(product) : locationOf(id);
      }),
  };
  return { ...root, ...inventoryQueryRoot(state, root) };
}

export function mutationRoot(ctx: EmulatorContext): object {
  return {
    bulkOperationRunQuery: ({ query }: { query: string }) => {
      const result = ctx.runBulk(query);
      return {
        bulkOperation: result.bulkOperation && {
          __typename: "BulkOperation",
          ...result.bulkOperation,
          type: "QUERY",
          objectCount: "0",
          rootObjectCount: "0",
          fileSize: null,
          partialDataUrl: null,
        },
        userErrors: result.userErrors,
      };
    },
    productVariantsBulkUpdate: (args: MutationArgs["productVariantsBulkUpdate"]) => {
      const result = productVariantsBulkUpdate(ctx.state, args, ctx.now());
      const root = queryRoot(ctx) as {
        product: (a: { id: string }) => object | null;
        productVariant: (a: { id: string }) => object | null;
      };
      return {
        product: result.applied ? root.product({ id: args.productId }) : null,
        productVariants: result.applied ? args.variants.map((v) => root.productVariant({ id: v.id! })) : null,
        userErrors: result.userErrors,
      };
    },
    metafieldsSet: (args: MutationArgs["metafieldsSet"]) => {
      const result = metafieldsSet(ctx.state, args, ctx.now());
      return {
        metafields:
          result.metafields?.map((m) => ({
            __typename: "Metafield",
            ...m,
            ownerType: m.ownerId.includes("/Product/") ? "PRODUCT" : "PRODUCTVARIANT",
          })) ?? null,
        userErrors: result.userErrors,
      };
    },
    ...inventoryMutationRoot(ctx.state, ctx.now, queryRoot(ctx) as Parameters<typeof inventoryMutationRoot>[2]),
  };
}
