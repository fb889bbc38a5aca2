// Suppliers in Settings: each vendor's contact, the currency of its prices, the language of its documents,
// and its own references and prices per variant (a price list pasted as "SKU; reference; price" lines).
// Saved in one transaction with an AuditEvent; a bad line is refused with its number and reason.
import { VENDOR_DEFAULTS } from "~/core/defaults";
import type { ShopContext } from "~/services/shop.server";
import {
  supplierSchema,
  type SupplierError,
  type SupplierInput,
  type SupplierSaveResult,
  type SupplierView,
} from "~/components/settings/supplier-schema";
import { decimal, roundTo } from "~/core/money";

export { supplierSchema, type SupplierError, type SupplierInput, type SupplierSaveResult, type SupplierView };

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

async function vendorNames(shop: ShopContext): Promise<string[]> {
  const [catalogue, saved] = await Promise.all([
    shop.db.product.findMany({
      where: { deletedAt: null, vendor: { not: null } },
      distinct: ["vendor"],
      select: { vendor: true },
    }),
    shop.db.vendorSettings.findMany({ select: { vendor: true } }),
  ]);
  return [...new Set([...catalogue.map((p) => p.vendor!.trim()).filter(Boolean), ...saved.map((v) => v.vendor)])].sort(
    (a, b) => a.localeCompare(b),
  );
}

export async function loadSuppliers(shop: ShopContext): Promise<SupplierView[]> {
  const [names, rows, items] = await Promise.all([
    vendorNames(shop),
    shop.db.vendorSettings.findMany({}),
    shop.db.supplierItem.findMany({
      include: { variant: { select: { sku: true } } },
      orderBy: [{ vendor: "asc" }, { id: "asc" }],
    }),
  ]);
  const byVendor = new Map(rows.map((r) => [r.vendor, r]));
  return names.map((vendor) => {
    const r = byVendor.get(vendor);
    const lines = items
      .filter((i) => i.vendor === vendor && i.variant.sku)
      .map((i) =>
        [i.variant.sku, i.supplierSku ?? "", i.unitCost === null ? "" : String(roundTo(decimal(i.unitCost), 4))].join(
          "; ",
        ),
      );
    return {
      vendor,
      contactName: r?.contactName ?? "",
      contactEmail: r?.contactEmail ?? "",
      currency: r?.currency ?? "",
      documentLocale: (r?.documentLocale ?? VENDOR_DEFAULTS.documentLocale) === "fr" ? "fr" : "en",
      catalogue: lines.join("\n"),
    };
  });
}

/** "SKU; reference; price" lines (tab also separates; a decimal comma is read as a point). */
export function parseCatalogue(
  text: string,
  skuToVariant: Map<string, string>,
): { items: { variantId: string; supplierSku: string | null; unitCost: number | null }[]; errors: SupplierError[] } {
  const items = new Map<string, { variantId: string; supplierSku: string | null; unitCost: number | null }>();
  const errors: SupplierError[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const parts = line.split(/[;\t]/).map((p) => p.trim());
    if (parts.length < 2 || parts.length > 3 || !parts[0])
      return errors.push({ field: "catalogue", code: "format", line: i + 1 });
    const variantId = skuToVariant.get(parts[0]);
    if (!variantId) return errors.push({ field: "catalogue", code: "unknownSku", line: i + 1, sku: parts[0] });
    const priceText = (parts[2] ?? "").replace(",", ".");
    const price = priceText === "" ? null : Number(priceText);
    if (price !== null && !(Number.isFinite(price) && price >= 0))
      return errors.push({ field: "catalogue", code: "price", line: i + 1 });
    items.set(variantId, { variantId, supplierSku: parts[1] || null, unitCost: price });
  });
  return { items: [...items.values()], errors };
}

export async function saveSupplier(
  shop: ShopContext,
  input: { actor: string; values: SupplierInput },
): Promise<SupplierSaveResult> {
  const v = input.values;
  const errors: SupplierError[] = [];
  if (v.contactEmail && !EMAIL.test(v.contactEmail)) errors.push({ field: "contactEmail", code: "email" });
  const currency = v.currency.toUpperCase();
  if (currency && !/^[A-Z]{3}$/.test(currency)) errors.push({ field: "currency", code: "currency" });
  const variants = await shop.db.variant.findMany({
    where: { vendor: v.vendor, deletedAt: null, sku: { not: null } },
    select: { id: true, sku: true },
  });
  const parsed = parseCatalogue(v.catalogue, new Map(variants.map((x) => [x.sku!, x.id])));
  errors.push(...parsed.errors);
  if (errors.length > 0) return { ok: false, code: "SUPPLIERS.INVALID", errors };
  const terms = {
    contactName: v.contactName || null,
    contactEmail: v.contactEmail || null,
    currency: currency || null,
    documentLocale: v.documentLocale,
  };
  await shop.db.$transaction([
    shop.db.vendorSettings.upsert({
      where: { shopId_vendor: { shopId: shop.id, vendor: v.vendor } },
      create: { shopId: shop.id, vendor: v.vendor, ...terms },
      update: terms,
    }),
    shop.db.supplierItem.deleteMany({ where: { vendor: v.vendor } }),
    // In slices: SQLite binds at most 999 parameters per statement.
    ...Array.from({ length: Math.ceil(parsed.items.length / 100) }, (_, k) =>
      shop.db.supplierItem.createMany({
        data: parsed.items.slice(k * 100, k * 100 + 100).map((i) => ({ shopId: shop.id, vendor: v.vendor, ...i })),
      }),
    ),
    shop.db.auditEvent.create({
      data: {
        shopId: shop.id,
        actor: input.actor,
        action: "supplier.updated",
        entityType: "VendorSettings",
        entityId: v.vendor,
        data: JSON.stringify({ ...terms, items: parsed.items.length }),
      },
    }),
  ]);
  return { ok: true, count: parsed.items.length };
}
