/**
 * A cash-flow list, QuantLib style: every analytic in this layer is a free
 * function over a list of rows, so the same code prices a loan, a pool or a
 * certificate class. Amounts may be per unit (or per 100) of face or in
 * dollars; the measures only need them consistent with the price.
 *
 * `time` is in years from settlement on 30/360 (SIFMA SF-43 to SF-46): the
 * receipt time, payment delay included (see `receiptTime`).
 *
 * @example toTimedCashFlows([{date: "2008-04-30", interest: 6, principal: 100}], "2007-04-30")
 * // [{time: 1, interest: 6, principal: 100}]
 */
import { type CivilDate } from "../core/civil-date.js";
import { thirty360Days } from "../core/day-count.js";

/** One receipt, `time` years (30/360) after settlement. */
export interface CashFlow {
  readonly time: number;
  readonly interest: number;
  readonly principal: number;
}

/** One receipt on a calendar date. */
export interface DatedCashFlow {
  readonly date: CivilDate;
  readonly interest: number;
  readonly principal: number;
}

/** Interest plus principal of a row. */
export function cashFlowAmount(flow: CashFlow | DatedCashFlow): number {
  return flow.interest + flow.principal;
}

/**
 * Times of dated receipts on 30/360 from settlement. Receipts on or before the
 * settlement date belong to the seller and are dropped.
 */
export function toTimedCashFlows(flows: readonly DatedCashFlow[], settlement: CivilDate): CashFlow[] {
  const out: CashFlow[] = [];
  for (const flow of flows) {
    if (flow.date <= settlement) continue;
    out.push({ time: thirty360Days(settlement, flow.date) / 360, interest: flow.interest, principal: flow.principal });
  }
  return out;
}

/**
 * Rejects lists no measure can use: non-finite amounts or times, negative times.
 * Throws a RangeError naming the row.
 */
export function assertCashFlows(flows: readonly CashFlow[], what = "cash flows"): void {
  flows.forEach((flow, i) => {
    if (!Number.isFinite(flow.time) || flow.time < 0) {
      throw new RangeError(`${what}[${i}].time must be a finite number of years ≥ 0, got ${flow.time}`);
    }
    if (!Number.isFinite(flow.interest) || !Number.isFinite(flow.principal)) {
      throw new RangeError(`${what}[${i}]: interest and principal must be finite numbers`);
    }
  });
}
