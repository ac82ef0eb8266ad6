/**
 * Every fixed-cash-flow measure of SF-47 to SF-55 at once, at a full price or
 * at a yield: what a yield table cell or a priced class shows.
 *
 * `monthlyCashFlows` turns month-by-month rows (a pool's or a class's, month 1
 * first) into receipt times (SF-43 to SF-46, STANDARDS.md §1). Settling on the
 * first day of month 1's accrual, month k is received (30k + delay)/360 years
 * later; settling N 30/360 days into that month, (30k + delay − N)/360; with
 * calendar dates, 30/360 from the settlement date to the receipt (`receiptTime`).
 *
 * @example cashFlowMeasures(monthlyCashFlows(rows, {delayDays: 24}), {fullPrice: 100})
 * @example monthlyCashFlows(rows, {delayDays: 19, accruedDays: 15})[0].time // 34/360
 */
import { addMonths, type CivilDate } from "../core/civil-date.js";
import { averageLife } from "./average-life.js";
import { presentValue, yieldFromPrice } from "./bond-equivalent-yield.js";
import type { CashFlow } from "./cash-flow.js";
import { convexity } from "./convexity.js";
import { macaulayDuration, modifiedDuration } from "./duration.js";
import { mortgageYieldFromBondEquivalent } from "./mortgage-yield.js";
import { receiptTime } from "./receipt-time.js";

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
  /**
   * N, the 30/360 days from the start of month 1's accrual to settlement, in
   * 30-day months (0 to 29; default 0): month k is received (30k + delay − N)/360
   * years after settlement. Ignored when `dates` are given.
   */
  readonly accruedDays?: number;
  /**
   * Calendar dates: month 1 accrues from `accrualStart`, month k's accrual ends
   * (exclusive) k months later, and its receipt is `receiptTime(settlement, end,
   * delay)`. Settlement must fall in month 1's accrual.
   */
  readonly dates?: { readonly accrualStart: CivilDate; readonly settlement: CivilDate };
}

export function monthlyCashFlows(rows: readonly { readonly interest: number; readonly principal: number }[], options: MonthlyOptions): CashFlow[] {
  if (!Number.isInteger(options.delayDays) || options.delayDays < 0) throw new RangeError(`delay must be a whole number of days ≥ 0, got ${options.delayDays}`);
  const scale = options.scale ?? 1;
  const dates = options.dates;
  if (dates) {
    const firstEnd = addMonths(dates.accrualStart, 1);
    if (dates.settlement < dates.accrualStart || dates.settlement >= firstEnd) {
      throw new RangeError(`settlement ${dates.settlement} is outside the first accrual month (${dates.accrualStart} to the day before ${firstEnd})`);
    }
    return rows.map((r, k) => ({
      time: receiptTime(dates.settlement, addMonths(dates.accrualStart, k + 1), options.delayDays),
      interest: r.interest * scale,
      principal: r.principal * scale,
    }));
  }
  const n = options.accruedDays ?? 0;
  if (!Number.isInteger(n) || n < 0 || n > 29) throw new RangeError(`accrued days must be a whole number from 0 to 29 (settlement in the first accrual month), got ${n}`);
  return rows.map((r, k) => ({ time: (30 * (k + 1) + options.delayDays - n) / 360, interest: r.interest * scale, principal: r.principal * scale }));
}
