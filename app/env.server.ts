import { z } from "zod";

const millis = (min: number, max: number, what: string) =>
  z.coerce
    .number({ invalid_type_error: `must be a number of milliseconds (${what})` })
    .int(`must be a whole number of milliseconds (${what})`)
    .min(min, `must be between ${min} and ${max} milliseconds (${what})`)
    .max(max, `must be between ${min} and ${max} milliseconds (${what})`);

// Timeouts of every external call and the health thresholds (docs/decisions/0016-timeouts-and-webhook-lane.md).
const timeoutFields = {
  DATABASE_TIMEOUT_MS: millis(100, 600_000, "PostgreSQL statement and query timeout").optional(),
  REDIS_TIMEOUT_MS: millis(100, 60_000, "Redis connect and command timeout").optional(),
  WEBHOOK_ACK_TIMEOUT_MS: millis(50, 4500, "time to store a webhook before answering 503").optional(),
  HEALTH_STALE_MS: millis(1000, 600_000, "job worker heartbeat age that makes /healthz answer 503").optional(),
};

// Start-up configuration. A missing or invalid variable stops the server with a message naming it.
const schema = z.object({
  SHOPIFY_API_KEY: z.string().min(1, "is required (the app's client id from the Partner Dashboard)"),
  SHOPIFY_API_SECRET: z.string().min(1, "is required (the app's client secret)"),
  SHOPIFY_APP_URL: z
    .string()
    .regex(/^https?:\/\/[^\s/]+/, "must be an absolute URL such as https://pilotage.example.com"),
  SCOPES: z.string().optional(),
  SHOP_CUSTOM_DOMAIN: z.string().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
    .optional(),
  // Database queue: "true" (default) = the web process runs the jobs on its event loop; "thread" = in a worker thread
  // of its own; "false" = it only enqueues, `npm run worker` processes run them (app/server/jobs.server.ts).
  JOBS_IN_WEB: z
    .enum(["true", "thread", "false"], { errorMap: () => ({ message: 'must be "true", "thread" or "false"' }) })
    .optional(),
  // Prisma's query plan cache (app/db/plan-cache.ts): "on" (default), "off", or "verify" (the tests: every cached
  // plan is compared with a fresh compile).
  PRISMA_PLAN_CACHE: z
    .enum(["on", "off", "verify"], { errorMap: () => ({ message: 'must be "on", "off" or "verify"' }) })
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
    .optional(),
  SHOPIFY_ADMIN_API_ORIGIN: z
    .string()
    .regex(/^https?:\/\/[^\s/]+$/, "must be an origin such as http://127.0.0.1:4100 (no path)")
    .optional(),
  CUSTOMER_KEY_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  PORT: z.coerce.number().int().min(1, "must be a port number").max(65535, "must be a port number").optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).optional(),
  ...timeoutFields,
});

export type Env = z.infer<typeof schema>;

export class ConfigError extends Error {
  readonly code = "CONFIG.INVALID_ENV";
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join("; ")}`);
    this.name = "ConfigError";
  }
}

function parse<T extends z.ZodTypeAny>(shape: T, source: Record<string, string | undefined>): z.infer<T> {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = shape.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => {
        const name = i.path.join(".");
        return i.code === "invalid_type" && cleaned[name] === undefined
          ? `${name} is required`
          : `${name} ${i.message}`;
      }),
    );
  }
  return result.data;
}

/** Reads and validates the environment. Empty strings count as missing. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  return parse(schema, source);
}

export interface Timeouts {
  /** PostgreSQL: statement_timeout, query_timeout (client side, + 1 s), idle-in-transaction timeout. Default 30 s. */
  databaseMs: number;
  /** Redis: connect and command timeout, and the worker's liveness ping. Default 5 s. */
  redisMs: number;
  /** The webhook intake answers 503 when it could not answer (verify and store) within this. Default 700 ms. */
  webhookAckMs: number;
  /** /healthz answers 503 when the job worker's last successful claim loop is older than this. Default 20 s. */
  healthStaleMs: number;
}

/** The timeouts, from the environment (also read by `npm run worker`, which does not need the Shopify variables). */
let cached: { key: string; value: Timeouts } | null = null;

export function readTimeouts(source: Record<string, string | undefined> = process.env): Timeouts {
  // Read on hot paths (every webhook, every batch): parsed again only when a variable changed.
  const key = Object.keys(timeoutFields)
    .map((name) => source[name] ?? "")
    .join("|");
  if (cached?.key === key) return cached.value;
  const env = parse(z.object(timeoutFields), source);
  const value = {
    databaseMs: env.DATABASE_TIMEOUT_MS ?? 30_000,
    redisMs: env.REDIS_TIMEOUT_MS ?? 5000,
    webhookAckMs: env.WEBHOOK_ACK_TIMEOUT_MS ?? 700,
    healthStaleMs: env.HEALTH_STALE_MS ?? 20_000,
  };
  cached = { key, value };
  return value;
}
