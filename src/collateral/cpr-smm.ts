/**
 * CPR ↔ SMM, SIFMA Standard Formulas SF-4 to SF-6: (1 − SMM)^12 = 1 − CPR.
 * Always a 12-month conversion, never actual days over 365 (STANDARDS.md §3, §6).
 * Rates in percent; both ends clamped to [0, 100] (a rate cannot exceed the balance).
 *
 * @example cprToSmm(6) // 0.5143012832…
 * @example smmToCpr(1) // 11.3615128…
 */
export function cprToSmm(cpr: number): number {
  // Curves hold one rate for many months in a row (a ramp's plateau, a flat CPR):
  // the last conversion is kept, so a table of 360 months takes a dozen powers, not 360.
  if (cpr === lastCpr) return lastSmm;
  const c = clampPercent(cpr);
  const smm = c >= 100 ? 100 : 100 * (1 - Math.pow(1 - c / 100, 1 / 12));
  lastCpr = cpr;
  lastSmm = smm;
  return smm;
}
let lastCpr = Number.NaN;
let lastSmm = Number.NaN;

export function smmToCpr(smm: number): number {
  const s = clampPercent(smm);
  return 100 * (1 - Math.pow(1 - s / 100, 12));
}

/** Clamps a percent rate to [0, 100]; NaN is rejected. */
export function clampPercent(value: number): number {
  if (Number.isNaN(value)) throw new RangeError("rate is NaN");
  return value < 0 ? 0 : value > 100 ? 100 : value;
}
