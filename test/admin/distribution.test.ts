import { describe, expect, it } from "vitest";
import { initialTrustState, type TrustState } from "../../src/admin/distribution/trust-state.js";
import { runDistribution, type Distribution } from "../../src/admin/distribution/run-distribution.js";
import { trustLoansOf } from "../../src/admin/loans/trust-loans.js";
import { NO_LINES } from "../../src/admin/remittance/lines.js";
import { RemittanceError } from "../../src/admin/remittance/problems.js";
import { simulateServicing } from "../../src/admin/servicing/simulate.js";
import { renderStatementJson } from "../../src/admin/statement/render.js";
import type { Deal } from "../../src/deal/schema.js";
import { fullDeal, smallDeal } from "./support.js";

function runMonths(deal: Deal, months: number, seed: number): Distribution[] {
  const loans = trustLoansOf(deal);
  let state: TrustState = initialTrustState(deal, loans);
  return simulateServicing(deal, loans, { months, seed }).map((remittance) => {
    const d = runDistribution({ deal, loans, before: state, remittance, lines: NO_LINES, file: `${remittance.header.distributionDate}.json`, remittanceSha256: "0".repeat(64), revision: 1 });
    state = d.after;
    return d;
  });
}

describe.each(["cwalt-2007-12t1", "cwalt-2006-hy12", "cwalt-2007-xpz"])("twelve simulated months of %s, loan by loan", (id) => {
  let runs: Distribution[] = [];
  it("distribute without error", async () => {
    runs = runMonths(await fullDeal(id), 12, 1);
    expect(runs).toHaveLength(12);
  });

  it("balance every statement: sources = uses to the cent, and they equal Available Funds + fees + corridor receipts", () => {
    for (const { statement: s } of runs) {
      const sources = s.sources.reduce((a, l) => a + l.amount, 0);
      const uses = s.uses.reduce((a, l) => a + l.amount, 0);
      expect(sources).toBe(s.totalSources);
      expect(uses).toBe(s.totalUses);
      expect(sources).toBe(uses);
      const pool = s.pool[0];
      const corridor = s.corridor.reduce((a, c) => a + c.payment, 0);
      expect(sources).toBe(pool.availableFunds + pool.masterServicingFee + pool.trusteeFee + corridor);
      const paidToClasses = s.classes.reduce((a, c) => a + c.totalDistribution, 0);
      const released = s.uses.find((l) => l.label.startsWith("Corridor Reserve Fund release"))!.amount;
      const notDistributed = s.uses.find((l) => l.label === "Not distributed")!.amount;
      expect(paidToClasses + released + notDistributed).toBe(pool.availableFunds + corridor);
    }
  });

  it("keep the classes tied to the pool (equal, or below by Subsequent Recoveries not yet written up)", () => {
    for (const { statement: s } of runs) {
      expect(s.balanceCheck.ties).toBe(true);
      expect(s.balanceCheck.difference).toBeGreaterThanOrEqual(0);
      if (s.cumulativeSubsequentRecoveries === 0) expect(s.balanceCheck.difference).toBe(0);
    }
  });

  it("roll each class forward: ending = beginning − principal − losses + write-ups + accretion; the next date begins where this one ended", () => {
    runs.forEach(({ statement: s }, k) => {
      for (const c of s.classes) {
        if (!c.notional) expect(c.endingBalance).toBe(c.beginningBalance - c.principal - c.realizedLosses + c.writeups + c.accretion);
        if (k > 0 && !c.notional) expect(c.beginningBalance).toBe(runs[k - 1].statement.classes.find((p) => p.classId === c.classId)!.endingBalance);
      }
      expect(s.pool[0].beginningBalance).toBe(k === 0 ? s.pool[0].beginningBalance : runs[k - 1].statement.pool[0].endingBalance);
    });
  });

  it("charge Realized Losses to the classes and accumulate them", () => {
    let cumulative = 0;
    for (const { statement: s } of runs) {
      cumulative += s.pool[0].realizedLosses;
      expect(s.cumulativeRealizedLosses).toBe(cumulative);
    }
    expect(cumulative).toBeGreaterThan(0);
  });

  it("accrete an accrual class by its unpaid Accrual Distribution Amount, to the cent of the waterfall's figure, and pay that much more principal (or none, where the deal has no accrual class)", () => {
    for (const { statement: s, report } of runs) {
      for (const c of s.classes) {
        const r = report.classes[c.classId];
        expect(Math.abs(c.accretion - Math.round((r?.accretion ?? 0) * 100))).toBeLessThanOrEqual(1);
        if (!c.types.includes("accrual")) expect(c.accretion).toBe(0);
      }
      const accrual = s.classes.filter((c) => c.types.includes("accrual"));
      if (id === "cwalt-2007-xpz") {
        expect(accrual.length).toBeGreaterThan(0);
        // Before the Accretion Termination Date the Z class accretes its whole accrued interest (each figure rounded on its own, so to the cent) and is paid no interest in cash.
        for (const z of accrual) {
          expect(Math.abs(z.accretion - (z.accruedInterest - z.interestReduction))).toBeLessThanOrEqual(1);
          expect(z.interest).toBe(0);
        }
      }
    }
    if (id === "cwalt-2007-xpz") expect(runs.reduce((a, d) => a + d.statement.classes.filter((c) => c.types.includes("accrual")).reduce((b, c) => b + c.accretion, 0), 0)).toBeGreaterThan(0);
  });

  it("give the same statements on a second run (no hidden state, no clock)", async () => {
    const again = runMonths(await fullDeal(id), 12, 1);
    expect(again.map((d) => renderStatementJson(d.statement))).toEqual(runs.map((d) => renderStatementJson(d.statement)));
  });
});

