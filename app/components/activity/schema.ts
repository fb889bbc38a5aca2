// Query and action schemas of the Activity page (server-validated; shared with the client for types).
import { z } from "zod";

export const activityQuerySchema = z.object({
  kind: z.enum(["price", "reorder", "rollback"]).optional(),
  automatic: z.enum(["yes", "no"]).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  auditPage: z.coerce.number().int().min(1).max(100_000).optional(),
});
export type ActivityQueryParams = z.infer<typeof activityQuerySchema>;

export const rollbackSchema = z.object({
  intent: z.literal("rollback"),
  decisionId: z.string().trim().min(1, "required").max(64, "too long"),
  idempotencyKey: z.string().trim().min(8, "at least 8 characters").max(100, "too long"),
});

export type RollbackActionData =
  | { ok: true; decisionId: string; pushJobId: string }
  | { ok: false; code?: string; message?: string; fieldErrors?: Record<string, string> };
