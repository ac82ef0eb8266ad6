/**
 * Measuring prepayment speeds from pool factors, SIFMA SF-4 to SF-7 and SF-11
 * (STANDARDS.md §3). Factors and BAL values are per unit of original par.
 */

/**
 * SMM (percent) between two factor dates one month apart:
 * F_end = F_start × (BAL_end / BAL_start) × (1 − SMM/100).
 *
 * @example smmFromFactors({factorStart: 0.85150625, factorEnd: 0.84732282, balStart: 0.99213300, balEnd: 0.99157471}) // 0.435270…
 */
export function smmFromFactors(input: {
  factorStart: number;
  factorEnd: number;
  /** Scheduled balance per unit of original par (SF-3 BAL) at the start. */
  balStart: number;
  balEnd: number;
}): number {
  const { factorStart, factorEnd, balStart, balEnd } = input;
  if (!(factorStart > 0) || !(balStart > 0)) throw new RangeError("starting factor and BAL must be positive");
  const scheduledFactor = factorStart * (balEnd / balStart);
  return 100 * (1 - factorEnd / scheduledFactor);
}

/**
 * Average SMM over n months (SF-11): 1 − (actual / scheduled)^(1/n), where
 * `actualFactor` is the factor observed n months later and `scheduledFactor` the
 * one scheduled amortization alone would have left. Never an average of SMMs.
 */
export function averageSmm(actualFactor: number, scheduledFactor: number, months: number): number {
  if (!(months > 0) || !(scheduledFactor > 0)) throw new RangeError("months and scheduled factor must be positive");
  return 100 * (1 - Math.pow(actualFactor / scheduledFactor, 1 / months));
}

/** Average CPR over n months (SF-11): 1 − (actual / scheduled)^(12/n). */
export function averageCpr(actualFactor: number, scheduledFactor: number, months: number): number {
  if (!(months > 0) || !(scheduledFactor > 0)) throw new RangeError("months and scheduled factor must be positive");
  return 100 * (1 - Math.pow(actualFactor / scheduledFactor, 12 / months));
}
