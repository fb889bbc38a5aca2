// Admin texts of this feature, English and French (merged in ../messages.ts; keys start with the feature).
export const en = {
  "importing.heading": "Shop data",
  "importing.body":
    "Catalogue, unit costs, inventory and two years of orders, imported from Shopify and kept current by webhooks.",
  "importing.status.idle": "Not imported yet",
  "importing.status.queued": "Waiting to start",
  "importing.status.running": "Importing",
  "importing.status.done": "Up to date",
  "importing.status.failed": "Import failed",
  "importing.phase.catalogue": "Products and unit costs",
  "importing.phase.inventory": "Inventory levels",
  "importing.phase.orders": "Orders",
  "importing.progress": "{phase}: {percent}%",
  "importing.lastSync": "Last synchronised {date}",
  "importing.never": "Never synchronised",
  "importing.error": "The last import stopped: {error}. It resumes from where it stopped when you start it again.",
  "importing.resync": "Re-sync now",
  "importing.reimport": "Full re-import",
  "importing.started": "Import started.",
  "importing.alreadyRunning": "An import is already in progress.",
  "importing.requestFailed": "The import could not be started ({code}).",
} as const;

export const fr: Record<keyof typeof en, string> = {
  "importing.heading": "Données de la boutique",
  "importing.body":
    "Catalogue, coûts unitaires, stocks et deux ans de commandes, importés depuis Shopify et tenus à jour par les webhooks.",
  "importing.status.idle": "Pas encore importées",
  "importing.status.queued": "En attente de démarrage",
  "importing.status.running": "Import en cours",
  "importing.status.done": "À jour",
  "importing.status.failed": "Échec de l’import",
  "importing.phase.catalogue": "Produits et coûts unitaires",
  "importing.phase.inventory": "Niveaux de stock",
  "importing.phase.orders": "Commandes",
  "importing.progress": "{phase} : {percent} %",
  "importing.lastSync": "Dernière synchronisation le {date}",
  "importing.never": "Jamais synchronisées",
  "importing.error":
    "Le dernier import s’est arrêté : {error}. Il reprendra là où il s’est arrêté quand vous le relancerez.",
  "importing.resync": "Resynchroniser",
  "importing.reimport": "Tout réimporter",
  "importing.started": "Import démarré.",
  "importing.alreadyRunning": "Un import est déjà en cours.",
  "importing.requestFailed": "L’import n’a pas pu démarrer ({code}).",
};
