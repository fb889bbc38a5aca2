// Cursor pagination over any connection (`pageInfo { hasNextPage endCursor }`), as an async generator of pages.
// A failed page is yielded as a typed failure and ends the iteration.
import type { AdminGateway } from "./admin-gateway.server";
import type { AdminDocument, Connection } from "./document.server";
import { ok, type AdminApiError, type AdminResult } from "./result.server";

export type Page<TNode> = { ok: true; nodes: TNode[] } | { ok: false; error: AdminApiError };

export async function* paginate<TData, TVariables extends { after?: string | null }, TNode>(
  gateway: AdminGateway,
  doc: AdminDocument<TData, TVariables>,
  variables: TVariables,
  select: (data: TData) => Connection<TNode> | null | undefined,
): AsyncGenerator<Page<TNode>, void, void> {
  let after: string | null = variables.after ?? null;
  for (;;) {
    const result = await gateway.request(doc, { ...variables, after });
    if (!result.ok) {
      yield { ok: false, error: result.error };
      return;
    }
    const connection = select(result.value);
    if (!connection) return;
    yield { ok: true, nodes: connection.nodes };
    if (!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor) return;
    after = connection.pageInfo.endCursor;
  }
}

/**
 * Every node of a connection whose first page came inline in a larger query: its own nodes, then the pages
 * after `inline.pageInfo.endCursor` read with `doc`; or the first failure.
 */
export async function completeConnection<TData, TVariables extends { after?: string | null }, TNode>(
  gateway: AdminGateway,
  inline: Connection<TNode>,
  doc: AdminDocument<TData, TVariables>,
  variables: TVariables,
  select: (data: TData) => Connection<TNode> | null | undefined,
): Promise<AdminResult<TNode[]>> {
  if (!inline.pageInfo.hasNextPage) return ok(inline.nodes);
  const rest = await collect(paginate(gateway, doc, { ...variables, after: inline.pageInfo.endCursor }, select));
  return rest.ok ? ok([...inline.nodes, ...rest.value]) : rest;
}

/** Every node of a paginated connection, or the first failure. */
export async function collect<TNode>(pages: AsyncIterable<Page<TNode>>): Promise<AdminResult<TNode[]>> {
  const all: TNode[] = [];
  for await (const page of pages) {
    if (!page.ok) return { ok: false, error: page.error };
    all.push(...page.nodes);
  }
  return ok(all);
}
