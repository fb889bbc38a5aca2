// Number formatting for merchant-facing explanations (English).

export function units(n: number): string {
  const r = Math.round(n * 10) / 10;
  const s = Number.isInteger(r) ? String(r) : r.toFixed(1);
  return `${s} unit${r === 1 ? "" : "s"}`;
}

export function money(n: number, currency?: string): string {
  const s = n.toFixed(2);
  return currency ? `${s} ${currency}` : s;
}

export function days(n: number): string {
  const r = Math.round(n * 10) / 10;
  return `${Number.isInteger(r) ? r : r.toFixed(1)} day${r === 1 ? "" : "s"}`;
}

export function percent(p: number): string {
  return `${Math.round(p * 1000) / 10}%`;
}

export const round1 = (n: number): number => Math.round(n * 10) / 10;
export const round2 = (n: number): number => Math.round(n * 100) / 100;
