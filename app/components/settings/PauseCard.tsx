// The global pause: one click stops every automatic action at once (saved immediately, not with the form).
import { Badge, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import { useI18n } from "~/i18n";

export function PauseCard({ paused, pausedAt, busy, onToggle }: { paused: boolean; pausedAt: string | null; busy: boolean; onToggle: (paused: boolean) => void }) {
  const { t, locale } = useI18n();
  const date = pausedAt
    ? new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(pausedAt))
    : "";
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("settings.pause.heading")}
          </Text>
          <Badge tone={paused ? "warning" : "success"}>{paused ? t("settings.pause.badgePaused") : t("settings.pause.badgeRunning")}</Badge>
        </InlineStack>
        <Text as="p">{paused ? t("settings.pause.paused", { date }) : t("settings.pause.running")}</Text>
        <InlineStack>
          <Button id="pause-toggle" tone={paused ? undefined : "critical"} variant={paused ? "primary" : "secondary"} loading={busy} onClick={() => onToggle(!paused)}>
            {paused ? t("settings.pause.resume") : t("settings.pause.pause")}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
