// The global pause: one click stops every automatic action at once (saved immediately, not with the form).
import { Badge, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import { useI18n } from "~/i18n";
import { formatDateTime } from "~/lib/format";

/** `automatic`: some action type applies changes on its own (Autonomy); otherwise nothing runs without approval. */
export function PauseCard({
  paused,
  pausedAt,
  automatic,
  busy,
  onToggle,
}: {
  paused: boolean;
  pausedAt: string | null;
  automatic: boolean;
  busy: boolean;
  onToggle: (paused: boolean) => void;
}) {
  const { t, locale } = useI18n();
  const date = pausedAt ? formatDateTime(pausedAt, locale) : "";
  const state = paused ? "paused" : automatic ? "running" : "suggestOnly";
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack gap="200" blockAlign="center">
          <Text as="h2" variant="headingMd">
            {t("settings.pause.heading")}
          </Text>
          <Badge tone={state === "paused" ? "warning" : state === "running" ? "success" : "info"}>
            {t(
              state === "paused"
                ? "settings.pause.badgePaused"
                : state === "running"
                  ? "settings.pause.badgeRunning"
                  : "settings.pause.badgeSuggestOnly",
            )}
          </Badge>
        </InlineStack>
        <Text as="p">
          {state === "paused"
            ? t("settings.pause.paused", { date })
            : state === "running"
              ? t("settings.pause.running")
              : t("settings.pause.suggestOnly")}
        </Text>
        <InlineStack>
          <Button
            id="pause-toggle"
            tone={state === "running" ? "critical" : undefined}
            variant={paused ? "primary" : "secondary"}
            loading={busy}
            onClick={() => onToggle(!paused)}
          >
            {paused ? t("settings.pause.resume") : t("settings.pause.pause")}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
