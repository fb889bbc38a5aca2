// Relay connections as the Admin API serves them: `first`/`after`, `last`/`before`, `reverse`, edges with
// cursors, `nodes` and `pageInfo`. Bulk operations ignore the page size and return everything.
import { GraphQLError } from "graphql";

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  reverse?: boolean | null;
}

export interface ResolveContext {
  /** True while a bulk operation runs: connections are unbounded. */
  bulk: boolean;
  /** During a bulk operation: the window of root nodes this pass executes (the file is written in chunks). */
  bulkSlice?: { start: number; size: number; total: number };
  /** Filtered and sorted root lists, reused across the passes of one bulk operation. */
  memo?: Map<string, unknown[]>;
}

const MAX_PAGE = 250;

const encodeCursor = (index: number, id: string) => Buffer.from(JSON.stringify([index, id])).toString("base64url");

function decodeCursor<T extends { id: string }>(cursor: string, items: T[]): number {
  try {
    const [index, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [number, string];
    if (items[index]?.id === id) return index;
    const found = items.findIndex((x) => x.id === id);
    if (found >= 0) return found;
  } catch {
    // fall through
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: "BAD_REQUEST" } });
}

export function connection<T extends { id: string }>(
  all: T[],
  args: ConnectionArgs,
  ctx: ResolveContext,
  view: (item: T) => object,
  root = false,
): object {
  let items = args.reverse ? [...all].reverse() : all;
  if (ctx.bulk && root && ctx.bulkSlice) {
    ctx.bulkSlice.total = items.length;
    items = items.slice(ctx.bulkSlice.start, ctx.bulkSlice.start + ctx.bulkSlice.size);
  }
  const first = args.first ?? null;
  const last = args.last ?? null;
  if (!ctx.bulk) {
    if (first === null && last === null) {
      throw new GraphQLError("you must provide one of first or last", { extensions: { code: "BAD_REQUEST" } });
    }
    if ((first ?? 0) > MAX_PAGE || (last ?? 0) > MAX_PAGE || (first ?? 0) < 0 || (last ?? 0) < 0) {
      throw new GraphQLError(`The page size must be between 0 and ${MAX_PAGE}.`, {
        extensions: { code: "BAD_REQUEST" },
      });
    }
  }
  let start = args.after ? decodeCursor(args.after, items) + 1 : 0;
  let end = args.before ? decodeCursor(args.before, items) : items.length;
  if (!ctx.bulk) {
    if (first !== null) end = Math.min(end, start + first);
    else if (last !== null) start = Math.max(start, end - last);
  }
  const page = items.slice(start, end);
  const edges = page.map((item, i) => {
    const cursor = encodeCursor(start + i, item.id);
    return { cursor, node: view(item) };
  });
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** Terms of Shopify's search syntax the emulator understands: `updated_at` and `created_at` comparisons. */
export function dateFilter(
  query: string | null | undefined,
): ((t: { createdAt: string; updatedAt: string }) => boolean) | null {
  if (!query) return null;
  const tests: ((t: { createdAt: string; updatedAt: string }) => boolean)[] = [];
  const pattern = /(updated_at|created_at):(>=|<=|>|<)?(?:'([^']*)'|"([^"]*)"|(\S+))/g;
  for (const m of query.matchAll(pattern)) {
    const field = m[1] === "updated_at" ? "updatedAt" : "createdAt";
    const op = m[2] ?? "=";
    const raw = m[3] ?? m[4] ?? m[5];
    const bound = Date.parse(raw);
    if (Number.isNaN(bound))
      throw new GraphQLError(`Invalid date in search query: ${raw}`, { extensions: { code: "BAD_REQUEST" } });
    tests.push((t) => {
      const v = Date.parse(t[field]);
      return op === ">"
        ? v > bound
        : op === ">="
          ? v >= bound
          : op === "<"
            ? v < bound
            : op === "<="
              ? v <= bound
              : v === bound;
    });
  }
  return tests.length ? (t) => tests.every((f) => f(t)) : null;
}

/**
 * Shopify's `sku:` search term on product variants: an exact SKU (letter case ignored), or a prefix with a
 * trailing `*`; several terms must all match (Shopify's default AND). null when the query names no SKU.
 */
export function skuFilter(query: string | null | undefined): ((v: { sku: string | null }) => boolean) | null {
  if (!query) return null;
  const terms = [...query.matchAll(/(?:^|\s)sku:(?:'([^']*)'|"([^"]*)"|(\S+))/g)].map((m) =>
    (m[1] ?? m[2] ?? m[3]).toLowerCase(),
  );
  if (!terms.length) return null;
  return (v) => {
    const sku = (v.sku ?? "").toLowerCase();
    return terms.every((t) => (t.endsWith("*") ? sku.startsWith(t.slice(0, -1)) : sku === t));
  };
}
