// Calendar days as "YYYY-MM-DD" strings (the shop's time zone), shared by services and routes.

// One formatter per time zone: building an Intl.DateTimeFormat costs about 30 times a format (a webhook's lines each
// ask for their day). Shops have few zones; the map is cleared if it ever grows past a bound.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    if (formatters.size >= 500) formatters.clear();
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The calendar day of `at` in `timeZone`. */
export function dayInZone(at: Date, timeZone: string): string {
  const parts = formatterOf(timeZone).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** `day` plus `n` calendar days. */
export { addDays } from "~/core/days";
