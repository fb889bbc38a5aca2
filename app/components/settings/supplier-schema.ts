// A supplier's settings as the page edits them and the server validates them (app/services/suppliers.server.ts).
import { z } from "zod";

export interface SupplierView {
  vendor: string;
  contactName: string;
  contactEmail: string;
  currency: string;
  documentLocale: "en" | "fr";
  /** The price list as the merchant edits it: one "SKU; reference; price" line per item. */
  catalogue: string;
}

export type SupplierError =
  | { field: "contactEmail"; code: "email" }
  | { field: "currency"; code: "currency" }
  | { field: "catalogue"; code: "unknownSku" | "price" | "format"; line: number; sku?: string };

export type SupplierSaveResult =
  { ok: true; count: number } | { ok: false; code: "SUPPLIERS.INVALID"; errors: SupplierError[] };

export const supplierSchema = z.object({
  vendor: z.string().trim().min(1).max(255),
  contactName: z.string().trim().max(255),
  contactEmail: z.string().trim().max(320),
  currency: z.string().trim().max(3),
  documentLocale: z.enum(["en", "fr"]),
  catalogue: z.string().max(500_000),
});

export type SupplierInput = z.infer<typeof supplierSchema>;
