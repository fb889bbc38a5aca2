// What the purchase order page shows: the order, the shop's name for the document, its receipts, the active
// locations to receive into, and the vendor's contact (the page warns when it is missing).
import type { ShopContext } from "~/services/shop.server";
import { receiptsOf } from "./receipts.server";
import { loadPurchaseOrder } from "./views.server";

export async function loadPurchaseOrderPage(shop: ShopContext, purchaseOrderId: string) {
  const po = await loadPurchaseOrder(shop, purchaseOrderId);
  if (!po) return null;
  const [shopRow, receipts, locations, vendor] = await Promise.all([
    shop.db.shop.findFirst({ select: { name: true } }),
    receiptsOf(shop, po.id),
    shop.db.location.findMany({
      where: { isActive: true },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    shop.db.vendorSettings.findFirst({ where: { vendor: po.vendor }, select: { contactEmail: true } }),
  ]);
  return {
    po,
    shopName: shopRow?.name ?? shop.domain,
    receipts,
    locations,
    contactEmail: vendor?.contactEmail ?? null,
  };
}
