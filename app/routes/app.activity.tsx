// Activity: every decision and audit event, filters, and one-click rollback of a price (confirmed in a modal). A
// price changed in Shopify since the decision comes back as a conflict with both prices: the merchant restores
// the old price anyway (confirmed) or keeps Shopify's.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { authenticate } from "~/shopify.server";
import { shopContext } from "~/services/shop.server";
import { listActivity } from "~/services/activity.server";
import { keepShopifyPrice } from "~/decisions/conflict.server";
import { rollbackDecision } from "~/decisions/rollback.server";
import { rollbackBatch } from "~/decisions/rollback-batch.server";
import { EmptyPage } from "~/components/EmptyPage";
import { ActivityView } from "~/components/activity/ActivityView";
import { activityQuerySchema, rollbackSchema, type RollbackActionData } from "~/components/activity/schema";
import { actorOf } from "~/lib/actor";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await shopContext(session.shop);
  const parsed = activityQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const query = parsed.success ? parsed.data : {};
  const view = await listActivity(shop, {
    kind: query.kind,
    automatic: query.automatic === undefined ? undefined : query.automatic === "yes",
    page: query.page,
    auditPage: query.auditPage,
    batchId: query.batch,
  });
  return json({ currency: shop.currency, view, query, invalidQuery: !parsed.success });
}

export async function action({ request }: ActionFunctionArgs) {
  const auth = await authenticate.admin(request);
  const shop = await shopContext(auth.session.shop);
  const actor = actorOf(auth);
  const parsed = rollbackSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.join(".") || "form"] ??= issue.message;
    return json<RollbackActionData>({ ok: false, fieldErrors }, { status: 400 });
  }
  const input = parsed.data;
  if (input.intent === "rollbackBatch") {
    const done = await rollbackBatch(shop, { actor, batchId: input.batchId, idempotencyKey: input.idempotencyKey });
    return json<RollbackActionData>({ ok: true, intent: "rollbackBatch", ...done });
  }
  if (input.intent === "keep") {
    const kept = await keepShopifyPrice(shop, { actor, decisionId: input.decisionId });
    if (!kept.ok)
      return json<RollbackActionData>(
        { ok: false, code: kept.code, message: kept.message },
        { status: statusOf(kept.code) },
      );
    return json<RollbackActionData>({ intent: "keep", ...kept });
  }
  const overwrite =
    input.overwritePrice === undefined
      ? undefined
      : { price: input.overwritePrice, compareAtPrice: input.overwriteCompareAtPrice ?? null };
  const result = await rollbackDecision(shop, {
    actor,
    decisionId: input.decisionId,
    idempotencyKey: input.idempotencyKey,
    overwrite,
  });
  if (!result.ok) {
    const conflict = result.code === "DECISIONS.ROLLBACK_CONFLICT" ? { conflict: result.conflict } : {};
    return json<RollbackActionData>(
      { ok: false, code: result.code, message: result.message, ...conflict },
      { status: statusOf(result.code) },
    );
  }
  return json<RollbackActionData>({ intent: "rollback", ...result });
}

const statusOf = (code: string): number =>
  code === "DECISIONS.NOT_FOUND" ? 404 : code === "DECISIONS.SHOPIFY_UNAVAILABLE" ? 503 : 409;

export default function ActivityPage() {
  const data = useLoaderData<typeof loader>();
  const filtered =
    data.query.kind !== undefined || data.query.automatic !== undefined || data.query.batch !== undefined;
  if (data.view.decisions.total === 0 && data.view.audit.total === 0 && !filtered)
    return <EmptyPage section="activity" />;
  return <ActivityView view={data.view} currency={data.currency} query={data.query} />;
}
