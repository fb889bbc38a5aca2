// Personal data never reaches WebhookDelivery.payload: each topic's payload, in Shopify's documented REST shape
// plus personal fields planted everywhere they occur (and some Shopify may add later), goes through its real
// route; the stored JSON holds exactly the fields the app reads and none of the planted values.
import { beforeAll, describe, expect, it } from "vitest";
import { onDocumented, syncHarness, type SyncHarness } from "../sync/support";

const SHOP = "privacy.myshopify.com";
const CUSTOMER_ID = 707070707;
/** A planted personal value: the stored JSON must contain none ("PII" or "pii", and no "@"). */
const pii = (what: string) => `PII-${what}`;
const email = (what: string) => `pii-${what}@example.com`;
/** The buyer's IP (a documentation address): personal too, never stored. */
const BROWSER_IP = "192.0.2.44";

const address = (who: string) => ({
  first_name: pii(`${who}-first`),
  last_name: pii(`${who}-last`),
  name: pii(`${who}-name`),
  address1: pii(`${who}-address1`),
  address2: pii(`${who}-address2`),
  city: "Lyon",
  zip: pii(`${who}-zip`),
  phone: pii(`${who}-phone`),
  company: pii(`${who}-company`),
  latitude: 45.76,
  longitude: 4.83,
  country_code: "FR",
});

const customer = {
  id: CUSTOMER_ID,
  email: email("customer"),
  first_name: pii("customer-first"),
  last_name: pii("customer-last"),
  phone: pii("customer-phone"),
  note: pii("customer-note"),
  tags: pii("customer-tags"),
  multipass_identifier: pii("multipass"),
  default_address: address("customer-default"),
  addresses: [address("customer-other")],
  admin_graphql_api_id: `gid://shopify/Customer/${CUSTOMER_ID}`,
};

const lineItem = (id: number, variantId: number, quantity: number, price: string) => ({
  id,
  admin_graphql_api_id: `gid://shopify/LineItem/${id}`,
  variant_id: variantId,
  product_id: 1,
  title: "Mug",
  name: "Mug - Blue",
  sku: "MUG-B",
  vendor: "Acme",
  quantity,
  price,
  total_discount: "1.00",
  discount_allocations: [
    {
      amount: "1.00",
      discount_application_index: 0,
      amount_set: { shop_money: { amount: "1.00", currency_code: "EUR" } },
    },
  ],
  properties: [
    { name: "Engraving", value: pii("engraving-name") },
    { name: "_gift_for", value: email("gift") },
  ],
  destination_location: {
    id: 99,
    name: pii("destination-name"),
    address1: pii("destination-address1"),
    zip: pii("destination-zip"),
    country_code: "FR",
  },
  origin_location: { id: 98, name: "Warehouse", address1: "1 rue du Dépôt", country_code: "FR" },
  attributed_staffs: [{ id: "gid://shopify/StaffMember/1", quantity: 1 }],
  tax_lines: [{ title: "TVA", price: "3.33" }],
  // A field Shopify might add one day: an allow-list never stores it.
  future_personal_field: { shopper: pii("future-line-field"), email: email("future-line") },
});

const transaction = {
  id: 555,
  kind: "refund",
  amount: "10.00",
  gateway: "shopify_payments",
  receipt: { payer_email: email("payer"), payer_id: pii("payer-id"), card_holder: pii("card-holder") },
  // (no credit_card_bin: the published schema, inferred from a null, wants a date-time there)
  payment_details: {
    credit_card_number: pii("last4"),
    credit_card_name: pii("card-name"),
    credit_card_company: "Visa",
  },
};

const refund = (id: number, orderId: number, lineId: number) => ({
  id,
  order_id: orderId,
  admin_graphql_api_id: `gid://shopify/Refund/${id}`,
  created_at: "2026-03-12T10:00:00Z",
  processed_at: "2026-03-12T10:00:00Z",
  note: pii("refund-note"),
  user_id: 4242,
  restock: true,
  transactions: [transaction],
  refund_line_items: [
    {
      id: id * 10,
      line_item_id: lineId,
      quantity: 1,
      subtotal: 10,
      restock_type: "return",
      location_id: 98,
      line_item: lineItem(lineId, 11, 3, "10.00"),
    },
  ],
  order_adjustments: [{ id: 1, reason: pii("adjustment-reason") }],
});

