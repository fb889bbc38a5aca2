import type { LoaderFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { EmptyPage } from "~/components/EmptyPage";

export async function loader({ request }: LoaderFunctionArgs) {
  await authenticate.admin(request);
  return null;
}

export default function ImpactPage() {
  return <EmptyPage section="impact" />;
}
