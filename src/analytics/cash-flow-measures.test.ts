import { describe, expect, it } from "vitest";
import type { CivilDate } from "../core/civil-date.js";
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

  it("settling N 30/360 days into month 1: month k at (30k + delay − N)/360", () => {
    const flows = monthlyCashFlows(rows, { delayDays: 19, accruedDays: 15 });
    expect(flows[0].time).toBe((30 + 19 - 15) / 360);
    expect(flows[11].time).toBe((360 + 19 - 15) / 360);
    expect(() => monthlyCashFlows(rows, { delayDays: 0, accruedDays: 30 })).toThrow(/0 to 29/);
  });

  it("with dates: 30/360 from settlement to each month's end plus the delay", () => {
    const flows = monthlyCashFlows(rows, { delayDays: 14, dates: { accrualStart: "2024-03-01" as CivilDate, settlement: "2024-03-16" as CivilDate } });
    expect(flows[0].time).toBe((15 + 14) / 360); // to 2024-04-01 is 15 days on 30/360, paid the 15th
    expect(flows[1].time).toBe((45 + 14) / 360);
    // On the 31st, N is 30 and the 1st is one 30/360 day away: 31 days in all, as 30/360 counts them.
    const late = monthlyCashFlows(rows, { delayDays: 0, dates: { accrualStart: "2024-01-01" as CivilDate, settlement: "2024-01-31" as CivilDate } });
    expect(late[0].time).toBe(1 / 360);
    expect(() => monthlyCashFlows(rows, { delayDays: 0, dates: { accrualStart: "2024-01-01" as CivilDate, settlement: "2024-02-01" as CivilDate } })).toThrow(/outside the first accrual month/);
  });

  it("rejects a fractional delay", () => {
    expect(() => monthlyCashFlows(rows, { delayDays: 1.5 })).toThrow(/delay/);
  });
});
