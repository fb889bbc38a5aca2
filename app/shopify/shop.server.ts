// The shop's identity: name, currency, time zone and primary locale.
import type { AdminGateway } from "./admin-gateway.server";
import { adminDocument } from "./document.server";
import { ok, type AdminResult } from "./result.server";
import type { ShopInfoQuery, ShopInfoQueryVariables } from "~/types/admin.generated";

export const SHOP_INFO = adminDocument<ShopInfoQuery, ShopInfoQueryVariables>(`#graphql
  query ShopInfo {
    shop {
      name
      myshopifyDomain
      currencyCode
      ianaTimezone
    }
    shopLocales(published: true) {
      locale
      primary
    }
  }
`);

export interface ShopInfo {
  name: string;
  domain: string;
  currency: string;
  timezone: string;
  /** Primary published locale, e.g. "fr"; "en" if the shop reports none. */
  locale: string;
}

export async function fetchShopInfo(gateway: AdminGateway): Promise<AdminResult<ShopInfo>> {
  const result = await gateway.request(SHOP_INFO, {});
  if (!result.ok) return result;
  const { shop, shopLocales } = result.value;
  return ok({
    name: shop.name,
    domain: shop.myshopifyDomain,
    currency: shop.currencyCode,
    timezone: shop.ianaTimezone,
    locale: (shopLocales.find((l) => l.primary) ?? shopLocales[0])?.locale ?? "en",
  });
}
