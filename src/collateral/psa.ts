import { cprToSmm } from "./cpr-smm.js";

/**
 * The PSA prepayment benchmark, SIFMA SF-8/SF-9: CPR(MONTH) = (PSA/100) × 0.2% ×
 * min(MONTH, 30), capped at 100%. MONTH is the loans' age month (the month from
 * age MONTH−1 to MONTH), not the pool's or the deal's; a computed month below 1
 * (a pool of age 0) uses MONTH = 1.
 *
 * @example psaCpr(100, 15) // 3
 * @example psaSmm(150, 1)  // 0.0250344410…
 */
export function psaCpr(psa: number, loanMonth: number): number {
  if (!(psa >= 0)) throw new RangeError(`PSA multiple must be non-negative, got ${psa}`);
  const month = Math.min(Math.max(loanMonth, 1), 30);
  return Math.min(100, (psa / 100) * 0.2 * month);
}

export function psaSmm(psa: number, loanMonth: number): number {
  return cprToSmm(psaCpr(psa, loanMonth));
}

/** The PSA multiple a measured CPR corresponds to at a loan month (SF-10). */
export function cprToPsa(cpr: number, loanMonth: number): number {
  const month = Math.min(Math.max(loanMonth, 1), 30);
  return (cpr / (0.2 * month)) * 100;
}
