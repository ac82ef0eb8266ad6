/**
 * A deal's index path on the published fixings (`LIBOR history`): for each
 * projection period, the fixing on the date the deal's documents read the
 * index for that period, from the FRED daily series; past the series the last
 * fixing held or a given vector. Pure: the series is passed in.
 *
 * Which date a period reads depends on what reads the index:
 * - a class coupon or a contract (2007-12T1's A-1/A-2 and its Corridor
 *   Contract): the LIBOR Determination Date of the class's accrual period, the
 *   second London business day before the period begins. A 25th-to-24th
 *   class's first period begins on the Closing Date, later ones on the 25th of
 *   the month before the Distribution Date; a calendar-month class's period
 *   begins on the 1st of the month before the Distribution Date.
 * - only the loans' ARM terms (2006-HY12's One-Year LIBOR): the loan's Change
 *   Date lookback. The rate for the month from loan age a to a + 1 (projection
 *   period t, the calendar month before Distribution Date t) takes effect on
 *   the Change Date, the 1st of that month, and is set from the most recent
 *   fixing available 45 days before it (the last fixing on or before Change
 *   Date − 45 days), the lookback of the standard one-year LIBOR ARM note; the
 *   deal specification itself names no lookback.
 * An index read by both takes the Determination Date rule for both (one path
 * per index name); none of the shipped deals does that.
 */
import type { IndexPath } from "../core/scenario.js";
import type { Deal } from "../deal/schema.js";
import { determinationFixing, lastFixingOnOrBefore, type DailySeries } from "./libor-fixings.js";

/** Days from the Change Date back to the date whose fixing an ARM reset reads. */
export const ARM_LOOKBACK_DAYS = 45;

/** Enough periods for any loan of a deal (the path is held past its end anyway). */
export const HISTORY_PERIODS = 480;

export type HistoryRule =
  | { readonly kind: "determinationDate"; readonly accrual: "calendarMonth" | "25th-to-24th"; readonly reader: string }
  | { readonly kind: "armLookback"; readonly lookbackDays: number };

/** How `index` is read in `deal` (see the module comment); undefined if nothing in the deal reads it. */
export function historyRule(deal: Deal, index: string): HistoryRule | undefined {
  const byClass = deal.classes.find((c) => "index" in c.coupon && c.coupon.index === index);
  if (byClass) return { kind: "determinationDate", accrual: byClass.accrual.period, reader: `class ${byClass.id}` };
  const contract = deal.contracts.find((k) => k.index === index);
  if (contract) {
    const beneficiary = deal.classes.find((c) => c.id === contract.beneficiary);
    return { kind: "determinationDate", accrual: beneficiary?.accrual.period ?? "25th-to-24th", reader: `contract ${contract.id}` };
  }
  const arm = deal.collateral.groups.some((g) => g.repLines.some((l) => l.arm?.index === index));
  if (arm) return { kind: "armLookback", lookbackDays: ARM_LOOKBACK_DAYS };
  if (index in deal.collateral.defaultIndices) return { kind: "determinationDate", accrual: "25th-to-24th", reader: "collateral.defaultIndices" };
  return undefined;
}

/** `YYYY-MM-DD` of day `day` in the month `months` after January of year 0 (months = y*12 + m-1). */
function dateOf(months: number, day: number): string {
  return `${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

function firstMonths(deal: Deal): number {
  const [y, m] = deal.dates.firstDistributionDate.split("-").map(Number);
  return y * 12 + (m - 1);
}

/**
 * The day each projection period's accrual begins for a class accruing
 * `accrual` (period t = Distribution Date t): 25th-to-24th: the Closing Date,
 * then the 25th of the prior month; calendarMonth: the 1st of the prior month.
 */
export function accrualStarts(deal: Deal, accrual: "calendarMonth" | "25th-to-24th", periods: number): string[] {
  const first = firstMonths(deal);
  const out: string[] = [];
  for (let t = 1; t <= periods; t++) {
    if (accrual === "calendarMonth") out.push(dateOf(first + t - 2, 1));
    else out.push(t === 1 ? deal.dates.closingDate : dateOf(first + t - 2, 25));
  }
  return out;
}

/** The Change Date of each projection period: the 1st of the month before Distribution Date t (the month the new rate accrues). */
export function changeDates(deal: Deal, periods: number): string[] {
  const first = firstMonths(deal);
  return Array.from({ length: periods }, (_, k) => dateOf(first + k - 1, 1));
}

function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** One period of a history path: the date read and its fixing, or where the continuation took over. */
export interface HistoryFixing {
  readonly period: number;
  /** The accrual start or Change Date the period's index belongs to. */
  readonly periodDate: string;
  /** The fixing's date; undefined when past the series (the continuation). */
  readonly fixingDate?: string;
  readonly rate: number;
}

/** The fixings by period and the first period past the series (undefined if the series covers all). */
export interface HistoryPath {
  readonly rule: HistoryRule;
  readonly fixings: readonly HistoryFixing[];
  readonly firstContinuedPeriod?: number;
}

/**
 * The path for `index` in `deal` on `series`: the fixing each period's rule
 * reads while the series covers that date, then `after` (a vector counted from
 * the first uncovered period, last value held), or the last fixing held when
 * `after` is empty.
 */
export function historyPath(deal: Deal, index: string, series: DailySeries, after: readonly number[] = [], periods = HISTORY_PERIODS): HistoryPath {
  const rule = historyRule(deal, index);
  if (!rule) throw new RangeError(`${index} is not read by this deal (no class coupon, contract or ARM names it)`);
  const dates = rule.kind === "armLookback" ? changeDates(deal, periods) : accrualStarts(deal, rule.accrual, periods);
  const fixings: HistoryFixing[] = [];
  let firstUncovered: number | undefined;
  for (let k = 0; k < periods; k++) {
    const periodDate = dates[k];
    const f =
      firstUncovered !== undefined
        ? undefined
        : rule.kind === "armLookback"
          ? lastFixingOnOrBefore(series, shiftDays(periodDate, -rule.lookbackDays))
          : determinationFixing(series, periodDate);
    if (f) {
      fixings.push({ period: k + 1, periodDate, fixingDate: f.date, rate: f.rate });
      continue;
    }
    if (firstUncovered === undefined) firstUncovered = k;
    const j = k - firstUncovered;
    const rate = after.length ? after[Math.min(j, after.length - 1)] : series.rates[series.rates.length - 1];
    fixings.push({ period: k + 1, periodDate, rate });
  }
  return { rule, fixings, ...(firstUncovered !== undefined ? { firstContinuedPeriod: firstUncovered + 1 } : {}) };
}

/** The scenario's index path for `historyPath`. */
export function historyIndexPath(deal: Deal, index: string, series: DailySeries, after: readonly number[] = []): IndexPath {
  return { values: historyPath(deal, index, series, after).fixings.map((f) => f.rate) };
}
