// Shopify's published Admin GraphQL schema (2025-01 introspection shipped in @shopify/dev-mcp@1.1.0), built once
// per process. The emulator executes against it; the schema test validates the app's documents against it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

export const ADMIN_SCHEMA_FILE = "@shopify/dev-mcp/data/admin_schema_2025-01.json.gz";

let cached: GraphQLSchema | undefined;

export function adminSchema(): GraphQLSchema {
  if (!cached) {
    const require = createRequire(import.meta.url);
    // ADMIN_SCHEMA_PATH: another introspection file (e.g. a newer API version's) for the emulator and the tests.
    const file = process.env.ADMIN_SCHEMA_PATH || require.resolve(ADMIN_SCHEMA_FILE);
    const json = JSON.parse(gunzipSync(readFileSync(file)).toString("utf8")) as { data: IntrospectionQuery };
    cached = buildClientSchema(json.data);
  }
  return cached;
}
