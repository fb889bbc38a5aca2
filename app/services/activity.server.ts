// The Activity page's data: every Decision (who, when, before -> after, expected impact, automatic, push status)
// and every AuditEvent, each server-paginated, newest first; decisions filter by kind and automatic.
import type { ShopContext } from "~/services/shop.server";

export const ACTIVITY_PAGE_SIZE = 20;
export const DECISION_KINDS = ["price", "reorder", "rollback"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export interface ActivityQuery {
  kind?: DecisionKind;
  automatic?: boolean;
  /** 1-based. */
  page?: number;
  auditPage?: number;
}

export interface ValueState {
  price?: number | null;
  compareAtPrice?: number | null;
  quantity?: number | null;
}

export interface DecisionRow {
  id: string;
  createdAt: string;
  actor: string;
  kind: string;
  automatic: boolean;
  variantId: string | null;
  variantLabel: string;
  before: ValueState;
  after: ValueState;
  expectedProfitDelta: number | null;
  overrideReason: string | null;
  pushStatus: string;
  pushError: string | null;
  verifiedAt: string | null;
  rolledBackAt: string | null;
  /** The merchant kept a price changed in Shopify since instead of rolling back. */
  supersededAt: string | null;
  rollbackOfId: string | null;
  rollbackable: boolean;
}

export interface AuditRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  entityType: string | null;
  entityId: string | null;
  decisionId: string | null;
  detail: string;
}

export interface Paged<T> {
  rows: T[];
  page: number;
  total: number;
  hasNext: boolean;
}

export interface ActivityView {
  decisions: Paged<DecisionRow>;
  audit: Paged<AuditRow>;
}

function state(json: string): ValueState {
  try {
    const v = JSON.parse(json) as Record<string, unknown>;
    const num = (x: unknown): number | null => (typeof x === "number" && Number.isFinite(x) ? x : null);
    return { price: num(v.price), compareAtPrice: num(v.compareAtPrice), quantity: num(v.quantity) };
  } catch {
    return {};
  }
}

/** The gross-profit change the decision was expected to bring (price: expected.change; reorder: margin at risk). */
function expectedProfit(json: string): number | null {
  try {
    const v = JSON.parse(json) as { expected?: { change?: { grossProfit?: unknown } }; marginAtRisk?: { value?: unknown } };
    const x = v.expected?.change?.grossProfit ?? v.marginAtRisk?.value;
    return typeof x === "number" && Number.isFinite(x) ? Math.round(x * 100) / 100 : null;
  } catch {
    return null;
  }
}

const page = (p: number | undefined): number => (p && Number.isInteger(p) && p > 0 ? p : 1);

/** A short text of an audit event's data (the keys that matter; at most 200 characters). */
function detail(json: string): string {
  try {
    const v = JSON.parse(json) as Record<string, unknown>;
    const parts: string[] = [];
    for (const key of ["kind", "reason", "overrideReason", "error", "number", "vendor"]) {
      const x = v[key];
      if (typeof x === "string" && x !== "") parts.push(`${key}: ${x}`);
    }
    for (const key of ["shopify", "decided", "before", "after"]) {
      const s = v[key] as ValueState | undefined;
      if (s && typeof s === "object" && typeof s.price === "number") parts.push(`${key}: ${s.price.toFixed(2)}`);
      else if (s && typeof s === "object" && typeof s.quantity === "number") parts.push(`${key}: ${s.quantity}`);
    }
    return parts.join(" · ").slice(0, 200);
  } catch {
    return "";
  }
}

export async function listActivity(shop: ShopContext, query: ActivityQuery = {}): Promise<ActivityView> {
  const where = {
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.automatic === undefined ? {} : { automatic: query.automatic }),
  };
  const dPage = page(query.page);
  const aPage = page(query.auditPage);
  const [decisions, decisionTotal, events, eventTotal] = await Promise.all([
    shop.db.decision.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (dPage - 1) * ACTIVITY_PAGE_SIZE,
      take: ACTIVITY_PAGE_SIZE,
    }),
    shop.db.decision.count({ where }),
    shop.db.auditEvent.findMany({
      where: { action: { not: "decisions.batch_approved" } },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (aPage - 1) * ACTIVITY_PAGE_SIZE,
      take: ACTIVITY_PAGE_SIZE,
    }),
    shop.db.auditEvent.count({ where: { action: { not: "decisions.batch_approved" } } }),
  ]);
  const variantIds = [...new Set(decisions.map((d) => d.variantId).filter((v): v is string => v !== null))];
  const variants = await shop.db.variant.findMany({
    where: { id: { in: variantIds } },
    select: { id: true, title: true, sku: true, product: { select: { title: true } } },
  });
  const labelOf = new Map(variants.map((v) => [v.id, [v.product.title, v.title === "Default Title" ? null : v.title].filter(Boolean).join(" — ") + (v.sku ? ` (${v.sku})` : "")]));
  const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
  return {
    decisions: {
      page: dPage,
      total: decisionTotal,
      hasNext: dPage * ACTIVITY_PAGE_SIZE < decisionTotal,
      rows: decisions.map((d) => ({
        id: d.id,
        createdAt: d.createdAt.toISOString(),
        actor: d.actor,
        kind: d.kind,
        automatic: d.automatic,
        variantId: d.variantId,
        variantLabel: (d.variantId && labelOf.get(d.variantId)) || "—",
        before: state(d.before),
        after: state(d.after),
        expectedProfitDelta: expectedProfit(d.expectedImpact),
        overrideReason: d.overrideReason,
        pushStatus: d.pushStatus,
        pushError: d.pushError,
        verifiedAt: iso(d.verifiedAt),
        rolledBackAt: iso(d.rolledBackAt),
        supersededAt: iso(d.supersededAt),
        rollbackOfId: d.rollbackOfId,
        rollbackable: d.kind === "price" && d.rolledBackAt === null && d.supersededAt === null && (d.pushStatus === "verified" || d.pushStatus === "pushed"),
      })),
    },
    audit: {
      page: aPage,
      total: eventTotal,
      hasNext: aPage * ACTIVITY_PAGE_SIZE < eventTotal,
      rows: events.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actor: e.actor,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        decisionId: e.decisionId,
        detail: detail(e.data),
      })),
    },
  };
}
