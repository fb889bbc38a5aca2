// Shopify topic orders/create (shopify.app.toml). Verified, recorded and de-duplicated; processed by a job.
import { webhookAction } from "~/webhooks/receive.server";

export const action = webhookAction("ORDERS_CREATE");
