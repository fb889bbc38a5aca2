// The fault-injecting proxy used by the resilience tests (tests/support/fault-proxy.ts), against a local echo server.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFaultProxy, type FaultProxy } from "../../support/fault-proxy";

let echo: net.Server;
let proxy: FaultProxy;

/** Sends `text` on a new connection and resolves with what came back within `waitMs` (or the error code). */
function roundTrip(text: string, waitMs = 300): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port: proxy.port });
    let got = "";
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(got === "" ? "(silence)" : got);
    }, waitMs);
    socket.on("data", (d) => {
      got += d;
      if (got.length >= text.length) {
        clearTimeout(timer);
        socket.destroy();
        resolve(got);
      }
    });
    socket.on("error", (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(`(${e.code})`);
    });
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(got === "" ? "(closed)" : got);
    });
    socket.write(text);
  });
}

describe("fault proxy", () => {
  beforeAll(async () => {
    echo = net.createServer((s) => s.pipe(s));
    await new Promise<void>((r) => echo.listen(0, "127.0.0.1", () => r()));
    proxy = await startFaultProxy({ host: "127.0.0.1", port: (echo.address() as net.AddressInfo).port });
  });
  afterAll(async () => {
    await proxy.close();
    await new Promise<void>((r) => echo.close(() => r()));
  });

  it("forwards, refuses, drops silently and delays as told, and heals", async () => {
    // GIVEN the proxy in front of an echo server
    // WHEN it passes bytes THEN they come back
    expect(await roundTrip("ping")).toBe("ping");
    // WHEN it refuses THEN the connection is reset or closed at once
    proxy.setMode("refuse");
    expect(await roundTrip("ping")).toMatch(/^\((ECONNRESET|closed)\)$/);
    // WHEN it drops bytes THEN the connection stays open and silent (no reset, no answer)
    proxy.setMode("blackhole");
    expect(await roundTrip("ping")).toBe("(silence)");
    // WHEN it delays by 400 ms THEN nothing comes back within 200 ms, then it does
    proxy.setMode("delay", { delayMs: 400 });
    expect(await roundTrip("ping", 200)).toBe("(silence)");
    expect(await roundTrip("ping", 2000)).toBe("ping");
    // WHEN it heals THEN new connections work again
    proxy.setMode("pass");
    expect(await roundTrip("pong")).toBe("pong");
  });

  it("keeps a connection that lost bytes silent after the partition heals", async () => {
    // GIVEN an open connection through the proxy
    const socket = net.connect({ host: "127.0.0.1", port: proxy.port });
    await new Promise((r) => socket.once("connect", r));
    let got = "";
    socket.on("data", (d) => (got += d));
    // WHEN bytes are dropped during a partition and it then heals
    proxy.setMode("blackhole");
    socket.write("lost");
    await new Promise((r) => setTimeout(r, 100));
    proxy.setMode("pass");
    socket.write("after");
    await new Promise((r) => setTimeout(r, 200));
    // THEN that connection never answers again (its stream is corrupt): the client must notice and reconnect
    expect(got).toBe("");
    expect(socket.destroyed).toBe(false);
    socket.destroy();
  });
});
