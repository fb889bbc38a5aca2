// An audit event's details in the admin's language: the product, before -> after, what a settings change
// changed, why a suggestion was rejected or a push failed.
import type { Translate } from "~/i18n";
import { en, type MessageKey } from "~/i18n/messages";
import type { Speaker } from "~/i18n/reasons";
import { formatDay, formatMoney, formatNumber, formatPercent } from "~/lib/format";
import type { AuditDetail, ValueState } from "~/services/activity.server";
import { labelKey } from "~/components/settings/form-model";
import { specOf } from "~/components/settings/schema";

const has = (key: string): key is MessageKey => key in en;

/** A settings field's name: "Minimum gross margin", "Lead time (days) · Acme". */
export function settingName(t: Translate, field: string): string {
  if (field === "paused") return t("settings.pause.heading");
  const key = labelKey(field);
  const name = has(key) ? t(key) : field;
  const vendor = /^vendors\.(.+)\.[^.]+$/.exec(field)?.[1];
  const type = /^autonomy\.(price|reorder)\./.exec(field)?.[1];
  if (vendor) return `${name} · ${vendor}`;
  if (type) return `${name} · ${t(type === "price" ? "settings.autonomy.price" : "settings.autonomy.reorder")}`;
  return name;
}

function settingValue(s: Speaker, field: string, v: string | number | boolean | null): string {
  if (v === null) return "—";
  if (typeof v === "boolean") return s.t(v ? "activity.detail.yes" : "activity.detail.no");
  if (typeof v === "string") {
    for (const prefix of ["settings.rounding.", "settings.compareAt.", "settings.autonomy."])
      if (has(`${prefix}${v}`)) return s.t(`${prefix}${v}` as MessageKey);
    return v;
  }
  const unit = specOf(field)?.unit;
  if (unit === "pct") return formatPercent(v, s.locale, Math.round(v * 1000) % 10 ? 1 : 0);
  if (unit === "money") return formatMoney(v, s.currency, s.locale, 2);
  return formatNumber(v, s.locale);
}

function value(s: Speaker, v: ValueState | string | null | undefined): string {
  if (v == null) return "—";
  if (typeof v === "string") {
    if (/^\d{4}-\d{2}-\d{2}/.test(v)) return formatDay(v.slice(0, 10), s.locale);
    return has(`replenishment.status.${v}`) ? s.t(`replenishment.status.${v}` as MessageKey) : v;
  }
  if (typeof v.price === "number") return formatMoney(v.price, s.currency, s.locale, 2);
  if (typeof v.quantity === "number") return s.t("activity.units", { count: v.quantity });
  return "—";
}

export function auditText(s: Speaker, action: string, d: AuditDetail): string {
  const { t } = s;
  const parts: string[] = [];
  const subject = [d.variant, d.number, action === "purchase_order.created" ? d.vendor : undefined]
    .filter(Boolean)
    .join(" · ");
  if (subject) parts.push(subject);
  if (action === "recommendation.rejected" && d.kind && has(`activity.kind.${d.kind}`))
    parts.push(t(`activity.kind.${d.kind}` as MessageKey));
  if (d.before !== undefined || d.after !== undefined) parts.push(`${value(s, d.before)} → ${value(s, d.after)}`);
  if (d.shopify && d.decided)
    parts.push(t("activity.detail.conflict", { shopify: value(s, d.shopify), decided: value(s, d.decided) }));
  if (d.units !== undefined) parts.push(t("activity.detail.received", { count: d.units }));
  for (const c of d.changes ?? [])
    parts.push(
      t("activity.detail.change", {
        field: settingName(t, c.field),
        before: settingValue(s, c.field, c.before),
        after: settingValue(s, c.field, c.after),
      }),
    );
  if (d.automatic) parts.push(t("activity.actor.automatic"));
  if (d.overrideReason) parts.push(t("activity.override", { reason: d.overrideReason }));
  if (d.reason) parts.push(t("activity.detail.reason", { reason: d.reason }));
  if (d.error) parts.push(t("activity.detail.error", { error: d.error }));
  return parts.join(" · ");
}

/** A push failure in words. The stored text is Shopify's or the push job's (English, kept in the tooltip). */
export function pushErrorText(t: Translate, error: string): string {
  if (error.startsWith("DECISIONS.PUSH_CONFLICT")) return t("activity.pushError.conflict");
  if (error.startsWith("DECISIONS.PAUSED")) return t("activity.pushError.paused");
  if (/^variant (no longer in the catalogue|not found in Shopify)/.test(error)) return t("activity.pushError.missing");
  if (error.startsWith("read-back failed")) return t("activity.pushError.readBack");
  if (error.startsWith("read back ")) return t("activity.pushError.notKept");
  const code = /^(ADMIN_API\.[A-Z_]+)/.exec(error)?.[1];
  if (code) return t("activity.pushError.shopify", { code });
  return t("activity.pushError.rejected");
}
