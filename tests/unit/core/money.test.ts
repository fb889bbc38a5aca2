// Money and database decimals in one module (issue 17): how a Decimal column becomes a number and back,
// what null means, and where rounding happens.
import { Prisma } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { cents, decimal, decimalOrNull, fromMilli, roundTo, sumOrZero, toDecimalString, toMilli } from "~/core/money";

describe("reading decimals", () => {
  it("GIVEN a Prisma Decimal, a decimal string, a bigint and a number WHEN read THEN each is the stored value, unrounded", () => {
    // GIVEN
    const inputs = [new Prisma.Decimal("12.345"), "12.345", 12.345];
    // WHEN / THEN
    for (const v of inputs) expect(decimal(v)).toBe(12.345);
    expect(decimal(BigInt(42))).toBe(42);
    expect(decimalOrNull(new Prisma.Decimal("0.0049"))).toBe(0.0049);
  });

  it("GIVEN null WHEN read as a required decimal THEN it throws naming the column", () => {
    // GIVEN
    const missing = null as unknown as string;
    // WHEN / THEN
    expect(() => decimal(missing, "Variant.price")).toThrow(/Variant\.price is null/);
  });

  it("GIVEN a value that is not a number WHEN read THEN it throws instead of returning NaN or 0", () => {
    // GIVEN / WHEN / THEN
    expect(() => decimal("abc", "unitCost")).toThrow(/unitCost is not a decimal/);
    expect(() => decimal("")).toThrow(/not a decimal/);
    expect(() => decimalOrNull("  ")).toThrow(/not a decimal/);
  });

  it("GIVEN null WHEN read as a nullable decimal or as a sum THEN the first keeps null and the second counts 0", () => {
    // GIVEN
    const none = null;
    // WHEN / THEN
    expect(decimalOrNull(none)).toBeNull();
    expect(decimalOrNull(undefined)).toBeNull();
    expect(sumOrZero(none)).toBe(0);
    expect(sumOrZero(new Prisma.Decimal("-3.5"))).toBe(-3.5);
  });
});

describe("rounding", () => {
  it("GIVEN prices with more than two decimals WHEN read as cents THEN they are rounded half up to the cent", () => {
    // GIVEN / WHEN / THEN
    expect(cents(new Prisma.Decimal("19.995"))).toBe(20);
    expect(cents("19.994")).toBe(19.99);
    expect(cents(10)).toBe(10);
    expect(roundTo(1.23456, 4)).toBe(1.2346);
  });

  it("GIVEN amounts WHEN written to a Decimal column THEN they are rounded to thousandths and null stays null", () => {
    // GIVEN / WHEN / THEN
    expect(toDecimalString(12.3)).toBe("12.300");
    expect(toDecimalString("0.0015")).toBe("0.002");
    expect(toDecimalString(-4.5)).toBe("-4.500");
    expect(toDecimalString(null)).toBeNull();
    expect(toDecimalString(undefined)).toBeNull();
  });

  it("GIVEN thousandths WHEN summed and written back THEN the sum is exact where floats are not", () => {
    // GIVEN
    const amounts = ["0.1", "0.2", "0.3"];
    // WHEN
    const milli = amounts.reduce((s, a) => s + toMilli(a), 0);
    // THEN
    expect(0.1 + 0.2 + 0.3).not.toBe(0.6);
    expect(fromMilli(milli)).toBe("0.600");
    expect(() => toMilli("twelve")).toThrow(/not a money amount/);
  });
});
