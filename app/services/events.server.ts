// Merchant events (issue 15, docs/decisions/0023-forecast-events.md): list, create and delete them, the rows
// the recompute reads, and the measure of past events (their observed uplift and the error of the statistical
// and adjusted forecasts on their days). The maths is in app/core/forecast/events.ts.
import { z } from "zod";
import type { DailySeries } from "~/core/forecast/index";
import {
  evaluateEvent,
  eventDayMask,
  eventsFor,
  lessonFor,
  validateEvent,
  type EventError,
  type EventOutcome,
  type ForecastEvent,
  type Lesson,
  type ScopedVariant,
} from "~/core/forecast/index";
import { toDailySeries } from "~/core/decisions/index";
import { addDays } from "~/core/days";
import type { ShopDb } from "~/db/scoped.server";
import type { ShopContext } from "~/services/shop.server";
import { getJobQueue } from "~/jobs/index.server";
import { JOB_TYPES } from "~/jobs/standard";
import type { JobQueue } from "~/jobs/types";

/** The job that measures past events (app/services/events-jobs.server.ts). */
export const EVENTS_MEASURE_JOB = "events.measure";

type EventRow = {
  id: string;
  name: string;
  kind: string;
  startDay: string;
  endDay: string;
  scopeType: string;
  scopeValue: string | null;
  effectType: string;
  effectValue: number | null;
};

/** A stored row as the engine's event. Rows are validated on the way in; this only reshapes them. */
export function toForecastEvent(r: EventRow): ForecastEvent {
  const scope: ForecastEvent["scope"] =
    r.scopeType === "variants"
      ? { type: "variants", ids: parseIds(r.scopeValue) }
      : r.scopeType === "productType" || r.scopeType === "vendor"
        ? { type: r.scopeType, value: r.scopeValue ?? "" }
        : { type: "shop" };
  const effect: ForecastEvent["effect"] =
    r.effectType === "stop"
      ? { type: "stop" }
      : r.effectType === "units"
        ? { type: "units", perDay: r.effectValue ?? 0 }
        : { type: "percent", percent: r.effectValue ?? 0 };
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as ForecastEvent["kind"],
    start: r.startDay,
    end: r.endDay,
    scope,
    effect,
  };
}

