// Admin texts of this feature, English and French (merged in ../messages.ts; keys start with the feature).
// The first cards' texts (title, revenue, margin, catalogue...) live in ../messages.ts.
export const en = {
  "dashboard.stockRisk": "Stockout risk",
  "dashboard.stockRiskValue": "{count, plural, one {# variant} other {# variants}}",
  "dashboard.stockRiskNote": "{amount} of margin at risk before new stock can arrive",
  "dashboard.overstock": "Overstock at cost",
  "dashboard.overstockNote":
    "{count, plural, one {# variant holds} other {# variants hold}} stock beyond {days} days of expected sales",
  "dashboard.pending": "Pending recommendations",
  "dashboard.pendingValue": "{count} to review",
  "dashboard.pendingPrice": "Prices: {count} · expected profit change {amount}",
  "dashboard.pendingReorder": "Reorders: {count} · margin protected {amount}",
  "dashboard.pendingLink": "Review recommendations",
  "dashboard.impact": "Measured impact to date",
  "dashboard.impactNone": "No price change has reached Shopify yet.",
  "dashboard.impactWaiting":
    "Not enough data yet: {count, plural, one {# price change is} other {# price changes are}} waiting for enough days of sales.",
  "dashboard.impactNote":
    "Gross profit measured on {measured} of {count, plural, one {# price change} other {# price changes}}, against {expected} expected.",
  "dashboard.impactUnavailable": "The measurement could not be computed; see the Impact page.",
  "dashboard.impactLink": "See the Impact page",
  "dashboard.coverChart": "Variants by days of stock cover",
  "dashboard.cover.0": "Out",
  "dashboard.cover.7": "1–7 d",
  "dashboard.cover.14": "8–14 d",
  "dashboard.cover.30": "15–30 d",
  "dashboard.cover.90": "31–90 d",
  "dashboard.cover.more": "> 90 d\nor no sales",
  "dashboard.coverVariants": "Variants",
  "dashboard.updated": "Figures computed {date}",
} as const;

export const fr: Record<keyof typeof en, string> = {
  "dashboard.stockRisk": "Risque de rupture",
  "dashboard.stockRiskValue": "{count, plural, one {# variante} other {# variantes}}",
  "dashboard.stockRiskNote": "{amount} de marge en jeu avant l'arrivée d'un nouveau stock",
  "dashboard.overstock": "Surstock au coût",
  "dashboard.overstockNote":
    "{count, plural, one {# variante a} other {# variantes ont}} du stock au-delà de {days} jours de ventes prévues",
  "dashboard.pending": "Recommandations en attente",
  "dashboard.pendingValue": "{count} à examiner",
  "dashboard.pendingPrice": "Prix : {count} · variation de marge attendue {amount}",
  "dashboard.pendingReorder": "Réassorts : {count} · marge protégée {amount}",
  "dashboard.pendingLink": "Voir les recommandations",
  "dashboard.impact": "Impact mesuré à ce jour",
  "dashboard.impactNone": "Aucun changement de prix n'a encore atteint Shopify.",
  "dashboard.impactWaiting":
    "Pas encore assez de données : {count, plural, one {# changement de prix attend} other {# changements de prix attendent}} assez de jours de ventes.",
  "dashboard.impactNote":
    "Marge brute mesurée sur {measured} des {count, plural, one {# changement de prix} other {# changements de prix}}, pour {expected} attendus.",
  "dashboard.impactUnavailable": "La mesure n'a pas pu être calculée ; voir la page Impact.",
  "dashboard.impactLink": "Voir la page Impact",
  "dashboard.coverChart": "Variantes par jours de couverture de stock",
  "dashboard.cover.0": "Rupture",
  "dashboard.cover.7": "1–7 j",
  "dashboard.cover.14": "8–14 j",
  "dashboard.cover.30": "15–30 j",
  "dashboard.cover.90": "31–90 j",
  "dashboard.cover.more": "> 90 j\nou sans ventes",
  "dashboard.coverVariants": "Variantes",
  "dashboard.updated": "Chiffres calculés le {date}",
};
