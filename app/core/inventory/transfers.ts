// Transfers between locations of one variant: a location that will run out before an order from the vendor
// could arrive gets units from a location holding more than its own order-up-to level (the stock it needs to
// cover its lead time and review period at the service level), so no location is left short by a transfer.
// Greedy: the earliest stockout first, from the largest excess first (a "reactive" lateral transshipment in
// the review of Paterson, Kiesmüller, Teunter & Glazebrook, EJOR 210, 2011).

export interface TransferCandidate {
  location: string;
  /** Units on hand and not reserved: what can leave. */
  usable: number;
  /** Inventory position: usable + incoming + on order. */
  position: number;
  /** The location's order-up-to level S. */
  orderUpTo: number;
  /** Day index (0 = today) of the projected stockout at the expected sales rate; null = none. */
  stockoutDay: number | null;
}

export interface TransferSuggestion {
  from: string;
  to: string;
  units: number;
  /** The destination's projected stockout day without the transfer. */
  stockoutDay: number;
}

export interface TransferOptions {
  /** The vendor's mean lead time in days. */
  supplierLeadDays: number;
  /** Days a transfer takes. */
  transferLeadDays: number;
}

export function suggestTransfers(candidates: readonly TransferCandidate[], o: TransferOptions): TransferSuggestion[] {
  // A transfer that arrives no sooner than a supplier order saves nothing.
  if (!(o.transferLeadDays < o.supplierLeadDays)) return [];
  const receivers = candidates
    .filter(
      (c) => c.stockoutDay !== null && c.stockoutDay < o.supplierLeadDays && Math.ceil(c.orderUpTo - c.position) > 0,
    )
    .sort((a, b) => a.stockoutDay! - b.stockoutDay! || (a.location < b.location ? -1 : 1));
  const excess = new Map<string, number>();
  for (const c of candidates) {
    const e = Math.floor(Math.min(c.usable, c.position - c.orderUpTo));
    if (e > 0 && !receivers.includes(c)) excess.set(c.location, e);
  }
  const out: TransferSuggestion[] = [];
  for (const r of receivers) {
    let need = Math.ceil(r.orderUpTo - r.position);
    const donors = [...excess].filter(([, e]) => e > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    for (const [from, e] of donors) {
      if (need <= 0) break;
      const units = Math.min(e, need);
      out.push({ from, to: r.location, units, stockoutDay: r.stockoutDay! });
      excess.set(from, e - units);
      need -= units;
    }
  }
  return out;
}
