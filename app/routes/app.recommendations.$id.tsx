// The explanation panel's data: reasons, forecast, elasticity, guardrails and expected impact of one row.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { shopContext } from "~/services/shop.server";
import { explainRecommendation } from "~/services/recommendations.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await shopContext(session.shop);
  const explanation = await explainRecommendation(shop, params.id ?? "");
  if (!explanation) throw json({ code: "RECOMMENDATIONS.NOT_FOUND" }, { status: 404 });
  return json(explanation);
}
