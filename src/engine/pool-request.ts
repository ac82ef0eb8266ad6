/**
 * A generic pool run asked for in plain values (the HTTP API's `POST /api/pool`,
 * and `tranche pool` once it reads its flags into these): the `PoolSpec` with
 * its defaults, the pricing terms of a pass-through on it, and the document
 * `tranche pool --format json` prints (`{pool, rows, totals, analytics?}`).
 *
 * The settlement rules are the CLI's (`poolPricingFromFlags`): settlement in the
 * first accrual month, on its first day by default; `settleDays` 30/360 days
 * into it; or, with `dated` (the first day of that month), on a calendar date
 * (`settlement`, or `dated` + `settleDays`). A broken rule is a RangeError whose
 * message starts with the field it names (`names` says how to call the fields).
 *
 * @example
 *   const spec = poolSpec({ balance: 1e6, wac: 9.5, net: 9, term: 360, prepayment: { unit: "psa", values: [150] } });
 *   poolReport(spec, { quote: { price: 99.5 }, terms: poolPricingTerms({ delayDays: 14 }) }).analytics?.yield;
 */
import { poolCashFlow, type PoolCashFlow, type PoolCashFlowRow, type PoolCashFlowTotals, type PoolSpec } from "../collateral/pool-cash-flow.js";
import type { DefaultCurve } from "../collateral/default-curve.js";
import type { PrepaymentCurve } from "../collateral/prepayment-curve.js";
import { addMonths, daysInMonth, parseCivilDate, toYmd, withDay, type CivilDate } from "../core/civil-date.js";
import type { PeriodVector } from "../core/vector.js";
import { pricePool, type PoolAnalytics, type PoolPricingTerms, type PoolQuote } from "./price-pool.js";

/** A `PoolSpec` with the CLI's defaults left out: net = wac, age 0, 0 CPR, 0 CDR, 0 severity, 0 lag, advancing. */
export interface PoolSpecInput {
  readonly balance: number;
  readonly wac: number;
  readonly net?: number;
  readonly term: number;
  readonly age?: number;
  readonly prepayment?: PrepaymentCurve;
  readonly default?: DefaultCurve;
  /** Percent; one number is a flat vector. */
  readonly severity?: number | PeriodVector;
  readonly lag?: number;
  readonly advancing?: boolean;
}

export function poolSpec(input: PoolSpecInput): PoolSpec {
  const severity = input.severity ?? 0;
  return {
    balance: input.balance,
    wac: input.wac,
    net: input.net ?? input.wac,
    term: input.term,
    age: input.age ?? 0,
    prepayment: input.prepayment ?? { unit: "cpr", values: [0] },
    default: input.default ?? { unit: "cdr", values: [0] },
    severity: typeof severity === "number" ? [severity] : severity,
    lag: input.lag ?? 0,
    advancing: input.advancing ?? true,
  };
}

/** When and how a pass-through of the pool settles. */
export interface PoolSettlementInput {
  /** Actual delay, days (GNMA I 14, GNMA II 19, FNMA 24, FHLMC 44). Default 0. */
  readonly delayDays?: number;
  /** 30/360 days from the accrual start to settlement, 0 to 29. */
  readonly settleDays?: number;
  /** The first day of the first accrual month, YYYY-MM-01: gives the receipts calendar dates. */
  readonly dated?: string;
  /** A settlement date in the first accrual month (needs `dated`; not with `settleDays`). */
  readonly settlement?: string;
}

/** What to call each field in messages (the CLI: --settle-days, --dated, --settle). */
export interface PoolSettlementNames {
  readonly settleDays: string;
  readonly dated: string;
  readonly settlement: string;
}

const FIELD_NAMES: PoolSettlementNames = { settleDays: "settleDays", dated: "dated", settlement: "settlement" };

function date(text: string, field: string): CivilDate {
  try {
    return parseCivilDate(text);
  } catch (error) {
    throw new RangeError(`${field}: ${(error as Error).message}`);
  }
}

