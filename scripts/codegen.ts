// Admin API types from the app's `#graphql` documents and the schema of the declared version, with Shopify's
// codegen preset (`shopifyApiTypes`, as in Shopify's app templates). The schema is the introspection file of
// @shopify/dev-mcp (no network): it is written to node_modules/.cache and replaces the preset's URL.
//   npm run codegen          writes app/types/admin.types.d.ts and app/types/admin.generated.d.ts
//   npm run codegen:check    exits 1 when the committed files differ from what the documents give (typecheck runs it)
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generate, type CodegenConfig } from "@graphql-codegen/cli";
import { ApiType, pluckConfig, shopifyApiTypes } from "@shopify/api-codegen-preset";
import { adminIntrospection } from "~/emulator/admin-schema.server";
import { API_VERSION } from "~/scopes";

const root = path.resolve(import.meta.dirname, "..");
const OUTPUT_DIR = "app/types";
const DOCUMENTS = ["app/**/*.{ts,tsx}", "!app/generated/**", `!${OUTPUT_DIR}/**`];

function schemaFile(): string {
  const dir = path.join(root, "node_modules", ".cache", "pilotage-codegen");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `admin-${API_VERSION}.schema.json`);
  writeFileSync(file, JSON.stringify({ data: adminIntrospection() }));
  return file;
}

async function run(check: boolean): Promise<number> {
  process.chdir(root);
  const schema = schemaFile();
  const generates = shopifyApiTypes({
    apiType: ApiType.Admin,
    apiVersion: API_VERSION,
    outputDir: OUTPUT_DIR,
    documents: DOCUMENTS,
  }) as Record<string, { schema?: unknown; config?: object }>;
  for (const [file, step] of Object.entries(generates)) {
    // The preset's own step downloads the schema; ours is local.
    if (file.endsWith(".schema.json")) delete generates[file];
    else step.schema = schema;
  }
  // Enums as string unions: a declaration file cannot hold an enum's values, and the code compares strings.
  generates[`${OUTPUT_DIR}/admin.types.d.ts`].config = {
    ...generates[`${OUTPUT_DIR}/admin.types.d.ts`].config,
    enumsAsTypes: true,
  };
  const config = { pluckConfig, generates, silent: true, errorsOnly: true } as unknown as CodegenConfig;
  const outputs: { filename: string; content: string }[] = await generate(config, !check);
  if (!check) {
    for (const o of outputs) console.log(`codegen: wrote ${o.filename}`);
    return 0;
  }
  const stale = outputs.filter((o) => {
    try {
      return readFileSync(o.filename, "utf8") !== o.content;
    } catch {
      return true;
    }
  });
  for (const o of stale) console.error(`codegen: ${o.filename} is stale; run \`npm run codegen\` and commit it`);
  if (stale.length === 0)
    console.log(`codegen: ${outputs.map((o) => o.filename).join(", ")} up to date (Admin ${API_VERSION})`);
  return stale.length > 0 ? 1 : 0;
}

run(process.argv.includes("--check")).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
