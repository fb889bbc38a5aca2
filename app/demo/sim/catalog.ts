// The demo shop's catalogue: a French fine-grocery and tableware shop ("Maison Pilotage").
// Each category (Shopify product type) carries its own true price elasticity, between -0.8 and -4,
// and its own yearly season; vendors carry lead times, MOQ and case packs.
import type { SimVendor } from "./types";

export interface CategorySpec {
  productType: string;
  /** True category elasticity; products and variants scatter around it. */
  elasticity: number;
  priceRange: [number, number];
  /** Unit cost as a share of the initial price. */
  costShare: [number, number];
  yearlyPeakDay: number;
  yearlyAmplitude: [number, number];
  /** Relative weight of the category in the catalogue. */
  weight: number;
  vendors: string[];
  nouns: string[];
  qualifiers: string[];
  /** Variant options with a price multiplier. */
  options: { title: string; priceFactor: number; sku: string }[];
}

export const VENDORS: SimVendor[] = [
  { name: "Torréfaction Lumière", leadTimeDays: 6, leadTimeSdDays: 2, moq: 12, casePack: 6 },
  { name: "Maison Théière", leadTimeDays: 21, leadTimeSdDays: 5, moq: 24, casePack: 12 },
  { name: "Cacao & Cie", leadTimeDays: 12, leadTimeSdDays: 3, moq: 20, casePack: 10 },
  { name: "Atelier Grès", leadTimeDays: 35, leadTimeSdDays: 9, moq: 18, casePack: 6 },
  { name: "Verrerie du Nord", leadTimeDays: 45, leadTimeSdDays: 12, moq: 24, casePack: 12 },
  { name: "Les Ruchers d'Oc", leadTimeDays: 9, leadTimeSdDays: 3, moq: 12, casePack: 6 },
  { name: "Coffrets Pilotage", leadTimeDays: 4, leadTimeSdDays: 1, moq: 6, casePack: 1 },
];

const WEIGHTS = [
  { title: "250 g", priceFactor: 1, sku: "250" },
  { title: "500 g", priceFactor: 1.85, sku: "500" },
  { title: "1 kg", priceFactor: 3.4, sku: "1K" },
];
const COLOURS = [
  { title: "Blanc", priceFactor: 1, sku: "BLA" },
  { title: "Bleu nuit", priceFactor: 1, sku: "BLE" },
  { title: "Terracotta", priceFactor: 1.05, sku: "TER" },
  { title: "Vert sauge", priceFactor: 1.05, sku: "VER" },
];

export const CATEGORIES: CategorySpec[] = [
  {
    productType: "Épicerie fine",
    elasticity: -0.8,
    priceRange: [4, 14],
    costShare: [0.45, 0.6],
    yearlyPeakDay: 355,
    yearlyAmplitude: [0.1, 0.3],
    weight: 0.18,
    vendors: ["Les Ruchers d'Oc", "Cacao & Cie"],
    nouns: ["Miel", "Confiture", "Pâte à tartiner", "Caramel", "Huile d'olive", "Moutarde", "Sel"],
    qualifiers: [
      "de lavande",
      "de châtaignier",
      "d'acacia",
      "de Provence",
      "à l'ancienne",
      "fleur de sel",
      "aux figues",
      "bio",
    ],
    options: [
      { title: "Pot 250 g", priceFactor: 1, sku: "P25" },
      { title: "Pot 500 g", priceFactor: 1.8, sku: "P50" },
    ],
  },
  {
    productType: "Thé",
    elasticity: -1.2,
    priceRange: [6, 18],
    costShare: [0.3, 0.45],
    yearlyPeakDay: 15,
    yearlyAmplitude: [0.25, 0.5],
    weight: 0.16,
    vendors: ["Maison Théière"],
    nouns: ["Thé vert", "Thé noir", "Thé blanc", "Oolong", "Rooibos", "Infusion"],
    qualifiers: ["Sencha", "Darjeeling", "Earl Grey", "Jasmin", "des Alpes", "Menthe", "Agrumes", "Fumé", "Impérial"],
    options: [
      { title: "100 g", priceFactor: 1, sku: "100" },
      { title: "250 g", priceFactor: 2.2, sku: "250" },
    ],
  },
  {
    productType: "Café",
    elasticity: -1.6,
    priceRange: [7, 16],
    costShare: [0.35, 0.5],
    yearlyPeakDay: 340,
    yearlyAmplitude: [0.1, 0.3],
    weight: 0.22,
    vendors: ["Torréfaction Lumière"],
    nouns: ["Café", "Espresso", "Café filtre", "Décaféiné"],
    qualifiers: [
      "Éthiopie",
      "Colombie",
      "Brésil",
      "Guatemala",
      "Kenya",
      "Pérou",
      "Sumatra",
      "Honduras",
      "Maison",
      "Moka",
    ],
    options: WEIGHTS,
  },
  {
    productType: "Chocolat",
    elasticity: -2.0,
    priceRange: [3.5, 12],
    costShare: [0.35, 0.5],
    yearlyPeakDay: 350,
    yearlyAmplitude: [0.4, 0.75],
    weight: 0.14,
    vendors: ["Cacao & Cie"],
    nouns: ["Tablette", "Truffes", "Pralinés", "Orangettes", "Mendiants"],
    qualifiers: [
      "noir 70%",
      "au lait",
      "noisette",
      "fleur de sel",
      "caramel",
      "Madagascar",
      "Équateur",
      "blanc vanille",
    ],
    options: [
      { title: "Unité", priceFactor: 1, sku: "U1" },
      { title: "Lot de 3", priceFactor: 2.7, sku: "L3" },
    ],
  },
  {
    productType: "Accessoires",
    elasticity: -2.6,
    priceRange: [12, 60],
    costShare: [0.3, 0.45],
    yearlyPeakDay: 345,
    yearlyAmplitude: [0.2, 0.45],
    weight: 0.12,
    vendors: ["Atelier Grès", "Torréfaction Lumière"],
    nouns: ["Moulin", "Théière", "Filtre", "Bouilloire", "Balance", "Boîte hermétique"],
    qualifiers: ["manuel", "inox", "en fonte", "céramique", "compact", "col de cygne"],
    options: COLOURS.slice(0, 3),
  },
  {
    productType: "Vaisselle",
    elasticity: -3.2,
    priceRange: [9, 35],
    costShare: [0.25, 0.4],
    yearlyPeakDay: 170,
    yearlyAmplitude: [0.1, 0.3],
    weight: 0.1,
    vendors: ["Atelier Grès", "Verrerie du Nord"],
    nouns: ["Tasse", "Mug", "Bol", "Verre", "Carafe", "Assiette"],
    qualifiers: ["émaillé", "artisanal", "double paroi", "en grès", "soufflé bouche", "martelé"],
    options: COLOURS,
  },
  {
    productType: "Coffrets cadeaux",
    elasticity: -4.0,
    priceRange: [25, 70],
    costShare: [0.45, 0.6],
    yearlyPeakDay: 356,
    yearlyAmplitude: [0.6, 0.85],
    weight: 0.08,
    vendors: ["Coffrets Pilotage"],
    nouns: ["Coffret", "Panier", "Box"],
    qualifiers: ["Découverte", "Gourmand", "Prestige", "Petit-déjeuner", "Dégustation", "Noël", "Apéritif"],
    options: [
      { title: "Standard", priceFactor: 1, sku: "STD" },
      { title: "Grand", priceFactor: 1.6, sku: "GRD" },
    ],
  },
];

export function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
