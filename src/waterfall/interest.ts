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

function indexValue(ctx: RateContext, index: string, classId: string): number {
  const v = ctx.indices[index];
  if (v === undefined || !Number.isFinite(v)) throw new Error(`no ${index} fixing for Class ${classId}'s accrual period`);
  return v;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The class's Pass-Through Rate for the period, percent (null for Class X and PO, which have none). */
export function passThroughRate(spec: ClassSpec, ctx: RateContext): number | null {
  const c = spec.coupon;
  switch (c.kind) {
    case "fixed":
      return c.rate;
    case "floater":
      return clamp(indexValue(ctx, c.index, spec.id) + c.margin, c.floor, c.cap);
    case "inverseFloater":
      return clamp(c.constant - c.multiplier * indexValue(ctx, c.index, spec.id), c.floor, c.cap);
    case "groupNetWac":
      return ctx.groupNetWac[c.group] ?? 0;
    case "subordinateNetWac": {
      let weight = 0;
      let sum = 0;
      for (const [g, portion] of Object.entries(ctx.subordinatePortion)) {
        const w = Math.max(0, portion);
        weight += w;
        sum += w * (ctx.groupNetWac[g] ?? 0);
      }
      if (weight > 0) return sum / weight;
      // No subordinate portion anywhere: the plain average of the group WACs keeps the rate defined.
      const wacs = Object.values(ctx.groupNetWac);
      return wacs.length ? wacs.reduce((a, b) => a + b, 0) / wacs.length : 0;
    }
    case "premiumStrip":
    case "none":
      return null;
    default:
      return assertNever(c, "coupon");
  }
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
  const out = new Map<string, number>();
  let total = 0;
  for (const v of accrued.values()) total += Math.max(0, v);
  for (const [id, v] of accrued) {
    out.set(id, total > 0 && shortfall > 0 ? Math.min(v, (shortfall * Math.max(0, v)) / total) : 0);
  }
  return out;
}
