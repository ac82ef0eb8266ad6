/**
 * Every fixed-cash-flow measure of SF-47 to SF-55 at once, at a full price or
 * at a yield: what a yield table cell or a priced class shows.
 *
 * `monthlyCashFlows` turns month-by-month rows (a pool's or a class's, month 1
 * first) into receipt times for a settlement on the first day of month 1's
 * accrual: month k is received (30k + delay)/360 years later (SF-43 to SF-46, STANDARDS.md §1).
 *
 * @example cashFlowMeasures(monthlyCashFlows(rows, {delayDays: 24}), {fullPrice: 100})
 */
import { averageLife } from "./average-life.js";
import { presentValue, yieldFromPrice } from "./bond-equivalent-yield.js";
import type { CashFlow } from "./cash-flow.js";
import { convexity } from "./convexity.js";
import { macaulayDuration, modifiedDuration } from "./duration.js";
import { mortgageYieldFromBondEquivalent } from "./mortgage-yield.js";

export interface CashFlowMeasures {
  readonly fullPrice: number;
  /** Bond-equivalent, percent. */
  readonly yield: number;
  readonly mortgageYield: number;
  readonly averageLife: number | null;
  readonly macaulayDuration: number;
  readonly modifiedDuration: number;
  readonly convexity: number;
}

export function cashFlowMeasures(flows: readonly CashFlow[], quote: { readonly fullPrice: number } | { readonly yield: number }): CashFlowMeasures {
  const y = "yield" in quote ? quote.yield : yieldFromPrice(flows, quote.fullPrice);
  const fullPrice = "yield" in quote ? presentValue(flows, y) : quote.fullPrice;
  return {
    fullPrice,
    yield: y,
    mortgageYield: mortgageYieldFromBondEquivalent(y),
    averageLife: averageLife(flows),
    macaulayDuration: macaulayDuration(flows, y),
    modifiedDuration: modifiedDuration(flows, y),
    convexity: convexity(flows, y),
  };
}

export interface MonthlyOptions {
  /** Actual delay, days (STANDARDS.md §1): 0 when paid on the accrual month's last day + 1. */
  readonly delayDays: number;
  /** Multiplies every amount (e.g. 100 / starting balance for per-100 figures). Default 1. */
  readonly scale?: number;
}

export function monthlyCashFlows(rows: readonly { readonly interest: number; readonly principal: number }[], options: MonthlyOptions): CashFlow[] {
  if (!Number.isInteger(options.delayDays) || options.delayDays < 0) throw new RangeError(`delay must be a whole number of days ≥ 0, got ${options.delayDays}`);
  const scale = options.scale ?? 1;
  return rows.map((r, k) => ({ time: (30 * (k + 1) + options.delayDays) / 360, interest: r.interest * scale, principal: r.principal * scale }));
}
