// Next occurrence of a repeating job (pure). Both adapters validate specs here; the database adapter also
// computes run times here, BullMQ turns the same spec into its own `every` / cron pattern.
import type { ScheduleSpec } from "./types";

const DAILY = /^([01]\d|2[0-3]):([0-5]\d)$/;

export type SpecCheck = { ok: true } | { ok: false; code: "JOBS.BAD_SCHEDULE"; message: string };

export function checkSchedule(spec: ScheduleSpec): SpecCheck {
  if ("everyMs" in spec) {
    if (!Number.isInteger(spec.everyMs) || spec.everyMs < 10) {
      return { ok: false, code: "JOBS.BAD_SCHEDULE", message: `everyMs must be an integer >= 10, got ${spec.everyMs}` };
    }
    return { ok: true };
  }
  if ("dailyAtUtc" in spec && DAILY.test(spec.dailyAtUtc)) return { ok: true };
  return {
    ok: false,
    code: "JOBS.BAD_SCHEDULE",
    message: `dailyAtUtc must be "HH:MM" (UTC), got ${JSON.stringify((spec as { dailyAtUtc?: unknown }).dailyAtUtc)}`,
  };
}

/** The first occurrence strictly after `after`. */
export function nextOccurrence(spec: ScheduleSpec, after: Date): Date {
  if ("everyMs" in spec) {
    // Aligned on multiples of the period (like BullMQ's `every`), so restarts do not drift the grid.
    const t = after.getTime();
    return new Date((Math.floor(t / spec.everyMs) + 1) * spec.everyMs);
  }
  const [, hh, mm] = DAILY.exec(spec.dailyAtUtc) ?? [];
  const next = new Date(
    Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate(), Number(hh), Number(mm)),
  );
  if (next.getTime() <= after.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

/** BullMQ repeat options for the same spec. */
export function bullRepeat(spec: ScheduleSpec): { every: number } | { pattern: string; tz: string } {
  if ("everyMs" in spec) return { every: spec.everyMs };
  const [hh, mm] = spec.dailyAtUtc.split(":").map(Number);
  return { pattern: `${mm} ${hh} * * *`, tz: "UTC" };
}
