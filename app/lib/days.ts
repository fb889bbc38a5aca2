// Calendar days as "YYYY-MM-DD" strings (the shop's time zone), shared by services and routes.

/** The calendar day of `at` in `timeZone`. */
export function dayInZone(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** `day` plus `n` calendar days. */
export { addDays } from "~/core/days";
