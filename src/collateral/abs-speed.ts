/**
 * ABS prepayment speed (auto-style), SIFMA SF-13: the share of the *original*
 * number of loans that prepays each month. SMM = ABS / (1 − ABS × (MONTH − 1)),
 * in fractions; percent in and out here.
 *
 * @example absToSmm(2, 11) // 2.5
 */
export function absToSmm(abs: number, loanMonth: number): number {
  const a = abs / 100;
  const month = Math.max(loanMonth, 1);
  const denominator = 1 - a * (month - 1);
  if (denominator <= 0) return 100;
  return Math.min(100, (100 * a) / denominator);
}

/** The inverse: ABS = SMM / (1 + SMM × (MONTH − 1)). */
export function smmToAbs(smm: number, loanMonth: number): number {
  const s = smm / 100;
  const month = Math.max(loanMonth, 1);
  return (100 * s) / (1 + s * (month - 1));
}
