// Child process of tests/integration/webhooks/sqlite-intake.test.ts: receives ONE signed orders/create through the
// route's action on the SQLite file DATABASE_URL names, prints "ACK <status>" and is killed (SIGKILL) at once, so
// nothing after the answer runs: what the parent then finds in the file is what the 200 promised.
import { signedWebhook } from "./webhook";
import { TEST_SECRET } from "./env";

process.env.SHOPIFY_API_KEY = "test-key";
process.env.SHOPIFY_API_SECRET = TEST_SECRET;
process.env.SHOPIFY_APP_URL = "https://pilotage.example.com";
process.env.WEBHOOK_ACK_TIMEOUT_MS = "4000";
process.env.LOG_LEVEL = "error";
const [shop, webhookId] = process.argv.slice(2);
const { action } = (await import("~/routes/webhooks.orders.create")) as unknown as {
  action: (args: { request: Request; params: object; context: object }) => Promise<Response>;
};
const request = signedWebhook({
  topic: "orders/create",
  shop,
  body: { id: 7001, updated_at: "2026-03-10T10:00:00Z", line_items: [] },
  secret: TEST_SECRET,
  webhookId,
});
const response = await action({ request, params: {}, context: {} });
process.stdout.write(`ACK ${response.status}\n`, () => process.kill(process.pid, "SIGKILL"));
