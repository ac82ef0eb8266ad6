/**
 * How prospectuses print a decrement table's percentages: whole percent,
 * rounded to the nearest; `*` for more than 0% and less than 0.5%; `0` only
 * when nothing is outstanding. A balance under half a cent is nothing
 * outstanding (the projection runs in float64; statements run in cents).
 *
 * @example formatDecrementPercent(0.3) // "*"
 * @example formatDecrementPercent(99.5) // "100"
 */

export const HALF_CENT = 0.005;

/** Percent of the initial balance outstanding (0 when the balance is under half a cent). */
export function percentOutstanding(balance: number, initialBalance: number): number {
  if (!(initialBalance > 0)) throw new RangeError(`initial balance must be positive, got ${initialBalance}`);
  return balance < HALF_CENT ? 0 : (100 * balance) / initialBalance;
}

export function formatDecrementPercent(percent: number): string {
  if (!Number.isFinite(percent) || percent < 0) throw new RangeError(`not a percentage outstanding: ${percent}`);
  if (percent === 0) return "0";
  if (percent < 0.5) return "*";
  return String(Math.floor(percent + 0.5));
}
