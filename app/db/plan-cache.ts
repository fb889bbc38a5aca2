// A plan cache for Prisma's query compiler (docs/decisions/0031-query-plan-cache.md). Prisma 6.19 with
// engineType "client" compiles every query's JSON into a plan in wasm: 0.3 to 1 ms for a small query, 20 ms for a
// createMany of 160 rows, synchronously on the event loop. Queries of one shape differ only in their values, and the
// compiler accepts values as placeholders (`{"$type":"Param"}`, what Prisma 7's own plan cache sends), which shows
// where each value lands in the plan. So a shape is calibrated once (its second sighting): compiled with
// placeholders and with the query's own values; the two plans must be equal but for the placeholders' places (and
// the literal-integer typing, below), else the shape is always compiled. Later queries of the shape get a copy of
// the compiled plan with their own values written at those places: the plan the compiler would have produced.
// `verify` (the test suites) compiles every query anyway and throws when the copy differs from it.

export interface PlanCompiler {
  compile(query: string): unknown;
}

export interface PlanCacheOptions {
  /** Shapes kept (least recently used dropped). */
  maxShapes?: number;
  /** Queries longer than this are always compiled. */
  maxQueryChars?: number;
  /** Budget of the cached shapes, in characters of their queries (the plans are about as big). */
  maxTotalChars?: number;
  /** Compile every query and throw when the cached plan differs from it (tests). */
  verify?: boolean;
}

export interface PlanCacheStats {
  hits: number;
  misses: number;
  uncacheable: number;
  shapes: number;
}

/** The arguments whose leaves are values: everything else (take, skip, orderBy, selections) is part of the shape. */
const VALUE_ARGS = new Set(["where", "data", "create", "update", "cursor", "having"]);
/** Value wrappers sent by Prisma's JSON protocol that become placeholders; others (FieldRef, Enum, Json, Raw) stay. */
const WRAPPED = new Set(["DateTime", "Decimal", "BigInt"]);
const PREFIX = "__pilotage_p";
const totals = { hits: 0, misses: 0, uncacheable: 0 };

type Leaf = string | boolean | number | { $type: string; value: string };
type Path = (string | number)[];
/** How the compiler writes a value into its plan (found at calibration). */
type Convert = (leaf: Leaf) => unknown;
const CONVERTERS: Convert[] = [
  (v) => v,
  (v) => (typeof v === "object" ? v.value : undefined),
  (v) => (typeof v === "number" ? String(v) : undefined), // an integer literal is written as a bigint string
];

interface Shape {
  /** The plan compiled from the calibrating query itself. */
  plan: unknown;
  chars: number;
  /** Per placeholder: where it sits in the plan, and how its value is written there. */
  sites: { paths: Path[]; convert: Convert }[];
}

/**
 * Replaces the value leaves of `args` by placeholders, collecting the values and their kinds (part of the shape: a
 * string and a boolean at one place may compile differently); null for a query not to cache.
 */
function parameterize(query: unknown): { shaped: unknown; values: Leaf[]; kinds: string } | null {
  const q = query as { query?: { arguments?: Record<string, unknown> } } | null;
  const args = q?.query?.arguments;
  if (!args || typeof args !== "object") return null;
  const values: Leaf[] = [];
  let kinds = "";
  const param = (leaf: Leaf, kind: string) => {
    values.push(leaf);
    kinds += kind;
    return { $type: "Param", value: `${PREFIX}${values.length - 1}` };
  };
  const walk = (node: unknown): unknown => {
    if (node === null) return null;
    if (typeof node === "string") return param(node, "s");
    if (typeof node === "boolean") return param(node, "b");
    // Non-integers stay in the shape (how the compiler writes a float is its own).
    if (typeof node === "number") return Number.isSafeInteger(node) ? param(node, "i") : node;
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (typeof o.$type === "string") {
        if (!WRAPPED.has(o.$type) || typeof o.value !== "string") return node;
        return param(o as Leaf, o.$type === "DateTime" ? "t" : o.$type === "Decimal" ? "d" : "n");
      }
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(o)) out[key] = walk(o[key]);
      return out;
    }
    return node;
  };
  const shapedArgs: Record<string, unknown> = {};
  for (const key of Object.keys(args)) shapedArgs[key] = VALUE_ARGS.has(key) ? walk(args[key]) : args[key];
  return { shaped: { ...q, query: { ...q!.query, arguments: shapedArgs } }, values, kinds };
}

