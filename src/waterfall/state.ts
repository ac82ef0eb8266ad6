/**
 * The waterfall's state between Distribution Dates: plain data, so it can be
 * stored (administration) or carried through a projection loop.
 */
import type { Deal } from "../deal/schema.js";

export interface ClassState {
  /** Class Certificate Balance (0 for notional classes; their notional is derived). */
  readonly balance: number;
  /** Unpaid Interest Distribution Amounts from earlier dates (carried without interest). */
  readonly unpaidInterest: number;
  /** Realized Losses and writedowns allocated and not yet written back up by Subsequent Recoveries. */
  readonly cumulativeWritedown: number;
}

export interface WaterfallState {
  /** The last Distribution Date processed (0 before the first). */
  readonly period: number;
  readonly classes: Readonly<Record<string, ClassState>>;
  /** Class PO Deferred Amounts outstanding (§4.02(a)(iii)). */
  readonly poDeferred: number;
  /** Unpaid Yield Supplement Amounts by corridor contract id. */
  readonly yieldSupplementUnpaid: Readonly<Record<string, number>>;
  /** Cumulative Realized Losses on the pool since the Cut-off Date. */
  readonly cumulativeRealizedLoss: number;
  /** 60+ day delinquent balances of past dates, most recent last (for the six-month average). */
  readonly delinquencyHistory: readonly number[];
  /** The first period on or after the Senior Credit Support Depletion Date, once reached. */
  readonly depletionPeriod: number | null;
  /** Set once the Optional Termination is exercised; no further distributions. */
  readonly terminated: boolean;
}

export function initialWaterfallState(deal: Deal): WaterfallState {
  const classes: Record<string, ClassState> = {};
  for (const c of deal.classes) {
    classes[c.id] = { balance: c.notional ? 0 : c.initialBalance, unpaidInterest: 0, cumulativeWritedown: 0 };
  }
  const yieldSupplementUnpaid: Record<string, number> = {};
  for (const contract of deal.contracts) yieldSupplementUnpaid[contract.id] = 0;
  return {
    period: 0,
    classes,
    poDeferred: 0,
    yieldSupplementUnpaid,
    cumulativeRealizedLoss: 0,
    delinquencyHistory: [],
    depletionPeriod: null,
    terminated: false,
  };
}
