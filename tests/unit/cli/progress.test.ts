import { describe, expect, it } from "vitest";
import { createProgress } from "../../../app/cli/progress";

function sink(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, sink: { isTTY, write: (s: string) => writes.push(s) } };
}

describe("progress on stderr", () => {
  it("GIVEN a TTY WHEN a file streams THEN a bar is redrawn in place and ends with a newline", () => {
    const { writes, sink: s } = sink(true);
    let t = 0;
    const p = createProgress(s, () => (t += 200));
    p.update("/x/orders.csv", 50, 100);
    p.update("/x/orders.csv", 100, 100);
    p.done();
    expect(writes[0]).toMatch(/^\r\[#{15}-{15}\] {2}50% orders\.csv/);
    expect(writes[1]).toContain("100%");
    expect(writes.at(-1)).toBe("\n");
  });

  it("GIVEN no TTY and a small file WHEN it streams THEN nothing is printed", () => {
    const { writes, sink: s } = sink(false);
    const p = createProgress(s);
    p.update("orders.csv", 10, 100);
    p.update("orders.csv", 100, 100);
    p.done();
    expect(writes).toEqual([]);
  });

  it("GIVEN no TTY and a big file WHEN it streams THEN plain lines appear at most each quarter", () => {
    const { writes, sink: s } = sink(false);
    const p = createProgress(s);
    const total = 100 * 1048576;
    for (let b = 0; b <= total; b += total / 100) p.update("orders.csv", b, total);
    expect(writes).toHaveLength(5);
    expect(writes[4]).toMatch(/^reading orders\.csv: 100%/);
  });
});
