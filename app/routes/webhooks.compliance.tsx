// Shopify topic customers/data_request, customers/redact and shop/redact (shopify.app.toml). Verified, recorded and de-duplicated; processed by a job.
import { webhookAction } from "~/webhooks/receive.server";

export const action = webhookAction("CUSTOMERS_DATA_REQUEST", "CUSTOMERS_REDACT", "SHOP_REDACT");
