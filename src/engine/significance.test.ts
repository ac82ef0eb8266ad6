/**
 * Item 1115 significance: the disclosure thresholds, and constructed corridor
 * contracts whose worst-case present value is worked by hand to land in each tier.
 */
import { describe, expect, it } from "vitest";
import type { CorridorContract } from "../deal/schema.js";
import { loadDeal } from "../deal/load-deal.js";
import { disclosureTier, historicalCases, significance } from "./significance.js";
import type { CivilDate } from "../core/civil-date.js";

function contract(notional: number, months: number, strike = 2, ceiling = 8): CorridorContract {
  const schedule = Array.from({ length: months }, (_, k) => {
    const y = 2010 + Math.floor(k / 12);
    const m = (k % 12) + 1;
    return { date: `${y}-${String(m).padStart(2, "0")}-25` as CivilDate, notional };
  });
  return {
    kind: "corridor",
    id: "test-cap",
    section: "§4.08",
    counterparty: "Test Bank",
    confirmationDate: "2009-12-01" as CivilDate,
    beneficiary: "A-1",
    index: "LIBOR_1M",
    strikeRate: strike,
    ceilingRate: ceiling,
    yieldSupplementCeiling: ceiling + 0.4,
    firstDistributionDate: schedule[0].date,
    lastDistributionDate: schedule[schedule.length - 1].date,
    notionalSchedule: schedule,
  };
}

/** PV at the ceiling, worked directly: level payments N × (C − K)/1200 discounted monthly at C. */
function pvAtCeiling(n: number, months: number, strike: number, ceiling: number): number {
  const pay = (n * (ceiling - strike)) / 1200;
  let pv = 0;
  for (let k = 1; k <= months; k++) pv += pay / (1 + ceiling / 1200) ** k;
  return pv;
}

describe("Item 1115 significance", () => {
  it("tiers: under 10% none, 10% to under 20% Item 1115(b)(1), 20% or more Item 1115(b)(2)", () => {
    expect(disclosureTier(0)).toBe("none");
    expect(disclosureTier(0.0999999)).toBe("none");
    expect(disclosureTier(0.1)).toBe("1115(b)(1)");
    expect(disclosureTier(0.1999999)).toBe("1115(b)(1)");
    expect(disclosureTier(0.2)).toBe("1115(b)(2)");
    expect(disclosureTier(0.75)).toBe("1115(b)(2)");
  });

  it.each([
    { notional: 60_000_000, months: 24, tier: "none" },
    { notional: 120_000_000, months: 24, tier: "1115(b)(1)" },
    { notional: 200_000_000, months: 24, tier: "1115(b)(2)" },
  ])("a $notional corridor (2%–8%) over 100 million of loans for $months months → $tier", ({ notional, months, tier }) => {
    const c = contract(notional, months);
    const r = significance({ contract: c, method: "stress", asOf: "2009-12-31", currentIndex: 2.5, poolBalance: 100_000_000 });
    const expected = pvAtCeiling(notional, months, 2, 8);
    expect(r.significanceEstimate).toBeCloseTo(expected, 4);
    expect(r.significancePercentage).toBeCloseTo(expected / 100_000_000, 12);
    expect(r.disclosure).toBe(tier);
    expect(r.worstCase).toContain("Cap Rate II");
  });

  it("counts only the payments after the as-of date", () => {
    const c = contract(150_000_000, 24);
    const r = significance({ contract: c, method: "stress", asOf: "2010-12-31", currentIndex: 3, poolBalance: 100_000_000 });
    expect(r.remainingPayments).toBe(12);
    expect(r.significanceEstimate).toBeCloseTo(pvAtCeiling(150_000_000, 12, 2, 8), 4);
  });

  it("the historical method applies each window's changes to the current index", () => {
    const history = [
      { month: "2000-01", rate: 5 },
      { month: "2000-02", rate: 6 },
      { month: "2000-03", rate: 7 },
      { month: "2000-04", rate: 4 },
    ];
    const cases = historicalCases(history, 3, 2);
    expect(cases.map((c) => c.path)).toEqual([
      [4, 5],
      [4, 1],
    ]);
    const r = significance({ contract: contract(100_000_000, 2), method: "historical", asOf: "2009-12-31", currentIndex: 3, poolBalance: 100_000_000, history });
    const d1 = 1 + 4 / 1200;
    const d2 = d1 * (1 + 5 / 1200);
    expect(r.significanceEstimate).toBeCloseTo((100_000_000 * 2) / 1200 / d1 + (100_000_000 * 3) / 1200 / d2, 4);
    expect(r.worstCase).toBe("history from 2000-01");
  });

  it("2007-12T1's corridor is well under 10% of the pool at closing", () => {
    const { deal } = loadDeal("cwalt-2007-12t1");
    const r = significance({ contract: deal.contracts[0], method: "stress", asOf: deal.dates.closingDate, currentIndex: 5.32, poolBalance: 864_000_000 });
    expect(r.remainingPayments).toBe(59);
    expect(r.significancePercentage).toBeGreaterThan(0.005);
    expect(r.disclosure).toBe("none");
  });
});
