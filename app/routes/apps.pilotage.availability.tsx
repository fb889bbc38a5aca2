// App proxy: GET /apps/pilotage/availability?variant=<id> (Shopify forwards it from the storefront, signed).
// Fresh signal facts for the theme block when the shopper switches variant. Cacheable, no personal data, and a
// neutral answer for any variant the app does not know; a bad, missing or old signature is rejected (400).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { availabilityFacts } from "~/storefront/proxy.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.public.appProxy(request);
  const variant = new URL(request.url).searchParams.get("variant");
  const body = await availabilityFacts(session?.shop ?? null, variant);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "public, max-age=60",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
