// Admin texts of this feature, English and French (merged in ../messages.ts; keys start with the feature).
export const en = {
  "bundles.card.bundleTitle": "Bundle components",
  "bundles.card.componentTitle": "Sold in bundles",
  "bundles.card.component": "× {quantity} · {available} available",
  "bundles.card.available":
    "{count, plural, one {# bundle can} other {# bundles can}} be assembled from the components' stock; {component} runs out first.",
  "bundles.card.unavailable":
    "Unavailable: {component} is out of stock, so the bundle is shown as sold out in your store.",
  "bundles.card.bundleNote":
    "A bundle holds no stock of its own: Pilotage reorders its components, and its price recommendation counts the stock they allow.",
  "bundles.card.demand":
    "Last {days, plural, one {# day} other {# days}} to {until}: {own} sold on its own, {via} through bundles.",
  "bundles.card.componentNote":
    "Units sold through bundles count in this variant's forecast and reorders, and are kept apart from its own sales.",
} as const;

export const fr: Record<keyof typeof en, string> = {
  "bundles.card.bundleTitle": "Composants du lot",
  "bundles.card.componentTitle": "Vendu dans des lots",
  "bundles.card.component": "× {quantity} · {available} disponibles",
  "bundles.card.available":
    "{count, plural, one {# lot peut} other {# lots peuvent}} être assemblés avec le stock des composants ; {component} s'épuise en premier.",
  "bundles.card.unavailable":
    "Indisponible : {component} est en rupture, le lot apparaît donc épuisé dans votre boutique.",
  "bundles.card.bundleNote":
    "Un lot n'a pas de stock propre : Pilotage réapprovisionne ses composants, et sa recommandation de prix tient compte du stock qu'ils permettent.",
  "bundles.card.demand":
    "{days, plural, one {# dernier jour} other {# derniers jours}} jusqu'au {until} : {own} vendues seules, {via} dans des lots.",
  "bundles.card.componentNote":
    "Les unités vendues dans des lots comptent dans la prévision et les réapprovisionnements de cette variante, à part de ses ventes propres.",
};
