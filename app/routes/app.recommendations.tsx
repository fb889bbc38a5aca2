// Recommendations: pending price and reorder suggestions, server-side keyset pages, bulk approve / reject.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { authenticate } from "~/shopify.server";
import { shopContext } from "~/services/shop.server";
import { listRecommendations, recommendationFilterOptions } from "~/services/recommendations.server";
import { approveRecommendations, rejectRecommendations } from "~/decisions/decide.server";
import { EmptyPage } from "~/components/EmptyPage";
import { RecommendationsView } from "~/components/recommendations/RecommendationsView";
import {
  decisionRequestSchema,
  listQuerySchema,
  type ActionData,
  type ItemError,
} from "~/components/recommendations/schema";
import { actorOf } from "~/lib/actor";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await shopContext(session.shop);
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const q = listQuerySchema.parse(params);
  // Filters the URL named but that did not parse (each is dropped on its own).
  const ignored = ["type", "vendor", "productType", "confidence", "impact"].filter(
    (k) => params[k] && q[k as keyof typeof q] == null,
  );
  const filters = {
    kind: q.type,
    vendor: q.vendor,
    productType: q.productType,
    minConfidence: q.confidence == null ? undefined : q.confidence / 100,
    minImpact: q.impact,
    search: q.q,
  };
  const [page, options] = await Promise.all([
    listRecommendations(shop, { filters, after: q.after, before: q.before, pageSize: q.size, withTotals: true }),
    recommendationFilterOptions(shop),
  ]);
  return json({ currency: shop.currency, page, options, query: q, ignored });
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await authenticate.admin(request);
  const shop = await shopContext(auth.session.shop);
  const actor = actorOf(auth);
  let body: unknown;
  try {
    const form = await request.formData();
    body = JSON.parse(String(form.get("payload") ?? ""));
  } catch {
    return json<ActionData>({ ok: false, error: "payload must be a JSON form field" }, { status: 400 });
  }
  const parsed = decisionRequestSchema.safeParse(body);
  if (!parsed.success) {
    // Field-level errors on the rows they belong to (items.<i>.price -> that row's price).
    const raw = body as { items?: { recommendationId?: unknown }[] } | null;
    const itemErrors: ItemError[] = [];
    const other: string[] = [];
    for (const issue of parsed.error.issues) {
      const [head, index, field] = issue.path;
      const id = head === "items" && typeof index === "number" ? raw?.items?.[index]?.recommendationId : undefined;
      if (typeof id === "string" && typeof field === "string")
        itemErrors.push({ recommendationId: id, field, code: "INVALID_INPUT", message: issue.message });
      else other.push(`${issue.path.join(".") || "payload"}: ${issue.message}`);
    }
    return json<ActionData>({ ok: false, error: other.join("; ") || undefined, itemErrors }, { status: 400 });
  }
  const input = parsed.data;
  if (input.intent === "reject") {
    const result = await rejectRecommendations(shop, {
      actor,
      recommendationIds: input.items.map((i) => i.recommendationId),
      reason: input.reason,
    });
    return json<ActionData>({ ok: true, intent: "reject", outcomes: result.outcomes });
  }
  const result = await approveRecommendations(shop, {
    actor,
    idempotencyKey: input.idempotencyKey,
    items: input.items,
  });
  return json<ActionData>({
    ok: true,
    intent: "approve",
    outcomes: result.outcomes,
    batchId: result.batchId,
    pushJobId: result.pushJobId,
  });
}

export default function RecommendationsPage() {
  const data = useLoaderData<typeof loader>();
  const filtered = ["q", "type", "vendor", "productType", "confidence", "impact"].some(
    (k) => k in data.query && data.query[k as keyof typeof data.query] != null,
  );
  if (data.page.rows.length === 0 && !filtered && !data.page.previous) return <EmptyPage section="recommendations" />;
  return <RecommendationsView data={data} />;
}
