// Small readers for Shopify's REST webhook payloads (JSON). Pure. Ids become Admin GraphQL gids, as the
// history import and the demo seed store them, so a webhook and an import address the same row.

export type Json = Record<string, unknown>;

export const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
export const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObj) : []);
export const str = (v: unknown): string | null =>
  typeof v === "string" ? v : typeof v === "number" ? String(v) : null;
export const num = (v: unknown, fallback = 0): number => {
  const n = typeof v === "string" ? Number(v) : typeof v === "number" ? v : NaN;
  return Number.isFinite(n) ? n : fallback;
};

/** 123 or "123" or "gid://shopify/Order/123" -> "gid://shopify/Order/123"; null when absent. */
export function gid(kind: string, v: unknown): string | null {
  const s = str(v);
  if (s === null || s === "") return null;
  return s.startsWith("gid://") ? s : `gid://shopify/${kind}/${s}`;
}

/** An ISO instant, or null when absent or unparsable. */
export function date(v: unknown): Date | null {
  const s = str(v);
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** True when `incoming` is older than what is stored: the payload must not overwrite newer data. */
export const isStale = (incoming: Date | null, stored: Date | null | undefined): boolean =>
  incoming !== null && stored != null && incoming.getTime() < stored.getTime();
