// Finds every `#graphql` document in app/: template literals whose text starts with `#graphql`.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse, validate, type GraphQLSchema } from "graphql";

export interface FoundDocument {
  file: string;
  line: number;
  source: string;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "generated") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.(ts|tsx|js|jsx|mts)$/.test(entry.name)) out.push(full);
  }
  return out;
}

export function findGraphqlDocuments(root: string): FoundDocument[] {
  const found: FoundDocument[] = [];
  for (const file of walk(root)) {
    const text = readFileSync(file, "utf8");
    const pattern = /`#graphql(\s[\s\S]*?)`/g;
    for (const m of text.matchAll(pattern)) {
      found.push({
        file: path.relative(process.cwd(), file),
        line: text.slice(0, m.index).split("\n").length,
        source: m[1],
      });
    }
  }
  return found;
}

/** Problems of one document: interpolation (cannot be checked statically), syntax, or schema validation. */
export function documentProblems(schema: GraphQLSchema, source: string): string[] {
  if (source.includes("${")) return ["uses ${...} interpolation: documents must be static"];
  try {
    return validate(schema, parse(source)).map((e) => e.message);
  } catch (err) {
    return [`syntax: ${(err as Error).message}`];
  }
}
