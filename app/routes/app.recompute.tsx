// Resource route of the full recompute's progress (Settings' RecomputeCard): GET = the shop's newest run as JSON.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { shopContext } from "~/services/shop.server";
import { authenticate } from "~/shopify.server";
import { recomputeProgress } from "~/services/settings.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await shopContext(session.shop);
  return json({ status: await recomputeProgress(shop) });
}
