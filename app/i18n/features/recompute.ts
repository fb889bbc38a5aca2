// Admin texts of this feature, English and French (merged in ../messages.ts; keys start with the feature).
export const en = {
  "recompute.heading": "Forecasts and recommendations",
  "recompute.body":
    "Recomputed every night from the whole shop's history, and for one variant as soon as an order, refund or stock change arrives.",
  "recompute.status.building": "Reading the history",
  "recompute.status.deciding": "Recomputing",
  "recompute.status.published": "Up to date",
  "recompute.status.superseded": "Replaced by a newer run",
  "recompute.status.failed": "Recompute failed",
  "recompute.progress": "{done} of {total} variants ({percent}%)",
  "recompute.chunks": "{done} of {total} parts done by the workers",
  "recompute.contextParts": "Histories read: {done} of {total} parts ({percent}%)",
  "recompute.building":
    "Reading every variant's history to build the shop's seasonality, elasticities and customer value.",
  "recompute.last": "Last full recompute {date}",
  "recompute.never": "No full recompute yet",
} as const;

export const fr: Record<keyof typeof en, string> = {
  "recompute.heading": "Prévisions et recommandations",
  "recompute.body":
    "Recalculées chaque nuit à partir de l'historique de toute la boutique, et pour une variante dès qu'une commande, un remboursement ou un changement de stock arrive.",
  "recompute.status.building": "Lecture de l'historique",
  "recompute.status.deciding": "Recalcul en cours",
  "recompute.status.published": "À jour",
  "recompute.status.superseded": "Remplacé par un calcul plus récent",
  "recompute.status.failed": "Échec du recalcul",
  "recompute.progress": "{done} variantes sur {total} ({percent} %)",
  "recompute.chunks": "{done} parties sur {total} traitées par les workers",
  "recompute.contextParts": "Historiques lus : {done} parties sur {total} ({percent} %)",
  "recompute.building":
    "Lecture de l'historique de chaque variante pour établir la saisonnalité, les élasticités et la valeur client de la boutique.",
  "recompute.last": "Dernier recalcul complet le {date}",
  "recompute.never": "Aucun recalcul complet pour l'instant",
} as const;
