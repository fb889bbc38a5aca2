// The app's real webhook routes (HMAC verified while streaming, durable intake) behind a loopback HTTP server, for
// an emulator's webhookTarget. `intercept` may answer a delivery itself (a delivery that never reaches the app).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

type Action = (args: { request: Request; params: object; context: object }) => Promise<Response>;

export interface WebhookReceiver {
  url: string;
  close(): Promise<void>;
}

export async function startWebhookReceiver(
  topics: string[],
  intercept?: (req: IncomingMessage, raw: Buffer) => number | null,
): Promise<WebhookReceiver> {
  const actions = new Map<string, Action>();
  for (const t of topics)
    actions.set(
      `/webhooks/${t}`,
      ((await import(`../../app/routes/webhooks.${t.replace("/", ".")}.tsx`)) as { action: Action }).action,
    );
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const answered = intercept?.(req, raw);
    if (answered != null) return void res.writeHead(answered).end();
    const action = actions.get(req.url ?? "");
    if (!action) return void res.writeHead(404).end();
    const request = new Request(`https://pilotage.example.com${req.url}`, {
      method: "POST",
      headers: req.headers as Record<string, string>,
      body: raw,
    });
    let status: number;
    try {
      status = (await action({ request, params: {}, context: {} })).status;
    } catch (thrown) {
      if (!(thrown instanceof Response)) throw thrown;
      status = thrown.status;
    }
    res.writeHead(status).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
