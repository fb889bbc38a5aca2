// Streaming reader of a bulk operation's JSONL result: reads the body chunk by chunk and yields one parsed row
// per line, never holding the file in memory. Child rows carry `__parentId` and may come after unrelated rows
// (Shopify gives no ordering guarantee), so rows are yielded as they are and the consumer joins them.
import type { FetchLike } from "./admin-gateway.server";
import { fail, ok, type AdminResult } from "./result.server";

export type JsonlRow = Record<string, unknown> & { id?: string; __parentId?: string };

/** Yields rows of a JSONL byte stream. A line that is not JSON throws, naming its line number. */
export async function* jsonlRows(body: ReadableStream<Uint8Array>): AsyncGenerator<JsonlRow> {
  const decoder = new TextDecoder();
  const reader = body.getReader();
  let buffer = "";
  let line = 0;
  const parse = (text: string): JsonlRow => {
    try {
      return JSON.parse(text) as JsonlRow;
    } catch {
      throw new Error(`JSONL line ${line} is not JSON: ${text.slice(0, 120)}`);
    }
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let newline = buffer.indexOf("\n");
      let start = 0;
      while (newline !== -1) {
        line++;
        const text = buffer.slice(start, newline).trim();
        if (text) yield parse(text);
        start = newline + 1;
        newline = buffer.indexOf("\n", start);
      }
      buffer = buffer.slice(start);
      if (done) break;
    }
    if (buffer.trim()) {
      line++;
      yield parse(buffer.trim());
    }
  } finally {
    reader.releaseLock();
    await body.cancel().catch(() => undefined);
  }
}

/** A download that sends nothing for this long is abandoned (the import resumes from its checkpoint). */
export const JSONL_IDLE_TIMEOUT_MS = 60_000;

/** Opens a bulk result URL (no access token: the URL is signed) and streams its rows. */
export async function openJsonl(
  url: string,
  fetchImpl: FetchLike = (u, i) => fetch(u, i),
  idleTimeoutMs = JSONL_IDLE_TIMEOUT_MS,
): Promise<AdminResult<AsyncGenerator<JsonlRow>>> {
  // No overall deadline (a big file takes minutes), but no silence longer than idleTimeoutMs: before the answer
  // starts, or between two chunks of it.
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(
      () => controller.abort(new Error(`bulk result sent nothing for ${idleTimeoutMs} ms`)),
      idleTimeoutMs,
    );
    timer.unref();
  };
  arm();
  let response: Response;
  try {
    response = await fetchImpl(url, { method: "GET", signal: controller.signal });
  } catch (err) {
    clearTimeout(timer);
    return fail({ code: "ADMIN_API.NETWORK", message: `bulk result unreachable: ${(err as Error).message}` });
  }
  if (!response.ok || !response.body) {
    clearTimeout(timer);
    await response.body?.cancel();
    return fail({
      code: "ADMIN_API.BULK_FAILED",
      message: `bulk result answered ${response.status}`,
      status: response.status,
    });
  }
  const watched = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, out) {
        arm();
        out.enqueue(chunk);
      },
      flush() {
        clearTimeout(timer);
      },
    }),
  );
  return ok(jsonlRows(watched));
}
