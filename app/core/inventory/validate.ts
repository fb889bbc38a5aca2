// Input checks for planReplenishment: expected bad input becomes a coded error, never an exception.
import { isIsoDay } from "./dates";
import type { InventoryError, ReplenishmentInput } from "./types";

function bad(field: string, message: string): InventoryError {
  return { code: "INVENTORY.INVALID_INPUT", field, message };
}

const finiteNonNeg = (v: unknown): boolean => typeof v === "number" && Number.isFinite(v) && v >= 0;

export function validateInput(input: ReplenishmentInput): InventoryError | null {
  const { forecast } = input;
  if (input.onHand === null || input.onHand === undefined || !Number.isFinite(input.onHand)) {
    return {
      code: "INVENTORY.STOCK_UNKNOWN",
      field: "onHand",
      message: `Stock on hand for ${input.sku} is unknown, so no order can be suggested.`,
    };
  }
  if (!forecast || !Array.isArray(forecast.mean) || forecast.mean.length === 0 || !isIsoDay(forecast.start)) {
    return { code: "INVENTORY.FORECAST_EMPTY", field: "forecast", message: `No daily forecast for ${input.sku}.` };
  }
  if (forecast.mean.some((v) => !Number.isFinite(v)))
    return bad("forecast.mean", "Forecast contains a non-finite value.");
  if (input.serviceLevel !== undefined && !(input.serviceLevel > 0 && input.serviceLevel < 1)) {
    return bad("serviceLevel", `Service level must be between 0 and 1 (exclusive), got ${input.serviceLevel}.`);
  }
  if (!input.leadTime || !finiteNonNeg(input.leadTime.meanDays))
    return bad("leadTime.meanDays", "Lead time must be a non-negative number of days.");
  if (!finiteNonNeg(input.leadTime.sdDays))
    return bad("leadTime.sdDays", "Lead time spread must be a non-negative number of days.");
  if (input.reviewPeriodDays !== undefined && !finiteNonNeg(input.reviewPeriodDays))
    return bad("reviewPeriodDays", "Review period must be a non-negative number of days.");
  if (input.committed !== undefined && !finiteNonNeg(input.committed))
    return bad("committed", "Committed units must be a non-negative number.");
  if (input.moq !== undefined && !finiteNonNeg(input.moq))
    return bad("moq", "Minimum order quantity must be a non-negative number.");
  if (input.casePack !== undefined && !(Number.isInteger(input.casePack) && input.casePack >= 1))
    return bad("casePack", "Case pack must be a whole number of at least 1.");
  if (input.unitCost !== null && !finiteNonNeg(input.unitCost))
    return bad("unitCost", "Unit cost must be a non-negative number or null.");
  if (!finiteNonNeg(input.unitPrice)) return bad("unitPrice", "Unit price must be a non-negative number.");
  if (input.targetCoverDays !== undefined && !finiteNonNeg(input.targetCoverDays))
    return bad("targetCoverDays", "Target cover must be a non-negative number of days.");
  for (const [i, s] of (input.incoming ?? []).entries()) {
    if (!finiteNonNeg(s.units)) return bad(`incoming[${i}].units`, "Incoming units must be a non-negative number.");
    if (!isIsoDay(s.expectedDate))
      return bad(`incoming[${i}].expectedDate`, `Expected arrival must be YYYY-MM-DD, got "${s.expectedDate}".`);
  }
  const pd = input.protectionDemand;
  if (pd && !(finiteNonNeg(pd.mean) && finiteNonNeg(pd.quantile)))
    return bad("protectionDemand", "Protection-period demand must be non-negative numbers.");
  return null;
}
