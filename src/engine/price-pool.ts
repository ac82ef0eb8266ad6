/**
 * `pricePool(pool, quote, terms)`: price/yield of a pass-through certificate on
 * one pool's standard cash flow (`poolCashFlow`, STANDARDS.md §4), by the SIFMA
 * conventions (SF-43 to SF-55, STANDARDS.md §1 and §5), for `tranche pool
 * --price/--yield`.
 *
 * - What the holder receives each month: with advancing, the expected interest
 *   at the net rate and, as principal, actual amortization + amortization from
 *   defaults (advanced) + voluntary prepayments + recoveries; without
 *   advancing, the actual interest and actual amortization + prepayments +
 *   recoveries (the convention `tranche pool` prints).
 * - Per 100 of current face, which is the pool's starting balance: settlement
 *   falls in the first accrual month (month 1 of the rows).
 * - Month k is received `delayDays` (the actual delay: GNMA I 14, GNMA II 19,
 *   FNMA 24, FHLMC non-Gold 44) after the end of accrual month k. Settling N
 *   30/360 days after the accrual start, the buyer pays accrued interest
 *   net × N/360 and receives month k (30k + delay − N)/360 years later; with
 *   calendar dates, 30/360 from the settlement date to the receipt.
 *
 * @example pricePool(poolCashFlow(spec), {price: 99.5}, {delayDays: 19, accruedDays: 15})
 */
import { accruedDays as thirty360AccruedDays, monthlyCashFlows } from "../analytics/index.js";
import type { PoolCashFlow, PoolCashFlowRow } from "../collateral/index.js";
import type { CivilDate } from "../core/civil-date.js";
import { quotedMeasures } from "./price-classes.js";
import type { QuotedMeasures } from "./result.js";

export type PoolQuote = { readonly price: number } | { readonly yield: number };

export interface PoolPricingTerms {
  /** Actual delay, days. */
  readonly delayDays: number;
  /** N, 30/360 days from the accrual start to settlement (0 to 29) when no dates are given. Default 0. */
  readonly accruedDays?: number;
  /** Calendar dates: the first day of the first accrual month and a settlement date in that month. */
  readonly dates?: { readonly accrualStart: CivilDate; readonly settlement: CivilDate };
}

/** The pass-through priced: per 100 of current face, yields bond-equivalent percent, times in years. */
export interface PoolAnalytics extends QuotedMeasures {
  settlementDate?: string;
  accrualStartDate?: string;
  /** N: 30/360 days from the accrual start to settlement. */
  accruedDays: number;
  delayDays: number;
  /** The pass-through (net) rate, percent. */
  coupon: number;
}

/** Interest and principal the holder receives each month (see the module comment), in dollars. */
export function poolHolderFlows(pool: PoolCashFlow): { interest: number; principal: number }[] {
  const advancing = pool.spec.advancing;
  return pool.rows.map((r: PoolCashFlowRow) => ({
    interest: advancing ? r.expectedInterest : r.actualInterest,
    principal: r.actualAmortization + (advancing ? r.amortizationFromDefaults : 0) + r.voluntaryPrepayments + r.principalRecovery,
  }));
}

/** Throws a RangeError for a non-positive price, a settlement outside the first accrual month, or a quote no yield satisfies. */
export function pricePool(pool: PoolCashFlow, quote: PoolQuote, terms: PoolPricingTerms): PoolAnalytics {
  if ("price" in quote && (!Number.isFinite(quote.price) || quote.price <= 0)) throw new RangeError(`price must be a positive number, got ${quote.price}`);
  const coupon = pool.spec.net;
  const n = terms.dates ? thirty360AccruedDays(terms.dates.accrualStart, terms.dates.settlement) : (terms.accruedDays ?? 0);
  const flows = monthlyCashFlows(poolHolderFlows(pool), {
    delayDays: terms.delayDays,
    scale: 100 / pool.spec.balance,
    ...(terms.dates ? { dates: terms.dates } : { accruedDays: n }),
  });
  const accrued = (coupon * n) / 360; // = accruedInterest({coupon, accrualStart, settlement}) with dates
  return {
    ...quotedMeasures(flows, quote, accrued),
    ...(terms.dates ? { settlementDate: terms.dates.settlement, accrualStartDate: terms.dates.accrualStart } : {}),
    accruedDays: n,
    delayDays: terms.delayDays,
    coupon,
  };
}
