// Column facts the Prisma runtime does not expose (its DMMF is slimmed to names and types):
// which fields the CLIENT fills (@default(cuid()), @default(now()), @updatedAt) and which are
// required. Read once from the schema copy that ships with the generated client, so it always
// matches the client in use. Used by bulk inserts, which bypass the client.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export interface ModelInfo {
  columns: Set<string>;
  /** Required, no default of any kind: a row must carry them. */
  required: Set<string>;
  /** Filled by the client when missing. */
  generatedId: string | null;
  nowFields: string[];
}

const SCALARS = new Set(["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Bytes", "Json"]);

export function parseModels(schema: string): Map<string, ModelInfo> {
  const models = new Map<string, ModelInfo>();
  const text = schema.replace(/\/\/.*$/gm, "");
  // A model block runs from `model Name {` to the next line that is only `}` (defaults may hold braces).
  for (const match of text.matchAll(/^model\s+(\w+)\s*\{\s*\n([\s\S]*?)^\}/gm)) {
    const info: ModelInfo = { columns: new Set(), required: new Set(), generatedId: null, nowFields: [] };
    for (const line of match[2].split("\n")) {
      const field = /^\s*(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/.exec(line);
      if (!field || !SCALARS.has(field[2])) continue;
      const [, name, , , optional, rest] = field;
      info.columns.add(name);
      const hasDefault = /@default\(/.test(rest);
      if (/@id\b/.test(rest) && /@default\((cuid|uuid)\(/.test(rest)) info.generatedId = name;
      if (/@updatedAt\b/.test(rest) || /@default\(now\(\)\)/.test(rest)) info.nowFields.push(name);
      if (!optional && !hasDefault && !/@updatedAt\b/.test(rest)) info.required.add(name);
    }
    models.set(match[1], info);
  }
  return models;
}

let cached: Map<string, ModelInfo> | undefined;

/** Facts for every model of the generated SQLite client (the PostgreSQL one has the same models). */
export function modelInfo(): Map<string, ModelInfo> {
  if (!cached) {
    const require = createRequire(import.meta.url);
    const clientEntry = require.resolve("@prisma/client"); // node_modules/@prisma/client/default.js
    const schemaPath = path.resolve(path.dirname(clientEntry), "../../.prisma/client/schema.prisma");
    cached = parseModels(readFileSync(schemaPath, "utf8"));
  }
  return cached;
}