/** Our placeholder's index, when `node` is one in a plan. */
function placeholderIndex(node: unknown): number | null {
  const n = node as { prisma__type?: unknown; prisma__value?: { name?: unknown } } | null;
  if (n?.prisma__type !== "param" || typeof n.prisma__value?.name !== "string") return null;
  const name = n.prisma__value.name;
  return name.startsWith(PREFIX) ? Number(name.slice(PREFIX.length)) : null;
}

/**
 * Walks the placeholder plan and the concrete plan together: equal everywhere except at our placeholders, whose
 * concrete counterparts are collected per index, and where the compiler types an integer placeholder by its field
 * (`int`) and the literal as `bigint` (the concrete plan is the one copied). False when they differ anywhere else.
 */
function match(
  shaped: unknown,
  concrete: unknown,
  path: Path,
  found: Map<number, { paths: Path[]; seen: unknown[] }>,
): boolean {
  const index = placeholderIndex(shaped);
  if (index !== null) {
    const entry = found.get(index) ?? { paths: [], seen: [] };
    entry.paths.push([...path]);
    entry.seen.push(concrete);
    found.set(index, entry);
    return true;
  }
  if (shaped === null || typeof shaped !== "object")
    return (
      Object.is(shaped, concrete) ||
      (path[path.length - 1] === "scalarType" && shaped === "int" && concrete === "bigint")
    );
  if (concrete === null || typeof concrete !== "object" || Array.isArray(shaped) !== Array.isArray(concrete))
    return false;
  const a = shaped as Record<string, unknown>;
  const b = concrete as Record<string, unknown>;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(b, key)) return false;
    path.push(Array.isArray(shaped) ? Number(key) : key);
    const ok = match(a[key], b[key], path, found);
    path.pop();
    if (!ok) return false;
  }
  return true;
}

/** A copy of `plan` with `value` at each path: only the nodes on the paths are copied, the rest is shared. */
function substitute(plan: unknown, sites: Shape["sites"], values: Leaf[]): unknown {
  const root = { v: plan } as Record<string, unknown>;
  const copied = new Set<unknown>([root]);
  for (let i = 0; i < sites.length; i++) {
    const value = sites[i].convert(values[i]);
    for (const path of sites[i].paths) {
      let parent: Record<string, unknown> = root;
      let key: string | number = "v";
      for (const step of path) {
        let child = parent[key] as Record<string, unknown>;
        if (!copied.has(child)) {
          child = (Array.isArray(child) ? [...child] : { ...child }) as Record<string, unknown>;
          parent[key] = child;
          copied.add(child);
        }
        parent = child;
        key = step;
      }
      parent[key] = value;
    }
  }
  return root.v;
}

/** Deep-freezes a cached plan (verify mode): the runtime must never change a plan shared between queries. */
function freeze(node: unknown): void {
  if (node === null || typeof node !== "object" || Object.isFrozen(node)) return;
  Object.freeze(node);
  for (const value of Object.values(node)) freeze(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  return Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b);
}

export interface PlanCache {
  compile(query: string): unknown;
  stats(): PlanCacheStats;
}

