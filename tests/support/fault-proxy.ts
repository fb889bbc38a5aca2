// A loopback TCP proxy that injects network faults between the app and PostgreSQL or Redis (tests and benchmarks).
// Modes, switchable at any time:
// - "pass": forwards both ways.
// - "refuse": open connections are reset and new ones are closed at once (a stopped server).
// - "blackhole": connections are accepted and every byte both ways is dropped silently, no reset (a partition,
//   a dead peer). A connection that lost bytes stays silent for good: its stream is corrupt, so a client must notice
//   the silence (timeouts) and open a new one. New connections after the partition heals work.
// - "delay": every chunk is forwarded `delayMs` later.
import net from "node:net";

export type FaultMode = "pass" | "refuse" | "blackhole" | "delay";

export interface FaultProxy {
  readonly port: number;
  /** Connections accepted since start. */
  readonly accepted: number;
  setMode(mode: FaultMode, options?: { delayMs?: number }): void;
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  server: net.Socket | null;
  dead: boolean; // lost bytes: silent until closed
}

export async function startFaultProxy(upstream: { host: string; port: number }): Promise<FaultProxy> {
  let mode: FaultMode = "pass";
  let delayMs = 0;
  let accepted = 0;
  const pairs = new Set<Pair>();

  const forward = (pair: Pair, to: () => net.Socket | null) => (chunk: Buffer) => {
    if (pair.dead || mode === "blackhole") {
      pair.dead = true;
      return;
    }
    const send = () => {
      const target = to();
      if (!pair.dead && target && !target.destroyed) target.write(chunk);
    };
    if (mode === "delay" && delayMs > 0) setTimeout(send, delayMs).unref();
    else send();
  };

  const server = net.createServer((client) => {
    accepted++;
    if (mode === "refuse") {
      client.resetAndDestroy();
      return;
    }
    const pair: Pair = { client, server: null, dead: mode === "blackhole" };
    pairs.add(pair);
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      pair.server?.destroy();
    };
    client.on("error", close);
    client.on("close", close);
    client.on(
      "data",
      forward(pair, () => pair.server),
    );
    if (pair.dead) return; // accepted during a partition: nothing ever goes upstream
    const upstreamSocket = net.connect(upstream);
    pair.server = upstreamSocket;
    // Bytes the client sends before the upstream connection is up are queued by the socket itself.
    upstreamSocket.on(
      "data",
      forward(pair, () => client),
    );
    upstreamSocket.on("error", close);
    upstreamSocket.on("close", () => {
      // A blackholed pair keeps the client waiting in silence (no FIN, no reset).
      if (!pair.dead) close();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    get accepted() {
      return accepted;
    },
    setMode(next, options = {}) {
      mode = next;
      delayMs = options.delayMs ?? 0;
      if (next === "refuse") {
        for (const pair of [...pairs]) {
          pairs.delete(pair);
          pair.client.resetAndDestroy();
          pair.server?.destroy();
        }
      }
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.server?.destroy();
      }
      pairs.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
