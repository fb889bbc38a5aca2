import { Link, useLocation } from "@remix-run/react";
import { Banner, Box, ButtonGroup, Button, InlineStack, Text } from "@shopify/polaris";
import { useI18n, type Locale } from "~/i18n";
import { NAV_ITEMS } from "./nav";

/** Navigation for the demo, where App Bridge's admin nav (loaded from Shopify's CDN) is not available. */
export function DemoNav() {
  const { t, locale } = useI18n();
  const { pathname, search } = useLocation();
  const switchTo = (next: Locale) => {
    const params = new URLSearchParams(search);
    params.set("locale", next);
    return `${pathname}?${params.toString()}`;
  };
  return (
    <Box paddingInline="400" paddingBlockStart="300">
      <BlockNav>
        <InlineStack gap="200" align="space-between" blockAlign="center">
          <nav aria-label="Pilotage">
            <InlineStack gap="100">
              {NAV_ITEMS.map((item) => {
                const active = item.to === "/app" ? pathname === "/app" : pathname.startsWith(item.to);
                return (
                  <Link
                    key={item.to}
                    to={item.to}
                    className={`pilotage-nav-link${active ? " is-active" : ""}`}
                    aria-current={active ? "page" : undefined}
                  >
                    {t(item.label)}
                  </Link>
                );
              })}
            </InlineStack>
          </nav>
          <InlineStack gap="200" blockAlign="center">
            <Text as="span" tone="subdued">
              {t("demo.language")}
            </Text>
            <ButtonGroup variant="segmented">
              <Button url={switchTo("en")} pressed={locale === "en"}>
                EN
              </Button>
              <Button url={switchTo("fr")} pressed={locale === "fr"}>
                FR
              </Button>
            </ButtonGroup>
          </InlineStack>
        </InlineStack>
        <Box paddingBlockStart="300">
          <Banner tone="info">{t("demo.banner")}</Banner>
        </Box>
      </BlockNav>
    </Box>
  );
}

function BlockNav({ children }: { children: React.ReactNode }) {
  return <div className="pilotage-demo-nav">{children}</div>;
}
