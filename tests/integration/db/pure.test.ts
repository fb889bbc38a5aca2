// Pure helpers of the data layer (no database): DATABASE_URL parsing, line contributions, model facts.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contributionOf, fromMilli, netMilli, toMilli, type LineFacts } from "~/db/contribution";
import { DatabaseError } from "~/db/errors.server";
import { modelInfo } from "~/db/model-info.server";
import { SHOP_OWNED_MODELS } from "~/db/scoped.server";
import { parseDatabaseUrl } from "~/db/url.server";

describe("parseDatabaseUrl", () => {
  it("GIVEN no DATABASE_URL THEN SQLite at prisma/pilotage.db", () => {
    expect(parseDatabaseUrl(undefined, "/repo")).toMatchObject({
      provider: "sqlite",
      file: path.resolve("/repo/prisma/pilotage.db"),
    });
  });
  it("GIVEN file: and postgres URLs THEN the provider, file or schema", () => {
    expect(parseDatabaseUrl("file:./x.db", "/repo")).toMatchObject({ provider: "sqlite", file: "/repo/x.db" });
    expect(parseDatabaseUrl("postgresql://u@h:5433/db?schema=t1")).toMatchObject({
      provider: "postgres",
      schema: "t1",
      connectionString: "postgresql://u@h:5433/db",
      display: "h:5433/db?schema=t1",
    });
    expect(parseDatabaseUrl("postgres://u@h/db")).toMatchObject({ provider: "postgres", schema: "public" });
  });
  it("GIVEN an unsupported scheme or a bad schema name THEN DB.BAD_URL", () => {
    expect(() => parseDatabaseUrl("mysql://x")).toThrow(DatabaseError);
    expect(() => parseDatabaseUrl('postgresql://h/db?schema=a"b')).toThrow(/schema=a"b is not a plain identifier/);
    try {
      parseDatabaseUrl("mysql://x");
    } catch (error) {
      expect((error as DatabaseError).code).toBe("DB.BAD_URL");
    }
  });
});

const line: LineFacts = {
  day: "2026-03-01",
  customerKey: "c_1",
  quantity: 3,
  refundedQuantity: 0,
  unitPriceMilli: 10_000,
  discountMilli: 1_500,
  refundedMilli: 0,
  cancelled: false,
};

describe("contributionOf", () => {
  it("GIVEN a line THEN units, gross, discount and net on the order day", () => {
    const c = contributionOf(line);
    expect(c).toMatchObject({ day: "2026-03-01", units: 3, grossMilli: 30_000, discountMilli: 1_500 });
    expect(netMilli(c)).toBe(28_500);
  });
  it("GIVEN a refund THEN revenue drops and units ordered stay (a return is not un-sold demand)", () => {
    const c = contributionOf({ ...line, refundedQuantity: 1, refundedMilli: 9_500 });
    expect(c.units).toBe(3);
    expect(c.refundedUnits).toBe(1);
    expect(netMilli(c)).toBe(19_000);
  });
  it("GIVEN a cancelled order THEN it contributes nothing anywhere", () => {
    expect(contributionOf({ ...line, cancelled: true })).toMatchObject({ day: null, units: 0, grossMilli: 0 });
  });
  it("GIVEN more units refunded than ordered THEN refunded units are capped at the quantity", () => {
    expect(contributionOf({ ...line, refundedQuantity: 5 }).refundedUnits).toBe(3);
  });
  it("GIVEN money THEN thousandths round-trip exactly", () => {
    expect(toMilli("19.99")).toBe(19_990);
    expect(toMilli(0.1 + 0.2)).toBe(300);
    expect(fromMilli(19_990)).toBe("19.990");
    expect(fromMilli(-5)).toBe("-0.005");
    expect(() => toMilli("abc")).toThrow();
  });
});

describe("model facts", () => {
  it("GIVEN the schema THEN every model except Session, Shop and WorkerHeartbeat is shop-owned, with a generated id", () => {
    const names = [...modelInfo().keys()];
    expect(names.filter((n) => !SHOP_OWNED_MODELS.has(n)).sort()).toEqual(["Session", "Shop", "WorkerHeartbeat"]);
    for (const name of SHOP_OWNED_MODELS) expect(modelInfo().get(name)?.generatedId).toBe("id");
    expect(modelInfo().get("Job")?.nowFields.sort()).toEqual(["createdAt", "runAt", "updatedAt"]);
  });
});
