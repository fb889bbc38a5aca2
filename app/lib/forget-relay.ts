// Per-process caches of a shop (its context, app/services/shop.server.ts; the app proxy's ids and answers,
// app/storefront/proxy.server.ts) are forgotten at once by app/uninstalled, shop/redact and a (re)install, which run
// in jobs. When the jobs run in the web process's job thread (app/server/job-thread.server.ts), the thread's
// caches are not the ones the web thread serves from: the thread sets the relay, and the web thread forgets too.

export interface ForgottenShop {
  cache: "shop-context" | "proxy-shop";
  domain: string;
  shopId?: string;
}

declare global {
  var __pilotageForgetRelay: ((forgotten: ForgottenShop) => void) | undefined;
}

/** Called by the caches' forget functions: passes it on to the web thread when this is the job thread. */
export function relayForget(forgotten: ForgottenShop): void {
  globalThis.__pilotageForgetRelay?.(forgotten);
}

/** The job thread: where forgotten shops go (null: nowhere). */
export function setForgetRelay(relay: ((forgotten: ForgottenShop) => void) | null): void {
  globalThis.__pilotageForgetRelay = relay ?? undefined;
}
