// Shopify topic products/delete (shopify.app.toml). Verified, recorded and de-duplicated; processed by a job.
import { webhookAction } from "~/webhooks/receive.server";

export const action = webhookAction("PRODUCTS_DELETE");
