import { Card, EmptyState, Layout, Page } from "@shopify/polaris";
import { useI18n } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";

type Section = "dashboard" | "recommendations" | "replenishment" | "impact" | "activity" | "settings";

/** A real Polaris page whose feature has no data yet: it says what will appear and why. */
export function EmptyPage({ section, title }: { section: Section; title?: MessageKey }) {
  const { t } = useI18n();
  return (
    <Page title={t(title ?? (`${section}.title` as MessageKey))}>
      <Layout>
        <Layout.Section>
          <Card>
            <EmptyState heading={t(`${section}.empty.heading` as MessageKey)} image="/empty-state.svg">
              <p>{t(`${section}.empty.body` as MessageKey)}</p>
            </EmptyState>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
