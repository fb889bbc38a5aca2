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

function serialiseError(err: unknown) {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
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
