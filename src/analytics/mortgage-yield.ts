/**
 * Mortgage yield (SIFMA SF-47 to SF-55; STANDARDS.md §5): the monthly-compounded yield
 * equivalent to a bond-equivalent (semiannual) yield Y,
 *
 *     mortgage yield = 1200 × ((1 + Y/200)^(1/6) − 1).
 *
 * Reported beside the bond-equivalent yield; never used for duration or
 * convexity, which are on the bond-equivalent basis.
 *
 * @example mortgageYieldFromBondEquivalent(6.0755018787530) // 6 (a 6% coupon paid monthly)
 */

export function mortgageYieldFromBondEquivalent(bondEquivalentYield: number): number {
  if (!Number.isFinite(bondEquivalentYield) || bondEquivalentYield <= -200) {
    throw new RangeError(`yield must be a finite percentage above -200, got ${bondEquivalentYield}`);
  }
  return 1200 * Math.expm1(Math.log1p(bondEquivalentYield / 200) / 6);
}

/** The inverse: bond-equivalent yield = 200 × ((1 + M/1200)^6 − 1). */
export function bondEquivalentFromMortgageYield(mortgageYield: number): number {
  if (!Number.isFinite(mortgageYield) || mortgageYield <= -1200) {
    throw new RangeError(`mortgage yield must be a finite percentage above -1200, got ${mortgageYield}`);
  }
  return 200 * Math.expm1(6 * Math.log1p(mortgageYield / 1200));
}
