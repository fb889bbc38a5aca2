// How an event's scope, effect and outcome read in the merchant's language.
import type { EventEffect, EventScope } from "~/core/forecast/index";
import type { Locale, Translate } from "~/i18n";
import { formatNumber, formatPercent } from "~/lib/format";

/** +28 % / -12 %: a signed share. */
export function signedPercent(x: number, locale: Locale): string {
  return `${x > 0 ? "+" : ""}${formatPercent(x, locale, 0)}`;
}

export function scopeText(t: Translate, scope: EventScope): string {
  switch (scope.type) {
    case "shop":
      return t("events.scope.shop");
    case "productType":
      return t("events.scope.productType", { value: scope.value });
    case "vendor":
      return t("events.scope.vendor", { value: scope.value });
    case "variants":
      return t("events.scope.variants", { count: scope.ids.length });
  }
}

export function effectText(t: Translate, locale: Locale, effect: EventEffect): string {
  if (effect.type === "stop") return t("events.effect.stop");
  if (effect.type === "units") return t("events.effect.units", { units: formatNumber(effect.perDay, locale) });
  return t("events.effect.percent", { percent: signedPercent(effect.percent / 100, locale) });
}
