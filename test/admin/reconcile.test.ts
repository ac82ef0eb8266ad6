import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO } from "../../src/core/scenario.js";
import { initialTrustState, type TrustState } from "../../src/admin/distribution/trust-state.js";
import { runDistribution } from "../../src/admin/distribution/run-distribution.js";
import { trustLoansOf } from "../../src/admin/loans/trust-loans.js";
import { NO_LINES } from "../../src/admin/remittance/lines.js";
import { averageSpeeds, impliedSpeeds } from "../../src/admin/reconcile/implied-speeds.js";
import { reconcile } from "../../src/admin/reconcile/reconcile.js";
import { simulateServicing } from "../../src/admin/servicing/simulate.js";
import type { TransitionMatrix } from "../../src/admin/servicing/transition-matrix.js";
import type { Statement } from "../../src/admin/statement/statement.js";
import { smallDeal } from "./support.js";

describe("impliedSpeeds (SIFMA SF-4 to SF-10, SF-16)", () => {
  it("annualizes a 1% SMM to 11.3615128% CPR, and takes SMM after scheduled principal", () => {
    const s = impliedSpeeds({ beginBalance: 1_000_000, scheduledPrincipal: 10_000, prepayments: 9_900, liquidatedBalance: 0, realizedLoss: 0 });
    expect(s.smm).toBeCloseTo(1, 12);
    expect(s.cpr).toBeCloseTo(11.3615128, 6);
    expect(s.severity).toBeNull();
  });
  it("takes MDR on the beginning balance and severity on the balance liquidated", () => {
    const s = impliedSpeeds({ beginBalance: 1_000_000, scheduledPrincipal: 0, prepayments: 0, liquidatedBalance: 10_000, realizedLoss: 4_000 });
    expect(s.mdr).toBeCloseTo(1, 12);
    expect(s.cdr).toBeCloseTo(11.3615128, 6);
    expect(s.severity).toBeCloseTo(40, 12);
  });
  it("averages months by survival, never by averaging the rates", () => {
    // 1% then 3% SMM: survival 0.99 × 0.97 = 0.9603 → average SMM 1 − √0.9603 = 2.00510…%, not 2%.
    const avg = averageSpeeds([
      { beginBalance: 100, scheduledPrincipal: 0, prepayments: 1, liquidatedBalance: 0, realizedLoss: 0 },
      { beginBalance: 100, scheduledPrincipal: 0, prepayments: 3, liquidatedBalance: 0, realizedLoss: 0 },
    ]);
    expect(avg.smm).toBeCloseTo(100 * (1 - Math.sqrt(0.9603)), 12);
  });
});

describe("reconcile", () => {
  it("reproduces the posted months when the experience matches the assumptions (no prepayments, defaults or delinquencies)", async () => {
    const deal = await smallDeal("cwalt-2007-12t1", 8);
    const loans = trustLoansOf(deal);
    const allCurrent = Object.fromEntries(["current", "30", "60", "90+", "foreclosure", "REO", "bankruptcy"].map((s) => [s, { current: 1 }])) as unknown as TransitionMatrix;
    const remittances = simulateServicing(deal, loans, { months: 5, seed: 5, speedMultiple: 0, transitions: allCurrent });
    let state: TrustState = initialTrustState(deal, loans);
    const statements: Statement[] = [];
    const states: TrustState[] = [state];
    for (const remittance of remittances) {
      const d = runDistribution({ deal, loans, before: state, remittance, lines: NO_LINES, file: "f", remittanceSha256: "h", revision: 1 });
      statements.push(d.statement);
      state = d.after;
      states.push(state);
    }
    // Window: the 3rd to the 5th date, projected from the state after the 2nd.
    const r = reconcile({ deal, loans, start: states[2], statements: statements.slice(2), scenario: { ...DEFAULT_SCENARIO, prepayment: { unit: "cpr", values: [0] } } });
    expect(r.from).toBe("2007-07-25");
    expect(r.months).toHaveLength(3);
    for (const m of r.months) {
      expect(m.postedSpeeds.cpr).toBe(0);
      expect(m.projectedSpeeds.cpr).toBe(0);
      // Loan-level amortization rounded to the cent by the servicer, unrounded in the projection.
      expect(Math.abs(m.posted.scheduledPrincipal - m.projected.scheduledPrincipal)).toBeLessThan(0.05);
      expect(Math.abs(m.posted.endBalance - m.projected.endBalance)).toBeLessThan(0.1);
    }
    for (const c of r.classes) {
      expect(Math.abs(c.difference.principal)).toBeLessThan(0.1);
      expect(Math.abs(c.difference.endingBalance)).toBeLessThan(0.1);
      expect(c.difference.losses).toBeCloseTo(0, 1);
    }
  });
});
