// JSON for the stored shop context (docs/decisions/0022): Maps, Sets, non-finite numbers and -0 survive the
// round trip, so a context read back from the database gives the same decisions as the one built in memory.
const TAG = "$pilotage";

export function encodeContext(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    if (typeof raw === "number" && (!Number.isFinite(raw) || Object.is(raw, -0)))
      return { [TAG]: "n", v: String(Object.is(raw, -0) ? "-0" : raw) };
    if (raw instanceof Map) return { [TAG]: "map", v: [...raw.entries()] };
    if (raw instanceof Set) return { [TAG]: "set", v: [...raw.values()] };
    if (raw instanceof Date) return { [TAG]: "date", v: raw.toISOString() };
    return v;
  });
}

export function decodeContext<T>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v) && TAG in v) {
      const { [TAG]: kind, v: inner } = v as { [TAG]: string; v: unknown };
      if (kind === "n") return Number(inner);
      if (kind === "map") return new Map(inner as [unknown, unknown][]);
      if (kind === "set") return new Set(inner as unknown[]);
      if (kind === "date") return new Date(inner as string);
    }
    return v;
  }) as T;
}
