// The Settings form: guardrails, replenishment, economics, vendor terms and autonomy. Dirty state shows
// App Bridge's save bar when App Bridge is present, else plain Save / Discard buttons.
import { BlockStack, Box, Button, Card, FormLayout, InlineGrid, InlineStack, Text } from "@shopify/polaris";
import { useI18n, type Locale } from "~/i18n";
import { formatMoney } from "~/lib/format";
import type { MessageKey } from "~/i18n/messages";
import type { FormState } from "./form-model";
import type { FieldError } from "./schema";
import { AUTONOMY_MODES, COMPARE_AT_POLICIES, ROUNDINGS } from "./schema";
import { ChoiceField, NumberField } from "./fields";

export interface SettingsFormProps {
  state: FormState;
  errors: Record<string, FieldError>;
  currency: string;
  vendors: string[];
  onChange: (path: string, value: string) => void;
}

function Section({ heading, body, children }: { heading: MessageKey; body?: MessageKey; children: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <Card>
      <BlockStack gap="300">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {t(heading)}
          </Text>
          {body ? (
            <Text as="p" tone="subdued">
              {t(body)}
            </Text>
          ) : null}
        </BlockStack>
        {children}
      </BlockStack>
    </Card>
  );
}

/** What the price ending does to a typical price, so a .90 shop sees its prices will change. */
export function roundingHelp(
  t: ReturnType<typeof useI18n>["t"],
  locale: Locale,
  currency: string,
  rounding: string,
): string {
  const from = 19.9;
  const to: Record<string, number> = { "0.99": 19.99, "0.95": 19.95, "1.00": 20 };
  if (!(rounding in to)) return t("settings.field.priceRounding.helpNone");
  return t("settings.field.priceRounding.help", {
    from: formatMoney(from, currency, locale, 2),
    to: formatMoney(to[rounding], currency, locale, 2),
  });
}

