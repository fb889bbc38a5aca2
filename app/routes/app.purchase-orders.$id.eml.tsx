// GET /app/purchase-orders/:id/eml: an e-mail ready to send to the vendor (.eml, the PDF attached, addressed
// to the vendor's contact); the merchant's mail client opens it as a draft. No mail server involved.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { shopContext } from "~/services/shop.server";
import { purchaseOrderEmlFile } from "~/replenishment/documents.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await shopContext(session.shop);
  const file = await purchaseOrderEmlFile(shop, params.id ?? "");
  if (!file) throw new Response("Not found", { status: 404 });
  return new Response(file.body, {
    headers: {
      "Content-Type": "message/rfc822",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
