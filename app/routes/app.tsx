import { useMemo } from "react";
import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import { boundary } from "@shopify/shopify-app-remix/server";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import polarisEn from "@shopify/polaris/locales/en.json";
import polarisFr from "@shopify/polaris/locales/fr.json";
import appStyles from "~/styles/app.css?url";
import { authenticate } from "~/shopify.server";
import { I18nContext, translator } from "~/i18n";
import { resolveLocale } from "~/i18n/locale.server";
import { setLogShop } from "~/logger.server";
import { DemoNav } from "~/components/DemoNav";
import { NAV_ITEMS } from "~/components/nav";

export const links = () => [{ rel: "stylesheet", href: appStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  setLogShop(session.shop);
  const { locale, setCookie } = await resolveLocale(request);
  return json(
    { apiKey: process.env.SHOPIFY_API_KEY ?? "", locale, demo: context.demo === true, shop: session.shop },
    setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined,
  );
}

export default function AppLayout() {
  const { apiKey, locale, demo } = useLoaderData<typeof loader>();
  // One translator per language: consumers memoising on `t` keep their work across re-renders.
  const i18n = useMemo(() => ({ locale, t: translator(locale) }), [locale]);
  return (
    // In the demo there is no admin around the app, and App Bridge's CDN script is unreachable.
    <AppProvider isEmbeddedApp={!demo} apiKey={apiKey} i18n={locale === "fr" ? polarisFr : polarisEn}>
      <I18nContext.Provider value={i18n}>
        <NavMenu>
          {NAV_ITEMS.map((item) => (
            <Link key={item.to} to={item.to} rel={item.to === "/app" ? "home" : undefined}>
              {i18n.t(item.label)}
            </Link>
          ))}
        </NavMenu>
        {demo ? <DemoNav /> : null}
        <Outlet />
      </I18nContext.Provider>
    </AppProvider>
  );
}

// Shopify's boundary turns auth responses (redirects, bounce page) into what the admin expects; anything else
// reaches the root ErrorBoundary, which renders a Polaris error page.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
