// Shopify topic products/delete (shopify.app.toml). Verified, recorded and de-duplicated; processed by a job.
export { receiveWebhook as action } from "~/webhooks/receive.server";
