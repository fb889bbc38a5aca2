// Access scopes. Keep in sync with shopify.app.toml (a test compares them).
export const SCOPES = [
  "read_products",
  "write_products",
  "read_orders",
  "read_all_orders",
  "read_customers",
  "read_inventory",
  "read_locations",
  "write_app_proxy",
] as const;

/**
 * The one Admin API version the app declares: requests, webhooks (shopify.app.toml), the schema that validates the
 * `#graphql` documents and generates their types, and the emulator all use it (tests/unit/graphql/schema.test.ts).
 */
export const API_VERSION = "2026-04";
