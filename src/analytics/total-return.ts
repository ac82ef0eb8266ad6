/**
 * Total return over a horizon (SIFMA Uniform Practices SF-47 to SF-55; STANDARDS.md §5):
 *
 *     TR = 200 × ((P_T / P_0)^(1/(2T)) − 1)   (bond-equivalent, percent),
 *
 * P_0 the full price paid at settlement, P_T the value at the horizon T years
 * later of (a) every cash flow received by then, reinvested to the horizon at
 * a stated bond-equivalent rate, and (b) the cash flows still to come, valued
 * at a horizon bond-equivalent yield or at a given horizon value.
 *
 * @example totalReturn({flows: [{time: 2, interest: 0, principal: 112.550881}], fullPrice: 100,
 *   horizonYears: 1, reinvestmentRate: 0, horizon: {kind: "yield", yield: 6}}).totalReturn // 6
 */
import { assertCashFlows, type CashFlow } from "./cash-flow.js";
import { discountFactor } from "./bond-equivalent-yield.js";

export type HorizonValuation =
  /** The remaining cash flows discounted to the horizon at this bond-equivalent yield, percent. */
  | { readonly kind: "yield"; readonly yield: number }
  /** The remaining position's full value at the horizon, in the cash flows' units. */
  | { readonly kind: "value"; readonly value: number };

export interface TotalReturnInput {
  readonly flows: readonly CashFlow[];
  /** Full price paid at settlement, in the cash flows' units. */
  readonly fullPrice: number;
  readonly horizonYears: number;
  /** Reinvestment rate for interim cash flows, bond-equivalent percent. */
  readonly reinvestmentRate: number;
  readonly horizon: HorizonValuation;
}

export interface TotalReturn {
  /** Bond-equivalent total return, percent a year. */
  readonly totalReturn: number;
  /** Interim cash flows with reinvestment income, at the horizon. */
  readonly reinvestedValue: number;
  /** The remaining position's value at the horizon. */
  readonly horizonValue: number;
  /** P_T = reinvestedValue + horizonValue. */
  readonly endingValue: number;
}

export function totalReturn(input: TotalReturnInput): TotalReturn {
  assertCashFlows(input.flows);
  const h = input.horizonYears;
  if (!Number.isFinite(h) || h <= 0) throw new RangeError(`horizon must be a positive number of years, got ${h}`);
  if (!(input.fullPrice > 0)) throw new RangeError(`full price must be positive, got ${input.fullPrice}`);
  let reinvested = 0;
  let remaining = 0;
  for (const flow of input.flows) {
    const amount = flow.interest + flow.principal;
    if (flow.time <= h) {
      reinvested += amount / discountFactor(input.reinvestmentRate, h - flow.time);
    } else if (input.horizon.kind === "yield") {
      remaining += amount * discountFactor(input.horizon.yield, flow.time - h);
    }
  }
  const horizonValue = input.horizon.kind === "value" ? input.horizon.value : remaining;
  const endingValue = reinvested + horizonValue;
  const totalReturnPercent = 200 * Math.expm1(Math.log(endingValue / input.fullPrice) / (2 * h));
  return { totalReturn: totalReturnPercent, reinvestedValue: reinvested, horizonValue, endingValue };
}
