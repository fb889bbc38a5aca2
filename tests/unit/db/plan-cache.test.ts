// The query plan cache (app/db/plan-cache.ts, decision 0031) over a small stand-in for Prisma's compiler: a query
// `{ modelName, action, query: { arguments: { where: { <field>: value } } } }` compiles to a plan whose `args` hold
// each value, or Prisma's placeholder node for a `{"$type":"Param"}`. The real compiler is exercised by
// tests/integration/db/plan-cache.test.ts and, in verify mode, by every database test.
import { describe, expect, it } from "vitest";
import { createPlanCache } from "~/db/plan-cache";

type Where = Record<string, unknown>;
const query = (where: Where, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    modelName: "Shop",
    action: "findMany",
    query: { arguments: { where, ...extra }, selection: { id: true } },
  });

/** Compiles like Prisma: values become args; a DateTime is written as its ISO text, an integer as a bigint string. */
function fakeCompiler(opts: { emptyStringIsNull?: boolean } = {}) {
  const calls: string[] = [];
  const compile = (text: string) => {
    calls.push(text);
    const { query: q } = JSON.parse(text) as { query: { arguments: { where: Where; take?: number } } };
    const fields = Object.keys(q.arguments.where);
    const args: unknown[] = [];
    const sql = fields.map((field) => {
      const v = q.arguments.where[field] as { $type?: string; value?: string } | string | number;
      if (opts.emptyStringIsNull && v === "") return `${field} IS NULL`; // a value-dependent plan
      if (typeof v === "object" && v?.$type === "Param")
        args.push({ prisma__type: "param", prisma__value: { name: v.value, type: "String" } });
      else if (typeof v === "object" && v?.$type === "DateTime") args.push(v.value);
      else args.push(typeof v === "number" ? String(v) : v);
      return `${field} = ?`;
    });
    return {
      type: "query",
      args: { sql: `SELECT id FROM Shop WHERE ${sql.join(" AND ")} LIMIT ${q.arguments.take ?? "ALL"}`, args },
    };
  };
  return { compile, calls };
}

describe("plan cache", () => {
  it("GIVEN a shape seen twice WHEN a third query of it comes THEN its plan is the compiled one, without compiling", () => {
    // GIVEN
    const compiler = fakeCompiler();
    const cache = createPlanCache(compiler.compile);
    cache.compile(query({ domain: "a.myshopify.com", n: 1 }));
    cache.compile(query({ domain: "b.myshopify.com", n: 2 })); // calibrates: two compiles
    const before = compiler.calls.length;
    // WHEN
    const text = query({ domain: "c.myshopify.com", n: 3 });
    const plan = cache.compile(text);
    // THEN
    expect(compiler.calls.length).toBe(before);
    expect(plan).toEqual(fakeCompiler().compile(text));
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 2, uncacheable: 0 });
  });

  it("GIVEN a cached shape WHEN queries of it come with other values THEN each plan carries its own values", () => {
    // GIVEN
    const compiler = fakeCompiler();
    const cache = createPlanCache(compiler.compile);
    const when = (day: string) => ({ createdAt: { $type: "DateTime", value: `${day}T00:00:00.000Z` } });
    cache.compile(query({ domain: "a", ...when("2026-01-01") }));
    cache.compile(query({ domain: "b", ...when("2026-01-02") }));
    // WHEN
    const first = cache.compile(query({ domain: "c", ...when("2026-01-03") })) as { args: { args: unknown[] } };
    const second = cache.compile(query({ domain: "d", ...when("2026-01-04") })) as { args: { args: unknown[] } };
    // THEN
    expect(first.args.args).toEqual(["c", "2026-01-03T00:00:00.000Z"]);
    expect(second.args.args).toEqual(["d", "2026-01-04T00:00:00.000Z"]);
  });

  it("GIVEN a compiler whose plan depends on the value WHEN the shape is calibrated THEN it is always compiled", () => {
    // GIVEN: "" compiles to IS NULL, so the placeholder plan (domain = ?) differs from the concrete one
    const compiler = fakeCompiler({ emptyStringIsNull: true });
    const cache = createPlanCache(compiler.compile);
    cache.compile(query({ domain: "" }));
    cache.compile(query({ domain: "" }));
    // WHEN
    const plan = cache.compile(query({ domain: "" }));
    // THEN
    expect(plan).toEqual(fakeCompiler({ emptyStringIsNull: true }).compile(query({ domain: "" })));
    expect(cache.stats()).toMatchObject({ hits: 0, uncacheable: 1 });
  });

  it("GIVEN verify mode WHEN a cached plan differs from the compiled one THEN the query throws", () => {
    // GIVEN: calibrated on "a" (domain = ?), then "" compiles to IS NULL: a case calibration cannot see
    const compiler = fakeCompiler({ emptyStringIsNull: true });
    const cache = createPlanCache(compiler.compile, { verify: true });
    cache.compile(query({ domain: "a" }));
    cache.compile(query({ domain: "b" }));
    // WHEN
    const attempt = () => cache.compile(query({ domain: "" }));
    // THEN
    expect(attempt).toThrow(/plan cache: the cached plan differs/);
  });

  it("GIVEN a string and a boolean at the same place WHEN both are compiled THEN they are two shapes", () => {
    // GIVEN
    const compiler = fakeCompiler();
    const cache = createPlanCache(compiler.compile);
    cache.compile(query({ active: "true" }));
    cache.compile(query({ active: "true" }));
    // WHEN
    cache.compile(query({ active: true }));
    // THEN
    expect(cache.stats()).toMatchObject({ hits: 0, misses: 3, shapes: 2 });
  });

  it("GIVEN take, an order or a float WHEN they differ THEN the shapes differ (they are not values)", () => {
    // GIVEN
    const compiler = fakeCompiler();
    const cache = createPlanCache(compiler.compile);
    cache.compile(query({ domain: "a" }, { take: 5 }));
    cache.compile(query({ domain: "b" }, { take: 5 }));
    // WHEN
    const plan = cache.compile(query({ domain: "c" }, { take: 6 }));
    cache.compile(query({ price: 1.5 }));
    cache.compile(query({ price: 2.5 }));
    // THEN
    expect(plan).toEqual(fakeCompiler().compile(query({ domain: "c" }, { take: 6 })));
    expect(cache.stats()).toMatchObject({ hits: 0, shapes: 4 });
  });

  it("GIVEN an integer value WHEN its shape is cached THEN it is written as the compiler writes it", () => {
    // GIVEN
    const compiler = fakeCompiler();
    const cache = createPlanCache(compiler.compile);
    cache.compile(query({ priority: 1 }));
    cache.compile(query({ priority: 2 }));
    // WHEN
    const plan = cache.compile(query({ priority: 10 })) as { args: { args: unknown[] } };
    // THEN
    expect(plan.args.args).toEqual(["10"]);
    expect(cache.stats().hits).toBe(1);
  });

  it("GIVEN a budget of characters WHEN more shapes are cached THEN the least recently used go", () => {
    // GIVEN
    const compiler = fakeCompiler();
    const text = (field: string, v: string) => query({ [field]: v });
    const cache = createPlanCache(compiler.compile, { maxTotalChars: text("f0", "x").length * 2 });
    // WHEN: three shapes calibrated, each twice
    for (const field of ["f0", "f1", "f2"]) for (const v of ["x", "y"]) cache.compile(text(field, v));
    const calls = compiler.calls.length;
    cache.compile(text("f0", "z"));
    // THEN: f0 was dropped, so it is compiled again
    expect(compiler.calls.length).toBe(calls + 1);
  });
});
