/**
 * Bond-equivalent yield (SIFMA SF-47 to SF-55; STANDARDS.md §5): the yield Y, in
 * percent, compounded semiannually, that solves
 *
 *     FullPrice = Σ CF_k / (1 + Y/200)^(2 T_k),
 *
 * CF_k interest plus principal, T_k years (30/360) from settlement to receipt,
 * FullPrice = price + accrued interest, in the units of the cash flows.
 *
 * @example presentValue([{time: 1, interest: 0, principal: 106.09}], 6) // 100
 * @example yieldFromPrice([{time: 1, interest: 0, principal: 106.09}], 100) // 6
 */
import { assertCashFlows, type CashFlow } from "./cash-flow.js";
import { brent, bracketRoot } from "./root-finder.js";

/** Discount factor at the bond-equivalent yield: (1 + Y/200)^(−2T). */
export function discountFactor(yieldPercent: number, time: number): number {
  return Math.exp(-2 * time * Math.log1p(yieldPercent / 200));
}

function assertYield(yieldPercent: number): void {
  if (!Number.isFinite(yieldPercent) || yieldPercent <= -200) {
    throw new RangeError(`yield must be a finite percentage above -200, got ${yieldPercent}`);
  }
}

/** Σ CF_k (1 + Y/200)^(−2 T_k): the full price at a bond-equivalent yield. */
export function presentValue(flows: readonly CashFlow[], yieldPercent: number): number {
  assertYield(yieldPercent);
  let pv = 0;
  for (const flow of flows) pv += (flow.interest + flow.principal) * discountFactor(yieldPercent, flow.time);
  return pv;
}

/** The full price (price + accrued interest) at a bond-equivalent yield; same as `presentValue`. */
export function fullPriceFromYield(flows: readonly CashFlow[], yieldPercent: number): number {
  assertCashFlows(flows);
  return presentValue(flows, yieldPercent);
}

/**
 * The bond-equivalent yield, percent, at a full price (price + accrued interest).
 * Brackets the root (towards −200 below, unbounded above) and polishes it with
 * Brent's method to 1e-12 percent. Throws a RangeError when no yield prices the
 * flows there (no cash flow after settlement, or a price the flows cannot reach).
 */
export function yieldFromPrice(flows: readonly CashFlow[], fullPrice: number): number {
  assertCashFlows(flows);
  if (!Number.isFinite(fullPrice) || fullPrice <= 0) throw new RangeError(`full price must be a positive number, got ${fullPrice}`);
  if (!flows.some((flow) => flow.time > 0 && flow.interest + flow.principal !== 0)) {
    throw new RangeError("no cash flow after settlement: the yield is undefined");
  }
  const f = (y: number): number => presentValue(flows, y) - fullPrice;
  const bracket = bracketRoot(f, 0, 20, { min: -200, max: 1e7 });
  if (bracket === null) {
    throw new RangeError(`no bond-equivalent yield gives a full price of ${fullPrice} for these cash flows`);
  }
  return brent(f, bracket.lo, bracket.hi, { tolerance: 1e-12 });
}
