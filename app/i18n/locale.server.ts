import { createCookie } from "@remix-run/node";
import { normaliseLocale, type Locale } from "./index";

// The admin passes `locale` on the embedded app's first request; later navigations reuse the cookie.
export const localeCookie = createCookie("pilotage_locale", {
  path: "/",
  sameSite: "none",
  secure: true,
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export async function resolveLocale(request: Request): Promise<{ locale: Locale; setCookie: string | null }> {
  const url = new URL(request.url);
  const fromQuery = normaliseLocale(url.searchParams.get("locale"));
  const fromCookie = normaliseLocale(await localeCookie.parse(request.headers.get("Cookie")));
  if (fromQuery) {
    return { locale: fromQuery, setCookie: fromQuery !== fromCookie ? await localeCookie.serialize(fromQuery) : null };
  }
  if (fromCookie) return { locale: fromCookie, setCookie: null };
  const accept = request.headers.get("Accept-Language") ?? "";
  const fromHeader = accept
    .split(",")
    .map((part) => normaliseLocale(part.split(";")[0]))
    .find((l): l is Locale => l !== null);
  return { locale: fromHeader ?? "en", setCookie: null };
}
