// GET /app/purchase-orders/:id/pdf: the purchase order as the vendor receives it (PDF, fonts embedded, in the
// vendor's language, its references and prices).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { shopContext } from "~/services/shop.server";
import { purchaseOrderPdfFile } from "~/replenishment/documents.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await shopContext(session.shop);
  const file = await purchaseOrderPdfFile(shop, params.id ?? "");
  if (!file) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(file.body), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
