// Events: campaigns, promotions, launches and closures the merchant plans (issue 15). Thin: authenticate, validate
// with zod, call app/services/events.server.ts.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useFetcher, useLoaderData } from "@remix-run/react";
import { Banner, BlockStack, Card, EmptyState, Layout, Page, Text } from "@shopify/polaris";
import { z } from "zod";
import { authenticate } from "~/shopify.server";
import { shopContext } from "~/services/shop.server";
import { createEvent, deleteEvent, eventFormSchema, loadEventsPage } from "~/services/events.server";
import { useI18n } from "~/i18n";
import { EventForm } from "~/components/events/EventForm";
import { EventsTable } from "~/components/events/EventsTable";

const query = z.object({ variant: z.string().min(1).max(64).optional() });

export async function loader({ request }: LoaderFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await shopContext(session.shop);
  const parsed = query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  return json(await loadEventsPage(shop, parsed.success ? (parsed.data.variant ?? null) : null));
}

const body = z.discriminatedUnion("intent", [
  eventFormSchema.extend({ intent: z.literal("create") }),
  z.object({ intent: z.literal("delete"), id: z.string().min(1).max(64) }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await authenticate.admin(request);
  const shop = await shopContext(session.shop);
  const parsed = body.safeParse(Object.fromEntries(await request.formData().catch(() => new FormData())));
  if (!parsed.success)
    return json(
      {
        intent: "invalid" as const,
        ok: false as const,
        errors: [{ code: "EVENTS.INVALID_REQUEST", field: "", message: parsed.error.message }],
      },
      { status: 400 },
    );
  if (parsed.data.intent === "delete") {
    const result = await deleteEvent(shop, parsed.data.id);
    return json({ intent: "delete" as const, ...result }, { status: result.ok ? 200 : 404 });
  }
  const result = await createEvent(shop, parsed.data);
  return json({ intent: "create" as const, ...result }, { status: result.ok ? 200 : 422 });
}

export default function EventsPage() {
  const d = useLoaderData<typeof loader>();
  const { t } = useI18n();
  const deleter = useFetcher<typeof action>();
  const deleted = deleter.state === "idle" && deleter.data?.intent === "delete" && deleter.data.ok;
  return (
    <Page title={t("events.title")} subtitle={t("events.subtitle")}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {deleted ? <Banner tone="success">{t("events.deleted")}</Banner> : null}
            <Card>
              <BlockStack gap="300">
                <Text as="h2" variant="headingMd">
                  {t("events.list.title")}
                </Text>
                <Text as="p" tone="subdued">
                  {t("events.intro")}
                </Text>
                {d.events.length ? (
                  <EventsTable
                    events={d.events}
                    onDelete={(id) => deleter.submit({ intent: "delete", id }, { method: "post" })}
                    busy={deleter.state !== "idle"}
                  />
                ) : (
                  <EmptyState heading={t("events.empty.heading")} image="/empty-state.svg">
                    <p>{t("events.empty.body")}</p>
                  </EmptyState>
                )}
              </BlockStack>
            </Card>
            <EventForm productTypes={d.productTypes} vendors={d.vendors} variant={d.variant} today={d.today} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
