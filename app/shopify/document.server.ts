// Typed GraphQL documents. Every document is a template literal starting with `#graphql` (no interpolation),
// so tests/unit/graphql/schema.test.ts can find and validate each one against Shopify's Admin schema.
// The result and variable types are generated from the documents and that schema (`npm run codegen`:
// app/types/admin.generated.d.ts, e.g. `ShopInfoQuery` and `ShopInfoQueryVariables`); `npm run typecheck`
// fails when they are stale.

export interface AdminDocument<TData, TVariables> {
  readonly query: string;
  /** Operation name (for logs and the per-document cost estimate). */
  readonly name: string;
  /** Phantom fields: carry the types only. */
  readonly __data?: TData;
  readonly __variables?: TVariables;
}

export function adminDocument<TData, TVariables>(query: string): AdminDocument<TData, TVariables> {
  const match = /\b(query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(query);
  if (!match) throw new Error(`adminDocument: the document has no named query or mutation: ${query.slice(0, 80)}`);
  return { query, name: match[2] };
}

/** What the pagination helpers need of a connection (any generated `{ nodes, pageInfo }` selection fits). */
export interface Connection<TNode> {
  nodes: TNode[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}