export function SettingsForm({ state, errors, currency, vendors, onChange }: SettingsFormProps) {
  const { t, locale } = useI18n();
  const common = { state, errors, currency, onChange };
  const modeOptions = AUTONOMY_MODES.map((m) => ({ value: m, label: t(`settings.autonomy.${m}` as MessageKey) }));
  const priceAuto = state["autonomy.price.mode"] === "auto";
  const reorderAuto = state["autonomy.reorder.mode"] === "auto";
  return (
    <BlockStack gap="400">
      <Section heading="settings.guardrails.heading" body="settings.guardrails.body">
        <FormLayout>
          <FormLayout.Group>
            <NumberField path="minMarginPct" help="settings.field.minMarginPct.help" {...common} />
            <NumberField path="maxPriceChangePct" help="settings.field.maxPriceChangePct.help" {...common} />
          </FormLayout.Group>
          <FormLayout.Group>
            <ChoiceField
              path="priceRounding"
              helpText={roundingHelp(t, locale, currency, state.priceRounding ?? "")}
              {...common}
              options={ROUNDINGS.map((r) => ({ value: r, label: t(`settings.rounding.${r}` as MessageKey) }))}
            />
            <ChoiceField
              path="compareAtPolicy"
              {...common}
              options={COMPARE_AT_POLICIES.map((p) => ({
                value: p,
                label: t(`settings.compareAt.${p}` as MessageKey),
              }))}
            />
          </FormLayout.Group>
          <FormLayout.Group>
            <NumberField path="cooldownDays" help="settings.field.cooldownDays.help" {...common} />
            <NumberField path="observedRangeDistance" help="settings.field.observedRangeDistance.help" {...common} />
          </FormLayout.Group>
          <NumberField path="minConfidence" help="settings.field.minConfidence.help" {...common} />
        </FormLayout>
      </Section>
      <Section heading="settings.replenishment.heading">
        <FormLayout>
          <NumberField path="serviceLevel" help="settings.field.serviceLevel.helpAbc" {...common} />
          <FormLayout.Group>
            <NumberField path="reviewPeriodDays" help="settings.field.reviewPeriodDays.help" {...common} />
            <NumberField path="targetCoverDays" help="settings.field.targetCoverDays.help" {...common} />
          </FormLayout.Group>
          <Text as="h3" variant="headingSm">
            {t("settings.abc.heading")}
          </Text>
          <Text as="p" tone="subdued">
            {t("settings.abc.body")}
          </Text>
          <FormLayout.Group>
            <NumberField path="abcShareA" {...common} />
            <NumberField path="abcShareB" {...common} />
          </FormLayout.Group>
          <FormLayout.Group condensed>
            <NumberField path="serviceLevelA" {...common} />
            <NumberField path="serviceLevelB" {...common} />
            <NumberField path="serviceLevelC" {...common} />
          </FormLayout.Group>
        </FormLayout>
      </Section>
      <Section heading="settings.economics.heading">
        <FormLayout>
          <NumberField path="longTermValueWeight" help="settings.field.longTermValueWeight.help" {...common} />
          <FormLayout.Group condensed>
            <NumberField path="paymentFeePct" {...common} />
            <NumberField path="paymentFeeFixed" {...common} />
            <NumberField path="fulfilmentCostPerUnit" {...common} />
          </FormLayout.Group>
          <FormLayout.Group>
            <NumberField path="holdingCostPct" help="settings.field.holdingCostPct.help" {...common} />
            <NumberField path="sellThroughDays" help="settings.field.sellThroughDays.help" {...common} />
          </FormLayout.Group>
        </FormLayout>
      </Section>
      <Section heading="settings.vendors.heading" body="settings.vendors.body">
        {vendors.length === 0 ? (
          <Text as="p" tone="subdued">
            {t("settings.vendors.empty")}
          </Text>
        ) : (
          <BlockStack gap="200">
            <InlineGrid columns={["twoThirds", "oneThird", "oneThird", "oneThird", "oneThird"]} gap="200">
              {(
                [
                  "settings.vendors.vendor",
                  "settings.field.leadTimeMeanDays",
                  "settings.field.leadTimeSdDays",
                  "settings.field.moq",
                  "settings.field.casePack",
                ] as const
              ).map((key) => (
                <Text key={key} as="span" variant="bodySm" fontWeight="semibold">
                  {t(key)}
                </Text>
              ))}
            </InlineGrid>
            {vendors.map((vendor, i) => (
              <InlineGrid
                key={vendor}
                columns={["twoThirds", "oneThird", "oneThird", "oneThird", "oneThird"]}
                gap="200"
                alignItems="start"
              >
                <Box paddingBlockStart="150">
                  <Text as="span">{vendor || t("settings.vendors.noVendor")}</Text>
                </Box>
                {(["leadTimeMeanDays", "leadTimeSdDays", "moq", "casePack"] as const).map((key) => (
                  <NumberField
                    key={key}
                    path={`vendors.${i}.${key}`}
                    label={`${t(`settings.field.${key}`)} · ${vendor}`}
                    labelHidden
                    {...common}
                  />
                ))}
              </InlineGrid>
            ))}
          </BlockStack>
        )}
      </Section>
      <Section heading="settings.autonomy.heading" body="settings.autonomy.body">
        <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
          <BlockStack gap="300">
            <Text as="h3" variant="headingSm">
              {t("settings.autonomy.price")}
            </Text>
            <ChoiceField
              path="autonomy.price.mode"
              label={t("settings.autonomy.mode")}
              {...common}
              options={modeOptions}
            />
            <NumberField path="autonomy.price.maxChangePct" disabled={!priceAuto} {...common} />
            <NumberField path="autonomy.price.minMarginPct" disabled={!priceAuto} {...common} />
            <NumberField path="autonomy.price.maxPerDay" disabled={!priceAuto} {...common} />
          </BlockStack>
          <BlockStack gap="300">
            <Text as="h3" variant="headingSm">
              {t("settings.autonomy.reorder")}
            </Text>
            <ChoiceField
              path="autonomy.reorder.mode"
              label={t("settings.autonomy.mode")}
              {...common}
              options={modeOptions}
            />
            <NumberField path="autonomy.reorder.maxOrderValue" disabled={!reorderAuto} {...common} />
            <NumberField path="autonomy.reorder.maxPerDay" disabled={!reorderAuto} {...common} />
          </BlockStack>
        </InlineGrid>
      </Section>
    </BlockStack>
  );
}

/** Plain Save / Discard, used when App Bridge's save bar is not available (the demo). */
export function FallbackSaveButtons({
  dirty,
  saving,
  onSave,
  onDiscard,
}: {
  dirty: boolean;
  saving: boolean;
  onSave: () => void;
  onDiscard: () => void;
}) {
  const { t } = useI18n();
  return (
    <InlineStack gap="200" align="end">
      <Button onClick={onDiscard} disabled={!dirty || saving}>
        {t("settings.discard")}
      </Button>
      <Button variant="primary" onClick={onSave} disabled={!dirty} loading={saving}>
        {t("settings.save")}
      </Button>
    </InlineStack>
  );
}
