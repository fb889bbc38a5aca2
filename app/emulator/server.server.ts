// The local Admin API emulator: a loopback HTTP server that answers the app's GraphQL with graphql-js against
// Shopify's real Admin schema, charges query costs to a leaky bucket (THROTTLED when short), checks the access
// token, serves bulk-operation JSONL files, and places orders that it announces to the app by signed webhooks.
//   POST /admin/api/{version}/graphql.json   the Admin API (X-Shopify-Access-Token; X-Shopify-Shop-Domain)
//   GET  /emulator/bulk/{id}.jsonl           a bulk operation's result
//   POST /emulator/orders                    {variantId, quantity, locationId?, customerId?, price?}
//   GET  /emulator/health
import { createReadStream } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  execute,
  getOperationAST,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
} from "graphql";
import type { SimShop } from "~/demo/simulator";
import { adminSchema } from "./admin-schema.server";
import { BulkRunner } from "./bulk.server";
import { actualCost, LeakyBucket, requestedCost, type BucketConfig, type CostInput } from "./cost.server";
import { placeOrder, type PlaceOrderInput } from "./place-order.server";
import { buildState, type EmuOrder, type EmulatorState } from "./state.server";
import { mutationRoot, queryRoot, type EmulatorContext } from "./views.server";
import { inventoryLevelPayload, orderPayload, refundPayload, sendWebhook, type WebhookResult } from "./webhooks.server";
import { refundOrder, type RefundOrderInput } from "./refund-order.server";

export interface WebhookTarget {
  /** The app's origin (webhooks go to {appUrl}/webhooks/{topic}). */
  appUrl: string;
  /** The app's client secret (SHOPIFY_API_SECRET). */
  secret: string;
}

export interface EmulatorOptions {
  sim: SimShop;
  /** The offline access token the app must present. */
  token: string;
  /** 0 or omitted = any free port. Always bound to 127.0.0.1. */
  port?: number;
  bucket?: BucketConfig;
  webhookTarget?: WebhookTarget;
  /** The app's API client id (for `$app` metafield namespaces); default "pilotage". */
  appId?: string;
  now?: () => Date;
  /** How long a bulk operation runs before its file is written (default 200 ms). */
  bulkLatencyMs?: number;
}

export interface PlacedOrder {
  order: EmuOrder;
  webhooks: WebhookResult[];
}

