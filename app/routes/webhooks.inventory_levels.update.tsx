// Shopify topic inventory_levels/update (shopify.app.toml). Verified, recorded and de-duplicated; processed by a job.
import { webhookAction } from "~/webhooks/receive.server";

export const action = webhookAction("INVENTORY_LEVELS_UPDATE");
