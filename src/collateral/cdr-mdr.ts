import { annualToMonthlyRate, clampPercent } from "./cpr-smm.js";

/**
 * CDR ↔ MDR, SIFMA SF-17: (1 − MDR)^12 = 1 − CDR. Rates in percent, clamped to [0, 100].
 *
 * @example cdrToMdr(0.6) // 0.0501380294…
 */
export function cdrToMdr(cdr: number): number {
  return annualToMonthlyRate(cdr);
}

export function mdrToCdr(mdr: number): number {
  const m = clampPercent(mdr);
  return 100 * (1 - Math.pow(1 - m / 100, 12));
}
