import { AsyncLocalStorage } from "node:async_hooks";

// Structured JSON logs, one object per line. Every line carries `shop` (null outside a shop's context).
type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

interface LogContext {
  shop: string | null;
  requestId?: string;
}

const context = new AsyncLocalStorage<LogContext>();

export function withLogContext<T>(ctx: Partial<LogContext>, fn: () => T): T {
  const parent = context.getStore();
  return context.run({ shop: null, ...parent, ...ctx }, fn);
}

/** Sets the shop on the current context (after authentication, inside a request). */
export function setLogShop(shop: string): void {
  const store = context.getStore();
  if (store) store.shop = shop;
}

export type LogSink = (line: string) => void;
let sink: LogSink = (line) => process.stdout.write(line + "\n");
export function setLogSink(next: LogSink): LogSink {
  const prev = sink;
  sink = next;
  return prev;
}

function threshold(): number {
  const lvl = (process.env.LOG_LEVEL as Level | undefined) ?? "info";
  return ORDER[lvl] ?? ORDER.info;
}

/** An error as JSON: an Error's name, message and stack; an error-like object's own message (a Response, a
 *  GraphQL error, a thrown plain object), never "[object Object]". */
export function serialiseError(err: unknown): { name?: string; message: string; stack?: string; status?: number } {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  if (err && typeof err === "object") {
    const o = err as { message?: unknown; status?: unknown; statusText?: unknown; name?: unknown };
    const status = typeof o.status === "number" ? o.status : undefined;
    const name =
      typeof o.name === "string" ? o.name : err.constructor?.name !== "Object" ? err.constructor?.name : undefined;
    if (typeof o.message === "string")
      return { ...(name ? { name } : {}), message: o.message, ...(status ? { status } : {}) };
    if (status !== undefined)
      return {
        ...(name ? { name } : {}),
        message: `${status} ${typeof o.statusText === "string" ? o.statusText : ""}`.trim(),
        status,
      };
    try {
      return { ...(name ? { name } : {}), message: JSON.stringify(err).slice(0, 2000) };
    } catch {
      return { message: Object.prototype.toString.call(err) };
    }
  }
  return { message: String(err) };
}

function write(level: Level, msg: string, fields?: Record<string, unknown>) {
  if (ORDER[level] < threshold()) return;
  const ctx = context.getStore();
  const { shop: fieldShop, err, ...rest } = fields ?? {};
  const line: Record<string, unknown> = {
    time: new Date().toISOString(),
    level,
    msg,
    shop: (fieldShop as string | undefined) ?? ctx?.shop ?? null,
  };
  if (ctx?.requestId) line.requestId = ctx.requestId;
  Object.assign(line, rest);
  if (err !== undefined) line.err = serialiseError(err);
  sink(JSON.stringify(line));
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
