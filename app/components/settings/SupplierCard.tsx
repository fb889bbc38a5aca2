// Suppliers: one vendor at a time (picked from the list), its contact, currency, document language and price
// list. Saved on its own (intent "supplier"), apart from the settings form.
import { Banner, BlockStack, Button, Card, FormLayout, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useFetcher } from "@remix-run/react";
import { useEffect, useMemo, useState } from "react";
import { useI18n } from "~/i18n";
import type { MessageKey } from "~/i18n/messages";
import type { SupplierError, SupplierSaveResult, SupplierView } from "./supplier-schema";

type Answer = ({ intent: "supplier" } & SupplierSaveResult) | { intent: string; ok: false; code: string };

export function SupplierCard({ suppliers }: { suppliers: SupplierView[] }) {
  const { t } = useI18n();
  const fetcher = useFetcher<Answer>();
  const [vendor, setVendor] = useState(suppliers[0]?.vendor ?? "");
  const current = useMemo(() => suppliers.find((s) => s.vendor === vendor), [suppliers, vendor]);
  const [form, setForm] = useState<SupplierView | undefined>(current);
  useEffect(() => setForm(current), [current]);
  if (!form) return null;
  const answer = fetcher.state === "idle" && fetcher.data?.intent === "supplier" ? fetcher.data : null;
  const errors: SupplierError[] = answer && !answer.ok && "errors" in answer ? (answer.errors as SupplierError[]) : [];
  const errorOf = (field: SupplierError["field"]) =>
    errors
      .filter((e) => e.field === field)
      .map((e) =>
        e.field === "catalogue"
          ? t("purchasing.suppliers.error.line", {
              line: e.line,
              reason: t(`purchasing.suppliers.error.${e.code}` as MessageKey, { sku: e.sku ?? "" }),
            })
          : t(`purchasing.suppliers.error.${e.code}` as MessageKey),
      )
      .join(" ") || undefined;
  const set = (key: keyof SupplierView) => (value: string) => setForm((f) => (f ? { ...f, [key]: value } : f));
  const save = () =>
    fetcher.submit({ intent: "supplier", values: form } as never, { method: "post", encType: "application/json" });
  return (
    <Card>
      <BlockStack gap="300">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {t("purchasing.suppliers.heading")}
          </Text>
          <Text as="p" tone="subdued">
            {t("purchasing.suppliers.body")}
          </Text>
        </BlockStack>
        {answer?.ok ? <Banner tone="success">{t("purchasing.suppliers.saved", { count: answer.count })}</Banner> : null}
        <FormLayout>
          <Select
            id="supplier-vendor"
            label={t("purchasing.suppliers.vendor")}
            options={suppliers.map((s) => ({ label: s.vendor, value: s.vendor }))}
            value={vendor}
            onChange={setVendor}
          />
          <FormLayout.Group>
            <TextField
              id="supplier-contactName"
              label={t("purchasing.suppliers.contactName")}
              autoComplete="off"
              value={form.contactName}
              onChange={set("contactName")}
            />
            <TextField
              id="supplier-contactEmail"
              label={t("purchasing.suppliers.contactEmail")}
              type="email"
              autoComplete="off"
              value={form.contactEmail}
              onChange={set("contactEmail")}
              error={errorOf("contactEmail")}
            />
          </FormLayout.Group>
          <FormLayout.Group>
            <TextField
              id="supplier-currency"
              label={t("purchasing.suppliers.currency")}
              helpText={t("purchasing.suppliers.currencyHelp")}
              autoComplete="off"
              maxLength={3}
              value={form.currency}
              onChange={set("currency")}
              error={errorOf("currency")}
            />
            <Select
              id="supplier-locale"
              label={t("purchasing.suppliers.locale")}
              options={(["en", "fr"] as const).map((l) => ({ label: t(`purchasing.suppliers.locale.${l}`), value: l }))}
              value={form.documentLocale}
              onChange={set("documentLocale")}
            />
          </FormLayout.Group>
          <TextField
            id="supplier-catalogue"
            label={t("purchasing.suppliers.catalogue")}
            helpText={t("purchasing.suppliers.catalogueHelp")}
            multiline={6}
            autoComplete="off"
            monospaced
            value={form.catalogue}
            onChange={set("catalogue")}
            error={errorOf("catalogue")}
          />
        </FormLayout>
        <InlineStack align="end">
          <Button id="supplier-save" onClick={save} loading={fetcher.state !== "idle"}>
            {t("purchasing.suppliers.save")}
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}
