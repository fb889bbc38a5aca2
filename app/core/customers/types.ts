// Customer value from order history. Customer keys are pseudonymous (a salted hash made at the
// edge, e.g. by the CLI); no email or name ever reaches this module.

export interface OrderLine {
  sku: string;
  productId?: string;
  quantity: number;
  /** Realised unit price after discounts. */
  unitPrice: number;
  /** null = unknown: the line's margin is left out, never assumed. */
  unitCost: number | null;
}

export interface CustomerOrder {
  /** Pseudonymous customer key; null for guest orders without one (ignored). */
  customerKey: string | null;
  /** YYYY-MM-DD. */
  date: string;
  lines: OrderLine[];
}

export interface ValueWindow {
  /** Mean gross margin per acquired customer over the window after the first order (shrunk to the shop mean). */
  mean: number;
  /** Customers whose whole window lies before asOf (the others are right-censored and left out). */
  customers: number;
}

export interface ProductAcquisition {
  /** Product id, else SKU. */
  key: string;
  /** New customers whose first order contains the product. */
  firstOrderCustomers: number;
  /** Same, each customer split equally over the products of the first order. */
  attributedCustomers: number;
  /** Share of all new customers whose first order contains the product. */
  acquisitionShare: number;
  unitsSold: number;
  /** Attributed new customers per unit sold. */
  newCustomersPerUnit: number;
  value180: ValueWindow;
  value365: ValueWindow;
}

export interface CustomerValueReport {
  asOf: string;
  method: "empirical" | "bgnbd";
  newCustomers: number;
  /** Shop-wide mean future margin per new customer. */
  shop: { value180: ValueWindow; value365: ValueWindow };
  products: Map<string, ProductAcquisition>;
  /** Order lines whose margin was unknown (no unit cost). */
  linesWithoutCost: number;
}