/** Wraps `compiler.compile` (a bound function of the query text) with the cache. */
export function createPlanCache(compile: (query: string) => unknown, options: PlanCacheOptions = {}): PlanCache {
  const maxShapes = options.maxShapes ?? 2000;
  const maxChars = options.maxQueryChars ?? 100_000;
  const maxTotal = options.maxTotalChars ?? 4_000_000;
  let total = 0;
  const shapes = new Map<string, Shape | "seen" | "uncacheable">();
  const stats = { hits: 0, misses: 0, uncacheable: 0 };
  const count = (outcome: keyof typeof stats) => {
    stats[outcome]++;
    totals[outcome]++;
  };
  const sizeOf = (value: Shape | "seen" | "uncacheable" | undefined) => (typeof value === "object" ? value.chars : 0);
  const remember = (key: string, value: Shape | "seen" | "uncacheable") => {
    total -= sizeOf(shapes.get(key));
    shapes.delete(key);
    shapes.set(key, value);
    total += sizeOf(value);
    while (shapes.size > maxShapes || total > maxTotal) {
      const oldest = shapes.keys().next().value as string;
      total -= sizeOf(shapes.get(oldest));
      shapes.delete(oldest);
    }
  };

  const calibrate = (shaped: unknown, values: Leaf[], concrete: unknown, chars: number): Shape | null => {
    let plan: unknown;
    try {
      plan = compile(JSON.stringify(shaped));
    } catch {
      return null; // the compiler refuses a placeholder there
    }
    const found = new Map<number, { paths: Path[]; seen: unknown[] }>();
    if (!match(plan, concrete, [], found)) return null;
    const sites: Shape["sites"] = [];
    for (let i = 0; i < values.length; i++) {
      const entry = found.get(i);
      if (!entry) return null; // a value used at compile time (not as a parameter): part of the shape
      const convert = CONVERTERS.find((c) => entry.seen.every((s) => sameValue(c(values[i]), s)));
      if (!convert) return null;
      sites.push({ paths: entry.paths, convert });
    }
    if (options.verify) freeze(concrete);
    return { plan: concrete, chars, sites };
  };

  return {
    compile(text) {
      if (text.length > maxChars) return compile(text);
      let query: unknown;
      try {
        query = JSON.parse(text);
      } catch {
        return compile(text);
      }
      const p = parameterize(query);
      if (!p) return compile(text);
      const key = `${p.kinds}|${JSON.stringify(p.shaped)}`;
      const known = shapes.get(key);
      if (known === "uncacheable") {
        count("uncacheable");
        return compile(text);
      }
      if (known && known !== "seen") {
        count("hits");
        remember(key, known);
        const plan = substitute(known.plan, known.sites, p.values);
        if (options.verify) {
          const expected = compile(text);
          if (!sameValue(plan, expected))
            throw new Error(`plan cache: the cached plan differs from the compiled one for ${text.slice(0, 300)}`);
        }
        return plan;
      }
      count("misses");
      const concrete = compile(text);
      if (!known) remember(key, "seen");
      else remember(key, calibrate(p.shaped, p.values, concrete, text.length) ?? "uncacheable");
      return concrete;
    },
    stats: () => ({ ...stats, shapes: shapes.size }),
  };
}

/**
 * Installs the cache on a generated client's query compiler class (its `query_compiler_bg.js` module), once: each
 * compiler instance (one per client) gets its own cache, since a plan names the client's schema.
 */
export function installPlanCache(
  compilerClass: { prototype: PlanCompiler & { __pilotagePlanCache?: true } },
  options: PlanCacheOptions = {},
): void {
  const proto = compilerClass.prototype;
  if (proto.__pilotagePlanCache) return;
  const original = proto.compile;
  const caches = new WeakMap<PlanCompiler, PlanCache>();
  proto.compile = function (this: PlanCompiler, query: string) {
    let cache = caches.get(this);
    if (!cache) caches.set(this, (cache = createPlanCache((text) => original.call(this, text), options)));
    return cache.compile(query);
  };
  proto.__pilotagePlanCache = true;
}

/** Hits, misses and uncacheable queries of every installed cache in this process (benchmarks, tests). */
export function planCacheTotals(): Omit<PlanCacheStats, "shapes"> {
  return { ...totals };
}
