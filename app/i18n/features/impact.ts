// Admin texts of this feature, English and French (merged in ../messages.ts; keys start with the feature).
export const en = {
  "impact.subtitle":
    "Sales up to {date} · {level} intervals · difference in differences against unchanged comparable variants",
  "impact.units": "Units",
  "impact.revenue": "Net revenue",
  "impact.grossProfit": "Gross profit",
  "impact.measured": "Measured",
  "impact.expectedWaiting":
    "Expected from {count, plural, one {the change waiting} other {the # changes waiting}}: {value} a day",
  "impact.expected": "Expected: {value}",
  "impact.measuredOver": "Sum of the measured effects over the days after each change",
  "impact.counts":
    "{measured} of {total, plural, one {# applied price change} other {# applied price changes}} measured; {waiting} waiting for more days of sales.",
  "impact.notEnough.heading": "Not enough data yet",
  "impact.notEnough.body":
    "Pilotage measures a change once it has {days} days of sales after it and at least {controls} comparable variants whose price did not change. Until then it shows no figure rather than a guess.",
  "impact.chart.title": "Units a day (7-day average): {title} against comparable variants",
  "impact.chart.treated": "This variant",
  "impact.chart.control": "Comparable variants (mean)",
  "impact.chart.change": "Price change on {date}",
  "impact.chart.none": "No decision is measured yet: the chart appears with the first measured one.",
  "impact.table.title": "Executed price decisions",
  "impact.table.variant": "Variant",
  "impact.table.date": "Applied",
  "impact.table.unitsDay": "Units / day",
  "impact.table.revenueDay": "Revenue / day",
  "impact.table.profitDay": "Gross profit / day",
  "impact.table.expectedDay": "Expected gross profit / day",
  "impact.table.status": "Result",
  "impact.automatic": "Automatic",
  "impact.status.measured":
    "{days, plural, one {# day} other {# days}} after, {controls, plural, one {# comparable variant} other {# comparable variants}}",
  "impact.status.insufficient": "Waiting for data",
  "impact.missing.daysAfter": "{have} of the {need} days needed after the change",
  "impact.missing.daysBefore": "{have} of {need} days of history before it",
  "impact.missing.controls": "{have} of {need} comparable unchanged variants",
  "impact.interval": "{low} to {high}",
  "impact.method":
    "Method: each day, the gap between this variant and the mean of up to 10 variants of the same product type or vendor, with similar sales before and no price change in the window; the effect is the gap after minus the gap before. The interval resamples whole weeks of days.",
} as const;

export const fr: Record<keyof typeof en, string> = {
  "impact.subtitle":
    "Ventes jusqu'au {date} · intervalles à {level} · double différence face à des variantes comparables inchangées",
  "impact.units": "Unités",
  "impact.revenue": "Chiffre d'affaires net",
  "impact.grossProfit": "Marge brute",
  "impact.measured": "Mesuré",
  "impact.expectedWaiting":
    "Attendu {count, plural, one {du changement} other {des # changements}} en attente : {value} par jour",
  "impact.expected": "Attendu : {value}",
  "impact.measuredOver": "Somme des effets mesurés sur les jours suivant chaque changement",
  "impact.counts":
    "{measured} sur {total, plural, one {# changement de prix appliqué} other {# changements de prix appliqués}} mesurés ; {waiting} en attente de jours de ventes.",
  "impact.notEnough.heading": "Pas encore assez de données",
  "impact.notEnough.body":
    "Pilotage mesure un changement dès qu'il dispose de {days} jours de ventes après lui et d'au moins {controls} variantes comparables dont le prix n'a pas changé. D'ici là, il n'affiche aucun chiffre plutôt qu'une supposition.",
  "impact.chart.title": "Unités par jour (moyenne sur 7 jours) : {title} face aux variantes comparables",
  "impact.chart.treated": "Cette variante",
  "impact.chart.control": "Variantes comparables (moyenne)",
  "impact.chart.change": "Changement de prix le {date}",
  "impact.chart.none": "Aucune décision n'est encore mesurée : le graphique apparaîtra avec la première.",
  "impact.table.title": "Décisions de prix exécutées",
  "impact.table.variant": "Variante",
  "impact.table.date": "Appliquée le",
  "impact.table.unitsDay": "Unités / jour",
  "impact.table.revenueDay": "CA / jour",
  "impact.table.profitDay": "Marge brute / jour",
  "impact.table.expectedDay": "Marge brute attendue / jour",
  "impact.table.status": "Résultat",
  "impact.automatic": "Automatique",
  "impact.status.measured":
    "{days, plural, one {# jour} other {# jours}} après, {controls, plural, one {# variante comparable} other {# variantes comparables}}",
  "impact.status.insufficient": "En attente de données",
  "impact.missing.daysAfter": "{have} des {need} jours nécessaires après le changement",
  "impact.missing.daysBefore": "{have} des {need} jours d'historique nécessaires avant lui",
  "impact.missing.controls": "{have} des {need} variantes comparables inchangées nécessaires",
  "impact.interval": "{low} à {high}",
  "impact.method":
    "Méthode : chaque jour, l'écart entre cette variante et la moyenne de 10 variantes au plus du même type de produit ou fournisseur, aux ventes similaires avant et sans changement de prix dans la fenêtre ; l'effet est l'écart après moins l'écart avant. L'intervalle rééchantillonne des semaines entières de jours.",
};
