/**
 * 2006-HY12: two loan groups of hybrid ARMs, crossed subordinates, and
 * Amendment No. 1 (§4.02(c) deleted as of the Closing Date). The PSA as signed
 * and as amended must agree until the Senior Credit Support Depletion Date, then
 * pay each group's seniors pro rata (signed) or in the §4.02(a)(iv)(y) order (amended).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, type Scenario } from "../core/scenario.js";
import { loadDeal } from "../deal/load-deal.js";
import { periodInvariantViolations } from "../waterfall/test-support.js";
import { amendmentDiff } from "./amendment-diff.js";
import { project } from "./project.js";

const amended = loadDeal("cwalt-2006-hy12");
const signed = loadDeal("cwalt-2006-hy12", { amendments: "none" });

const stress: Scenario = {
  ...DEFAULT_SCENARIO,
  prepayment: { unit: "cpr", values: [25] },
  default: { unit: "cdr", values: [12] },
  severity: [55],
  recoveryLag: 12,
};

describe("Alternative Loan Trust 2006-HY12 and Amendment No. 1", () => {
  it("offered classes sum to the filed $791,111,100; the amendment deletes §4.02(c)", () => {
    const offered = amended.deal.classes.filter((c) => c.offered).reduce((s, c) => s + c.initialBalance, 0);
    expect(offered).toBeCloseTo(791_111_100, 2);
    expect(amended.appliedAmendments).toEqual(["amendment-1"]);
    expect(amended.deal.rules.some((r) => r.section === "§4.02(c)")).toBe(false);
    expect(signed.deal.rules.some((r) => r.section === "§4.02(c)")).toBe(true);
  });

  it("25 CPR, 12 CDR, 55% severity, 12-month lag depletes the subordinates; identical flows before, pro rata (signed) vs 1-A-1 before 1-A-2 (amended) after", () => {
    const a = project(amended.deal, stress);
    const s = project(signed.deal, stress);
    const dep = a.depletionPeriod!;
    expect(dep).not.toBeNull();
    expect(s.depletionPeriod).toBe(dep);
    for (const id of Object.keys(a.classes)) {
      for (let i = 0; i < dep - 1; i++) {
        const x = a.classes[id].flows[i];
        const y = s.classes[id].flows[i];
        expect(x.principal, `${id} period ${i + 1}`).toBeCloseTo(y.principal, 6);
        expect(x.interest, `${id} period ${i + 1}`).toBeCloseTo(y.interest, 6);
        expect(x.writedown, `${id} period ${i + 1}`).toBeCloseTo(y.writedown, 6);
      }
    }
    for (const [superSenior, support] of [["1-A-1", "1-A-2"], ["2-A-1", "2-A-2"]]) {
      // As signed: concurrently, pro rata by Class Certificate Balance.
      for (let i = dep - 1; i < dep + 5; i++) {
        const ss = s.classes[superSenior].flows[i];
        const sp = s.classes[support].flows[i];
        if (ss.beginBalance < 1 || sp.beginBalance < 1) continue;
        expect(ss.principal / ss.beginBalance, `signed ${superSenior}/${support} period ${i + 1}`).toBeCloseTo(sp.principal / sp.beginBalance, 10);
        expect(sp.principal).toBeGreaterThan(0);
      }
      // As amended: the super senior first; the support class gets no principal while it is outstanding.
      for (let i = dep - 1; i < dep + 5; i++) {
        const ss = a.classes[superSenior].flows[i];
        const sp = a.classes[support].flows[i];
        if (ss.beginBalance - ss.principal > 1) expect(sp.principal, `amended ${support} period ${i + 1}`).toBe(0);
        expect(ss.principal).toBeGreaterThan(0);
      }
    }
    const diff = amendmentDiff({ signed: signed.deal, amended: amended.deal, amendments: ["amendment-1"], scenario: stress });
    const row = (id: string) => diff.classes.find((c) => c.class === id)!;
    expect(row("1-A-1").firstDifferentPeriod).toBe(dep);
    expect(row("M").firstDifferentPeriod).toBeNull();
    expect(row("1-A-1").difference.principal + row("1-A-2").difference.principal).toBeCloseTo(-(row("1-A-1").difference.writedown + row("1-A-2").difference.writedown), 2);
  });

  it("pays each group's seniors at the group net WAC and the subordinates at the subordinate WAC", () => {
    const r = project(amended.deal, { ...DEFAULT_SCENARIO, prepayment: { unit: "cpr", values: [25] } }, { reports: true });
    const first = r.reports![0];
    const g1 = amended.deal.collateral.groups[0].repLines;
    const wac1 = g1.reduce((s, l) => s + l.statedPrincipalBalance * (l.mortgageRate - 0.384), 0) / g1.reduce((s, l) => s + l.statedPrincipalBalance, 0);
    expect(first.classes["1-A-1"].passThroughRate).toBeCloseTo(wac1, 10);
    const g2 = amended.deal.collateral.groups[1].repLines;
    const wac2 = g2.reduce((s, l) => s + l.statedPrincipalBalance * (l.mortgageRate - 0.384), 0) / g2.reduce((s, l) => s + l.statedPrincipalBalance, 0);
    // Subordinate portions at closing: 500,000,000 − 470,944,400 and 300,000,000 − 282,566,700.
    const w1 = 500_000_000 - 470_944_400;
    const w2 = 300_000_000 - 282_566_700;
    expect(first.classes.M.passThroughRate).toBeCloseTo((w1 * wac1 + w2 * wac2) / (w1 + w2), 10);
  });

  it("invariants hold every period over generated scenarios, with index paths that hit every cap and the floor", () => {
    fc.assert(
      fc.property(
        fc.record({
          cpr: fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 1, maxLength: 3 }),
          cdr: fc.array(fc.double({ min: 0, max: 30, noNaN: true }), { minLength: 1, maxLength: 3 }),
          severity: fc.double({ min: 0, max: 100, noNaN: true }),
          lag: fc.integer({ min: 0, max: 18 }),
          advancing: fc.boolean(),
          libor: fc.array(fc.double({ min: 0, max: 16, noNaN: true }), { minLength: 1, maxLength: 120 }),
          asSigned: fc.boolean(),
        }),
        (g) => {
          const loaded = g.asSigned ? signed : amended;
          const s: Scenario = {
            ...DEFAULT_SCENARIO,
            prepayment: { unit: "cpr", values: g.cpr },
            default: { unit: "cdr", values: g.cdr },
            severity: [g.severity],
            recoveryLag: g.lag,
            advancing: g.advancing,
            indices: { LIBOR_1Y: { values: g.libor } },
          };
          const violations: string[] = [];
          project(loaded.deal, s, { onPeriod: (inputs, r) => violations.push(...periodInvariantViolations(loaded.deal, inputs, r)) });
          expect(violations.slice(0, 5)).toEqual([]);
        },
      ),
      { numRuns: 10, seed: 20060629 },
    );
  });

  it("invariants hold through the depletion corner (a retired group, the last subordinate gone) in each group, signed and amended", () => {
    // One group's loans amortize over a short term with no interest-only period, so its seniors retire
    // first; the defaults start after a lockout and deplete the subordinates while its loans still pay.
    const withFastGroup = (asSigned: boolean, fast: "1" | "2", term: number) => {
      const d = structuredClone((asSigned ? signed : amended).deal);
      for (const g of d.collateral.groups) {
        if (g.id === fast) for (const l of g.repLines) Object.assign(l, { remainingTerm: term, originalTerm: term + l.age, interestOnlyMonths: 0 });
      }
      return d;
    };
    const reached = { "1": 0, "2": 0 };
    fc.assert(
      fc.property(
        fc.record({
          fast: fc.constantFrom("1" as const, "2" as const),
          term: fc.integer({ min: 120, max: 300 }),
          cpr: fc.double({ min: 20, max: 50, noNaN: true }),
          quiet: fc.integer({ min: 0, max: 36 }),
          cdr: fc.double({ min: 8, max: 30, noNaN: true }),
          severity: fc.double({ min: 40, max: 80, noNaN: true }),
          lag: fc.integer({ min: 0, max: 12 }),
          asSigned: fc.boolean(),
        }),
        (g) => {
          const deal = withFastGroup(g.asSigned, g.fast, g.term);
          const s: Scenario = {
            ...DEFAULT_SCENARIO,
            prepayment: { unit: "cpr", values: [g.cpr] },
            default: { unit: "cdr", values: [...Array<number>(g.quiet).fill(0), g.cdr] },
            severity: [g.severity],
            recoveryLag: g.lag,
            indices: { LIBOR_1Y: { values: [7] } },
          };
          const violations: string[] = [];
          const r = project(deal, s, {
            onPeriod: (inputs, p) => {
              violations.push(...periodInvariantViolations(deal, inputs, p));
              const rep = p.report;
              for (const [retired, other] of [["1", "2"], ["2", "1"]] as const) {
                const seniorsOf = (id: string) => deal.classes.filter((c) => c.group === id && !c.types.includes("subordinate"));
                const retiredAtStart = seniorsOf(retired).every((c) => rep.classes[c.id].beginBalance <= 1e-6);
                const otherOut = seniorsOf(other).some((c) => rep.classes[c.id].beginBalance > 1e-6);
                if (!(rep.depleted && retiredAtStart && otherOut)) continue;
                reached[retired]++;
                // On and after depletion, all of the retired group's principal goes to the other group's seniors
                // (all of it unless they are paid off by it).
                const c = inputs.groups.find((x) => x.groupId === retired)!;
                const principal = c.scheduledPrincipal + c.prepayments + c.liquidationPrincipal;
                const otherLeft = seniorsOf(other).reduce((x, k) => x + rep.classes[k.id].endBalance + rep.classes[k.id].writedown, 0);
                if (rep.groups[retired].transferOut < principal - 1e-6 && otherLeft > 1e-6) {
                  violations.push(`period ${rep.period}: retired group ${retired} principal ${principal} but ${rep.groups[retired].transferOut} to group ${other}`);
                }
              }
            },
          });
          // The depletion date is the first with no subordinate balance at its start.
          if (r.depletionPeriod !== null) {
            const sub = deal.classes.filter((c) => c.types.includes("subordinate"));
            const before = sub.reduce((x, c) => x + r.classes[c.id].flows[r.depletionPeriod! - 1].beginBalance, 0);
            if (before > 1e-6) violations.push(`depletion period ${r.depletionPeriod} with subordinates at ${before}`);
          }
          expect(violations.slice(0, 5)).toEqual([]);
        },
      ),
      { numRuns: 16, seed: 20190725 },
    );
    // The generated scenarios reach the corner in both groups.
    expect(reached["1"]).toBeGreaterThan(0);
    expect(reached["2"]).toBeGreaterThan(0);
  });
});
