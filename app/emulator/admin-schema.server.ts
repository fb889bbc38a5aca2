// Shopify's published Admin GraphQL schema at the version the app declares (API_VERSION), from the introspection
// files shipped in @shopify/dev-mcp (dist/data/admin_{version}.json.gz), built once per process. The emulator
// executes against it; the schema test and the type generator validate the app's documents against it.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import { API_VERSION } from "~/scopes";

export const ADMIN_SCHEMA_PACKAGE = "@shopify/dev-mcp";
/** File inside the package; the version in its name is the app's declared one. */
export const adminSchemaFileName = (version: string = API_VERSION) => `dist/data/admin_${version}.json.gz`;

/** Absolute path of the schema file of `version` (the package's `exports` hide it from require.resolve). */
export function adminSchemaPath(version: string = API_VERSION): string {
  const require = createRequire(import.meta.url);
  for (const dir of require.resolve.paths(ADMIN_SCHEMA_PACKAGE) ?? []) {
    const file = path.join(dir, ADMIN_SCHEMA_PACKAGE, adminSchemaFileName(version));
    if (existsSync(file)) return file;
  }
  throw new Error(
    `No Admin schema ${version}: ${ADMIN_SCHEMA_PACKAGE}/${adminSchemaFileName(version)} is not installed`,
  );
}

/** The introspection result of `version` (`{ data: { __schema } }` in the file). */
export function adminIntrospection(version: string = API_VERSION): IntrospectionQuery {
  const json = JSON.parse(gunzipSync(readFileSync(adminSchemaPath(version))).toString("utf8")) as {
    data?: IntrospectionQuery;
  };
  if (!json.data?.__schema) throw new Error(`${adminSchemaPath(version)} is not an introspection result`);
  return json.data;
}

const cached = new Map<string, GraphQLSchema>();

export function adminSchema(version: string = API_VERSION): GraphQLSchema {
  let schema = cached.get(version);
  if (!schema) {
    schema = buildClientSchema(adminIntrospection(version));
    cached.set(version, schema);
  }
  return schema;
}
