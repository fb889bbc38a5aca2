import { randomUUID } from "node:crypto";
import path from "node:path";
import { Readable } from "node:stream";
import express, { type RequestHandler } from "express";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { log, withLogContext } from "~/logger.server";

/**
 * Idle keep-alive connections stay open 65 s (Node's default is 5 s): longer than the idle timeout of the proxies
 * and load balancers in front of an app (60 s is common), and than a webhook sender's pause between deliveries, so
 * the server never closes a connection at the moment the peer reuses it (the peer then sees ECONNRESET: one lost
 * acknowledgement, and a 502 behind a proxy). headersTimeout must exceed it.
 */
export function keepConnections(server: { keepAliveTimeout: number; headersTimeout: number }): void {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}

export interface HttpAppOptions {
  build: ServerBuild;
  /** Folder of the client build (build/client). */
  clientDir: string;
  /** True only from the demo entry point. */
  demo: boolean;
  /** Runs before Remix; the demo uses it to sign its own requests. */
  before?: RequestHandler[];
}

/** The Express app shared by the production and demo entry points. */
export function createHttpApp({ build, clientDir, demo, before = [] }: HttpAppOptions) {
  const app = express();
  app.disable("x-powered-by");

  app.use((req, res, next) => {
    const requestId = (req.headers["x-request-id"] as string | undefined) ?? randomUUID();
    const started = process.hrtime.bigint();
    res.setHeader("X-Request-Id", requestId);
    withLogContext({ requestId, shop: null }, () => {
      res.on("finish", () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (req.originalUrl.startsWith("/assets/")) return;
        log.info("request", {
          method: req.method,
          path: req.path,
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
          shop: (req.headers["x-shopify-shop-domain"] as string | undefined) ?? (req.query.shop as string | undefined),
        });
      });
      next();
    });
  });

  app.use("/assets", express.static(path.join(clientDir, "assets"), { immutable: true, maxAge: "1y" }));
  // Other static files (favicon, ...) only for paths that name a file: no file-system lookup per page or API call.
  const files = express.static(clientDir, { maxAge: "1h" });
  app.use((req, res, next) => (/\.[a-z0-9]+$/i.test(req.path) ? files(req, res, next) : next()));
  for (const handler of before) app.use(handler);
  // The storefront's hot endpoint (every variant switch of every shopper): the same route module's loader,
  // called without Remix's router to save a millisecond a request (docs/benchmarks.md, bench:proxy).
  app.get(APP_PROXY_PATH, directLoader(build, "routes/apps.pilotage.availability", demo));
  // Webhooks likewise (issue 16: acknowledgement within 100 ms at 200/s): the route modules' actions, straight.
  for (const [route, action] of webhookActions(build)) app.post(route, directAction(action, demo));
  app.all("*", createRequestHandler({ build, getLoadContext: () => ({ demo }) }));
  return app;
}

const APP_PROXY_PATH = "/apps/pilotage/availability";

/** Runs a resource route's loader straight from the server build; errors and thrown Responses as Remix would. */
function directLoader(build: ServerBuild, routeId: string, demo: boolean): RequestHandler {
  const loader = build.routes[routeId]?.module.loader;
  if (!loader) throw new Error(`server build has no loader for ${routeId}`);
  return (req, res, next) =>
    answer(res, next, () => {
      const request = new Request(`http://${req.headers.host ?? "localhost"}${req.originalUrl}`, { method: "GET" });
      return loader({ request, params: {}, context: { demo } }) as Promise<Response>;
    });
}

/** Sends what `run` returns or throws as a Response, as Remix would; anything else thrown goes to Express. */
async function answer(
  res: Parameters<RequestHandler>[1],
  next: Parameters<RequestHandler>[2],
  run: () => Promise<Response>,
): Promise<void> {
  try {
    let response: Response;
    try {
      response = await run();
    } catch (thrown) {
      if (!(thrown instanceof Response)) throw thrown;
      response = thrown;
    }
    res.status(response.status);
    response.headers.forEach((value, key) => res.setHeader(key, value));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (err) {
    next(err);
  }
}

type Action = NonNullable<ServerBuild["routes"][string]["module"]["action"]>;

/** "/webhooks/orders/create" -> its route's action, for every `webhooks.*` route module of the build. */
function webhookActions(build: ServerBuild): Map<string, Action> {
  const actions = new Map<string, Action>();
  for (const route of Object.values(build.routes)) {
    if (route.parentId === "root" && route.path?.startsWith("webhooks/") && route.module.action)
      actions.set(`/${route.path}`, route.module.action);
  }
  return actions;
}

/** Runs a resource route's action straight, with the request body streamed as Remix would. */
function directAction(action: Action, demo: boolean): RequestHandler {
  return (req, res, next) =>
    answer(res, next, () => {
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) for (const v of value) headers.append(key, v);
        else if (value !== undefined) headers.set(key, value);
      }
      const request = new Request(`http://${req.headers.host ?? "localhost"}${req.originalUrl}`, {
        method: req.method,
        headers,
        body: Readable.toWeb(req) as ReadableStream<Uint8Array>,
        duplex: "half",
      } as RequestInit);
      return action({ request, params: {}, context: { demo } }) as Promise<Response>;
    });
}

export async function loadServerBuild(root: string): Promise<ServerBuild> {
  const file = path.join(root, "build", "server", "index.js");
  try {
    return (await import(file)) as ServerBuild;
  } catch (err) {
    throw new Error(
      `The app is not built (${file} is missing or broken): run \`npm run build\` first. ${(err as Error).message}`,
    );
  }
}
