import { describe, expect, it } from "vitest";
import type { CashFlow } from "./cash-flow.js";
import { convexity } from "./convexity.js";
import { macaulayDuration, modifiedDuration } from "./duration.js";

const parBond: CashFlow[] = Array.from({ length: 20 }, (_, k) => ({ time: (k + 1) / 2, interest: 3, principal: k === 19 ? 100 : 0 }));

describe("Macaulay and modified duration (STANDARDS §5)", () => {
  it("a zero-coupon flow's Macaulay duration is its time; modified divides by 1 + Y/200", () => {
    const flows = [{ time: 5, interest: 0, principal: 100 }];
    expect(macaulayDuration(flows, 6)).toBeCloseTo(5, 12);
    expect(modifiedDuration(flows, 6)).toBeCloseTo(5 / 1.03, 12);
  });

  it("a 10-year 6% par bond: D = (1+y)/y × (1 − (1+y)^−n) half-years = 7.6618995531 years", () => {
    // Closed form for a par bond with y = 3% per half-year, n = 20.
    const expected = ((1.03 / 0.03) * (1 - Math.pow(1.03, -20))) / 2;
    expect(expected).toBeCloseTo(7.6618995531, 9);
    expect(macaulayDuration(parBond, 6)).toBeCloseTo(expected, 10);
    expect(modifiedDuration(parBond, 6)).toBeCloseTo(expected / 1.03, 10);
  });
});

describe("cash-flow convexity (STANDARDS §5)", () => {
  it("a zero at T has convexity T (T + ½) / (1 + Y/200)²", () => {
    expect(convexity([{ time: 2, interest: 0, principal: 100 }], 0)).toBeCloseTo(5, 12);
    expect(convexity([{ time: 7, interest: 0, principal: 100 }], 5)).toBeCloseTo((7 * 7.5) / 1.025 ** 2, 12);
  });

  it("is (1/P) d²P/dY²: a 10-year par bond, by closed-form second derivative", () => {
    // P(y) = Σ c v^k + 100 v^n with v = 1/(1 + y/2), y decimal; d²P/dy² = Σ CF_k k(k+1)/4 v^(k+2).
    let second = 0;
    for (let k = 1; k <= 20; k++) second += ((k === 20 ? 103 : 3) * k * (k + 1)) / 4 / Math.pow(1.03, k + 2);
    expect(convexity(parBond, 6)).toBeCloseTo(second / 100, 10);
  });

  it("undefined when the flows are worth zero", () => {
    expect(() => convexity([{ time: 1, interest: 0, principal: 0 }], 5)).toThrow(/undefined/);
    expect(() => macaulayDuration([], 5)).toThrow(/undefined/);
  });
});
