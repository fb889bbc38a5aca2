// What the merchant and the catalogue add to the histories of a run (issue 15): the demand bundle sales put on
// their components (docs/decisions/0024) and the merchant's events, whose days the fits leave out and whose
// effects adjust the forecasts (docs/decisions/0023). Loaded once per run (or per one-variant recompute or chunk)
// and applied to every batch of series the same way, so the context and the decisions see the same histories.
import type { DailySeries, ForecastEvent } from "~/core/forecast/index";
import type { Db } from "~/db.server";
import type { ShopDb } from "~/db/scoped.server";
import { shopEvents, withEventDays } from "~/services/events.server";
import { loadRecomputeBundles, withBundleDemand, type RecomputeBundles } from "./bundles.server";
import type { VariantRow } from "./history.server";

export interface RunExtras {
  bundles: RecomputeBundles | null;
  events: ForecastEvent[];
}

export const NO_EXTRAS: RunExtras = { bundles: null, events: [] };

/** `rebuild`: rebuild the demand via bundles first (a run's start; its chunks read what it rebuilt). */
export async function loadRunExtras(db: Db, s: ShopDb, shopId: string, rebuild = true): Promise<RunExtras> {
  const [bundles, events] = await Promise.all([loadRecomputeBundles(db, shopId, rebuild), shopEvents(s)]);
  return { bundles, events };
}

/** The series as the engine sees them: components with their demand via bundles, event days marked. */
export function engineSeries(series: DailySeries[], variants: readonly VariantRow[], extras: RunExtras): DailySeries[] {
  if (!extras.bundles && extras.events.length === 0) return series;
  const byId = new Map(series.map((s) => [s.id, s]));
  withBundleDemand(byId, extras.bundles);
  withEventDays(byId, extras.events, new Map(variants.map((v) => [v.id, v])));
  return series.map((s) => byId.get(s.id)!);
}
