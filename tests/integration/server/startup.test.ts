import { describe, expect, it } from "vitest";
import { runEntry } from "../../support/server";

const ENTRY = "app/server/production.server.ts";
const base = {
  SHOPIFY_API_KEY: "k",
  SHOPIFY_API_SECRET: "s",
  SHOPIFY_APP_URL: "https://pilotage.example.com",
  PORT: "3999",
};
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe("production start-up with bad input", () => {
  it("stops with a message naming a missing variable", async () => {
    // GIVEN no API secret
    // WHEN the server starts
    const { code, stderr } = await runEntry(ENTRY, { ...base, SHOPIFY_API_SECRET: undefined });
    // THEN it exits non-zero naming the variable, without a stack trace
    expect(code).toBe(1);
    expect(stderr).toContain("SHOPIFY_API_SECRET is required");
    noStack(stderr);
  });

  it("stops with one clear line when the database is unreachable", async () => {
    // GIVEN a PostgreSQL URL on a closed port
    // WHEN the server starts
    const { code, stderr } = await runEntry(ENTRY, {
      ...base,
      DATABASE_URL: "postgresql://postgres@127.0.0.1:9/pilotage",
    });
    // THEN it says the database cannot be reached, with a code, and no stack trace
    expect(code).toBe(1);
    expect(stderr).toMatch(/pilotage: .*(reach|connect).*\[DB\.[A-Z_]+\]/i);
    noStack(stderr);
  });
});
