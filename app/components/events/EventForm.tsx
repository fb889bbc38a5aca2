// Adds an event. The server validates (app/core/forecast/events.ts validateEvent) and names what is wrong.
import { Banner, BlockStack, Button, Card, FormLayout, List, Select, Text, TextField } from "@shopify/polaris";
import { useFetcher } from "@remix-run/react";
import { useEffect, useState } from "react";
import { EVENT_KINDS } from "~/core/forecast/events";
import { addDays } from "~/core/days";
import { useI18n } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import type { action } from "~/routes/app.events";

type Props = {
  productTypes: string[];
  vendors: string[];
  variant: { id: string; label: string } | null;
  today: string;
};
type ScopeType = "shop" | "productType" | "vendor" | "variants";
type EffectType = "percent" | "units" | "stop";

export function EventForm({ productTypes, vendors, variant, today }: Props) {
  const { t } = useI18n();
  const fetcher = useFetcher<typeof action>();
  const initial = () => ({
    name: "",
    kind: "campaign",
    start: addDays(today, 7),
    end: addDays(today, 13),
    scopeType: (variant ? "variants" : productTypes.length ? "productType" : "shop") as ScopeType,
    productType: productTypes[0] ?? "",
    vendor: vendors[0] ?? "",
    variants: variant?.id ?? "",
    effectType: "percent" as EffectType,
    effectValue: "40",
  });
  const [f, setF] = useState(initial);
  const set = (k: keyof ReturnType<typeof initial>) => (v: string) => setF((x) => ({ ...x, [k]: v }));
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const saved = result?.intent === "create" && result.ok;
  useEffect(() => {
    if (saved) setF((x) => ({ ...x, name: "" }));
  }, [saved]);
  const errors = result && !result.ok && "errors" in result ? result.errors : [];
  const fieldError = (field: string) => {
    const e = errors.find((x) => x.field === field);
    return e ? t(`events.error.${e.code.replace("EVENTS.", "")}` as MessageKey) : undefined;
  };
  const submit = () =>
    fetcher.submit(
      {
        intent: "create",
        name: f.name,
        kind: f.kind,
        start: f.start,
        end: f.end,
        scopeType: f.scopeType,
        scopeValue:
          f.scopeType === "productType"
            ? f.productType
            : f.scopeType === "vendor"
              ? f.vendor
              : f.scopeType === "variants"
                ? f.variants
                : "",
        effectType: f.effectType,
        effectValue: f.effectType === "stop" ? "" : f.effectValue,
      },
      { method: "post" },
    );
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("events.form.title")}
        </Text>
        {saved ? <Banner tone="success">{t("events.form.saved")}</Banner> : null}
        {errors.length ? (
          <Banner tone="critical" title={t("events.form.errors")}>
            <List>
              {errors.map((e, i) => (
                <List.Item key={`${e.code}-${i}`}>
                  <span data-code={e.code}>{t(`events.error.${e.code.replace("EVENTS.", "")}` as MessageKey)}</span>
                </List.Item>
              ))}
            </List>
          </Banner>
        ) : null}
        {variant ? (
          <Text as="p" tone="subdued">
            {variant.label}
          </Text>
        ) : null}
        <FormLayout>
          <TextField
            label={t("events.form.name")}
            value={f.name}
            onChange={set("name")}
            autoComplete="off"
            error={fieldError("name")}
            maxLength={120}
          />
          <Select
            label={t("events.form.kind")}
            options={EVENT_KINDS.map((k) => ({ value: k, label: t(`events.kind.${k}` as MessageKey) }))}
            value={f.kind}
            onChange={set("kind")}
          />
          <FormLayout.Group condensed>
            <TextField
              label={t("events.form.start")}
              type="date"
              value={f.start}
              onChange={set("start")}
              autoComplete="off"
              error={fieldError("start")}
            />
            <TextField
              label={t("events.form.end")}
              type="date"
              value={f.end}
              onChange={set("end")}
              autoComplete="off"
              error={fieldError("end")}
            />
          </FormLayout.Group>
          <Select
            label={t("events.form.scope")}
            options={(["shop", "productType", "vendor", "variants"] as const).map((s) => ({
              value: s,
              label: t(`events.form.scope.${s}`),
            }))}
            value={f.scopeType}
            onChange={set("scopeType")}
            error={fieldError("scope")}
          />
          {f.scopeType === "productType" ? (
            <Select
              label={t("events.form.productType")}
              options={productTypes}
              value={f.productType}
              onChange={set("productType")}
            />
          ) : f.scopeType === "vendor" ? (
            <Select label={t("events.form.vendor")} options={vendors} value={f.vendor} onChange={set("vendor")} />
          ) : f.scopeType === "variants" ? (
            <TextField
              label={t("events.form.variants")}
              value={f.variants}
              onChange={set("variants")}
              autoComplete="off"
              multiline={2}
            />
          ) : null}
          <Select
            label={t("events.form.effect")}
            options={(["percent", "units", "stop"] as const).map((s) => ({
              value: s,
              label: t(`events.form.effect.${s}`),
            }))}
            value={f.effectType}
            onChange={set("effectType")}
          />
          {f.effectType !== "stop" ? (
            <TextField
              label={t(f.effectType === "percent" ? "events.form.percent" : "events.form.units")}
              type="number"
              value={f.effectValue}
              onChange={set("effectValue")}
              autoComplete="off"
              error={fieldError("effect")}
            />
          ) : null}
          <Button variant="primary" onClick={submit} loading={fetcher.state !== "idle"}>
            {t("events.form.submit")}
          </Button>
        </FormLayout>
      </BlockStack>
    </Card>
  );
}
