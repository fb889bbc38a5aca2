// forEachYielding: CPU-bound loops in the web process give the event loop a turn (app/lib/yield.ts).
import { describe, expect, it } from "vitest";
import { forEachYielding } from "~/lib/yield";

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe("forEachYielding", () => {
  it("GIVEN items that each take longer than the budget WHEN looped THEN other callbacks run between items, in order", async () => {
    // GIVEN three items of 3 ms and a budget of 1 ms
    const seen: string[] = [];
    const ticker = setInterval(() => seen.push("tick"), 0);
    // WHEN
    await forEachYielding(
      ["a", "b", "c"],
      (item) => {
        busy(3);
        seen.push(item);
      },
      1,
    );
    clearInterval(ticker);
    // THEN every item ran in order, and a timer fired between the first and the last
    expect(seen.filter((x) => x !== "tick")).toEqual(["a", "b", "c"]);
    expect(seen.slice(seen.indexOf("a"), seen.indexOf("c"))).toContain("tick");
  });

  it("GIVEN quick items WHEN looped with a large budget THEN they run without waiting for a turn", async () => {
    // GIVEN
    let turns = 0;
    const ticker = setImmediate(() => turns++);
    const seen: number[] = [];
    // WHEN
    const done = forEachYielding([1, 2, 3], (n) => seen.push(n), 1_000);
    // THEN all items ran synchronously, before any other callback
    expect(seen).toEqual([1, 2, 3]);
    expect(turns).toBe(0);
    await done;
    clearImmediate(ticker);
  });
});
