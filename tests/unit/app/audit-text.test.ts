// Audit details and push failures in the admin's language (app/components/activity/audit-text.ts).
import { describe, expect, it } from "vitest";
import { translator, type Locale } from "~/i18n";
import { auditText, pushErrorText } from "~/components/activity/audit-text";

const speaker = (locale: Locale) => ({ t: translator(locale), locale, currency: "EUR" });
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

describe("audit details", () => {
  it("GIVEN the issue's 'kind: price · before: 19.90 · after: 20.99' WHEN rendered in French THEN it names the product with money in French", () => {
    // GIVEN an approved price decision's stored detail
    const text = auditText(speaker("fr"), "decision.approved", {
      variant: "Mug émaillé (VAI-0053-BLA)",
      kind: "price",
      before: { price: 19.9 },
      after: { price: 20.99 },
    });
    // THEN
    expect(plain(text)).toBe("Mug émaillé (VAI-0053-BLA) · 19,90 € → 20,99 €");
  });

  it("GIVEN a settings change WHEN rendered THEN each changed field is named with its old and new value", () => {
    const detail = {
      changes: [
        { field: "minMarginPct", before: 0.2, after: 0.25 },
        { field: "priceRounding", before: "0.99", after: "none" },
        { field: "vendors.Acme.leadTimeMeanDays", before: 6, after: 9 },
        { field: "paused", before: false, after: true },
      ],
    };
    expect(plain(auditText(speaker("en"), "settings.updated", detail))).toBe(
      "Minimum gross margin: 20% → 25% · Price endings: End in .99 → No rounding · Lead time (days) · Acme: 6 → 9 · Global pause: no → yes",
    );
    expect(plain(auditText(speaker("fr"), "settings.updated", detail))).toBe(
      "Marge brute minimale : 20 % → 25 % · Terminaison des prix : Finir en ,99 → Pas d'arrondi · Délai (jours) · Acme : 6 → 9 · Pause générale : non → oui",
    );
  });

  it("GIVEN a rejected suggestion and purchase-order events WHEN rendered THEN the product, the kind, the reason, dates and statuses are words", () => {
    expect(
      auditText(speaker("fr"), "recommendation.rejected", { variant: "Box Noël", kind: "reorder", reason: "trop tôt" }),
    ).toBe("Box Noël · Réassort · Motif : trop tôt");
    expect(
      auditText(speaker("fr"), "purchase_order.rescheduled", {
        number: "PO-0001",
        before: "2026-12-09",
        after: "2026-12-12",
      }),
    ).toBe("PO-0001 · 9 déc. 2026 → 12 déc. 2026");
    expect(auditText(speaker("en"), "purchase_order.sent", { number: "PO-0001", before: "draft", after: "sent" })).toBe(
      "PO-0001 · Draft → Sent",
    );
    expect(auditText(speaker("en"), "purchase_order.received", { number: "PO-0001", units: 1 })).toBe(
      "PO-0001 · 1 unit received",
    );
  });

  it("GIVEN push failures as the push job stores them WHEN shown THEN they are sentences in the admin's language", () => {
    const t = translator("fr");
    expect(pushErrorText(t, "DECISIONS.PUSH_CONFLICT: Shopify holds 21.00, expected 20.00; not sent")).toBe(
      "Non envoyé : le prix a été modifié dans Shopify depuis l'approbation.",
    );
    expect(pushErrorText(t, "ADMIN_API.THROTTLED: too many requests")).toBe(
      "Shopify n'a pas pu être joint ou a refusé le changement (ADMIN_API.THROTTLED).",
    );
    expect(pushErrorText(t, "Price must be greater than 0")).toBe(
      "Shopify a refusé le changement (détails dans l'infobulle).",
    );
  });
});
