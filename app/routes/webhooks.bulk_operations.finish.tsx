// Shopify topic bulk_operations/finish (shopify.app.toml). Verified, recorded and de-duplicated; processed by a job.
import { webhookAction } from "~/webhooks/receive.server";

export const action = webhookAction("BULK_OPERATIONS_FINISH");
