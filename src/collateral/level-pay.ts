/**
 * A monthly rate so small that (1 + c)^−n rounds to 1 in float64: the loan amortizes
 * straight-line (the interest it would add is below float precision).
 */
const NEGLIGIBLE_RATE = 1e-12;

/**
 * The level-pay mortgage, SIFMA SF-3 (STANDARDS.md §2). Gross rate C in percent a
 * year, original term M0 and remaining term M in months.
 *
 * @example levelPayBalance(9.5, 360, 359) // 0.9991… (balance per unit of original par after month 1)
 */
export function levelPayBalance(grossRate: number, originalTerm: number, remainingTerm: number): number {
  checkTerms(originalTerm, remainingTerm);
  if (remainingTerm <= 0) return 0;
  const c = grossRate / 1200;
  if (Math.abs(c) < NEGLIGIBLE_RATE) return remainingTerm / originalTerm;
  return (1 - Math.pow(1 + c, -remainingTerm)) / (1 - Math.pow(1 + c, -originalTerm));
}

/** Level monthly payment per unit of original par: (C/1200) / (1 − (1 + C/1200)^−M0). */
export function levelPayment(grossRate: number, originalTerm: number): number {
  checkTerms(originalTerm, originalTerm);
  const c = grossRate / 1200;
  if (Math.abs(c) < NEGLIGIBLE_RATE) return 1 / originalTerm;
  return c / (1 - Math.pow(1 + c, -originalTerm));
}

/**
 * Payment that amortizes `balance` over `months` at a monthly rate `monthlyRate`
 * (a recast: used at an ARM reset and at the end of an interest-only period).
 * With one month left it is the whole balance plus its interest.
 */
export function amortizingPayment(balance: number, monthlyRate: number, months: number): number {
  if (months <= 1) return balance * (1 + monthlyRate);
  if (Math.abs(monthlyRate) < NEGLIGIBLE_RATE) return balance / months;
  return (balance * monthlyRate) / (1 - Math.pow(1 + monthlyRate, -months));
}

function checkTerms(originalTerm: number, remainingTerm: number): void {
  if (!(originalTerm > 0)) throw new RangeError(`original term must be positive, got ${originalTerm}`);
  if (remainingTerm > originalTerm) {
    throw new RangeError(`remaining term ${remainingTerm} exceeds original term ${originalTerm}`);
  }
}
