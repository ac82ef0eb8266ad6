/**
 * Cash-flow convexity at a bond-equivalent yield (SIFMA SF-47 to SF-55; STANDARDS.md §5):
 *
 *     C = (1/FullPrice) × (1 + Y/200)^−2 × Σ T_k (T_k + 1/2) CF_k / (1 + Y/200)^(2 T_k),
 *
 * which is (1/P) d²P/dY² with Y in decimal, so that
 * ΔP/P ≈ −ModifiedDuration × ΔY + ½ × C × ΔY². Quoted here in years² (not
 * divided by 100). Cash flows held fixed; see `effectiveConvexity` for
 * re-projected flows.
 *
 * @example convexity([{time: 2, interest: 0, principal: 100}], 0) // 5 = 2 × 2.5
 */
import type { CashFlow } from "./cash-flow.js";
import { discountFactor, presentValue } from "./bond-equivalent-yield.js";

export function convexity(flows: readonly CashFlow[], yieldPercent: number): number {
  const pv = presentValue(flows, yieldPercent);
  if (pv === 0) throw new RangeError("convexity is undefined: the cash flows are worth zero");
  let weighted = 0;
  for (const flow of flows) {
    weighted += flow.time * (flow.time + 0.5) * (flow.interest + flow.principal) * discountFactor(yieldPercent, flow.time);
  }
  const base = 1 + yieldPercent / 200;
  return weighted / (base * base) / pv;
}
