import { describe, expect, it } from "vitest";
import { parseForecastArgs } from "../../../app/cli/args";
import { runCli } from "./helpers";

describe("parseForecastArgs", () => {
  it("GIVEN only --orders WHEN parsed THEN the documented defaults apply", () => {
    const r = parseForecastArgs(["--orders", "o.csv"]);
    expect(r).toMatchObject({
      ok: true,
      help: false,
      args: { orders: "o.csv", horizon: 28, levels: [0.5, 0.8, 0.9, 0.95], serviceLevel: 0.95, reviewDays: 7 },
    });
  });

  it("GIVEN --flag=value syntax WHEN parsed THEN it is accepted", () => {
    const r = parseForecastArgs(["--orders=o.csv", "--horizon=7"]);
    expect(r.ok && !r.help && r.args.horizon).toBe(7);
  });

  it.each([
    [["--horizon", "7"], "--orders"],
    [["--orders", "o.csv", "--horizon", "abc"], "--horizon"],
    [["--orders", "o.csv", "--horizon", "0"], "--horizon"],
    [["--orders", "o.csv", "--horizon", "2.5"], "--horizon"],
    [["--orders", "o.csv", "--levels", "0.5,1.2"], "--levels"],
    [["--orders", "o.csv", "--as-of", "2024-02-30"], "--as-of"],
    [["--orders", "o.csv", "--service-level", "95"], "--service-level"],
    [["--orders", "o.csv", "--bogus", "1"], "--bogus"],
    [["--orders"], "--orders"],
    [["--orders", "a.csv", "--orders", "b.csv"], "--orders"],
  ])("GIVEN %j WHEN parsed THEN the error names %s", (argv, flag) => {
    const r = parseForecastArgs(argv);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.flag).toBe(flag);
  });

  it("GIVEN a bad flag on the command line WHEN run THEN stderr names the flag and the exit code is 2", async () => {
    const r = await runCli(["forecast", "--orders", "x.csv", "--horizon", "-3"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--horizon");
  });
});