const order = (id: number, updatedAt: string) => ({
  id,
  admin_graphql_api_id: `gid://shopify/Order/${id}`,
  name: `#${id}`,
  order_number: id,
  number: id - 1000,
  email: email("order"),
  contact_email: email("contact"),
  phone: pii("order-phone"),
  created_at: "2026-03-10T10:00:00Z",
  processed_at: "2026-03-10T10:00:00Z",
  updated_at: updatedAt,
  cancelled_at: null,
  cancel_reason: null,
  currency: "EUR",
  presentment_currency: "EUR",
  test: false,
  financial_status: "paid",
  total_price: "30.00",
  browser_ip: BROWSER_IP,
  client_details: { browser_ip: BROWSER_IP, user_agent: pii("user-agent"), accept_language: "fr-FR" },
  landing_site: `/products/mug?utm_source=mail&email=${email("landing")}`,
  referring_site: `https://mail.example.com/?to=${email("referrer")}`,
  order_status_url: `https://privacy.myshopify.com/123/orders/${pii("status-key")}/authenticate?key=${pii("status-key2")}`,
  token: pii("order-token"),
  cart_token: pii("cart-token"),
  checkout_token: pii("checkout-token"),
  note: pii("order-note"),
  note_attributes: [{ name: "gift message", value: pii("gift-message") }],
  tags: pii("order-tags"),
  payment_details: { credit_card_bin: pii("order-bin"), credit_card_number: pii("order-last4"), avs_result_code: "Y" },
  payment_gateway_names: ["shopify_payments"],
  billing_address: address("billing"),
  shipping_address: address("shipping"),
  customer,
  line_items: [lineItem(1000, 11, 3, "10.00")],
  fulfillments: [
    {
      id: 77,
      order_id: id,
      status: "success",
      tracking_number: pii("tracking"),
      destination: address("fulfillment-destination"),
      receipt: { authorization: pii("fulfillment-auth") },
      line_items: [lineItem(1000, 11, 3, "10.00")],
    },
  ],
  shipping_lines: [{ title: "Colissimo", price: "5.00", phone: pii("shipping-line-phone"), carrier_identifier: null }],
  refunds: [refund(41, id, 1000)],
  discount_codes: [{ code: pii("discount-code"), amount: "1.00", type: "fixed_amount" }],
  future_personal_field: { email: email("future-order") },
});

const product = (updatedAt: string) => ({
  id: 1,
  admin_graphql_api_id: "gid://shopify/Product/1",
  title: "Mug",
  handle: "mug",
  vendor: "Acme",
  product_type: "Mugs",
  status: "active",
  body_html: `<p>Made by ${pii("maker-name")}, write to ${email("maker")}</p>`,
  tags: pii("product-tags"),
  created_at: "2026-01-01T00:00:00Z",
  updated_at: updatedAt,
  published_at: "2026-01-01T00:00:00Z",
  template_suffix: null,
  variants: [
    {
      id: 11,
      product_id: 1,
      title: "Blue",
      sku: "MUG-B",
      price: "10.00",
      compare_at_price: null,
      inventory_item_id: 90011,
      inventory_management: "shopify",
      inventory_quantity: 7,
      barcode: pii("barcode"),
      created_at: "2026-01-01T00:00:00Z",
      updated_at: updatedAt,
      future_personal_field: email("future-variant"),
    },
  ],
  images: [{ id: 5, src: `https://cdn.example.com/${pii("image")}.jpg`, alt: pii("image-alt") }],
});

interface Case {
  topic: string;
  body: object;
  /** Exactly what is stored. */
  stored: unknown;
}

