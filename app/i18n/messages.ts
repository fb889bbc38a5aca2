// Admin texts in English and French. Keys are shared; a test checks both languages have the same keys.
// Each feature keeps its texts in ./features/<feature>.ts; this file holds the shell's and merges them.
import * as activity from "./features/activity";
import * as bundles from "./features/bundles";
import * as dashboard from "./features/dashboard";
import * as events from "./features/events";
import * as importing from "./features/importing";
import * as impact from "./features/impact";
import * as purchasing from "./features/purchasing";
import * as reasons from "./features/reasons";
import * as recompute from "./features/recompute";
import * as recommendations from "./features/recommendations";
import * as replenishment from "./features/replenishment";
import * as settings from "./features/settings";
import * as storefront from "./features/storefront";
import * as variant from "./features/variant";

const FEATURES = [
  activity,
  bundles,
  dashboard,
  events,
  importing,
  impact,
  purchasing,
  reasons,
  recompute,
  recommendations,
  replenishment,
  settings,
  storefront,
  variant,
] as const;

const shellEn = {
  "nav.dashboard": "Dashboard",
  "nav.recommendations": "Recommendations",
  "nav.replenishment": "Replenishment",
  "nav.impact": "Impact",
  "nav.activity": "Activity",
  "nav.settings": "Settings",
  "nav.events": "Events",
  "demo.banner":
    "Demo shop: simulated data and a local Admin API emulator on this computer. Nothing is sent to Shopify.",
  "demo.language": "Language",
  "dashboard.title": "Dashboard",
  "dashboard.subtitle": "Last 28 days, up to {date}",
  "dashboard.revenue": "Net revenue",
  "dashboard.grossMargin": "Gross margin",
  "dashboard.grossMarginUnknown": "Unit costs missing for part of the sales",
  "dashboard.units": "Units sold",
  "dashboard.orders": "Orders",
  "dashboard.catalogue": "Catalogue",
  "dashboard.catalogueLine": "{variants} variants in {products} products, {vendors} vendors, {locations} locations",
  "dashboard.missingCosts":
    "{count, plural, one {# variant has no unit cost: its price recommendations are} other {# variants have no unit cost: their price recommendations are}} withheld until a cost is set.",
  "dashboard.stockouts": "Out of stock now",
  "dashboard.stockoutsLine":
    "{count, plural, one {# variant has} other {# variants have}} no available units at any location.",
  "dashboard.salesChart": "Daily net revenue, last 90 days",
  "dashboard.empty.heading": "Your shop's data is not imported yet",
  "dashboard.empty.body":
    "Pilotage imports the catalogue, inventory, unit costs and two years of orders at install. The figures appear here as soon as the import finishes.",
  "recommendations.title": "Recommendations",
  "recommendations.empty.heading": "No recommendations yet",
  "recommendations.empty.body":
    "Price and reorder suggestions appear here once the forecast has run on your sales history. Each one shows why, its expected impact and its bounds, and waits for your approval.",
  "replenishment.title": "Replenishment",
  "replenishment.empty.heading": "No reorder suggestions yet",
  "replenishment.empty.body":
    "Reorder points and order quantities per vendor appear here once the forecast has run. Approved reorders become purchase-order drafts.",
  "impact.title": "Impact",
  "impact.empty.heading": "Nothing to measure yet",
  "impact.empty.body":
    "When you approve a recommendation and it is applied, Pilotage measures its real effect on units, revenue and gross profit against comparable variants that were not changed.",
  "activity.title": "Activity",
  "activity.empty.heading": "No activity yet",
  "activity.empty.body":
    "Every decision is recorded here: who, when, before and after, expected impact, and whether it was automatic. Price changes can be rolled back in one click.",
  "settings.title": "Settings",
  "settings.empty.heading": "Settings are on their way",
  "settings.empty.body":
    "Guardrails, service level, vendor lead times and autonomy will be set here. Until then Pilotage only suggests: nothing is changed in your shop without your approval.",
  "error.title": "Something went wrong",
  "error.body": "Pilotage could not show this page. The error has been logged; try again in a moment.",
  "error.status": "Error {status}",
  "common.variantsCount": "{count, plural, one {# variant} other {# variants}}",
} as const;

