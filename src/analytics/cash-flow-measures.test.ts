import { describe, expect, it } from "vitest";
import { cashFlowMeasures, monthlyCashFlows } from "./cash-flow-measures.js";

describe("cashFlowMeasures and monthlyCashFlows", () => {
  // A 6% coupon paid monthly on 100, repaid after 12 months.
  const rows = Array.from({ length: 12 }, (_, k) => ({ interest: 0.5, principal: k === 11 ? 100 : 0 }));

  it("month k is received (30k + delay)/360 years after the accrual start", () => {
    const flows = monthlyCashFlows(rows, { delayDays: 24, scale: 2 });
    expect(flows[0]).toEqual({ time: 54 / 360, interest: 1, principal: 0 });
    expect(flows[11].time).toBeCloseTo(384 / 360, 15);
  });

  it("at par with no delay: mortgage yield 6, average life 1 year; price and yield quotes agree", () => {
    const flows = monthlyCashFlows(rows, { delayDays: 0 });
    const byPrice = cashFlowMeasures(flows, { fullPrice: 100 });
    expect(byPrice.mortgageYield).toBeCloseTo(6, 10);
    expect(byPrice.averageLife).toBeCloseTo(1, 14);
    const byYield = cashFlowMeasures(flows, { yield: byPrice.yield });
    expect(byYield.fullPrice).toBeCloseTo(100, 10);
    expect(byYield.modifiedDuration).toBeCloseTo(byPrice.modifiedDuration, 12);
  });

  it("rejects a fractional delay", () => {
    expect(() => monthlyCashFlows(rows, { delayDays: 1.5 })).toThrow(/delay/);
  });
});
