import { clampPercent } from "./cpr-smm.js";

/**
 * CDR ↔ MDR, SIFMA SF-17: (1 − MDR)^12 = 1 − CDR. Rates in percent, clamped to [0, 100].
 *
 * @example cdrToMdr(0.6) // 0.0501380294…
 */
export function cdrToMdr(cdr: number): number {
  // The last conversion is kept (see cprToSmm): a flat or plateaued curve converts once.
  if (cdr === lastCdr) return lastMdr;
  const c = clampPercent(cdr);
  const mdr = c >= 100 ? 100 : 100 * (1 - Math.pow(1 - c / 100, 1 / 12));
  lastCdr = cdr;
  lastMdr = mdr;
  return mdr;
}
let lastCdr = Number.NaN;
let lastMdr = Number.NaN;

export function mdrToCdr(mdr: number): number {
  const m = clampPercent(mdr);
  return 100 * (1 - Math.pow(1 - m / 100, 12));
}
