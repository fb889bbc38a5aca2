// App-owned metafields. `$app:pilotage` is the app-reserved namespace: Shopify stores it as
// `app--{api-client-id}--pilotage`, writable by this app only (shopify.dev/docs/apps/build/custom-data/ownership).
import type { AdminGateway } from "./admin-gateway.server";
import { adminDocument } from "./document.server";
import type { AdminApiError, UserError } from "./result.server";
import type { AppMetafieldsSetMutation, AppMetafieldsSetMutationVariables } from "~/types/admin.generated";

export const APP_NAMESPACE = "$app:pilotage";

export const APP_METAFIELDS_SET = adminDocument<AppMetafieldsSetMutation, AppMetafieldsSetMutationVariables>(`#graphql
  mutation AppMetafieldsSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields {
        id
        namespace
        key
        value
        type
      }
      userErrors {
        field
        message
        code
        elementIndex
      }
    }
  }
`);

export interface AppMetafield {
  ownerId: string;
  key: string;
  value: string;
  /** A metafield type, e.g. "json", "number_decimal", "single_line_text_field". */
  type: string;
}

export interface MetafieldResult {
  ownerId: string;
  key: string;
  status: "set" | "rejected" | "failed";
  /** The stored namespace (app--{id}--pilotage) when set. */
  namespace: string | null;
  userErrors: UserError[];
  error?: AdminApiError;
}

/** Sets app-owned metafields, 25 per call (Shopify's limit); metafieldsSet is atomic per call. */
export async function setAppMetafields(gateway: AdminGateway, entries: AppMetafield[]): Promise<MetafieldResult[]> {
  const results: MetafieldResult[] = [];
  for (let i = 0; i < entries.length; i += 25) {
    const batch = entries.slice(i, i + 25);
    const response = await gateway.request(APP_METAFIELDS_SET, {
      metafields: batch.map((m) => ({
        ownerId: m.ownerId,
        namespace: APP_NAMESPACE,
        key: m.key,
        value: m.value,
        type: m.type,
      })),
    });
    if (!response.ok) {
      for (const m of batch)
        results.push({
          ownerId: m.ownerId,
          key: m.key,
          status: "failed",
          namespace: null,
          userErrors: [],
          error: response.error,
        });
      continue;
    }
    const payload = response.value.metafieldsSet;
    const userErrors = payload?.userErrors ?? [];
    const stored = payload?.metafields ?? [];
    batch.forEach((m, index) => {
      const mine = userErrors.filter(
        (e) => e.elementIndex === null || e.elementIndex === undefined || e.elementIndex === index,
      );
      // Shopify returns the metafields in input order.
      const hit = userErrors.length === 0 ? (stored[index] ?? stored.find((s) => s.key === m.key)) : undefined;
      results.push({
        ownerId: m.ownerId,
        key: m.key,
        status: hit ? "set" : "rejected",
        namespace: hit?.namespace ?? null,
        userErrors: mine,
      });
    });
  }
  return results;
}
