import { describe, expect, it } from "vitest";
import { ConfigError, readEnv } from "~/env.server";

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
});
