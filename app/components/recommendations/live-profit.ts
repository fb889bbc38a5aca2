// Expected profit of any price under a stored recommendation: the engine's own pure function, so an edited
// price shows the same figure the server would compute.
import { expectedAt } from "~/core/pricing/profit-curve";
import type { ObjectiveModel } from "~/core/pricing/objective";

export function profitAt(
  model: ObjectiveModel,
  uncertainty: { elasticity: number; se: number; levelCv2: number },
  price: number,
): number {
  return expectedAt(model, uncertainty, price).profit;
}

/** A number typed with either decimal separator ("19,99" or "19.99"); null when it is not one. */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim().replace(/\s/g, "").replace(",", ".");
  if (trimmed === "" || !/^-?\d*\.?\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}
