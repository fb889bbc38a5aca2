import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Layout, Page } from "@shopify/polaris";
import { SaveBar } from "@shopify/app-bridge-react";
import { useCallback, useEffect, useMemo, useState } from "react";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { shopContext } from "~/services/shop.server";
import { loadSettings, saveSettings, setPaused, type FieldError } from "~/services/settings.server";
import { loadSuppliers, saveSupplier, supplierSchema } from "~/services/suppliers.server";
import { SupplierCard } from "~/components/settings/SupplierCard";
import { actorOf } from "~/lib/actor";
import { useI18n } from "~/i18n";
import { fromFormState, toFormState, type FormState } from "~/components/settings/form-model";
import type { SettingsInput } from "~/components/settings/schema";
import { FallbackSaveButtons, SettingsForm } from "~/components/settings/SettingsForm";
import { PauseCard } from "~/components/settings/PauseCard";
import { ImportCard } from "~/components/ImportCard";
import { RecomputeCard } from "~/components/RecomputeCard";

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await shopContext(session.shop);
  const [settings, suppliers] = await Promise.all([loadSettings(shop), loadSuppliers(shop)]);
  return json({ ...settings, suppliers });
}

const body = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("save"), values: z.unknown() }),
  z.object({ intent: z.literal("pause"), paused: z.boolean() }),
  z.object({ intent: z.literal("supplier"), values: supplierSchema }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const auth = await authenticate.admin(request);
  const shop = await shopContext(auth.session.shop);
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success)
    return json({ intent: "invalid" as const, ok: false as const, code: "SETTINGS.INVALID_REQUEST" }, { status: 400 });
  const actor = actorOf(auth);
  if (parsed.data.intent === "supplier") {
    const result = await saveSupplier(shop, { actor, values: parsed.data.values });
    return json({ intent: "supplier" as const, ...result }, { status: result.ok ? 200 : 422 });
  }
  if (parsed.data.intent === "pause") {
    return json({
      intent: "pause" as const,
      ok: true as const,
      ...(await setPaused(shop, { actor, paused: parsed.data.paused })),
    });
  }
  const result = await saveSettings(shop, { actor, values: parsed.data.values });
  return json({ intent: "save" as const, ...result }, { status: result.ok ? 200 : 422 });
}

function useAppBridge(): boolean {
  const [present, setPresent] = useState(false);
  useEffect(() => setPresent(typeof shopify !== "undefined"), []);
  return present;
}

export default function SettingsPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const saver = useFetcher<typeof action>();
  const pauser = useFetcher<typeof action>();
  // Revalidation returns a new object for the same values: only a real change resets the form.
  const valuesKey = JSON.stringify(data.values);
  const initial = useMemo(() => toFormState(JSON.parse(valuesKey) as SettingsInput), [valuesKey]);
  const [state, setState] = useState<FormState>(initial);
  const [errors, setErrors] = useState<Record<string, FieldError>>({});
  const [notice, setNotice] = useState<"saved" | "savedRecompute" | "unchanged" | null>(null);
  const appBridge = useAppBridge();

  useEffect(() => setState(initial), [initial]);
  useEffect(() => {
    const d = saver.data;
    if (!d || d.intent !== "save") return;
    if (d.ok) {
      setErrors({});
      const next = d.changed.length === 0 ? "unchanged" : d.recomputeJobId ? "savedRecompute" : "saved";
      setNotice(next);
      if (typeof shopify !== "undefined") shopify.toast.show(t(`settings.${next}`));
    } else if ("errors" in d) {
      setErrors(d.errors);
      setNotice(null);
    }
  }, [saver.data, t]);

  const dirty = Object.keys(initial).some((k) => initial[k] !== state[k]);
  const saving = saver.state !== "idle";
  const onChange = useCallback((path: string, value: string) => {
    setState((s) => ({ ...s, [path]: value }));
    setErrors((e) => {
      if (!(path in e)) return e;
      const { [path]: _fixed, ...rest } = e;
      return rest;
    });
    setNotice(null);
  }, []);
  const save = () =>
    saver.submit({ intent: "save", values: fromFormState(state, data.values.vendors.length) } as never, {
      method: "post",
      encType: "application/json",
    });
  const discard = () => {
    setState(initial);
    setErrors({});
  };
  const paused =
    pauser.data?.intent === "pause" && pauser.state === "idle" && pauser.data.ok ? pauser.data.paused : data.paused;
  const pausedAt = pauser.data?.intent === "pause" && pauser.data.ok ? pauser.data.pausedAt : data.pausedAt;
  const hasErrors = Object.keys(errors).length > 0;

  return (
    <Page
      title={t("settings.title")}
      subtitle={t("settings.subtitle")}
      primaryAction={
        appBridge ? undefined : { content: t("settings.save"), onAction: save, disabled: !dirty, loading: saving }
      }
    >
      {appBridge ? (
        <SaveBar id="settings-save-bar" open={dirty}>
          <button variant="primary" onClick={save} disabled={saving}></button>
          <button onClick={discard}></button>
        </SaveBar>
      ) : null}
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {hasErrors ? <Banner tone="critical">{t("settings.invalid")}</Banner> : null}
            {notice && !appBridge ? (
              <Banner tone="success" onDismiss={() => setNotice(null)}>
                {t(`settings.${notice}`)}
              </Banner>
            ) : null}
            <PauseCard
              paused={paused}
              pausedAt={pausedAt}
              automatic={data.values.autonomy.price.mode === "auto" || data.values.autonomy.reorder.mode === "auto"}
              busy={pauser.state !== "idle"}
              onToggle={(next) =>
                pauser.submit({ intent: "pause", paused: next }, { method: "post", encType: "application/json" })
              }
            />
            <ImportCard />
            <RecomputeCard />
            <SettingsForm
              state={state}
              errors={errors}
              currency={data.currency}
              vendors={data.values.vendors.map((v) => v.vendor)}
              onChange={onChange}
            />
            {appBridge ? null : <FallbackSaveButtons dirty={dirty} saving={saving} onSave={save} onDiscard={discard} />}
            {data.suppliers.length > 0 ? <SupplierCard suppliers={data.suppliers} /> : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
