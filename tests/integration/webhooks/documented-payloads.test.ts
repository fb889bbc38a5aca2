// Shopify's documented example of every subscribed topic (app/emulator/webhook-examples, captured from shopify.dev)
// goes through its real route, the per-topic allow-list (app/sync/webhooks/scrub.ts) and processing: each is
// accepted and applied, never failed, and what the app stores is what the example says.
import { beforeAll, describe, expect, it } from "vitest";
import { documentedWebhook } from "~/emulator/webhook-examples.server";
import { subscribedTopics } from "../../../scripts/capture-webhook-examples";
import { syncHarness, type SyncHarness } from "../sync/support";

const SHOP = "documented.myshopify.com";
/** Catalogue first, then orders and refunds, then the rest; the shop's end last. */
const ORDER = [
  "products/create",
  "products/update",
  "orders/create",
  "orders/updated",
  "refunds/create",
  "orders/cancelled",
];
const LAST = ["app/uninstalled", "shop/redact"];

let h: SyncHarness;
const outcomes = new Map<string, { status: number; processing: string; error: string | null }>();

beforeAll(async () => {
  h = await syncHarness();
  const topics = subscribedTopics();
  const sequence = [...ORDER, ...topics.filter((t) => !ORDER.includes(t) && !LAST.includes(t)), ...LAST];
  expect(new Set(sequence)).toEqual(new Set(topics));
  for (const topic of sequence) {
    const webhookId = `documented-${topic}`;
    const status = await h.send(SHOP, topic, documentedWebhook(topic), { webhookId });
    await h.drain();
    const row = await h.prisma.webhookDelivery.findFirst({ where: { webhookId } });
    outcomes.set(topic, { status, processing: row?.status ?? "gone", error: row?.error ?? null });
    if (topic === "app/uninstalled") await checkStoredData();
  }
});

let stored: { order: unknown; lines: unknown; variants: unknown } | undefined;
async function checkStoredData() {
  const shopId = await h.shopId(SHOP);
  const order = await h.prisma.order.findFirstOrThrow({ where: { shopId } });
  const lines = await h.prisma.orderLine.findMany({ where: { shopId }, orderBy: { shopifyId: "asc" } });
  const variants = await h.prisma.variant.findMany({ where: { shopId }, orderBy: { shopifyId: "asc" } });
  stored = {
    order: [order.name, order.currency, order.cancelledAt?.toISOString(), order.test],
    lines: lines.map((l) => [l.shopifyId, l.quantity, l.unitPrice.toString(), l.cancelled]),
    variants: variants.map((v) => [v.shopifyId, v.price.toString(), v.compareAtPrice?.toString()]),
  };
}

describe("Shopify's documented webhook examples through the app", () => {
  it.each(subscribedTopics())("%s is acknowledged and processed, not failed", (topic) => {
    // GIVEN the documented example of the topic WHEN delivered and processed (beforeAll)
    const outcome = outcomes.get(topic)!;
    // THEN the route answered 200 and processing did not fail (shop/redact removes the shop and its deliveries)
    expect(outcome.status).toBe(200);
    expect(outcome.processing, `${topic}: ${outcome.error}`).toMatch(
      topic === "shop/redact" ? /^(processed|gone)$/ : /^(processed|ignored)$/,
    );
  });

  it("reads the documented order, its refund and the product as the examples state them", () => {
    // GIVEN the documented orders/create (5 lines, a cancelled test order) and products/update (2 variants at
    // 19.99, compare-at 24.99) THEN the stored rows carry those values
    const doc = documentedWebhook("orders/create") as {
      name: string;
      line_items: { id: number; quantity: number; price: string }[];
    };
    expect(stored?.order).toEqual([doc.name, "USD", "2022-01-01T00:00:00.000Z", true]);
    expect(stored?.lines).toEqual(
      [...doc.line_items]
        .map((l) => [`gid://shopify/LineItem/${l.id}`, l.quantity, String(Number(l.price)), true])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    expect(stored?.variants).toEqual([
      ["gid://shopify/ProductVariant/642667041472714000", "19.99", "24.99"],
      ["gid://shopify/ProductVariant/757650484644203900", "19.99", "24.99"],
    ]);
  });
});
