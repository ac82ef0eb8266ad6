/**
 * Macaulay and modified duration at a bond-equivalent yield (SIFMA SF-47 to SF-55;
 * STANDARDS.md §5):
 *
 *     Macaulay = (1/FullPrice) × Σ T_k CF_k / (1 + Y/200)^(2 T_k),
 *     Modified = Macaulay / (1 + Y/200),
 *
 * FullPrice the present value at Y, so modified duration is −(1/P) dP/dY with
 * Y in decimal. These hold the cash flows fixed; durations from re-projected
 * cash flows are `effectiveDuration`.
 *
 * @example macaulayDuration([{time: 5, interest: 0, principal: 100}], 6) // 5
 */
import type { CashFlow } from "./cash-flow.js";
import { discountFactor, presentValue } from "./bond-equivalent-yield.js";

/** Years. Throws a RangeError when the present value is zero. */
export function macaulayDuration(flows: readonly CashFlow[], yieldPercent: number): number {
  const pv = presentValue(flows, yieldPercent);
  if (pv === 0) throw new RangeError("duration is undefined: the cash flows are worth zero");
  let weighted = 0;
  for (const flow of flows) weighted += flow.time * (flow.interest + flow.principal) * discountFactor(yieldPercent, flow.time);
  return weighted / pv;
}

/** Macaulay / (1 + Y/200): the percent price change for a 100bp yield change, to first order. */
export function modifiedDuration(flows: readonly CashFlow[], yieldPercent: number): number {
  return macaulayDuration(flows, yieldPercent) / (1 + yieldPercent / 200);
}
