import { BlockStack, Card, Page, Text } from "@shopify/polaris";
import { useI18n } from "~/i18n";

/** The Polaris page shown by error boundaries. Never shows a stack trace to the merchant. */
export function ErrorPage({ status, detail }: { status?: number; detail?: string }) {
  const { t } = useI18n();
  return (
    <Page title={t("error.title")}>
      <Card>
        <BlockStack gap="200">
          {status ? (
            <Text as="p" variant="headingSm">
              {t("error.status", { status })}
            </Text>
          ) : null}
          <Text as="p">{t("error.body")}</Text>
          {detail ? (
            <Text as="p" tone="subdued">
              {detail}
            </Text>
          ) : null}
        </BlockStack>
      </Card>
    </Page>
  );
}
