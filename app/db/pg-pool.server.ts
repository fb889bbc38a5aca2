// The PostgreSQL pool behind Prisma: no call may wait forever (issue 18, docs/decisions/0016).
// - statement_timeout: the server cancels a statement running longer than DATABASE_TIMEOUT_MS.
// - query_timeout: the client gives up 1 s later when no answer comes at all (a dead peer, dropped packets);
//   the connection is then destroyed (TimeoutClient), never handed to the next query with a reply pending.
// - connectionTimeoutMillis: connecting, or waiting for a free pooled connection, fails after at most 5 s.
// - keepAlive: TCP keepalive on every connection, so a silently dead peer is eventually noticed by the kernel too.
// - idle_in_transaction_session_timeout: the server ends a session left idle inside a transaction (its locks go).
import pg from "pg";

export interface PgPoolTimeouts {
  databaseMs: number;
}

/** A pg Client that destroys its connection when a query read times out (pg leaves it waiting for the reply). */
export class TimeoutClient extends pg.Client {
  // pg's overloads are many; the adapter calls query(config, values), the pool query(text, values, callback).
  override query(...args: unknown[]): never {
    const last = args.length - 1;
    if (typeof args[last] === "function") {
      const callback = args[last] as (err: Error | null, res?: unknown) => void;
      args[last] = (err: Error | null, res?: unknown) => {
        if (err) this.dropOnTimeout(err);
        callback(err, res);
      };
    }
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result && typeof (result as Promise<unknown>).catch === "function") {
      (result as Promise<unknown>).catch((error: unknown) => this.dropOnTimeout(error));
    }
    return result as never;
  }

  private dropOnTimeout(error: unknown): void {
    if ((error as Error | undefined)?.message === "Query read timeout") {
      (this as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    }
  }
}

export function pgPoolConfig(connectionString: string, schema: string, timeouts: PgPoolTimeouts): pg.PoolConfig {
  return {
    connectionString,
    options: `-c search_path="${schema}"`,
    Client: TimeoutClient as unknown as typeof pg.Client,
    connectionTimeoutMillis: Math.min(5000, timeouts.databaseMs),
    statement_timeout: timeouts.databaseMs,
    query_timeout: timeouts.databaseMs + 1000,
    idle_in_transaction_session_timeout: Math.max(timeouts.databaseMs, 10_000),
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}
