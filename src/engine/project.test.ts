/**
 * End-to-end projections of 2007-12T1: the filed offered amount, the pricing
 * run, a stress that depletes the subordinates, and the per-period invariants
 * over generated scenarios (fast-check).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, type Scenario } from "../core/scenario.js";
import { loadDeal } from "../deal/load-deal.js";
import { periodInvariantViolations } from "../waterfall/test-support.js";
import { generateCorridorSchedule } from "./corridor-schedule.js";
import { project } from "./project.js";

const { deal } = loadDeal("cwalt-2007-12t1");

function scenario(overrides: Partial<Scenario>): Scenario {
  return { ...DEFAULT_SCENARIO, ...overrides };
}

function checkedProjection(s: Scenario, loanLevel = false) {
  const violations: string[] = [];
  const result = project(deal, s, {
    loanLevel,
    onPeriod: (inputs, r) => violations.push(...periodInvariantViolations(deal, inputs, r)),
  });
  return { result, violations };
}

const totals = (flows: { principal: number; writedown: number; interest: number }[]) =>
  flows.reduce((s, f) => ({ principal: s.principal + f.principal, writedown: s.writedown + f.writedown, interest: s.interest + f.interest }), { principal: 0, writedown: 0, interest: 0 });

describe("Alternative Loan Trust 2007-12T1", () => {
  it("offered classes sum to the filed $855,728,140", () => {
    const offered = deal.classes.filter((c) => c.offered).reduce((s, c) => s + c.initialBalance, 0);
    expect(offered).toBeCloseTo(855_728_140, 2);
    expect(deal.offeredAmount).toBe(855_728_140);
  });

  it("at the pricing speed pays every class in full, balancing every period", () => {
    const { result, violations } = checkedProjection(DEFAULT_SCENARIO);
    expect(violations).toEqual([]);
    expect(result.depletionPeriod).toBeNull();
    for (const [id, c] of Object.entries(result.classes)) {
      if (c.notional) continue;
      const t = totals(c.flows);
      expect(t.writedown, id).toBeCloseTo(0, 4);
      expect(t.principal, id).toBeCloseTo(c.initialBalance, 2);
    }
    // Principal paid to the classes = the collateral's principal reduction.
    const pool = result.collateral.reduce((s, r) => s + r.scheduledPrincipal + r.prepayments + r.liquidationPrincipal, 0);
    const paid = Object.values(result.classes).reduce((s, c) => s + totals(c.flows).principal, 0);
    expect(paid).toBeCloseTo(pool, 2);
    // The NAS class is locked out of prepayments for five years: it pays slower than A-1.
    expect(result.classes["A-4"].wal!).toBeGreaterThan(result.classes["A-1"].wal!);
  });

  it("a 15 CDR, 60% severity, 12-month lag stress depletes the subordinates and §4.02(c) takes effect", () => {
    const s = scenario({ default: { unit: "cdr", values: [15] }, severity: [60], recoveryLag: 12, indices: { LIBOR_1M: { values: [7] } } });
    const { result, violations } = checkedProjection(s);
    expect(violations).toEqual([]);
    expect(result.depletionPeriod).not.toBeNull();
    const dep = result.depletionPeriod!;
    for (const id of ["M", "B-1", "B-2", "B-3", "B-4", "B-5"]) {
      expect(result.classes[id].flows[dep - 1].beginBalance, id).toBeCloseTo(0, 4);
    }
    // From the depletion date the senior classes receive principal pro rata by balance.
    const row = (id: string) => result.classes[id].flows[dep];
    const ratio = (id: string) => row(id).principal / row(id).beginBalance;
    const live = ["A-1", "A-3", "A-4", "A-5"].filter((id) => row(id).beginBalance > 1);
    expect(live.length).toBeGreaterThan(1);
    for (const id of live) expect(ratio(id)).toBeCloseTo(ratio(live[0]), 8);
    expect(result.tests.find((t) => t.period === dep)!.depleted).toBe(true);
    // Corridor pays while LIBOR 7% > 5.60% in its window.
    expect(result.corridor.filter((c) => c.payment > 0).length).toBeGreaterThan(50);
  });

  it("rep-line and loan-level projections give the same class cash flows", () => {
    const s = scenario({ prepayment: { unit: "cpr", values: [12] }, default: { unit: "cdr", values: [3] }, severity: [40], recoveryLag: 6 });
    const rep = project(deal, s);
    const loan = project(deal, s, { loanLevel: true });
    for (const id of Object.keys(rep.classes)) {
      const a = totals(rep.classes[id].flows);
      const b = totals(loan.classes[id].flows);
      expect(b.principal, id).toBeCloseTo(a.principal, 2);
      expect(b.interest, id).toBeCloseTo(a.interest, 2);
      expect(b.writedown, id).toBeCloseTo(a.writedown, 2);
    }
  });

  it("without advancing, lost interest falls on the most junior classes and balances still tie to the pool", () => {
    const s = scenario({ default: { unit: "cdr", values: [2] }, severity: [35], recoveryLag: 12, advancing: false });
    const { result, violations } = checkedProjection(s);
    expect(violations).toEqual([]);
    const b5 = totals(result.classes["B-5"].flows);
    expect(b5.writedown).toBeGreaterThan(0);
    expect(totals(result.classes["A-3"].flows).writedown).toBeCloseTo(0, 4);
  });

  it("the Optional Termination retires every class when the pool reaches 10% of the Cut-off Date balance", () => {
    const { result, violations } = checkedProjection(scenario({ optionalTermination: true }));
    expect(violations).toEqual([]);
    const t = result.terminationPeriod!;
    expect(t).toBeGreaterThan(0);
    expect(result.collateral[t - 1].beginBalance).toBeLessThanOrEqual(86_400_000);
    expect(result.collateral[t - 2].beginBalance).toBeGreaterThan(86_400_000);
    for (const [id, c] of Object.entries(result.classes)) {
      if (!c.notional) expect(c.flows[t - 1].endBalance, id).toBeCloseTo(0, 4);
    }
  });

  it("the stored corridor notional schedule is what the engine generates at the pricing speed", () => {
    const stored = deal.contracts[0].notionalSchedule;
    const generated = generateCorridorSchedule(deal, deal.contracts[0]);
    expect(generated.map((e) => e.date)).toEqual(stored.map((e) => e.date));
    generated.forEach((e, i) => expect(e.notional).toBeCloseTo(stored[i].notional, 2));
  });

  it("invariants hold every period over generated scenarios", () => {
    const vec = (max: number) => fc.array(fc.double({ min: 0, max, noNaN: true }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(
        fc.record({
          cpr: vec(40),
          cdr: vec(25),
          severity: vec(100),
          lag: fc.integer({ min: 0, max: 24 }),
          advancing: fc.boolean(),
          libor: vec(12),
          call: fc.boolean(),
        }),
        (g) => {
          const s = scenario({
            prepayment: { unit: "cpr", values: g.cpr },
            default: { unit: "cdr", values: g.cdr },
            severity: g.severity,
            recoveryLag: g.lag,
            advancing: g.advancing,
            indices: { LIBOR_1M: { values: g.libor } },
            optionalTermination: g.call,
          });
          const { violations } = checkedProjection(s);
          expect(violations.slice(0, 5)).toEqual([]);
        },
      ),
      { numRuns: 12, seed: 20070430 },
    );
  });
});
