import type { MessageKey } from "~/i18n/messages";

export const NAV_ITEMS: { to: string; label: MessageKey }[] = [
  { to: "/app", label: "nav.dashboard" },
  { to: "/app/recommendations", label: "nav.recommendations" },
  { to: "/app/replenishment", label: "nav.replenishment" },
  { to: "/app/events", label: "nav.events" },
  { to: "/app/impact", label: "nav.impact" },
  { to: "/app/activity", label: "nav.activity" },
  { to: "/app/settings", label: "nav.settings" },
];
