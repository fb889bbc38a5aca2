// GET /app/purchase-orders/:id/csv: the purchase order as a CSV attachment (UTF-8 with BOM, RFC 4180).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { shopContext } from "~/services/shop.server";
import { purchaseOrderCsvFile } from "~/replenishment/views.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await shopContext(session.shop);
  const file = await purchaseOrderCsvFile(shop, params.id ?? "");
  if (!file) throw new Response("Not found", { status: 404 });
  return new Response(file.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
