import "@shopify/shopify-app-remix/adapters/node";
import { ApiVersion, AppDistribution, LogSeverity, shopifyApp } from "@shopify/shopify-app-remix/server";
import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { prisma } from "./db.server";
import { readEnv } from "./env.server";
import { log } from "./logger.server";
import { API_VERSION, SCOPES } from "./scopes";
import { refuseBadProxyRequest, refuseBadSessionToken } from "./shopify/request-guards.server";
import { CachedSessionStorage } from "./shopify/session-cache.server";
import { onShopAuthenticated } from "./sync/import/install.server";

// Fails start-up with a message naming the variable when configuration is missing or invalid.
const env = readEnv();

const shopify = shopifyApp({
  apiKey: env.SHOPIFY_API_KEY,
  apiSecretKey: env.SHOPIFY_API_SECRET,
  apiVersion: API_VERSION as ApiVersion,
  scopes: env.SCOPES?.split(",") ?? [...SCOPES],
  appUrl: env.SHOPIFY_APP_URL,
  authPathPrefix: "/auth",
  sessionStorage: new CachedSessionStorage(new PrismaSessionStorage(prisma)),
  distribution: AppDistribution.AppStore,
  useOnlineTokens: false,
  hooks: {
    // Token exchange runs this after storing a new offline session (install, and each renewal): idempotent.
    // A failure is logged, never thrown: authentication must not fail because the import could not be queued.
    afterAuth: async ({ session }) => {
      if (!session.accessToken) return;
      try {
        await onShopAuthenticated({ shop: session.shop, accessToken: session.accessToken });
      } catch (error) {
        log.error("afterAuth: shop set-up failed", {
          shop: session.shop,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    },
  },
  future: {
    unstable_newEmbeddedAuthStrategy: true,
    expiringOfflineAccessTokens: true,
  },
  logger: {
    level: LogSeverity.Info,
    log: (severity, message) => {
      const level = severity <= 0 ? "error" : severity === 1 ? "warn" : severity === 2 ? "info" : "debug";
      log[level](message, { source: "shopify-api" });
    },
  },
  ...(env.SHOP_CUSTOM_DOMAIN ? { customShopDomains: [env.SHOP_CUSTOM_DOMAIN] } : {}),
});

export default shopify;
export const apiVersion = API_VERSION as ApiVersion;
/** Verifies webhook HMACs (app/webhooks/verify.server.ts). */
export const apiSecretKey = env.SHOPIFY_API_SECRET;
export const addDocumentResponseHeaders = shopify.addDocumentResponseHeaders;
/**
 * The library's authenticate, with the checks it lacks run first (app/shopify/request-guards.server.ts):
 * session tokens without `exp` or whose `dest`/`iss` are not the same shop get 401, app proxy requests
 * without a shop domain or a fresh timestamp get 400, where the library would accept them or answer 500.
 */
export const authenticate: typeof shopify.authenticate = {
  ...shopify.authenticate,
  admin: async (request) => {
    const refused = refuseBadSessionToken(request);
    if (refused) throw refused;
    return shopify.authenticate.admin(request);
  },
  public: {
    ...shopify.authenticate.public,
    appProxy: async (request) => {
      const refused = refuseBadProxyRequest(request);
      if (refused) throw refused;
      return shopify.authenticate.public.appProxy(request);
    },
  },
};
export const unauthenticated = shopify.unauthenticated;
export const login = shopify.login;
export const registerWebhooks = shopify.registerWebhooks;
export const sessionStorage = shopify.sessionStorage;
