// A price decision's state, its conflict with Shopify's price, and whether Shopify's price of a variant is a
// decision's state, in whole cents (pure; shared by push and rollback).

/** What a price Decision stores in `before` / `after`. */
export interface PriceState {
  price: number;
  compareAtPrice: number | null;
}

/** Shopify's price of a decision's variant when it is not the price the decision set. */
export interface PriceConflict {
  decisionId: string;
  /** What Shopify holds now (the merchant, another app or a later change set it). */
  shopify: PriceState;
  /** What the decision set. */
  decided: PriceState;
  /** The price before the decision: what a rollback restores. */
  before: PriceState;
}

const cents = (x: number | null): number | null => (x === null ? null : Math.round(x * 100));

/**
 * Shopify holds `state` as far as a write between `state` and `other` is concerned: the price always, the
 * compare-at price only when the two states differ in it (the write leaves it alone otherwise).
 */
export function holds(shopify: PriceState, state: PriceState, other: PriceState): boolean {
  if (cents(shopify.price) !== cents(state.price)) return false;
  return (
    cents(state.compareAtPrice) === cents(other.compareAtPrice) ||
    cents(shopify.compareAtPrice) === cents(state.compareAtPrice)
  );
}

/** Same price and same compare-at price. */
export const sameState = (a: PriceState, b: PriceState): boolean =>
  cents(a.price) === cents(b.price) && cents(a.compareAtPrice) === cents(b.compareAtPrice);
