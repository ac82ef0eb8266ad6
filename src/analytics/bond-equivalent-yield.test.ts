import { describe, expect, it } from "vitest";
import type { CashFlow } from "./cash-flow.js";
import { discountFactor, fullPriceFromYield, presentValue, yieldFromPrice } from "./bond-equivalent-yield.js";
import { mortgageYieldFromBondEquivalent } from "./mortgage-yield.js";

/** A level-pay mortgage per 100 of par (SF-3): rate C, term n months, paid monthly with no delay. */
function levelPay(ratePercent: number, months: number): CashFlow[] {
  const i = ratePercent / 1200;
  const payment = (100 * i) / (1 - Math.pow(1 + i, -months));
  const flows: CashFlow[] = [];
  let balance = 100;
  for (let k = 1; k <= months; k++) {
    const interest = balance * i;
    const principal = k === months ? balance : payment - interest;
    flows.push({ time: k / 12, interest, principal });
    balance -= principal;
  }
  return flows;
}

describe("bond-equivalent yield (STANDARDS §5, semiannual compounding)", () => {
  it("one cash flow of 106.09 a year out at 100 full yields exactly 6% (1.03² = 1.0609)", () => {
    const flows = [{ time: 1, interest: 0, principal: 106.09 }];
    expect(yieldFromPrice(flows, 100)).toBeCloseTo(6, 10);
    expect(presentValue(flows, 6)).toBeCloseTo(100, 10);
  });

  it("a semiannual 6% bond at par on a coupon date yields its coupon", () => {
    const flows: CashFlow[] = Array.from({ length: 20 }, (_, k) => ({ time: (k + 1) / 2, interest: 3, principal: k === 19 ? 100 : 0 }));
    expect(yieldFromPrice(flows, 100)).toBeCloseTo(6, 10);
  });

  it("a 6% coupon paid monthly at par has mortgage yield 6 and BEY 200((1.005)^6 − 1) = 6.0755018788", () => {
    const flows: CashFlow[] = Array.from({ length: 12 }, (_, k) => ({ time: (k + 1) / 12, interest: 0.5, principal: k === 11 ? 100 : 0 }));
    const y = yieldFromPrice(flows, 100);
    expect(y).toBeCloseTo(6.0755018788, 9);
    expect(mortgageYieldFromBondEquivalent(y)).toBeCloseTo(6, 10);
  });

  it("SF-3's 9.5% 360-month level-pay loan, at par with no delay, has a mortgage yield of its note rate", () => {
    const flows = levelPay(9.5, 360);
    const y = yieldFromPrice(flows, 100);
    expect(mortgageYieldFromBondEquivalent(y)).toBeCloseTo(9.5, 9);
    expect(y).toBeCloseTo(200 * (Math.pow(1 + 9.5 / 1200, 6) - 1), 9);
  });

  it("the 24-day delay lowers the yield: one month's 100.5 received 54/360 years out at 100 full", () => {
    // 100 = 100.5 × (1 + Y/200)^(−2 × 0.15)  ⇒  Y = 200 × (1.005^(1/0.3) − 1) = 3.3528210056
    const flows = [{ time: 54 / 360, interest: 0.5, principal: 100 }];
    expect(yieldFromPrice(flows, 100)).toBeCloseTo(3.3528210056, 9);
  });

  it("solves negative yields (price above the undiscounted cash) and very high ones", () => {
    const flows = [{ time: 2, interest: 0, principal: 100 }];
    // 110 = 100 (1 + Y/200)^−4 ⇒ Y = 200 (1.1^(−1/4) − 1)
    expect(yieldFromPrice(flows, 110)).toBeCloseTo(200 * (Math.pow(1.1, -0.25) - 1), 10);
    expect(yieldFromPrice(flows, 1)).toBeCloseTo(200 * (Math.pow(100, 0.25) - 1), 8);
  });

  it("ignores a zero cash flow and rejects lists with nothing to price", () => {
    expect(() => yieldFromPrice([], 100)).toThrow(/no cash flow after settlement/);
    expect(() => yieldFromPrice([{ time: 1, interest: 0, principal: 0 }], 100)).toThrow(/no cash flow after settlement/);
    expect(() => yieldFromPrice([{ time: -1, interest: 1, principal: 0 }], 100)).toThrow(/\[0\]\.time/);
    expect(() => yieldFromPrice([{ time: 1, interest: 0, principal: 100 }], -5)).toThrow(/full price must be a positive/);
    // A price the flows cannot reach: 100 received at settlement plus 1 later is worth more than 50 at any yield.
    expect(() => yieldFromPrice([{ time: 0, interest: 0, principal: 100 }, { time: 1, interest: 0, principal: 1 }], 50)).toThrow(/no bond-equivalent yield/);
  });

  it("discount factor is (1 + Y/200)^(−2T) and rejects Y ≤ −200", () => {
    expect(discountFactor(8, 1.5)).toBeCloseTo(Math.pow(1.04, -3), 14);
    expect(() => fullPriceFromYield([{ time: 1, interest: 0, principal: 1 }], -200)).toThrow(/above -200/);
  });
});
