// Every audit event, newest first.
import { IndexTable, Text } from "@shopify/polaris";
import { useI18n } from "~/i18n";
import type { AuditRow } from "~/services/activity.server";
import type { MessageKey } from "~/i18n/messages";
import { en } from "~/i18n/features/activity";
import { formatWhen, useActorLabel, Wrap } from "./DecisionsTable";
import { auditText } from "./audit-text";

const eventKey = (action: string): MessageKey | null =>
  `activity.event.${action}` in en ? (`activity.event.${action}` as MessageKey) : null;

export function AuditTable({ rows, currency }: { rows: AuditRow[]; currency: string }) {
  const { t, locale } = useI18n();
  const speaker = { t, locale, currency };
  const actor = useActorLabel();
  return (
    <IndexTable
      resourceName={{ singular: t("activity.audit.event"), plural: t("activity.audit.events") }}
      itemCount={rows.length}
      selectable={false}
      emptyState={
        <Text as="p" tone="subdued">
          {t("activity.audit.empty")}
        </Text>
      }
      headings={[
        { title: t("activity.col.when") },
        { title: t("activity.col.who") },
        { title: t("activity.col.action") },
        { title: t("activity.col.detail") },
      ]}
    >
      {rows.map((r, i) => (
        <IndexTable.Row id={r.id} key={r.id} position={i}>
          <IndexTable.Cell>{formatWhen(r.at, locale)}</IndexTable.Cell>
          <IndexTable.Cell>{actor(r.actor)}</IndexTable.Cell>
          <IndexTable.Cell>
            <Text as="span" variant="bodySm" fontWeight="medium">
              {(() => {
                const key = eventKey(r.action);
                return key ? t(key) : r.action;
              })()}
            </Text>
          </IndexTable.Cell>
          <IndexTable.Cell>
            <Wrap width={520}>
              <Text as="span" variant="bodySm" tone="subdued">
                {auditText(speaker, r.action, r.detail)}
              </Text>
            </Wrap>
          </IndexTable.Cell>
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}
