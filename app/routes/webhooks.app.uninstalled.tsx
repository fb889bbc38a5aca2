// Shopify topic app/uninstalled (shopify.app.toml). Verified, recorded and de-duplicated; processed by a job.
import { webhookAction } from "~/webhooks/receive.server";

export const action = webhookAction("APP_UNINSTALLED");
