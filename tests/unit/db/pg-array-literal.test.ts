// The PostgreSQL array literal the bulk upserter builds itself (docs/decisions/0032) is the text pg's own
// serialiser sends for the same array, so the server reads the same values.
import { describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { pgArrayLiteral } from "~/db/bulk-upsert.server";

// pg's own serialiser of query parameters (not in its type definitions).
const { prepareValue } = createRequire(import.meta.url)("pg/lib/utils") as { prepareValue: (v: unknown) => unknown };

describe("pgArrayLiteral", () => {
  it("GIVEN awkward values WHEN written as an array literal THEN the text is pg's own", () => {
    // GIVEN strings with quotes, backslashes, braces, commas, NULL spelled out, empties, and other kinds of value
    const values = [
      'say "hi"',
      "back\\slash \\N",
      "NULL",
      "",
      "{a,b}",
      "tab\there, line\nbreak",
      "unicode é 日本 🚀",
      0,
      -1.5,
      12345678901234,
      true,
      false,
      null,
      undefined,
      { a: 1, b: 'q"' },
    ];
    // WHEN both serialise them
    const ours = pgArrayLiteral(values);
    const theirs = prepareValue(values) as string;
    // THEN they agree character for character
    expect(ours).toBe(theirs);
  });

  it("GIVEN an empty array WHEN written THEN it is {}", () => {
    expect(pgArrayLiteral([])).toBe(prepareValue([]));
  });
});
