// Shapes shared by the Recommendations route (server validation) and its components.
import { z } from "zod";
import type { ItemOutcome } from "~/decisions/types";

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v ? v : undefined));
const optionalNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? Number(v) : undefined))
    .pipe(z.number().min(min).max(max).optional());

/** The table's URL: filters and the keyset cursor. A value that does not parse is dropped (the page shows
 *  that it was ignored), the other filters still apply. */
export const listQuerySchema = z.object({
  /** Words of a product title or a SKU. */
  q: optionalText.catch(undefined),
  type: z.enum(["price", "reorder"]).optional().catch(undefined),
  vendor: optionalText.catch(undefined),
  productType: optionalText.catch(undefined),
  /** Percent 0..100. */
  confidence: optionalNumber(0, 100).catch(undefined),
  impact: optionalNumber(-1e9, 1e9).catch(undefined),
  /** Rows per page: 25 (default), 50 or 100. */
  size: z
    .enum(["25", "50", "100"])
    .optional()
    .transform((v) => (v ? Number(v) : undefined))
    .catch(undefined),
  after: optionalText.catch(undefined),
  before: optionalText.catch(undefined),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

const cents = (v: number) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6;

export const decisionItemSchema = z.object({
  recommendationId: z.string().min(1).max(64),
  price: z
    .number({ invalid_type_error: "price must be a number" })
    .positive("price must be above 0")
    .max(1e9)
    .refine(cents, "price must have at most 2 decimals")
    .optional(),
  quantity: z
    .number({ invalid_type_error: "quantity must be a number" })
    .int("quantity must be a whole number")
    .positive("quantity must be above 0")
    .max(1e7)
    .optional(),
  overrideReason: z.string().trim().min(5, "the override reason needs at least 5 characters").max(500).optional(),
});

export const decisionRequestSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("approve"),
    idempotencyKey: z.string().min(8).max(100),
    items: z.array(decisionItemSchema).min(1).max(250),
  }),
  z.object({
    intent: z.literal("reject"),
    idempotencyKey: z.string().min(8).max(100).optional(),
    items: z
      .array(decisionItemSchema.pick({ recommendationId: true }))
      .min(1)
      .max(250),
    reason: z.string().trim().max(500).optional(),
  }),
]);
export type DecisionRequest = z.infer<typeof decisionRequestSchema>;

export interface ItemError {
  recommendationId: string;
  field: string;
  /** "INVALID_INPUT" (zod) or a DECISIONS.* code. */
  code: string;
  message: string;
}

export type ActionData =
  | { ok: false; error?: string; itemErrors?: ItemError[] }
  | { ok: true; intent: "approve" | "reject"; outcomes: ItemOutcome[]; batchId?: string; pushJobId?: string | null };
