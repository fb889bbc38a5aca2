// Where features register their job handlers, so that the web process and `npm run worker` run the same set.
// Every handler must be idempotent (delivery is at least once): docs/decisions/0007-job-queue.md.
// Features define handlers with defineJobHandler() from ./registry in their own module, listed below.
export { defineJobHandler, registerAppHandlers } from "./registry";

import "~/sync/webhooks/process.server";
import "~/sync/recompute/jobs.server";
import "~/sync/import/jobs.server";
import "~/sync/import/reconcile.server";
import "~/sync/inventory/snapshot.server";
import "~/decisions/push.server";
import "~/storefront/jobs.server";
import "~/services/summary-jobs.server";
import "~/replenishment/receipts.server";
import "~/replenishment/transfers.server";
import "~/services/events-jobs.server";
