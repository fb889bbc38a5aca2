// An open-loop HTTP load generator: requests leave on a fixed schedule whatever the server answers, so a slow
// server cannot slow the generator down and hide its own latency (Gil Tene's "coordinated omission", as in wrk2).
// Latency is measured from each request's SCHEDULED send time to the end of its response.
import http from "node:http";
import { quantile } from "./report";

export interface OpenLoopRequest {
  /** Default POST. */
  method?: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface OpenLoopOptions {
  url: string;
  /** Requests per second. */
  rate: number;
  durationMs: number;
  /** Builds request number i (called just before it is sent). */
  request: (i: number) => OpenLoopRequest;
  /** A request still unanswered after this long counts as an error (Shopify gives up after 5 s). */
  timeoutMs?: number;
  /** Most open connections (default 512). */
  maxSockets?: number;
  /** Latency of every answer, whatever its status (default: of 200 answers only). */
  latencyOfAll?: boolean;
}

export interface OpenLoopResult {
  rate: number;
  durationMs: number;
  sent: number;
  ok: number;
  errors: number;
  /** Status codes or error codes of the failures, with counts. */
  errorKinds: Record<string, number>;
  /** Worst lag of the generator behind its schedule (ms): large values mean the client, not the server, was late. */
  maxSendLagMs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /**
   * p99 from the moment the generator actually sent each request rather than its scheduled time: the part of the
   * latency the generator's own lateness (a loaded machine) does not explain. Not the headline figure.
   */
  p99FromSend: number;
  /** Completed requests per second over the run. */
  achievedRate: number;
  /** From the first send to the last answer (ms). */
  elapsedMs: number;
}

export async function runOpenLoop(opts: OpenLoopOptions): Promise<OpenLoopResult> {
  const target = new URL(opts.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 512 });
  const timeoutMs = opts.timeoutMs ?? 5000;
  const total = Math.round((opts.rate * opts.durationMs) / 1000);
  const interval = 1000 / opts.rate;
  const latencies: number[] = [];
  const fromSend: number[] = [];
  const errorKinds: Record<string, number> = {};
  let ok = 0;
  let errors = 0;
  let sent = 0;
  let maxSendLagMs = 0;
  const fail = (kind: string) => {
    errors++;
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
  };
  const pending: Promise<void>[] = [];

  const send = (i: number, scheduled: number) =>
    new Promise<void>((resolve) => {
      const r = opts.request(i);
      const sentAt = performance.now();
      let settled = false;
      const done = (kind: string | null) => {
        if (settled) return;
        settled = true;
        if (kind === null) {
          ok++;
          latencies.push(performance.now() - scheduled);
          fromSend.push(performance.now() - sentAt);
        } else {
          if (opts.latencyOfAll && kind.startsWith("HTTP ")) latencies.push(performance.now() - scheduled);
          fail(kind);
        }
        resolve();
      };
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: r.method ?? "POST",
          path: r.path,
          agent,
          headers: { ...r.headers, "Content-Length": Buffer.byteLength(r.body) },
        },
        (res) => {
          res.resume();
          res.on("end", () => done(res.statusCode === 200 ? null : `HTTP ${res.statusCode}`));
          res.on("error", (e: NodeJS.ErrnoException) => done(e.code ?? "response error"));
        },
      );
      // A deadline from the scheduled time, not a socket idle timeout: a request waiting for a socket counts too.
      const timer = setTimeout(
        () => {
          done("timeout");
          req.destroy();
        },
        Math.max(1, scheduled + timeoutMs - performance.now()),
      );
      req.on("close", () => clearTimeout(timer));
      req.on("error", (e: NodeJS.ErrnoException) => done(e.code ?? "request error"));
      req.end(r.body);
    });

  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        const scheduled = start + sent * interval;
        maxSendLagMs = Math.max(maxSendLagMs, now - scheduled);
        pending.push(send(sent, scheduled));
        sent++;
      }
      if (sent >= total) resolve();
      else setTimeout(tick, Math.max(0, Math.min(5, start + sent * interval - performance.now())));
    };
    tick();
  });
  await Promise.all(pending);
  const elapsed = performance.now() - start;
  agent.destroy();
  return {
    rate: opts.rate,
    durationMs: opts.durationMs,
    sent,
    ok,
    errors,
    errorKinds,
    maxSendLagMs,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
    p99FromSend: quantile(fromSend, 0.99),
    max: latencies.length ? latencies.reduce((a, b) => Math.max(a, b), 0) : NaN,
    achievedRate: (ok / elapsed) * 1000,
    elapsedMs: elapsed,
  };
}
