import { describe, expect, it } from "vitest";
import { totalReturn } from "./total-return.js";

describe("total return (STANDARDS §5)", () => {
  it("a two-year zero bought at 6% and valued at 6% after a year returns 6%", () => {
    // 100 × 1.03^4 = 112.55088100; at the horizon worth 112.550881 / 1.03² = 106.09.
    const r = totalReturn({
      flows: [{ time: 2, interest: 0, principal: 112.550881 }],
      fullPrice: 100,
      horizonYears: 1,
      reinvestmentRate: 0,
      horizon: { kind: "yield", yield: 6 },
    });
    expect(r.horizonValue).toBeCloseTo(106.09, 10);
    expect(r.totalReturn).toBeCloseTo(6, 10);
  });

  it("reinvests interim cash at the stated rate and takes a given horizon value", () => {
    // Coupon 3 at 0.5y reinvested at 4% for half a year: 3 × 1.02 = 3.06; horizon value 99.
    // P_T = 102.06 over P_0 = 100 for 1 year: 200 × (1.0206^(1/2) − 1).
    const r = totalReturn({
      flows: [
        { time: 0.5, interest: 3, principal: 0 },
        { time: 1.5, interest: 3, principal: 100 },
      ],
      fullPrice: 100,
      horizonYears: 1,
      reinvestmentRate: 4,
      horizon: { kind: "value", value: 99 },
    });
    expect(r.reinvestedValue).toBeCloseTo(3.06, 12);
    expect(r.endingValue).toBeCloseTo(102.06, 12);
    expect(r.totalReturn).toBeCloseTo(200 * (Math.sqrt(1.0206) - 1), 12);
  });

  it("rejects a non-positive horizon", () => {
    expect(() => totalReturn({ flows: [], fullPrice: 100, horizonYears: 0, reinvestmentRate: 0, horizon: { kind: "value", value: 100 } })).toThrow(/horizon/);
  });
});
