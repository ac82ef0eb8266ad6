import { describe, expect, it } from "vitest";
import { trustLoansOf } from "../../src/admin/loans/trust-loans.js";
import { applyRemittance, initialLoanBook } from "../../src/admin/loans/loan-book.js";
import { checkAgainstBook, checkHeader } from "../../src/admin/remittance/book-checks.js";
import { readRemittance } from "../../src/admin/remittance/read.js";
import { remittanceToCsv, remittanceToJson } from "../../src/admin/remittance/write.js";
import { monthlyMortgageRate } from "../../src/admin/servicing/mortgage-rate.js";
import { simulateServicing } from "../../src/admin/servicing/simulate.js";
import { DEFAULT_TRANSITIONS, checkTransitionMatrix, nextStatus } from "../../src/admin/servicing/transition-matrix.js";
import { smallDeal } from "./support.js";

const deal = await smallDeal("cwalt-2007-12t1", 150);
const loans = trustLoansOf(deal);
const months = simulateServicing(deal, loans, { months: 12, seed: 7 });

describe("simulateServicing", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const again = simulateServicing(deal, loans, { months: 12, seed: 7 });
    expect(again.map(remittanceToJson)).toEqual(months.map(remittanceToJson));
    const other = simulateServicing(deal, loans, { months: 2, seed: 8 });
    expect(remittanceToJson(other[1])).not.toBe(remittanceToJson(months[1]));
  });

  it("dates the files on the 25th or the next Business Day", () => {
    expect(months.map((m) => m.header.distributionDate)).toEqual([
      "2007-05-25", "2007-06-25", "2007-07-25", "2007-08-27", "2007-09-25", "2007-10-25",
      "2007-11-26", "2007-12-26", "2008-01-25", "2008-02-25", "2008-03-25", "2008-04-25",
    ]);
  });

  it("writes files that read back, tie, and roll the loan book forward month after month", () => {
    let book = initialLoanBook(loans);
    for (const m of months) {
      for (const text of [remittanceToJson(m), remittanceToCsv(m)]) {
        const { remittance, lines } = readRemittance(text.startsWith("{") ? "m.json" : "m.csv", text);
        expect(remittance).toEqual(m);
        expect(checkHeader(remittance, lines, deal)).toEqual([]);
        expect(checkAgainstBook({ remittance, lines, deal, loans, book })).toEqual([]);
      }
      book = applyRemittance(book, m);
    }
  });

  it("produces delinquencies that roll, liquidations with losses, payoffs with covered shortfalls, and advances", () => {
    const all = months.flatMap((m) => m.loans);
    const statuses = new Set(all.map((l) => l.delinquencyStatus));
    for (const s of ["30", "60", "90+", "foreclosure"]) expect(statuses.has(s as never)).toBe(true);
    const liquidated = all.filter((l) => l.liquidated);
    expect(liquidated.length).toBeGreaterThan(0);
    for (const l of liquidated) expect(l.liquidationProceeds - l.liquidationExpenses).toBeLessThan(l.beginningBalance);
    expect(all.filter((l) => l.payoff > 0).length).toBeGreaterThan(20);
    expect(all.some((l) => l.prepaymentInterestShortfall > 0)).toBe(true);
    expect(all.some((l) => l.interestAdvance > 0 && l.principalAdvance > 0)).toBe(true);
    expect(all.some((l) => l.advanceReimbursement > 0)).toBe(true);
    for (const m of months) {
      const t = m.header.totals;
      // Compensating Interest: at most the shortfall and at most 0.125%/12 of the pool balance.
      expect(t.compensatingInterest).toBeLessThanOrEqual(t.prepaymentInterestShortfall);
      expect(t.compensatingInterest).toBeLessThanOrEqual(Math.round((t.beginningBalance * 0.125) / 1200));
    }
  });

  it("follows an index path when one is given", () => {
    const path = simulateServicing(deal, loans, { months: 3, seed: 7, indexPaths: { LIBOR_1M: [5.5, 5.8] } });
    expect(path.map((m) => m.header.indexFixings.LIBOR_1M)).toEqual([5.5, 5.8, 5.8]);
  });
});

describe("transition matrix", () => {
  it("has rows that are probability distributions and samples by cumulative probability", () => {
    expect(() => checkTransitionMatrix(DEFAULT_TRANSITIONS)).not.toThrow();
    expect(nextStatus(DEFAULT_TRANSITIONS, "current", 0.984)).toBe("current");
    expect(nextStatus(DEFAULT_TRANSITIONS, "current", 0.986)).toBe("30");
    expect(nextStatus(DEFAULT_TRANSITIONS, "REO", 0.49)).toBe("REO");
    expect(nextStatus(DEFAULT_TRANSITIONS, "REO", 0.51)).toBe("liquidated");
    expect(() => checkTransitionMatrix({ ...DEFAULT_TRANSITIONS, current: { current: 0.9 } })).toThrow(/row current: probabilities add up to 0.9/);
  });
});

describe("monthlyMortgageRate (2006-HY12 §3 hybrid ARM)", () => {
  const fiveOne = { index: "LIBOR_1Y", margin: 2.25, firstResetAge: 60, resetFrequency: 12, initialCap: 5, periodicCap: 2, lifetimeCap: 5, floor: 2.25, rounding: 0.125, roundingMethod: "nearest" as const };
  it("keeps the start rate before the first reset", () => {
    expect(monthlyMortgageRate({ startRate: 6.375, arm: fiveOne, age: 59, indexAt: () => 9 })).toBe(6.375);
  });
  it("resets to index + margin rounded to 1/8, within the caps and the floor", () => {
    // 5.30 + 2.25 = 7.55 → 7.5 (nearest 0.125), within 6.375 ± 5.
    expect(monthlyMortgageRate({ startRate: 6.375, arm: fiveOne, age: 60, indexAt: () => 5.3 })).toBe(7.5);
    // 9.00 + 2.25 = 11.25: inside the initial cap (6.375 + 5) and the lifetime cap (6.375 + 5).
    expect(monthlyMortgageRate({ startRate: 6.375, arm: fiveOne, age: 60, indexAt: () => 9 })).toBe(11.25);
    // 10.00 + 2.25 = 12.25 → capped at 6.375 + 5 = 11.375.
    expect(monthlyMortgageRate({ startRate: 6.375, arm: fiveOne, age: 60, indexAt: () => 10 })).toBe(11.375);
    // second reset: periodic cap 2 from 11.25 down to at least 9.25 even if the index falls to 1%.
    expect(monthlyMortgageRate({ startRate: 6.375, arm: fiveOne, age: 72, indexAt: (age) => (age === 60 ? 9 : 1) })).toBe(9.25);
    // floor at the margin
    expect(monthlyMortgageRate({ startRate: 3, arm: fiveOne, age: 60, indexAt: () => -1 })).toBe(2.25);
  });
  it("holds the rate between resets", () => {
    expect(monthlyMortgageRate({ startRate: 6.375, arm: fiveOne, age: 71, indexAt: (age) => (age === 60 ? 5.3 : 99) })).toBe(7.5);
  });
});