function parseIds(value: string | null): string[] {
  try {
    const ids: unknown = JSON.parse(value ?? "[]");
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

function toRow(e: ForecastEvent) {
  return {
    name: e.name,
    kind: e.kind,
    startDay: e.start,
    endDay: e.end,
    scopeType: e.scope.type,
    scopeValue:
      e.scope.type === "variants" ? JSON.stringify(e.scope.ids) : e.scope.type === "shop" ? null : e.scope.value,
    effectType: e.effect.type,
    effectValue: e.effect.type === "percent" ? e.effect.percent : e.effect.type === "units" ? e.effect.perDay : null,
  };
}

/** Every event of the shop, oldest first (what the recompute applies and masks). */
export async function shopEvents(db: ShopDb): Promise<ForecastEvent[]> {
  const rows = await db.event.findMany({ orderBy: [{ startDay: "asc" }, { id: "asc" }] });
  return rows.map(toForecastEvent);
}

/** Marks each series' event days (the events covering its variant) so the fits leave them out. */
export function withEventDays(
  series: Map<string, DailySeries>,
  events: readonly ForecastEvent[],
  variants: Map<string, ScopedVariant>,
): Map<string, DailySeries> {
  if (events.length === 0) return series;
  for (const s of series.values()) {
    const v = variants.get(s.id);
    const mask = v ? eventDayMask(eventsFor(events, v), s.start, s.units.length) : undefined;
    if (mask) s.eventDays = mask;
  }
  return series;
}

// ---- The page ----

export type EventStatus = "planned" | "running" | "past";

export interface EventView {
  id: string;
  name: string;
  kind: ForecastEvent["kind"];
  start: string;
  end: string;
  scope: ForecastEvent["scope"];
  /** Variants the scope covers today. */
  variants: number;
  effect: ForecastEvent["effect"];
  status: EventStatus;
  /** What it did, once its days are in the history and measured; null before. */
  outcome: EventOutcome | null;
  /** What similar past events did (for planned and running events). */
  lesson: Lesson | null;
}

export interface EventsPage {
  /** The last history day (events after it are planned). */
  today: string;
  events: EventView[];
  productTypes: string[];
  vendors: string[];
  /** The variant the page was opened for (from the variant page), to prefill the form. */
  variant: { id: string; label: string } | null;
}

async function catalogue(db: ShopDb): Promise<(ScopedVariant & { title: string; productTitle: string | null })[]> {
  const rows = await db.variant.findMany({
    where: { deletedAt: null },
    select: { id: true, sku: true, productType: true, vendor: true, title: true, product: { select: { title: true } } },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => ({
    id: r.id,
    sku: r.sku,
    productType: r.productType,
    vendor: r.vendor,
    title: r.title,
    productTitle: r.product?.title ?? null,
  }));
}

/** The shop's last history day: the forecasts' last history day, else yesterday (UTC). */
async function historyEnd(db: ShopDb): Promise<string> {
  const f = await db.forecast.findFirst({
    where: { historyEnd: { not: null } },
    select: { historyEnd: true },
    orderBy: { historyEnd: "desc" },
  });
  return f?.historyEnd ?? addDays(new Date().toISOString().slice(0, 10), -1);
}

const parseOutcome = (s: string | null): EventOutcome | null => {
  if (!s) return null;
  try {
    return JSON.parse(s) as EventOutcome;
  } catch {
    return null;
  }
};

export async function loadEventsPage(shop: ShopContext, variantId: string | null = null): Promise<EventsPage> {
  const [rows, variants, today] = await Promise.all([
    shop.db.event.findMany({ orderBy: [{ startDay: "desc" }, { id: "asc" }] }),
    catalogue(shop.db),
    historyEnd(shop.db),
  ]);
  const past = rows.map((r) => ({ event: toForecastEvent(r), outcome: parseOutcome(r.outcome) }));
  const events = past.map(({ event, outcome }): EventView => {
    const status: EventStatus = event.end <= today ? "past" : event.start > today ? "planned" : "running";
    return {
      id: event.id,
      name: event.name,
      kind: event.kind,
      start: event.start,
      end: event.end,
      scope: event.scope,
      variants: variants.filter((v) => eventsFor([event], v).length > 0).length,
      effect: event.effect,
      status,
      outcome,
      lesson: status === "past" ? null : lessonFor(event, past, today),
    };
  });
  const distinct = (xs: (string | null)[]) =>
    [...new Set(xs.filter((x): x is string => !!x && x.trim() !== ""))].sort((a, b) => a.localeCompare(b));
  const v = variantId ? variants.find((x) => x.id === variantId) : undefined;
  return {
    today,
    events,
    productTypes: distinct(variants.map((x) => x.productType)),
    vendors: distinct(variants.map((x) => x.vendor)),
    variant: v
      ? { id: v.id, label: [v.productTitle, v.title].filter(Boolean).join(" · ") + (v.sku ? ` (${v.sku})` : "") }
      : null,
  };
}

/** The create form, as the route posts it. Numbers arrive as strings. */
export const eventFormSchema = z.object({
  name: z.string().max(120),
  kind: z.string().max(20),
  start: z.string().max(10),
  end: z.string().max(10),
  scopeType: z.enum(["variants", "productType", "vendor", "shop"]),
  /** Product type, vendor, or variant ids / SKUs separated by commas, spaces or new lines. */
  scopeValue: z.string().max(20_000).default(""),
  effectType: z.enum(["percent", "units", "stop"]),
  effectValue: z.string().max(20).default(""),
});
export type EventForm = z.infer<typeof eventFormSchema>;

export type CreateResult = { ok: true; id: string } | { ok: false; errors: EventError[] };

/** The draft the form describes (validateEvent checks it). */
export function draftFromForm(f: EventForm): ForecastEvent {
  const value = f.effectValue.trim().replace(",", ".");
  const n = value === "" ? NaN : Number(value);
  return {
    id: "",
    name: f.name,
    kind: f.kind as ForecastEvent["kind"],
    start: f.start.trim(),
    end: f.end.trim(),
    scope:
      f.scopeType === "variants"
        ? { type: "variants", ids: f.scopeValue.split(/[\s,;]+/).filter(Boolean) }
        : f.scopeType === "shop"
          ? { type: "shop" }
          : { type: f.scopeType, value: f.scopeValue.trim() },
    effect:
      f.effectType === "stop"
        ? { type: "stop" }
        : f.effectType === "units"
          ? { type: "units", perDay: n }
          : { type: "percent", percent: n },
  };
}

/** Validates against the catalogue, then writes the event and asks for a shop recompute. Nothing is written on an error. */
export async function createEvent(
  shop: ShopContext,
  form: EventForm,
  queue: JobQueue = getJobQueue(),
): Promise<CreateResult> {
  const checked = validateEvent(draftFromForm(form), await catalogue(shop.db));
  if (!checked.ok) return checked;
  const row = await shop.db.event.create({ data: { ...toRow(checked.event), shopId: shop.id } });
  await enqueueAfterChange(queue, shop.id);
  return { ok: true, id: row.id };
}

export type DeleteResult = { ok: true } | { ok: false; code: "EVENTS.NOT_FOUND" };

export async function deleteEvent(
  shop: ShopContext,
  id: string,
  queue: JobQueue = getJobQueue(),
): Promise<DeleteResult> {
  const { count } = await shop.db.event.deleteMany({ where: { id } });
  if (count === 0) return { ok: false, code: "EVENTS.NOT_FOUND" };
  await enqueueAfterChange(queue, shop.id);
  return { ok: true };
}

/** An event changes the shop's fits (masked days) and forecasts: one coalesced shop recompute, then a measure. */
async function enqueueAfterChange(queue: JobQueue, shopId: string): Promise<void> {
  await queue.enqueue({ shopId, type: JOB_TYPES.recomputeShop, payload: {}, coalesceKey: "events" });
  await enqueueEventsMeasure(queue, shopId);
}

export function enqueueEventsMeasure(queue: JobQueue, shopId: string) {
  return queue.enqueue({ shopId, type: EVENTS_MEASURE_JOB, payload: {}, coalesceKey: "events" });
}

// ---- Measuring past events ----

/** Variants measured per event (a stable sample by id): enough for an average, bounded in time. */
export const MEASURE_MAX_VARIANTS = 60;
/** History loaded before an event for its baseline. */
const BASELINE_DAYS = 400;

/**
 * Measures the events that ended on or before the last history day and were not measured since they ended
 * (idempotent: a second run finds nothing to do). Each is written on its own row.
 */
export async function measurePastEvents(db: ShopDb): Promise<{ measured: number }> {
  const today = await historyEnd(db);
  const rows = await db.event.findMany({ orderBy: [{ startDay: "asc" }, { id: "asc" }] });
  const all = rows.map(toForecastEvent);
  const todo = rows.filter((r) => r.endDay <= today && (r.measuredAt == null || r.measuredAt < r.endDay));
  if (todo.length === 0) return { measured: 0 };
  const variants = await catalogue(db);
  let measured = 0;
  for (const r of todo) {
    const event = toForecastEvent(r);
    const covered = variants.filter((v) => eventsFor([event], v).length > 0).slice(0, MEASURE_MAX_VARIANTS);
    const start = addDays(event.start, -BASELINE_DAYS);
    const ids = covered.map((v) => v.id);
    const [sales, snaps] = await Promise.all([
      db.dailySales.findMany({
        where: { variantId: { in: ids }, day: { gte: start, lte: event.end } },
        select: { variantId: true, day: true, units: true, avgPrice: true },
      }),
      db.inventorySnapshot.findMany({
        where: { variantId: { in: ids }, day: { lte: event.end } },
        select: { variantId: true, locationId: true, day: true, available: true },
      }),
    ]);
    const salesOf = groupBy(sales, (x) => x.variantId);
    const snapsOf = groupBy(snaps, (x) => x.variantId);
    const histories = covered.map((v) => {
      const s = toDailySeries({
        id: v.id,
        group: v.productType ?? undefined,
        start,
        end: event.end,
        sales: (salesOf.get(v.id) ?? []).map((x) => ({
          day: x.day,
          units: x.units,
          avgPrice: x.avgPrice == null ? null : Number(x.avgPrice),
        })),
        snapshots: snapsOf.get(v.id) ?? [],
      });
      // The other events of the variant are left out of its baseline; this one is measured.
      const others = eventsFor(all, v).filter((e) => e.id !== event.id);
      const mask = eventDayMask(others, s.start, s.units.length);
      if (mask) s.eventDays = mask;
      return s;
    });
    const outcome = evaluateEvent(event, histories);
    await db.event.updateMany({
      where: { id: r.id },
      data: { outcome: outcome ? JSON.stringify(outcome) : null, measuredAt: today },
    });
    measured++;
  }
  return { measured };
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) (m.get(key(r)) ?? m.set(key(r), []).get(key(r))!).push(r);
  return m;
}