const KEY = expect.stringMatching(/^c_[0-9a-f]{32}$/);
const storedLine = {
  id: 1000,
  variant_id: 11,
  quantity: 3,
  price: "10.00",
  total_discount: "1.00",
  discount_allocations: [{ amount: "1.00" }],
};
const storedRefund = {
  id: 41,
  order_id: 2001,
  refund_line_items: [{ line_item_id: 1000, line_item: { id: 1000 }, quantity: 1, subtotal: 10 }],
};
const storedOrder = (updatedAt: string) => ({
  id: 2001,
  name: "#2001",
  created_at: "2026-03-10T10:00:00Z",
  processed_at: "2026-03-10T10:00:00Z",
  updated_at: updatedAt,
  cancelled_at: null,
  currency: "EUR",
  test: false,
  customer: { key: KEY },
  line_items: [storedLine],
  refunds: [storedRefund],
});
const storedProduct = (updatedAt: string) => ({
  id: 1,
  title: "Mug",
  handle: "mug",
  vendor: "Acme",
  product_type: "Mugs",
  status: "active",
  created_at: "2026-01-01T00:00:00Z",
  updated_at: updatedAt,
  variants: [
    {
      id: 11,
      title: "Blue",
      sku: "MUG-B",
      price: "10.00",
      compare_at_price: null,
      inventory_item_id: 90011,
      inventory_management: "shopify",
      created_at: "2026-01-01T00:00:00Z",
      updated_at: updatedAt,
    },
  ],
});

const CASES: Case[] = [
  { topic: "products/create", body: product("2026-03-01T00:00:00Z"), stored: storedProduct("2026-03-01T00:00:00Z") },
  { topic: "products/update", body: product("2026-03-02T00:00:00Z"), stored: storedProduct("2026-03-02T00:00:00Z") },
  { topic: "orders/create", body: order(2001, "2026-03-10T10:00:00Z"), stored: storedOrder("2026-03-10T10:00:00Z") },
  { topic: "orders/updated", body: order(2001, "2026-03-10T11:00:00Z"), stored: storedOrder("2026-03-10T11:00:00Z") },
  {
    topic: "orders/cancelled",
    body: { ...order(2001, "2026-03-10T12:00:00Z"), cancelled_at: "2026-03-10T12:00:00Z", cancel_reason: "customer" },
    stored: { ...storedOrder("2026-03-10T12:00:00Z"), cancelled_at: "2026-03-10T12:00:00Z" },
  },
  { topic: "refunds/create", body: refund(41, 2001, 1000), stored: storedRefund },
  {
    topic: "inventory_levels/update",
    body: {
      inventory_item_id: 90011,
      location_id: 3,
      available: 8,
      updated_at: "2026-03-10T10:00:00Z",
      admin_graphql_api_id: "gid://shopify/InventoryLevel/3",
    },
    stored: { inventory_item_id: 90011, location_id: 3, available: 8, updated_at: "2026-03-10T10:00:00Z" },
  },
  {
    topic: "inventory_items/update",
    body: {
      id: 90011,
      sku: "MUG-B",
      cost: "4.00",
      tracked: true,
      updated_at: "2026-03-10T10:00:00Z",
      country_code_of_origin: "FR",
      harmonized_system_code: pii("hs"),
    },
    stored: { id: 90011, cost: "4.00", tracked: true, updated_at: "2026-03-10T10:00:00Z" },
  },
  {
    topic: "customers/data_request",
    body: {
      shop_id: 1,
      shop_domain: SHOP,
      orders_requested: [2001],
      customer: { id: CUSTOMER_ID, email: email("data-request"), phone: pii("data-request-phone") },
      data_request: { id: 9999 },
    },
    stored: { customer: { key: KEY }, data_request: { id: 9999 } },
  },
  {
    topic: "customers/redact",
    body: {
      shop_id: 1,
      shop_domain: SHOP,
      customer: { id: CUSTOMER_ID, email: email("redact"), phone: pii("redact-phone") },
      orders_to_redact: [2001],
    },
    stored: { customer: { key: KEY } },
  },
  {
    topic: "app/scopes_update",
    body: {
      id: 1,
      previous: ["read_products"],
      current: ["read_products", "read_orders"],
      updated_at: "2026-03-10T10:00:00Z",
      admin_graphql_api_id: "gid://shopify/AppInstallation/1",
    },
    stored: {
      previous: ["read_products"],
      current: ["read_products", "read_orders"],
      updated_at: "2026-03-10T10:00:00Z",
    },
  },
  {
    topic: "bulk_operations/finish",
    body: {
      admin_graphql_api_id: "gid://shopify/BulkOperation/1",
      completed_at: "2026-03-10T10:00:00Z",
      created_at: "2026-03-10T09:00:00Z",
      error_code: null,
      status: "completed",
      type: "query",
    },
    stored: { admin_graphql_api_id: "gid://shopify/BulkOperation/1" },
  },
  {
    topic: "products/delete",
    body: { id: 1 },
    stored: { id: 1 },
  },
  {
    // The shop object: its owner's name, e-mail, phone and address.
    topic: "app/uninstalled",
    body: {
      id: 1,
      name: "Privacy",
      email: email("owner"),
      customer_email: email("shop-customer"),
      shop_owner: pii("owner-name"),
      phone: pii("shop-phone"),
      address1: pii("shop-address"),
      domain: "privacy.example.com",
      myshopify_domain: SHOP,
    },
    stored: {},
  },
  {
    topic: "shop/redact",
    body: { shop_id: 1, shop_domain: SHOP },
    stored: {},
  },
];

