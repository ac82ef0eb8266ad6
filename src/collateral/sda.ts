import { cdrToMdr } from "./cdr-mdr.js";

/**
 * The SDA default benchmark, SIFMA SF-19 (STANDARDS.md §4). 100% SDA is an annual
 * default rate by loan MONTH: 0.02% × MONTH for months 1–30 (0.60% at 30), 0.60%
 * for months 31–60, then falling 0.0095% a month to 0.03% at month 120, 0.03%
 * after. Multiples scale linearly (capped at 100% CDR). Month < 1 uses month 1.
 * The "zero in the last `lag` months" rule depends on each loan's term and is
 * applied by the projection kernel, not here.
 *
 * @example sdaCdr(100, 61) // 0.5905
 * @example sdaMdr(100, 1)  // 0.0016668195…
 */
export function sdaCdr(sda: number, loanMonth: number): number {
  if (!(sda >= 0)) throw new RangeError(`SDA multiple must be non-negative, got ${sda}`);
  const month = Math.max(loanMonth, 1);
  let base: number;
  if (month <= 30) base = 0.02 * month;
  else if (month <= 60) base = 0.6;
  else if (month <= 120) base = 0.6 - 0.0095 * (month - 60);
  else base = 0.03;
  return Math.min(100, (sda / 100) * base);
}

export function sdaMdr(sda: number, loanMonth: number): number {
  return cdrToMdr(sdaCdr(sda, loanMonth));
}