export const en = {
  ...shellEn,
  ...activity.en,
  ...bundles.en,
  ...dashboard.en,
  ...events.en,
  ...importing.en,
  ...impact.en,
  ...purchasing.en,
  ...reasons.en,
  ...recompute.en,
  ...recommendations.en,
  ...replenishment.en,
  ...settings.en,
  ...storefront.en,
  ...variant.en,
} as const;

export type MessageKey = keyof typeof en;

const shellFr: Record<keyof typeof shellEn, string> = {
  "nav.dashboard": "Tableau de bord",
  "nav.recommendations": "Recommandations",
  "nav.replenishment": "Réapprovisionnement",
  "nav.impact": "Impact",
  "nav.activity": "Activité",
  "nav.settings": "Réglages",
  "nav.events": "Événements",
  "demo.banner":
    "Boutique de démonstration : données simulées et émulateur local de l'API Admin sur cet ordinateur. Rien n'est envoyé à Shopify.",
  "demo.language": "Langue",
  "dashboard.title": "Tableau de bord",
  "dashboard.subtitle": "28 derniers jours, jusqu'au {date}",
  "dashboard.revenue": "Chiffre d'affaires net",
  "dashboard.grossMargin": "Marge brute",
  "dashboard.grossMarginUnknown": "Coûts unitaires manquants pour une partie des ventes",
  "dashboard.units": "Unités vendues",
  "dashboard.orders": "Commandes",
  "dashboard.catalogue": "Catalogue",
  "dashboard.catalogueLine":
    "{variants} variantes dans {products} produits, {vendors} fournisseurs, {locations} emplacements",
  "dashboard.missingCosts":
    "{count, plural, one {# variante n'a pas de coût unitaire : ses recommandations de prix sont suspendues} other {# variantes n'ont pas de coût unitaire : leurs recommandations de prix sont suspendues}} jusqu'à ce qu'un coût soit saisi.",
  "dashboard.stockouts": "En rupture maintenant",
  "dashboard.stockoutsLine":
    "{count, plural, one {# variante n'a} other {# variantes n'ont}} plus d'unités disponibles dans aucun emplacement.",
  "dashboard.salesChart": "Chiffre d'affaires net par jour, 90 derniers jours",
  "dashboard.empty.heading": "Les données de votre boutique ne sont pas encore importées",
  "dashboard.empty.body":
    "Pilotage importe le catalogue, les stocks, les coûts unitaires et deux ans de commandes à l'installation. Les chiffres apparaissent ici dès la fin de l'import.",
  "recommendations.title": "Recommandations",
  "recommendations.empty.heading": "Pas encore de recommandations",
  "recommendations.empty.body":
    "Les suggestions de prix et de réassort apparaissent ici une fois la prévision calculée sur votre historique de ventes. Chacune montre pourquoi, son impact attendu et ses limites, et attend votre accord.",
  "replenishment.title": "Réapprovisionnement",
  "replenishment.empty.heading": "Pas encore de suggestions de réassort",
  "replenishment.empty.body":
    "Les points de commande et les quantités à commander par fournisseur apparaissent ici une fois la prévision calculée. Les réassorts approuvés deviennent des brouillons de bons de commande.",
  "impact.title": "Impact",
  "impact.empty.heading": "Rien à mesurer pour l'instant",
  "impact.empty.body":
    "Quand vous approuvez une recommandation et qu'elle est appliquée, Pilotage mesure son effet réel sur les unités, le chiffre d'affaires et la marge brute, face à des variantes comparables restées inchangées.",
  "activity.title": "Activité",
  "activity.empty.heading": "Aucune activité pour l'instant",
  "activity.empty.body":
    "Chaque décision est enregistrée ici : qui, quand, avant et après, impact attendu, et si elle était automatique. Un changement de prix s'annule en un clic.",
  "settings.title": "Réglages",
  "settings.empty.heading": "Les réglages arrivent",
  "settings.empty.body":
    "Garde-fous, niveau de service, délais fournisseurs et autonomie se régleront ici. D'ici là, Pilotage ne fait que suggérer : rien ne change dans votre boutique sans votre accord.",
  "error.title": "Un problème est survenu",
  "error.body": "Pilotage n'a pas pu afficher cette page. L'erreur est enregistrée ; réessayez dans un instant.",
  "error.status": "Erreur {status}",
  "common.variantsCount": "{count, plural, one {# variante} other {# variantes}}",
};

export const fr: Record<MessageKey, string> = Object.assign({}, shellFr, ...FEATURES.map((f) => f.fr));