let h: SyncHarness;

beforeAll(async () => {
  h = await syncHarness();
});

describe("personal data in webhook deliveries", () => {
  it.each(CASES)(
    "$topic: stores only the fields the app reads, none of the planted personal values",
    async ({ topic, body, stored }) => {
      // GIVEN the topic's documented payload, with personal fields planted where the topic has any
      const webhookId = `privacy-${topic}`;
      // WHEN it arrives, signed, at its route
      const status = await h.send(SHOP, topic, onDocumented(topic, body), {
        webhookId,
        partial: "personal values planted in partial objects (fulfillments, images, client details)",
      });
      // THEN it is acknowledged and the stored JSON is exactly the allow-listed fields
      expect(status).toBe(200);
      const row = await h.prisma.webhookDelivery.findFirstOrThrow({ where: { webhookId } });
      expect(JSON.parse(row.payload)).toEqual(stored);
      // AND no planted value, e-mail or raw customer id is anywhere in it
      expect(row.payload).not.toMatch(/PII|pii|@/i);
      expect(row.payload).not.toContain(String(CUSTOMER_ID));
      expect(row.payload).not.toContain(BROWSER_IP);
    },
  );

  it("still applies the stored order: the allow-list keeps what processing reads", async () => {
    // GIVEN the product and order deliveries above (the newest order payload is the cancellation)
    const rows = await h.prisma.webhookDelivery.findMany({
      where: {
        shop: { domain: SHOP },
        topic: {
          in: [
            "PRODUCTS_CREATE",
            "PRODUCTS_UPDATE",
            "ORDERS_CREATE",
            "ORDERS_UPDATED",
            "ORDERS_CANCELLED",
            "REFUNDS_CREATE",
          ],
        },
      },
      orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
    });
    const { processDelivery } = await import("~/sync/webhooks/process.server");
    // WHEN they are processed
    for (const r of rows) await processDelivery(h.prisma, h.queue, r.shopId, r.id);
    // THEN the order and its line carry every value processing reads: price, quantity, discount, refund,
    // cancellation, day and the customer's key
    const orderRow = await h.prisma.order.findFirstOrThrow({
      where: { shop: { domain: SHOP } },
      include: { lines: true },
    });
    expect(orderRow).toMatchObject({
      name: "#2001",
      day: "2026-03-10",
      currency: "EUR",
      customerKey: expect.stringMatching(/^c_[0-9a-f]{32}$/),
    });
    expect(orderRow.cancelledAt?.toISOString()).toBe("2026-03-10T12:00:00.000Z");
    const line = orderRow.lines[0];
    expect([
      line.quantity,
      line.refundedQuantity,
      line.unitPrice.toString(),
      line.discount.toString(),
      line.refundedAmount.toString(),
      line.cancelled,
    ]).toEqual([3, 1, "10", "1", "10", true]);
    const variant = await h.prisma.variant.findFirstOrThrow({ where: { shop: { domain: SHOP } } });
    expect(line.variantId).toBe(variant.id);
  });
});
