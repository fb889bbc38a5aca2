// Query and action schemas of the Activity page (server-validated; shared with the client for types).
import { z } from "zod";

export const activityQuerySchema = z.object({
  kind: z.enum(["price", "reorder", "rollback"]).optional(),
  automatic: z.enum(["yes", "no"]).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  auditPage: z.coerce.number().int().min(1).max(100_000).optional(),
  batch: z
    .string()
    .trim()
    .regex(/^[\w:-]{1,100}$/)
    .optional(),
});
export type ActivityQueryParams = z.infer<typeof activityQuerySchema>;

const decisionId = z.string().trim().min(1, "required").max(64, "too long");
const amount = z
  .string()
  .trim()
  .regex(/^\d{1,9}(\.\d{1,2})?$/, "a price with at most 2 decimals")
  .transform(Number);

/** Roll back (with `overwritePrice` once the merchant confirmed overwriting Shopify's changed price), or keep it. */
export const rollbackSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("rollback"),
    decisionId,
    idempotencyKey: z.string().trim().min(8, "at least 8 characters").max(100, "too long"),
    overwritePrice: amount.optional(),
    /** "" = Shopify had no compare-at price. */
    overwriteCompareAtPrice: z.union([z.literal("").transform(() => null), amount]).optional(),
  }),
  z.object({ intent: z.literal("keep"), decisionId }),
  z.object({
    intent: z.literal("rollbackBatch"),
    batchId: z.string().trim().min(1, "required").max(100, "too long"),
    idempotencyKey: z.string().trim().min(8, "at least 8 characters").max(100, "too long"),
  }),
]);

export interface PriceStateData {
  price: number;
  compareAtPrice: number | null;
}

export interface PriceConflictData {
  decisionId: string;
  shopify: PriceStateData;
  decided: PriceStateData;
  before: PriceStateData;
}

export type RollbackActionData =
  | { ok: true; intent: "rollback"; decisionId: string; pushJobId: string }
  | { ok: true; intent: "keep"; decisionId: string; shopify: PriceStateData }
  | { ok: true; intent: "rollbackBatch"; sent: number; conflicts: number; failed: number }
  | { ok: false; code?: string; message?: string; fieldErrors?: Record<string, string>; conflict?: PriceConflictData };
