// Merchant events (issue 15): what the merchant knows that the history does not. An event has a date range,
// a scope (variants, a product type, a vendor, the whole shop) and an effect (a percentage, extra units per day,
// or a stop). Applied to a forecast, it gives the adjusted forecast and keeps the statistical one beside it;
// in the history, its days are left out of the fits (like censored days, censoring.ts) and measure the
// event instead: the uplift it actually had, and the error of both versions. Pure, no I/O.
import { isIsoDay } from "../days";
import { dayNumber } from "./calendar";
import { countQuantilesSorted } from "./distribution";
import type { EventOutcome } from "./event-outcome";
import { type VariantForecast, levelKey } from "./types";

export const EVENT_KINDS = ["campaign", "promotion", "launch", "closure", "other"] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export type EventScope =
  | { type: "variants"; ids: string[] }
  | { type: "productType"; value: string }
  | { type: "vendor"; value: string }
  | { type: "shop" };

/** percent: demand x (1 + percent / 100); units: extra units per day on top; stop: no sales at all. */
export type EventEffect = { type: "percent"; percent: number } | { type: "units"; perDay: number } | { type: "stop" };

export interface ForecastEvent {
  id: string;
  name: string;
  kind: EventKind;
  /** First and last day, YYYY-MM-DD, inclusive (shop time zone). */
  start: string;
  end: string;
  scope: EventScope;
  effect: EventEffect;
}

/** What scopes match on: a variant's id (and SKU, for the CLI), product type and vendor. */
export interface ScopedVariant {
  id: string;
  sku?: string | null;
  productType: string | null;
  vendor: string | null;
}

export type EventErrorCode =
  | "EVENTS.NAME_MISSING"
  | "EVENTS.UNKNOWN_KIND"
  | "EVENTS.INVALID_DATE"
  | "EVENTS.END_BEFORE_START"
  | "EVENTS.TOO_LONG"
  | "EVENTS.INVALID_EFFECT"
  | "EVENTS.EFFECT_BELOW_MINUS_100"
  | "EVENTS.UNITS_NEGATIVE"
  | "EVENTS.INVALID_SCOPE"
  | "EVENTS.SCOPE_MATCHES_NOTHING";

export interface EventError {
  code: EventErrorCode;
  /** The input field at fault: name, kind, start, end, effect, scope. */
  field: string;
  message: string;
}

export type EventResult = { ok: true; event: ForecastEvent } | { ok: false; errors: EventError[] };

/** Longest event accepted, in days (a longer "event" is a new normal: let the forecast learn it). */
export const MAX_EVENT_DAYS = 366;

const validDay = (d: unknown): d is string => typeof d === "string" && isIsoDay(d);

/** Whether the event's scope covers the variant. A variants scope matches ids or SKUs. */
export function eventMatches(scope: EventScope, v: ScopedVariant): boolean {
  switch (scope.type) {
    case "shop":
      return true;
    case "productType":
      return v.productType != null && v.productType === scope.value;
    case "vendor":
      return v.vendor != null && v.vendor === scope.value;
    case "variants":
      return scope.ids.includes(v.id) || (v.sku != null && v.sku !== "" && scope.ids.includes(v.sku));
  }
}

/** The events that cover the variant. */
export function eventsFor<E extends Pick<ForecastEvent, "scope">>(events: readonly E[], v: ScopedVariant): E[] {
  return events.filter((e) => eventMatches(e.scope, v));
}

/**
 * Checks a draft event against the catalogue; every problem is reported with its code and field. A variants
 * scope is rewritten to the matching variants' ids (SKUs given by the CLI become ids).
 */
