import { describe, expect, it } from "vitest";
import { ConfigError, readEnv, readTimeouts } from "~/env.server";

const valid = { SHOPIFY_API_KEY: "key", SHOPIFY_API_SECRET: "secret", SHOPIFY_APP_URL: "https://app.example.com" };

describe("readEnv", () => {
  it("accepts a complete configuration", () => {
    // GIVEN the three required variables
    // WHEN the environment is read
    const env = readEnv({ ...valid, PORT: "8080" });
    // THEN values are typed
    expect(env.PORT).toBe(8080);
  });

  it("names a missing variable", () => {
    // GIVEN no API secret (empty counts as missing)
    // WHEN the environment is read
    const read = () => readEnv({ ...valid, SHOPIFY_API_SECRET: "" });
    // THEN start-up stops with a message that names it
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/SHOPIFY_API_SECRET is required/);
  });

  it("names an invalid variable and says what is expected", () => {
    // GIVEN a relative app URL and a MySQL database URL
    // WHEN the environment is read
    let error: ConfigError | undefined;
    try {
      readEnv({ ...valid, SHOPIFY_APP_URL: "localhost:3000", DATABASE_URL: "mysql://x" });
    } catch (e) {
      error = e as ConfigError;
    }
    // THEN both are named, with the code for expected failures
    expect(error?.code).toBe("CONFIG.INVALID_ENV");
    expect(error?.message).toMatch(/SHOPIFY_APP_URL must be an absolute URL/);
    expect(error?.message).toMatch(/DATABASE_URL must start with file: \(SQLite\) or postgresql:\/\//);
  });

  it("reads the timeouts with their defaults, and names a bad one", () => {
    // GIVEN no timeout variables, then a database timeout that is not a number and a too long acknowledgement deadline
    // WHEN they are read
    const defaults = readTimeouts({});
    const bad = () => readEnv({ ...valid, DATABASE_TIMEOUT_MS: "soon", WEBHOOK_ACK_TIMEOUT_MS: "9000" });
    // THEN the defaults apply, and start-up stops naming each bad variable and its bounds
    expect(defaults).toEqual({ databaseMs: 30_000, redisMs: 5000, webhookAckMs: 700, healthStaleMs: 20_000 });
    expect(readTimeouts({ REDIS_TIMEOUT_MS: "1500" }).redisMs).toBe(1500);
    expect(bad).toThrow(/DATABASE_TIMEOUT_MS must be a number of milliseconds/);
    expect(bad).toThrow(/WEBHOOK_ACK_TIMEOUT_MS must be between 50 and 4500 milliseconds/);
    expect(() => readTimeouts({ HEALTH_STALE_MS: "10" })).toThrow(/HEALTH_STALE_MS must be between 1000 and 600000/);
  });
});
