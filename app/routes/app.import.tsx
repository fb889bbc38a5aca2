// Resource route of the history import (Settings' ImportCard): GET = status JSON; POST mode=incremental|full
// starts a re-sync or a full re-import (refused while one is queued or running).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { importStatus, requestShopImport } from "~/services/import.server";
import { shopContext } from "~/services/shop.server";
import { authenticate } from "~/shopify.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await shopContext(session.shop);
  return json({ status: await importStatus(shop) });
}

const body = z.object({ mode: z.enum(["incremental", "full"]) });

async function readBody(request: Request): Promise<unknown> {
  if ((request.headers.get("Content-Type") ?? "").includes("application/json")) return request.json().catch(() => null);
  const form = await request.formData().catch(() => null);
  return form ? Object.fromEntries(form) : null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await shopContext(session.shop);
  const parsed = body.safeParse(await readBody(request));
  if (!parsed.success) {
    return json(
      { ok: false as const, code: "IMPORT.INVALID_REQUEST", message: 'mode must be "incremental" or "full"' },
      { status: 400 },
    );
  }
  const result = await requestShopImport(shop, parsed.data.mode);
  if (!result.ok) return json({ ok: false as const, code: result.code, message: result.message }, { status: 409 });
  return json({ ok: true as const, jobId: result.jobId });
}
