import { z } from "zod";

// Start-up configuration. A missing or invalid variable stops the server with a message naming it.
const schema = z.object({
  SHOPIFY_API_KEY: z.string().min(1, "is required (the app's client id from the Partner Dashboard)"),
  SHOPIFY_API_SECRET: z.string().min(1, "is required (the app's client secret)"),
  SHOPIFY_APP_URL: z.string().regex(/^https?:\/\/[^\s/]+/, "must be an absolute URL such as https://pilotage.example.com"),
  SCOPES: z.string().optional(),
  SHOP_CUSTOM_DOMAIN: z.string().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
    .optional(),
  // "false": the web process only enqueues; `npm run worker` processes run the jobs (also on the database queue).
  JOBS_IN_WEB: z.enum(["true", "false"], { errorMap: () => ({ message: 'must be "true" or "false"' }) }).optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must start with redis:// or rediss://").optional(),
  SHOPIFY_ADMIN_API_ORIGIN: z
    .string()
    .regex(/^https?:\/\/[^\s/]+$/, "must be an origin such as http://127.0.0.1:4100 (no path)")
    .optional(),
  CUSTOMER_KEY_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  PORT: z.coerce.number().int().min(1, "must be a port number").max(65535, "must be a port number").optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).optional(),
});

export type Env = z.infer<typeof schema>;

export class ConfigError extends Error {
  readonly code = "CONFIG.INVALID_ENV";
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join("; ")}`);
    this.name = "ConfigError";
  }
}

/** Reads and validates the environment. Empty strings count as missing. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => {
        const name = i.path.join(".");
        return i.code === "invalid_type" && cleaned[name] === undefined ? `${name} is required` : `${name} ${i.message}`;
      }),
    );
  }
  return result.data;
}
