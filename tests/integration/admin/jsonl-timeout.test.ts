// A bulk result download that goes silent is abandoned after the idle timeout instead of hanging the import for ever.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openJsonl } from "~/shopify/jsonl.server";

let server: http.Server;
let base = "";

describe("openJsonl idle timeout", () => {
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      res.writeHead(200, { "Content-Type": "application/jsonl" });
      if (req.url === "/stalls")
        res.write('{"id":"1"}\n'); // one row, then silence (the connection stays open)
      else res.end('{"id":"1"}\n{"id":"2"}\n');
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  it("reads a complete file, and gives up on one that stops sending", async () => {
    // GIVEN a complete result and one whose server stops sending after the first row
    const complete = await openJsonl(`${base}/complete`, undefined, 300);
    const stalled = await openJsonl(`${base}/stalls`, undefined, 300);
    if (!complete.ok || !stalled.ok) throw new Error("both should open");
    // WHEN both are read
    const rows = [];
    for await (const row of complete.value) rows.push(row.id);
    const partial: unknown[] = [];
    const reading = (async () => {
      for await (const row of stalled.value) partial.push(row.id);
    })();
    // THEN the complete one yields its rows, and the stalled one fails after its first row, naming the silence
    expect(rows).toEqual(["1", "2"]);
    await expect(reading).rejects.toThrow(/sent nothing for 300 ms/);
    expect(partial).toEqual(["1"]);
  });
});