/** The `PoolPricingTerms` of a settlement; a RangeError starting with the field's name when the rules are broken. */
export function poolPricingTerms(input: PoolSettlementInput, names: PoolSettlementNames = FIELD_NAMES): PoolPricingTerms {
  const delayDays = input.delayDays ?? 0;
  const { settleDays } = input;
  if (input.settlement !== undefined && settleDays !== undefined) throw new RangeError(`${names.settlement}: give ${names.settlement} or ${names.settleDays}, not both`);
  if (settleDays !== undefined && (!Number.isInteger(settleDays) || settleDays < 0 || settleDays > 29)) {
    throw new RangeError(`${names.settleDays}: expected a whole number of 30/360 days from 0 to 29 (settlement in the first accrual month), got ${settleDays}`);
  }
  if (input.dated === undefined) {
    if (input.settlement !== undefined) {
      throw new RangeError(
        `${names.settlement}: needs ${names.dated}, the first day of the pool's first accrual month (or give ${names.settleDays}, 30/360 days after it)`,
      );
    }
    return { delayDays, accruedDays: settleDays ?? 0 };
  }
  const accrualStart = date(input.dated, names.dated);
  if (toYmd(accrualStart).day !== 1) throw new RangeError(`${names.dated}: ${input.dated} is not the first day of a month (a pass-through accrues over calendar months)`);
  let settlement: CivilDate;
  if (input.settlement !== undefined) {
    settlement = date(input.settlement, names.settlement);
    const end = addMonths(accrualStart, 1);
    if (settlement < accrualStart || settlement >= end) {
      throw new RangeError(
        `${names.settlement}: ${input.settlement} is not in the first accrual month (${accrualStart} to the day before ${end}); the pool's balance is as of ${names.dated}`,
      );
    }
  } else {
    const day = (settleDays ?? 0) + 1;
    const { year, month } = toYmd(accrualStart);
    if (day > daysInMonth(year, month)) {
      throw new RangeError(`${names.settleDays}: ${settleDays} days after ${accrualStart} is past the month's end; give ${names.settlement} with a date`);
    }
    settlement = withDay(accrualStart, day);
  }
  return { delayDays, dates: { accrualStart, settlement } };
}

/** The pool's terms as `tranche pool --format json` echoes them. */
export interface PoolDescription {
  balance: number;
  wac: number;
  net: number;
  term: number;
  age: number;
  /** A pool's curve has no PPC ramp. */
  prepayment: { readonly unit: PrepaymentCurve["unit"]; readonly values: PeriodVector };
  default: DefaultCurve;
  severity: PeriodVector;
  lag: number;
  advancing: boolean;
  /** The interest columns are at the net rate. */
  interestRate: "net";
}

export function describePool(s: PoolSpec): PoolDescription {
  return {
    balance: s.balance,
    wac: s.wac,
    net: s.net,
    term: s.term,
    age: s.age,
    prepayment: s.prepayment,
    default: s.default,
    severity: s.severity,
    lag: s.lag,
    advancing: s.advancing,
    interestRate: "net",
  };
}

/** `tranche pool --format json`'s document (with the rows). */
export interface PoolReport {
  pool: PoolDescription;
  rows: PoolCashFlowRow[];
  totals: PoolCashFlowTotals;
  analytics?: PoolAnalytics;
}

export function poolReportOf(result: PoolCashFlow, analytics?: PoolAnalytics): PoolReport {
  return { pool: describePool(result.spec), rows: result.rows, totals: result.totals, ...(analytics ? { analytics } : {}) };
}

/**
 * The standard cash flow of the pool and, with a quote, the pass-through priced.
 * RangeErrors: the pool's start with its field (`balance: …`,
 * `scenario.severity[period 3]: …`); the pricing's start with `price: ` or
 * `yield: ` (as the quote was given), as `tranche pool` reports them against --price/--yield.
 */
export function poolReport(spec: PoolSpec, pricing?: { readonly quote: PoolQuote; readonly terms: PoolPricingTerms }): PoolReport {
  const result = poolCashFlow(spec);
  if (!pricing) return poolReportOf(result);
  let analytics: PoolAnalytics;
  try {
    analytics = pricePool(result, pricing.quote, pricing.terms);
  } catch (error) {
    if (error instanceof RangeError) throw new RangeError(`${"price" in pricing.quote ? "price" : "yield"}: ${error.message}`);
    throw error;
  }
  return poolReportOf(result, analytics);
}
