/**
 * Discount margin of a floating-rate class (SIFMA SF-51, SF-53; STANDARDS.md
 * §5): the margin DM over the projected index path that discounts the
 * projected cash flows to the full price,
 *
 *     FullPrice = Σ_k CF_k / Π_{j ≤ k} (1 + (I_j + DM) × (t_j − t_{j−1})),
 *
 * t_0 the settlement date, t_j the receipt dates, I_j the index rate for the
 * span (t_{j−1}, t_j], each index accruing on its own convention (`growthFactor`:
 * LIBOR under a year ACT/360 simple, ...). The cash flows must have been
 * projected on the same index path.
 *
 * @example A floater paying LIBOR + 0.40% ACT/360 from a reset date, bought at
 * 100 full, has a discount margin of exactly 0.40% (the products telescope).
 */
import type { CivilDate } from "../core/civil-date.js";
import type { DatedCashFlow } from "./cash-flow.js";
import { growthFactor, type IndexConventionName } from "./index-convention.js";
import { brent, bracketRoot } from "./root-finder.js";

/** A floater's cash flow with the index rate (percent) for the span ending on its receipt date. */
export interface FloaterCashFlow extends DatedCashFlow {
  readonly indexRate: number;
}

export interface DiscountMarginInput {
  readonly settlement: CivilDate;
  /** Receipt dates strictly after settlement, in order. */
  readonly flows: readonly FloaterCashFlow[];
  readonly convention: IndexConventionName;
  /** Price + accrued interest, in the cash flows' units. */
  readonly fullPrice: number;
}

function assertFlows(input: DiscountMarginInput): void {
  let previous = input.settlement;
  input.flows.forEach((flow, i) => {
    if (flow.date <= previous) {
      throw new RangeError(`flows[${i}].date ${flow.date} must be after ${i === 0 ? "settlement" : "the previous receipt"} ${previous}`);
    }
    if (![flow.interest, flow.principal, flow.indexRate].every(Number.isFinite)) {
      throw new RangeError(`flows[${i}]: interest, principal and indexRate must be finite numbers`);
    }
    previous = flow.date;
  });
}

/** Σ CF_k / Π (growth at I_j + DM): the full price at a discount margin (percent). */
export function priceFromDiscountMargin(input: Omit<DiscountMarginInput, "fullPrice">, discountMargin: number): number {
  let accumulated = 1;
  let previous = input.settlement;
  let pv = 0;
  for (const flow of input.flows) {
    accumulated *= growthFactor(input.convention, flow.indexRate + discountMargin, previous, flow.date);
    pv += (flow.interest + flow.principal) / accumulated;
    previous = flow.date;
  }
  return pv;
}

/** The discount margin, percent (× 100 for basis points). Throws a RangeError when no margin prices the flows. */
export function discountMargin(input: DiscountMarginInput): number {
  assertFlows(input);
  if (input.flows.length === 0) throw new RangeError("no cash flow after settlement: the discount margin is undefined");
  if (!(input.fullPrice > 0)) throw new RangeError(`full price must be positive, got ${input.fullPrice}`);
  const lowestIndex = Math.min(...input.flows.map((f) => f.indexRate));
  const f = (dm: number): number => priceFromDiscountMargin(input, dm) - input.fullPrice;
  const bracket = bracketRoot(f, -1, 5, { min: -100 - lowestIndex, max: 1e6 });
  if (bracket === null) throw new RangeError(`no discount margin gives a full price of ${input.fullPrice}`);
  return brent(f, bracket.lo, bracket.hi, { tolerance: 1e-12 });
}
