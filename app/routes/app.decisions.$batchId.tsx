// Push progress of an approved batch (JSON), polled by the Recommendations and Activity screens.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { shopContext } from "~/services/shop.server";
import { pushStatus } from "~/decisions/push.server";

const params = z.object({
  batchId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
});

export async function loader({ request, params: raw }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const parsed = params.safeParse(raw);
  if (!parsed.success) return json({ error: "batchId: invalid" }, { status: 400 });
  const shop = await shopContext(session.shop);
  const status = await pushStatus(shop, parsed.data.batchId);
  // Another shop's batch (or an unknown one) has no decisions here.
  if (status.total === 0) return json({ error: "batch not found" }, { status: 404 });
  return json(status, { headers: { "Cache-Control": "no-store" } });
}