export interface Emulator {
  /** e.g. http://127.0.0.1:41234 — the app's SHOPIFY_ADMIN_API_ORIGIN. */
  url: string;
  state: EmulatorState;
  /** Requests answered, and how many of them were THROTTLED. */
  stats: { requests: number; throttled: number };
  setWebhookTarget(target: WebhookTarget | undefined): void;
  /** Same as POST /emulator/orders. */
  placeOrder(input: PlaceOrderInput): Promise<{ ok: true; placed: PlacedOrder } | { ok: false; message: string }>;
  /** Same as POST /emulator/refunds: refunds/create then orders/updated. */
  refundOrder(
    input: RefundOrderInput,
  ): Promise<{ ok: true; refundId: string; webhooks: WebhookResult[] } | { ok: false; message: string }>;
  /** Resolves when a running bulk operation has finished. */
  bulkSettled(): Promise<void>;
  stop(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
};

function readBody(req: IncomingMessage, limit = 10 << 20): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error("body too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const errorEntry = (e: GraphQLError) => e.toJSON();

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const schema = adminSchema();
  const state = buildState(options.sim, options.appId);
  const now = options.now ?? (() => new Date());
  const bucket = new LeakyBucket(options.bucket);
  const stats = { requests: 0, throttled: 0 };
  let webhookTarget = options.webhookTarget;
  let url = "";

  const context = (): EmulatorContext => ({
    state,
    bulk: false,
    now,
    currentBulk: () => bulk.currentOperation(),
    runBulk: (query) => bulk.run(query),
  });
  const bulk = new BulkRunner({ schema, context, baseUrl: () => url, now, latencyMs: options.bulkLatencyMs });

  function graphql(body: { query?: unknown; variables?: unknown; operationName?: unknown }) {
    if (typeof body.query !== "string" || !body.query.trim()) {
      return { status: 400, body: { errors: { query: "Required parameter missing or invalid" } } };
    }
    let document: DocumentNode;
    try {
      document = parse(body.query);
    } catch (err) {
      return { status: 200, body: { errors: [errorEntry(err as GraphQLError)] } };
    }
    const invalid = validate(schema, document);
    if (invalid.length > 0) return { status: 200, body: { errors: invalid.map(errorEntry) } };
    const operationName = typeof body.operationName === "string" ? body.operationName : undefined;
    const operation = getOperationAST(document, operationName);
    if (!operation)
      return {
        status: 200,
        body: { errors: [{ message: "An operation name is required when the document has several operations." }] },
      };
    const variables = (body.variables && typeof body.variables === "object" ? body.variables : {}) as Record<
      string,
      unknown
    >;
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    const costInput: CostInput = { schema, operation, fragments, variables };
    const requested = requestedCost(costInput);
    if (requested > bucket.maxQueryCost) {
      return {
        status: 200,
        body: {
          errors: [
            {
              message: `Query cost is ${requested}, which exceeds the single query max cost limit (${bucket.maxQueryCost}).`,
              extensions: { code: "MAX_COST_EXCEEDED", cost: requested, maxCost: bucket.maxQueryCost },
            },
          ],
          extensions: {
            cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: bucket.status() },
          },
        },
      };
    }
    if (!bucket.take(requested)) {
      stats.throttled++;
      return {
        status: 200,
        body: {
          errors: [
            {
              message: "Throttled",
              extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
            },
          ],
          extensions: {
            cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: bucket.status() },
          },
        },
      };
    }
    const ctx = context();
    const result = execute({
      schema,
      document,
      operationName,
      variableValues: variables,
      contextValue: ctx,
      rootValue: operation.operation === "mutation" ? mutationRoot(ctx) : queryRoot(ctx),
    });
    if ("then" in result) throw new Error("emulator: resolvers must be synchronous");
    const actual = actualCost(costInput, result.data, requested);
    bucket.refund(requested - actual);
    return {
      status: 200,
      body: {
        ...(result.errors?.length ? { errors: result.errors.map(errorEntry) } : {}),
        data: result.data ?? null,
        extensions: {
          cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() },
        },
      },
    };
  }

  /** Sends the deliveries in order to the webhook target, if any. */
  async function deliver(deliveries: [topic: string, payload: unknown][]): Promise<WebhookResult[]> {
    const target = webhookTarget;
    if (!target) return [];
    const webhooks: WebhookResult[] = [];
    for (const [topic, payload] of deliveries) {
      webhooks.push(
        await sendWebhook({
          appUrl: target.appUrl,
          secret: target.secret,
          topic,
          shop: state.shop.domain,
          payload,
        }).catch((): WebhookResult => ({ topic, webhookId: "", status: 0 })),
      );
    }
    return webhooks;
  }

  async function place(input: PlaceOrderInput) {
    const result = placeOrder(state, input, now());
    if (!result.ok) return result;
    const webhooks = await deliver([
      ["orders/create", orderPayload(state, result.order)],
      ...(result.level ? [["inventory_levels/update", inventoryLevelPayload(result.level)] as [string, unknown]] : []),
      ...result.componentLevels.map((l) => ["inventory_levels/update", inventoryLevelPayload(l)] as [string, unknown]),
    ]);
    return { ok: true as const, placed: { order: result.order, webhooks } };
  }

  async function refund(input: RefundOrderInput) {
    const result = refundOrder(state, input, now());
    if (!result.ok) return result;
    const webhooks = await deliver([
      ["refunds/create", refundPayload(state, result.order, result.refund)],
      ["orders/updated", orderPayload(state, result.order)],
    ]);
    return { ok: true as const, refundId: result.refund.id, webhooks };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method === "POST" && /^\/admin\/api\/(\d{4}-\d{2}|unstable)\/graphql\.json$/.test(path)) {
      stats.requests++;
      if (req.headers["x-shopify-access-token"] !== options.token) {
        return json(res, 401, {
          errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
        });
      }
      const shop = req.headers["x-shopify-shop-domain"];
      if (shop !== undefined && shop !== state.shop.domain) return json(res, 404, { errors: "Not Found" });
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return json(res, 400, { errors: { query: "Required parameter missing or invalid" } });
      }
      const out = graphql((body ?? {}) as Record<string, unknown>);
      return json(res, out.status, out.body);
    }
    const bulkFile = /^\/emulator\/bulk\/(\d+)\.jsonl$/.exec(path);
    if (req.method === "GET" && bulkFile) {
      const file = bulk.filePath(bulkFile[1]);
      if (!file) return json(res, 404, { errors: "Not Found" });
      res.writeHead(200, { "Content-Type": "application/jsonl" });
      createReadStream(file).pipe(res);
      return;
    }
    /** A JSON body, or undefined after answering 400 with the expected shape. */
    const jsonBody = async <T>(shape: string): Promise<T | undefined> => {
      try {
        return (JSON.parse(await readBody(req)) as T | null) ?? ({} as T);
      } catch {
        json(res, 400, { error: `body must be JSON: ${shape}` });
        return undefined;
      }
    };
    if (req.method === "POST" && path === "/emulator/orders") {
      const input = await jsonBody<PlaceOrderInput>("{variantId, quantity, locationId?, customerId?, price?}");
      if (!input) return;
      const result = await place(input);
      if (!result.ok) return json(res, 400, { error: result.message });
      return json(res, 201, {
        order: { id: result.placed.order.id, name: result.placed.order.name },
        webhooks: result.placed.webhooks,
      });
    }
    if (req.method === "POST" && path === "/emulator/refunds") {
      const input = await jsonBody<RefundOrderInput>("{orderId, lines: [{lineId, quantity}]}");
      if (!input) return;
      const result = await refund(input);
      if (!result.ok) return json(res, 400, { error: result.message });
      return json(res, 201, { refund: { id: result.refundId }, webhooks: result.webhooks });
    }
    if (req.method === "GET" && path === "/emulator/health") {
      return json(res, 200, { ok: true, shop: state.shop.domain, orders: state.orders.length });
    }
    return json(res, 404, { errors: "Not Found" });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => {
      if (!res.headersSent) json(res, 500, { errors: `emulator: ${err.message}` });
      else res.destroy(err);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    state,
    stats,
    setWebhookTarget: (target) => {
      webhookTarget = target;
    },
    placeOrder: place,
    refundOrder: refund,
    bulkSettled: () => bulk.settled(),
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      bulk.dispose();
    },
  };
}
