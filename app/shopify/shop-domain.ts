// A shop's permanent domain, as Shopify names it in webhooks, session tokens and app proxy requests:
// "<name>.myshopify.com". Anything else (another host, a URL, a path) is refused before it reaches the
// Shopify library, whose session id helpers throw on it. Pure.
const SHOP_DOMAIN = /^[a-zA-Z0-9][a-zA-Z0-9_-]*\.myshopify\.com$/;

export function isShopDomain(value: unknown): value is string {
  return typeof value === "string" && value.length <= 255 && SHOP_DOMAIN.test(value);
}
