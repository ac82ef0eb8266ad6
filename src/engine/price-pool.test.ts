import { describe, expect, it } from "vitest";
import { poolCashFlow, type PoolSpec } from "../collateral/index.js";
import { poolHolderFlows, pricePool } from "./price-pool.js";

const spec: PoolSpec = {
  balance: 1_000_000,
  wac: 8,
  net: 7.5,
  term: 360,
  age: 0,
  prepayment: { unit: "psa", values: [150] },
  default: { unit: "sda", values: [200] },
  severity: [35],
  lag: 12,
  advancing: true,
};

describe("the pool's holder cash flows (STANDARDS.md §4)", () => {
  it.each([true, false])("advancing %s: principal received + losses = the starting balance", (advancing) => {
    const pool = poolCashFlow({ ...spec, advancing });
    const flows = poolHolderFlows(pool);
    const principal = flows.reduce((s, f) => s + f.principal, 0);
    expect(principal + pool.totals.principalLoss).toBeCloseTo(spec.balance, 4);
    const interest = flows.reduce((s, f) => s + f.interest, 0);
    expect(interest).toBeCloseTo(advancing ? pool.totals.expectedInterest : pool.totals.actualInterest, 4);
  });

  it("losses pull a par pass-through's yield below the coupon", () => {
    const a = pricePool(poolCashFlow(spec), { price: 100 }, { delayDays: 0 });
    expect(a.mortgageYield).toBeLessThan(7.5);
    expect(() => pricePool(poolCashFlow(spec), { price: 0 }, { delayDays: 0 })).toThrow(/price must be a positive/);
  });
});
