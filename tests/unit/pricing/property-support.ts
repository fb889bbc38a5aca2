export {
  recommendPrice,
  resolveGuardrails,
  violations,
  isRounded,
  type GuardrailContext,
  type PricingInput,
} from "~/core/pricing";
export function addDaysForTest(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
