// The Activity page's data: every Decision (who, when, before -> after, expected impact, automatic, push status)
// and every AuditEvent, each server-paginated, newest first; decisions filter by kind and automatic.
import type { ShopContext } from "~/services/shop.server";
import { variantLabel } from "~/lib/variant-label";

export const ACTIVITY_PAGE_SIZE = 20;
export const DECISION_KINDS = ["price", "reorder", "rollback"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export interface ActivityQuery {
  kind?: DecisionKind;
  automatic?: boolean;
  /** Decisions approved together (one push). */
  batchId?: string;
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
  batchId: string | null;
}

/** What an audit event changed, as plain values; the page words it in the admin's language. */
export interface AuditDetail {
  /** The variant concerned ("Product — Variant (SKU)"), when there is one. */
  variant?: string;
  /** The purchase order's number, for purchase-order events. */
  number?: string;
  kind?: string;
  vendor?: string;
  reason?: string;
  overrideReason?: string;
  error?: string;
  automatic?: boolean;
  before?: ValueState | string | null;
  after?: ValueState | string | null;
  shopify?: ValueState;
  decided?: ValueState;
  /** Received units (purchase_order.received). */
  units?: number;
  /** Settings: each changed field with its old and new value. */
  changes?: { field: string; before: string | number | boolean | null; after: string | number | boolean | null }[];
}

export interface AuditRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  entityType: string | null;
  entityId: string | null;
  decisionId: string | null;
  detail: AuditDetail;
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
  /** The batch filter's decisions that can still be rolled back (null without the filter). */
  batch: { id: string; rollbackable: number } | null;
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
    const v = JSON.parse(json) as {
      expected?: { change?: { grossProfit?: unknown } };
      marginAtRisk?: { value?: unknown };
    };
    const x = v.expected?.change?.grossProfit ?? v.marginAtRisk?.value;
    return typeof x === "number" && Number.isFinite(x) ? Math.round(x * 100) / 100 : null;
  } catch {
    return null;
  }
}

const page = (p: number | undefined): number => (p && Number.isInteger(p) && p > 0 ? p : 1);

const text = (x: unknown): string | undefined => (typeof x === "string" && x !== "" ? x.slice(0, 300) : undefined);
const scalar = (x: unknown): string | number | boolean | null =>
  typeof x === "string" || typeof x === "number" || typeof x === "boolean" ? x : null;
const valueOrDay = (x: unknown): ValueState | string | null | undefined =>
  x && typeof x === "object" ? state(JSON.stringify(x)) : typeof x === "string" ? x : x === null ? null : undefined;

/** An audit event's data, kept to the fields the page shows. */
function detail(json: string): { detail: AuditDetail; variantId: string | null } {
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return { detail: {}, variantId: null };
  }
  const d: AuditDetail = {};
  for (const key of ["kind", "reason", "overrideReason", "error", "vendor"] as const) {
    const x = text(v[key]);
    if (x) d[key] = x;
  }
  if (typeof v.automatic === "boolean") d.automatic = v.automatic;
  if (typeof v.number === "string") d.number = v.number;
  for (const key of ["before", "after"] as const) {
    const x = valueOrDay(v[key]);
    if (x !== undefined) d[key] = x;
  }
  for (const key of ["shopify", "decided"] as const)
    if (v[key] && typeof v[key] === "object") d[key] = state(JSON.stringify(v[key]));
  if (Array.isArray(v.lines))
    d.units = (v.lines as { quantity?: unknown }[]).reduce(
      (a, l) => a + (typeof l.quantity === "number" ? l.quantity : 0),
      0,
    );
  if (Array.isArray(v.changed)) {
    const before = (v.before ?? {}) as Record<string, unknown>;
    const after = (v.after ?? {}) as Record<string, unknown>;
    d.changes = (v.changed as unknown[])
      .filter((k): k is string => typeof k === "string")
      .slice(0, 12)
      .map((field) => ({ field, before: scalar(before[field]), after: scalar(after[field]) }));
    delete d.before;
    delete d.after;
  }
  return { detail: d, variantId: typeof v.variantId === "string" ? v.variantId : null };
}

export async function listActivity(shop: ShopContext, query: ActivityQuery = {}): Promise<ActivityView> {
  const where = {
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.automatic === undefined ? {} : { automatic: query.automatic }),
    ...(query.batchId ? { batchId: query.batchId } : {}),
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
  const details = events.map((e) => detail(e.data));
  // The variant of an audit event: named in its data, its entity, or its decision's.
  const eventDecisionIds = events.map((e) => e.decisionId).filter((x): x is string => x !== null);
  const eventDecisions = eventDecisionIds.length
    ? await shop.db.decision.findMany({
        where: { id: { in: eventDecisionIds } },
        select: { id: true, variantId: true },
      })
    : [];
  const decisionVariant = new Map(eventDecisions.map((d) => [d.id, d.variantId]));
  const eventVariant = events.map(
    (e, i) =>
      details[i].variantId ??
      (e.entityType === "variant" ? e.entityId : null) ??
      (e.decisionId ? (decisionVariant.get(e.decisionId) ?? null) : null),
  );
  const poIds = events.filter((e) => e.entityType === "PurchaseOrder" && e.entityId).map((e) => e.entityId as string);
  const [variants, pos, batchRollbackable] = await Promise.all([
    shop.db.variant.findMany({
      where: {
        id: {
          in: [...new Set([...decisions.map((d) => d.variantId), ...eventVariant].filter((v): v is string => !!v))],
        },
      },
      select: { id: true, title: true, sku: true, product: { select: { title: true } } },
    }),
    poIds.length
      ? shop.db.purchaseOrder.findMany({
          where: { id: { in: [...new Set(poIds)] } },
          select: { id: true, number: true },
        })
      : [],
    query.batchId
      ? shop.db.decision.count({
          where: {
            batchId: query.batchId,
            kind: "price",
            rolledBackAt: null,
            supersededAt: null,
            pushStatus: { in: ["verified", "pushed"] },
          },
        })
      : Promise.resolve(null),
  ]);
  const labelOf = new Map(
    variants.map((v) => [v.id, variantLabel(v.product.title, v.title) + (v.sku ? ` (${v.sku})` : "")]),
  );
  const numberOf = new Map(pos.map((p) => [p.id, p.number]));
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
        rollbackable:
          d.kind === "price" &&
          d.rolledBackAt === null &&
          d.supersededAt === null &&
          (d.pushStatus === "verified" || d.pushStatus === "pushed"),
        batchId: d.batchId,
      })),
    },
    audit: {
      page: aPage,
      total: eventTotal,
      hasNext: aPage * ACTIVITY_PAGE_SIZE < eventTotal,
      rows: events.map((e, i) => {
        const variantId = eventVariant[i];
        const label = variantId ? labelOf.get(variantId) : undefined;
        const number = e.entityType === "PurchaseOrder" && e.entityId ? numberOf.get(e.entityId) : undefined;
        return {
          id: e.id,
          at: e.at.toISOString(),
          actor: e.actor,
          action: e.action,
          entityType: e.entityType,
          entityId: e.entityId,
          decisionId: e.decisionId,
          detail: {
            ...details[i].detail,
            ...(label ? { variant: label } : {}),
            ...(number && !details[i].detail.number ? { number } : {}),
          },
        };
      }),
    },
    batch: query.batchId ? { id: query.batchId, rollbackable: batchRollbackable ?? 0 } : null,
  };
}