describe("runDistribution refusals", () => {
  it("refuses a date out of order and a missing index fixing, posting nothing", async () => {
    const deal = await smallDeal("cwalt-2007-12t1", 5);
    const loans = trustLoansOf(deal);
    const [first, second] = simulateServicing(deal, loans, { months: 2, seed: 3 });
    const before = initialTrustState(deal, loans);
    const run = (remittance: typeof first) => runDistribution({ deal, loans, before, remittance, lines: NO_LINES, file: "f.json", remittanceSha256: "h", revision: 1 });
    expect(() => run(second)).toThrow(RemittanceError);
    expect(() => run(second)).toThrow(/date out of order: the trust state follows the Closing Date, so the next Distribution Date is 2007-05-25, not 2007-06-25/);
    const noFixing = { ...first, header: { ...first.header, indexFixings: {} } };
    expect(() => run(noFixing)).toThrow(/header.indexFixings.LIBOR_1M: no LIBOR_1M fixing for the date: add it to the header or pass --index LIBOR_1M=RATE/);
    expect(() => runDistribution({ deal, loans, before, remittance: noFixing, lines: NO_LINES, file: "f.json", remittanceSha256: "h", revision: 1, indexOverrides: { LIBOR_1M: 5.5 } })).not.toThrow();
  });

  it("pays the corridor when LIBOR is above Cap Rate I and shows it on the statement", async () => {
    const deal = await smallDeal("cwalt-2007-12t1", 5);
    const loans = trustLoansOf(deal);
    const [first, second] = simulateServicing(deal, loans, { months: 2, seed: 3, indexPaths: { LIBOR_1M: [5.32, 5.9] } });
    const one = runDistribution({ deal, loans, before: initialTrustState(deal, loans), remittance: first, lines: NO_LINES, file: "a", remittanceSha256: "a", revision: 1 });
    const two = runDistribution({ deal, loans, before: one.after, remittance: second, lines: NO_LINES, file: "b", remittanceSha256: "b", revision: 1 });
    const c = two.statement.corridor[0];
    // June 2007: the scheduled notional (the deal file's, fixed at closing) × (min(5.90, 9.10) − 5.60)% / 12.
    const scheduled = deal.contracts[0].notionalSchedule.find((e) => e.date.startsWith("2007-06"))!.notional;
    expect(c.notional).toBe(Math.round(scheduled * 100));
    expect(c.payment).toBe(Math.round((scheduled * 100 * 0.3) / 1200));
    expect(c.yieldSupplementPaid + c.released).toBe(c.payment);
    // A-1 pays LIBOR + 0.40 capped at 6.00: 6.30 uncapped → the Yield Supplement Amount is 0.30%/12 of A-1's balance.
    const a1 = two.statement.classes.find((x) => x.classId === "A-1")!;
    expect(a1.passThroughRate).toBe(6);
    expect(c.yieldSupplementAmount).toBe(Math.round((a1.beginningBalance * 0.3) / 1200));
    expect(a1.yieldSupplement).toBe(c.yieldSupplementPaid);
  });
});
