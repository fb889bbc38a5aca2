// The job that measures past events (observed uplift, error of both forecasts): enqueued when an event is
// created or deleted and after the nightly recompute. Idempotent: measured events are skipped.
import { getDb, type Db } from "~/db.server";
import { forShop } from "~/db/scoped.server";
import { defineJobHandler } from "~/jobs/registry";
import type { JobHandler } from "~/jobs/types";
import { EVENTS_MEASURE_JOB, measurePastEvents } from "./events.server";

export function measureEventsHandler(dbOf: () => Db = getDb): JobHandler<unknown> {
  return async (job) => ({ ...(await measurePastEvents(forShop(dbOf(), job.shopId))) });
}

defineJobHandler(EVENTS_MEASURE_JOB, measureEventsHandler());