export function validateEvent(draft: ForecastEvent, catalogue: readonly ScopedVariant[]): EventResult {
  const errors: EventError[] = [];
  const err = (code: EventErrorCode, field: string, message: string) => errors.push({ code, field, message });
  const name = typeof draft.name === "string" ? draft.name.trim() : "";
  if (!name) err("EVENTS.NAME_MISSING", "name", "the event needs a name");
  if (!(EVENT_KINDS as readonly string[]).includes(draft.kind))
    err(
      "EVENTS.UNKNOWN_KIND",
      "kind",
      `kind must be one of ${EVENT_KINDS.join(", ")}, got ${JSON.stringify(draft.kind)}`,
    );
  const startOk = validDay(draft.start);
  const endOk = validDay(draft.end);
  if (!startOk)
    err("EVENTS.INVALID_DATE", "start", `start must be a YYYY-MM-DD date, got ${JSON.stringify(draft.start)}`);
  if (!endOk) err("EVENTS.INVALID_DATE", "end", `end must be a YYYY-MM-DD date, got ${JSON.stringify(draft.end)}`);
  if (startOk && endOk) {
    const days = dayNumber(draft.end) - dayNumber(draft.start) + 1;
    if (days < 1) err("EVENTS.END_BEFORE_START", "end", `end ${draft.end} is before start ${draft.start}`);
    else if (days > MAX_EVENT_DAYS)
      err("EVENTS.TOO_LONG", "end", `an event lasts at most ${MAX_EVENT_DAYS} days, this one ${days}`);
  }
  const e = draft.effect;
  if (!e || typeof e !== "object")
    err("EVENTS.INVALID_EFFECT", "effect", "the effect must be a percentage, units per day or a stop");
  else if (e.type === "percent") {
    if (!Number.isFinite(e.percent)) err("EVENTS.INVALID_EFFECT", "effect", "the percentage must be a number");
    else if (e.percent < -100)
      err(
        "EVENTS.EFFECT_BELOW_MINUS_100",
        "effect",
        `an effect below -100% would mean negative sales, got ${e.percent}%`,
      );
  } else if (e.type === "units") {
    if (!Number.isFinite(e.perDay)) err("EVENTS.INVALID_EFFECT", "effect", "the units per day must be a number");
    else if (e.perDay < 0)
      err(
        "EVENTS.UNITS_NEGATIVE",
        "effect",
        `extra units per day cannot be negative, got ${e.perDay} (use a percentage or a stop)`,
      );
  } else if (e.type !== "stop")
    err("EVENTS.INVALID_EFFECT", "effect", "the effect must be a percentage, units per day or a stop");
  let scope = draft.scope;
  const sc = draft.scope;
  if (!sc || typeof sc !== "object" || !["variants", "productType", "vendor", "shop"].includes(sc.type)) {
    err("EVENTS.INVALID_SCOPE", "scope", "the scope must be variants, a product type, a vendor or the whole shop");
  } else if (
    (sc.type === "productType" || sc.type === "vendor") &&
    !(typeof sc.value === "string" && sc.value.trim())
  ) {
    err("EVENTS.INVALID_SCOPE", "scope", `the scope needs a ${sc.type === "vendor" ? "vendor" : "product type"}`);
  } else if (sc.type === "variants" && !(Array.isArray(sc.ids) && sc.ids.length > 0)) {
    err("EVENTS.INVALID_SCOPE", "scope", "the scope needs at least one variant");
  } else {
    const matched = catalogue.filter((v) => eventMatches(sc, v));
    if (matched.length === 0) err("EVENTS.SCOPE_MATCHES_NOTHING", "scope", `no variant matches ${describeScope(sc)}`);
    else if (sc.type === "variants") {
      const unknown = sc.ids.filter((id) => !matched.some((v) => v.id === id || v.sku === id));
      if (unknown.length > 0)
        err(
          "EVENTS.SCOPE_MATCHES_NOTHING",
          "scope",
          `unknown variants: ${unknown.slice(0, 5).join(", ")}${unknown.length > 5 ? ", ..." : ""}`,
        );
      scope = { type: "variants", ids: [...new Set(matched.map((v) => v.id))] };
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, event: { ...draft, name, scope } };
}

export function describeScope(scope: EventScope): string {
  switch (scope.type) {
    case "shop":
      return "the whole shop";
    case "productType":
      return `product type ${JSON.stringify(scope.value)}`;
    case "vendor":
      return `vendor ${JSON.stringify(scope.value)}`;
    case "variants":
      return `variants ${scope.ids.slice(0, 5).join(", ")}${scope.ids.length > 5 ? ", ..." : ""}`;
  }
}

/** Demand on a day once the events running that day are applied: stops win, percentages multiply, units add. */
export function adjustedMean(mean: number, effects: readonly EventEffect[]): number {
  let factor = 1;
  let extra = 0;
  for (const e of effects) {
    if (e.type === "stop") return 0;
    if (e.type === "percent") factor *= Math.max(0, 1 + e.percent / 100);
    else extra += e.perDay;
  }
  return mean * factor + extra;
}

/** true on the days (from `start`, n of them) when one of the events ran; undefined when none did. */
export function eventDayMask(
  events: readonly Pick<ForecastEvent, "start" | "end">[],
  start: string,
  n: number,
): boolean[] | undefined {
  const base = dayNumber(start);
  let mask: boolean[] | undefined;
  for (const e of events) {
    const from = Math.max(0, dayNumber(e.start) - base);
    const to = Math.min(n - 1, dayNumber(e.end) - base);
    for (let i = from; i <= to; i++) (mask ??= new Array<boolean>(n).fill(false))[i] = true;
  }
  return mask;
}

/**
 * The adjusted forecast: the mean of every forecast day an event covers is changed exactly as entered, its
 * quantiles are the count quantiles of the new mean with the forecast's own dispersion (engine.ts), and the
 * statistical forecast is kept in `statistical`. Unchanged (same object) when no event touches the horizon.
 */
export function applyEvents(fc: VariantForecast, events: readonly ForecastEvent[]): VariantForecast {
  const h = fc.mean.length;
  if (h === 0 || events.length === 0 || !fc.start) return fc;
  const day0 = dayNumber(fc.start);
  const touched = events
    .map((e) => ({ e, from: Math.max(0, dayNumber(e.start) - day0), to: Math.min(h - 1, dayNumber(e.end) - day0) }))
    .filter((x) => x.from <= x.to);
  if (touched.length === 0) return fc;
  const levels = Object.keys(fc.quantiles)
    .map(Number)
    .sort((a, b) => a - b);
  const qv = new Array<number>(levels.length);
  const mean = fc.mean.slice();
  const quantiles: Record<string, number[]> = {};
  for (const l of levels) quantiles[levelKey(l)] = fc.quantiles[levelKey(l)].slice();
  for (let t = 0; t < h; t++) {
    const effects = touched.filter((x) => t >= x.from && t <= x.to).map((x) => x.e.effect);
    if (effects.length === 0) continue;
    mean[t] = adjustedMean(fc.mean[t], effects);
    countQuantilesSorted(mean[t], fc.dispersion, levels, qv);
    // Extra units per day are planned (a known order, a launch stock): they shift the law rather than widen it.
    levels.forEach((l, j) => (quantiles[levelKey(l)][t] = qv[j]));
  }
  return {
    ...fc,
    mean,
    quantiles,
    statistical: { mean: fc.mean, quantiles: fc.quantiles },
    eventsApplied: touched.map((x) => ({ id: x.e.id, days: x.to - x.from + 1 })),
  };
}

/** Same kind and the same scope (for variants: a variant in common). */
export function similarEvents(
  a: Pick<ForecastEvent, "kind" | "scope">,
  b: Pick<ForecastEvent, "kind" | "scope">,
): boolean {
  if (a.kind !== b.kind || a.scope.type !== b.scope.type) return false;
  if (a.scope.type === "shop") return true;
  if (a.scope.type === "variants")
    return (
      b.scope.type === "variants" && a.scope.ids.some((id) => b.scope.type === "variants" && b.scope.ids.includes(id))
    );
  return a.scope.value === (b.scope as { value: string }).value;
}

/** Past events that teach about this one: how many were measured and their average observed uplift. */
export interface Lesson {
  /** The measured similar events, most recent first (at most `last`). */
  events: string[];
  /** Mean of their observed uplifts (0.28 = +28%); null when none had a statistical forecast above 0. */
  averageUplift: number | null;
  /** Mean of their extra units per variant and day. */
  averageExtraPerDay: number;
}

/** "Your last 3 campaigns on this type sold +28% on average": the last `last` similar events that ended before `asOf`. */
export function lessonFor(
  event: Pick<ForecastEvent, "id" | "kind" | "scope" | "start">,
  past: readonly { event: ForecastEvent; outcome: EventOutcome | null }[],
  asOf: string,
  last = 3,
): Lesson | null {
  const similar = past
    .filter(
      (p) =>
        p.event.id !== event.id &&
        p.outcome &&
        p.event.end <= asOf &&
        p.event.end < event.start &&
        similarEvents(event, p.event),
    )
    .sort((a, b) => (a.event.start < b.event.start ? 1 : a.event.start > b.event.start ? -1 : 0))
    .slice(0, last);
  if (similar.length === 0) return null;
  const uplifts = similar.map((p) => p.outcome!.uplift).filter((u): u is number => u != null);
  return {
    events: similar.map((p) => p.event.id),
    averageUplift: uplifts.length ? uplifts.reduce((a, b) => a + b, 0) / uplifts.length : null,
    averageExtraPerDay: similar.reduce((a, p) => a + p.outcome!.extraPerDay, 0) / similar.length,
  };
}
