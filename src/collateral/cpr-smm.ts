/**
 * CPR ↔ SMM, SIFMA Standard Formulas SF-4 to SF-6: (1 − SMM)^12 = 1 − CPR.
 * Always a 12-month conversion, never actual days over 365 (STANDARDS.md §3, §6).
 * Rates in percent; both ends clamped to [0, 100] (a rate cannot exceed the balance).
 *
 * @example cprToSmm(6) // 0.5143012832…
 * @example smmToCpr(1) // 11.3615128…
 */
export function cprToSmm(cpr: number): number {
  return annualToMonthlyRate(cpr);
}

/**
 * The monthly rate m of an annual rate a, both percent: (1 − m)^12 = 1 − a.
 * CPR → SMM (SF-4 to SF-6) and CDR → MDR (SF-17) are this one conversion.
 * Curves hold one rate for many months in a row (a ramp's plateau, a flat CPR):
 * the last conversion is kept, so a table of 360 months takes a dozen powers, not 360.
 */
export function annualToMonthlyRate(annual: number): number {
  if (annual === lastAnnual) return lastMonthly;
  const a = clampPercent(annual);
  const monthly = a >= 100 ? 100 : 100 * (1 - Math.pow(1 - a / 100, 1 / 12));
  lastAnnual = annual;
  lastMonthly = monthly;
  return monthly;
}
let lastAnnual = Number.NaN;
let lastMonthly = Number.NaN;

export function smmToCpr(smm: number): number {
  const s = clampPercent(smm);
  return 100 * (1 - Math.pow(1 - s / 100, 12));
}

/** Clamps a percent rate to [0, 100]; NaN is rejected. */
export function clampPercent(value: number): number {
  if (Number.isNaN(value)) throw new RangeError("rate is NaN");
  return value < 0 ? 0 : value > 100 ? 100 : value;
}
