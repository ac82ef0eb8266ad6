/**
 * §4.02(a)(i), (iv) and Article I: Pass-Through Rates, Accrued Certificate
 * Interest, and the sharing of Net Prepayment Interest Shortfalls and Relief Act
 * Reductions. Every class accrues on 30/360, so one period is 30/360 = 1/12 year.
 */
import { assertNever } from "../core/assert-never.js";
import type { ClassSpec } from "../deal/schema.js";

export interface RateContext {
  /** Index fixings for the period's accrual, percent. */
  readonly indices: Readonly<Record<string, number>>;
  /** Group net WACs (weighted Adjusted Net Mortgage Rate at the start of the Due Period), percent. */
  readonly groupNetWac: Readonly<Record<string, number>>;
  /** Subordinate portion by group: group loan balance − group senior balance (non-PO). */
  readonly subordinatePortion: Readonly<Record<string, number>>;
}

function indexValue(indices: Readonly<Record<string, number>>, index: string, classId: string): number {
  const v = indices[index];
  if (v === undefined || !Number.isFinite(v)) throw new Error(`no ${index} fixing for Class ${classId}'s accrual period`);
  return v;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The class's Pass-Through Rate for the period, percent (null for Class X and PO, which have none). */
export function passThroughRate(spec: ClassSpec, ctx: RateContext): number | null {
  const c = spec.coupon;
  let groupWac = 0;
  let subordinateWac = 0;
  if (c.kind === "groupNetWac") groupWac = ctx.groupNetWac[c.group] ?? 0;
  if (c.kind === "subordinateNetWac") {
    const entries = Object.entries(ctx.subordinatePortion);
    subordinateWac = subordinateNetWac(
      entries.map(([, portion]) => portion),
      entries.map(([g]) => ctx.groupNetWac[g] ?? 0),
      Object.values(ctx.groupNetWac),
    );
  }
  return passThroughRateOf(spec, ctx.indices, groupWac, subordinateWac);
}

/**
 * `passThroughRate` from the period's figures already worked out: `groupWac` is
 * the net WAC of the class's group (read by `groupNetWac` coupons),
 * `subordinateWac` the subordinate net WAC (read by `subordinateNetWac` coupons).
 */
export function passThroughRateOf(spec: ClassSpec, indices: Readonly<Record<string, number>>, groupWac: number, subordinateWac: number): number | null {
  const rate = periodRateOf(spec, indices, groupWac, subordinateWac);
  return Number.isNaN(rate) ? null : rate;
}

/**
 * `passThroughRateOf` with NaN for "no rate" instead of null, for the period
 * step: a number-only result stays an unboxed double in optimized code.
 */
export function periodRateOf(spec: ClassSpec, indices: Readonly<Record<string, number>>, groupWac: number, subordinateWac: number): number {
  const c = spec.coupon;
  switch (c.kind) {
    case "fixed":
      return c.rate;
    case "floater":
      return clamp(indexValue(indices, c.index, spec.id) + c.margin, c.floor, c.cap);
    case "inverseFloater":
      return clamp(c.constant - c.multiplier * indexValue(indices, c.index, spec.id), c.floor, c.cap);
    case "groupNetWac":
      return groupWac;
    case "subordinateNetWac":
      return subordinateWac;
    case "premiumStrip":
    case "none":
      return Number.NaN;
    default:
      return assertNever(c, "coupon");
  }
}

/**
 * The subordinate classes' rate: the group net WACs weighted by each group's
 * subordinate portion (floored at zero); with no subordinate portion anywhere,
 * the plain average of `allWacs` keeps the rate defined. `portions[k]` and
 * `wacs[k]` are one group's.
 */
export function subordinateNetWac(portions: ArrayLike<number>, wacs: ArrayLike<number>, allWacs: ArrayLike<number>): number {
  let weight = 0;
  let sum = 0;
  for (let k = 0; k < portions.length; k++) {
    const w = Math.max(0, portions[k]);
    weight += w;
    sum += w * wacs[k];
  }
  if (weight > 0) return sum / weight;
  if (allWacs.length === 0) return 0;
  let total = 0;
  for (let k = 0; k < allWacs.length; k++) total += allWacs[k];
  return total / allWacs.length;
}

/** Accrued Certificate Interest: rate × balance (or notional) × 30/360 for one month. */
export function accruedCertificateInterest(ratePercent: number, balanceOrNotional: number): number {
  return (ratePercent / 100) * balanceOrNotional / 12;
}

/**
 * Shares a shortfall (Net Prepayment Interest Shortfall + Relief Act Reductions)
 * among the interest-bearing classes pro rata by Accrued Certificate Interest,
 * never above a class's accrued interest.
 */
export function allocateInterestShortfall(accrued: ReadonlyMap<string, number>, shortfall: number): Map<string, number> {
  const values = Float64Array.from(accrued.values());
  const shares = new Float64Array(values.length);
  allocateInterestShortfallOf(values, shortfall, shares);
  return new Map([...accrued.keys()].map((id, k) => [id, shares[k]]));
}

/** `allocateInterestShortfall` on arrays: `shares[k]` for `accrued[k]`, k < accrued.length. */
export function allocateInterestShortfallOf(accrued: ArrayLike<number>, shortfall: number, shares: Float64Array): void {
  let total = 0;
  for (let k = 0; k < accrued.length; k++) total += Math.max(0, accrued[k]);
  for (let k = 0; k < accrued.length; k++) {
    const v = accrued[k];
    shares[k] = total > 0 && shortfall > 0 ? Math.min(v, (shortfall * Math.max(0, v)) / total) : 0;
  }
}
