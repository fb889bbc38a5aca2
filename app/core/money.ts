// Money and database decimals: the one place that decides how they become numbers and back. Pure.
//
// Reading (database -> number): a Decimal column (Prisma.Decimal), Shopify's decimal string, a bigint from a
// raw SQL sum or a number becomes a JavaScript number exactly as stored; reading never rounds. Null is explicit:
// - `decimal` is for NOT NULL columns and refuses null (a broken invariant, so it throws);
// - `decimalOrNull` keeps null (unknown cost, no compare-at price);
// - `sumOrZero` reads an aggregate's null (no rows to sum) as 0.
// Writing (number -> database): amounts are rounded to thousandths (no ISO currency has more than 3 decimals)
// when they become a Decimal column's string, `toDecimalString` ("12.300"). Sums over money are exact in integer
// thousandths (`toMilli`, `fromMilli`).
// Rounding to cents happens only where a price is compared with or shown as Shopify stores it: `cents`.

/** What a Decimal column, a raw SQL sum or an API amount can be before it is read. */
export type DecimalLike = number | string | bigint | { toString(): string };

function read(v: DecimalLike, what: string): number {
  const text = typeof v === "number" || typeof v === "bigint" ? null : String(v).trim();
  const n = text === null ? Number(v) : text === "" ? NaN : Number(text);
  if (!Number.isFinite(n)) throw new Error(`${what} is not a decimal: ${JSON.stringify(String(v))}`);
  return n;
}

/** A NOT NULL decimal as a number, unrounded. Null or a non-number throws (the column cannot hold it). */
export function decimal(v: DecimalLike, what = "decimal"): number {
  if (v === null || v === undefined) throw new Error(`${what} is null where a decimal is required`);
  return read(v, what);
}

/** A nullable decimal as a number, unrounded; null and undefined stay null. */
export function decimalOrNull(v: DecimalLike | null | undefined, what = "decimal"): number | null {
  return v === null || v === undefined ? null : read(v, what);
}

/** An aggregate (`_sum`, raw `SUM`) as a number: null means nothing was summed, so 0. */
export function sumOrZero(v: DecimalLike | null | undefined, what = "sum"): number {
  return v === null || v === undefined ? 0 : read(v, what);
}

/** Rounds to `decimals` places the way Math.round does (halves go up). */
export function roundTo(n: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(n * f) / f;
}

/** A price in cents, as Shopify stores and shows it (the only rounding applied to prices read back). */
export function cents(v: DecimalLike, what = "price"): number {
  return roundTo(decimal(v, what), 2);
}

/** Money (Shopify's decimal string, or a number) to integer thousandths. */
export function toMilli(amount: number | string): number {
  const value = typeof amount === "string" ? Number(amount) : amount;
  if (!Number.isFinite(value)) throw new Error(`not a money amount: ${String(amount)}`);
  return Math.round(value * 1000);
}

/** Thousandths to a decimal string for a Decimal column ("12.300"). */
export function fromMilli(milli: number): string {
  const sign = milli < 0 ? "-" : "";
  const abs = Math.abs(Math.round(milli));
  return `${sign}${Math.floor(abs / 1000)}.${String(abs % 1000).padStart(3, "0")}`;
}

/** A number (or decimal string) to a Decimal column's string, rounded to thousandths; null stays null. */
export function toDecimalString(v: number | string): string;
export function toDecimalString(v: number | string | null | undefined): string | null;
export function toDecimalString(v: number | string | null | undefined): string | null {
  return v === null || v === undefined ? null : fromMilli(toMilli(v));
}
