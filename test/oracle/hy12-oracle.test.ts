/**
 * 2006-HY12 against an independent oracle written from the deal specification
 * (`cwalt-2006-hy12-oracle.ts`), to the cent, every class and period, as signed
 * and as amended, through the corner issue 11 named: the date the last
 * subordinate retires (Senior Credit Support Depletion Date), subordinate
 * principal when the subordinates are nearly or entirely gone, losses of a
 * group whose seniors are retired, and principal of a retired group after
 * depletion, in each group.
 *
 * Issue 11's three amounts (15 CPR, 3 CDR, 40% severity, 9-month lag, LIBOR
 * 7.5%; depletion on date 162) and the readings behind them:
 * - Date 160, Class M principal $0 and 1-A-2 principal $591,963.95. README §6
 *   "Undercollateralized Group": group 1's seniors exceed its loans after the
 *   date's senior principal, so before any subordinate interest or principal it
 *   receives "a Transfer Payment from the other group's Available Funds left
 *   after that group's own senior distributions … limited to what is left": all
 *   $730.71 group 2 has left, not just its $150.42 of subordinate principal.
 *   Group 1's $206.63 left then pays M interest (due $744.27; §5 item 4:
 *   interest, then principal), and no principal. The other model's $42.66 and
 *   $591,383.66 are exactly the reading "Transfer Payment from the other group's
 *   principal only" (`transferFrom: "principalLeft"`), which the text does not
 *   support ("Available Funds").
 * - Date 161, 2-A-2 writedown $14,234.82. M has $28,673.27 left and the date's
 *   losses are $40,177.05 (group 1) and $25,319.18 (group 2). README §6 Losses
 *   (§4.04) says "subordinates in reverse order to zero, then the group's senior
 *   classes" but not how one date's losses of two groups share the subordinates.
 *   The engine shares the excess in proportion to the groups' losses; the other
 *   model allocated group 1's loss first (`lossOverflow: "groupOrder"`: 2-A-2
 *   takes all $25,319.18), which makes a class's losses depend on how the groups
 *   are numbered. Recorded as an open reading in ARCHITECTURE.md; the test
 *   below checks the engine's result does not depend on the numbering.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, type Scenario } from "../../src/core/scenario.js";
import { loadDeal } from "../../src/deal/load-deal.js";
import type { Deal } from "../../src/deal/schema.js";
import { project } from "../../src/engine/project.js";
import { summarize } from "./compare.js";
import { GROUP_SENIORS, SUBORDINATES } from "./cwalt-2006-hy12-oracle.js";
import { compareHy12, type Hy12Comparison } from "./hy12-compare.js";

const dealOf = (asSigned: boolean): Deal => loadDeal("cwalt-2006-hy12", asSigned ? { amendments: "none" } : {}).deal;

/**
 * The deal with one group's loans amortizing over `term` months (no interest-only period), so that
 * group's seniors retire years before the other's. The classes and balances are the README's, so the
 * oracle's hard-coded deal still holds; only the collateral (the oracle's input) changes.
 */
export function hy12WithFastGroup(asSigned: boolean, fast: "1" | "2", term: number): Deal {
  const d = structuredClone(dealOf(asSigned));
  for (const g of d.collateral.groups) {
    if (g.id !== fast) continue;
    for (const l of g.repLines) Object.assign(l, { remainingTerm: term, originalTerm: term + l.age, interestOnlyMonths: 0 });
  }
  return d;
}

const vector = (text: string) => text.split(",").flatMap((t) => { const [v, n] = t.split("x"); return Array<number>(n ? Number(n) : 1).fill(Number(v)); });
const scenario = (cpr: number, cdr: string, severity: number, lag: number, libor: number): Scenario => ({
  ...DEFAULT_SCENARIO,
  prepayment: { unit: "cpr", values: [cpr] },
  default: { unit: "cdr", values: vector(cdr) },
  severity: [severity],
  recoveryLag: lag,
  indices: { LIBOR_1Y: { values: [libor] } },
});

const ISSUE = scenario(15, "3", 40, 9, 7.5);
/** A retired group (its seniors paid off first) through the depletion date, with losses on it after the subordinates are gone. */
const CORNER = scenario(30, "2x12,20", 60, 6, 7);
/** A retired group's principal going to the other group's seniors before and after depletion. */
const RETIRED_EARLY = scenario(50, "0x24,8", 60, 6, 7);

interface Case { name: string; deal: () => Deal; scenario: Scenario; asSigned: boolean }
const CASES: Case[] = [];
for (const asSigned of [false, true]) {
  const text = asSigned ? "signed" : "amended";
  CASES.push({ name: `issue 11 scenario, ${text}`, deal: () => dealOf(asSigned), scenario: ISSUE, asSigned });
  for (const fast of ["1", "2"] as const) {
    CASES.push({ name: `group ${fast} retires first, losses after depletion, ${text}`, deal: () => hy12WithFastGroup(asSigned, fast, 240), scenario: CORNER, asSigned });
    CASES.push({ name: `group ${fast} retires first, before and after depletion, ${text}`, deal: () => hy12WithFastGroup(asSigned, fast, 240), scenario: RETIRED_EARLY, asSigned });
  }
}

const cache = new Map<string, Hy12Comparison>();
const compared = (c: Case) => {
  let r = cache.get(c.name);
  if (!r) cache.set(c.name, (r = compareHy12(c.deal(), c.scenario, c.asSigned)));
  return r;
};

describe("2006-HY12: engine against the oracle, to the cent, every class and period", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const r = compared(c);
    expect(r.depletionPeriod).not.toBeNull();
    expect(summarize(r.mismatches)).toEqual([]);
    // The oracle on its own: it distributes exactly its Available Funds; balances roll.
    for (const o of r.oracle) {
      expect(Math.abs(o.distributed - o.availableFunds), `date ${o.period}`).toBeLessThan(1e-6);
      for (const [id, row] of Object.entries(o.classes)) {
        expect(Math.abs(row.beginBalance - row.principal - row.writedown - row.endBalance), `${id} ${o.period}`).toBeLessThan(1e-6);
      }
    }
  });

  it("each corner scenario reaches what it is there for, and the retired group is group 1 in some and group 2 in others", () => {
    const retiredGroups = new Set<string>();
    for (const c of CASES.filter((x) => !x.name.startsWith("issue"))) {
      const o = compared(c).oracle;
      const reached = (["1", "2"] as const).filter((g) => {
        const h = g === "1" ? "2" : "1";
        const seniors = GROUP_SENIORS[h];
        const retiredWith = (f: (r: (typeof o)[number]) => boolean) => o.some((r) => r.retiredAtStart[g] && seniors.some((id) => r.classes[id].beginBalance > 0) && f(r));
        // After depletion, all of the retired group's principal to the other group's seniors.
        if (!retiredWith((r) => r.depleted && r.transfer[h] > 0)) return false;
        // Losses of the retired group with no subordinate class left go to the other group's seniors.
        if (c.scenario === CORNER) return retiredWith((r) => r.realizedLoss[g] > 0 && SUBORDINATES.every((id) => r.classes[id].beginBalance === 0) && seniors.some((id) => r.classes[id].writedown > 0));
        // Before depletion: the retired group's SPDA at the other group's percentages.
        return retiredWith((r) => !r.depleted && r.transfer[h] > 0);
      });
      expect(reached, c.name).not.toEqual([]);
      for (const g of reached) retiredGroups.add(g);
      // §4.02(c) as signed: after depletion a group's seniors are paid pro rata (super senior and support together).
      if (c.asSigned && c.scenario === CORNER) expect(o.some((r) => r.depleted && ((r.classes["1-A-1"].principal > 0 && r.classes["1-A-2"].principal > 0) || (r.classes["2-A-1"].principal > 0 && r.classes["2-A-2"].principal > 0))), c.name).toBe(true);
    }
    expect([...retiredGroups].sort()).toEqual(["1", "2"]);
  });

  it("issue 11: the other model's figures are exactly the two readings the engine rejects", () => {
    const engine = compared(CASES[0]);
    const at = (r: Hy12Comparison, period: number) => r.oracle[period - 1].classes;
    expect(at(engine, 160).M.principal).toBe(0);
    expect(at(engine, 160).M.interestPaid).toBeCloseTo(206.63, 2);
    expect(at(engine, 160)["1-A-2"].principal).toBeCloseTo(591_963.95, 2);
    expect(at(engine, 161)["2-A-2"].writedown).toBeCloseTo(14_234.82, 2);
    const principalLeft = compareHy12(dealOf(false), ISSUE, false, { transferFrom: "principalLeft" });
    expect(at(principalLeft, 160).M.principal).toBeCloseTo(42.66, 2);
    expect(at(principalLeft, 160)["1-A-2"].principal).toBeCloseTo(591_383.66, 2);
    const groupOrder = compareHy12(dealOf(false), ISSUE, false, { lossOverflow: "groupOrder" });
    expect(at(groupOrder, 161)["2-A-2"].writedown).toBeCloseTo(25_319.18, 2);
    // Both readings agree with the engine (and each other) before date 160.
    for (const r of [principalLeft, groupOrder]) expect(r.mismatches.every((m) => m.period >= 160)).toBe(true);
  });

  it("the classes' flows do not depend on the numbering of the loan groups (the reading of README §6 Losses)", () => {
    for (const asSigned of [false, true]) {
      const base = dealOf(asSigned);
      const swapped = structuredClone(base);
      swapped.collateral.groups = [...swapped.collateral.groups].reverse();
      const ruleGroup = (r: { group?: string }) => (r.group === "2" ? 0 : r.group === "1" ? 1 : 2);
      swapped.rules = [...swapped.rules].sort((a, b) => ruleGroup(a as { group?: string }) - ruleGroup(b as { group?: string }));
      const a = project(base, ISSUE);
      const b = project(swapped, ISSUE);
      for (const id of Object.keys(a.classes)) {
        a.classes[id].flows.forEach((f, i) => {
          const g = b.classes[id].flows[i];
          expect(Math.abs(f.principal - g.principal) + Math.abs(f.writedown - g.writedown) + Math.abs(f.interest - g.interest), `${id} ${i + 1}`).toBeLessThan(1e-6);
        });
      }
    }
  });

  it("agrees with the oracle over generated scenarios through the corner, in each group, signed and amended", () => {
    fc.assert(
      fc.property(
        fc.record({
          fast: fc.constantFrom("1" as const, "2" as const, null),
          term: fc.integer({ min: 120, max: 300 }),
          cpr: fc.double({ min: 5, max: 50, noNaN: true }),
          quiet: fc.integer({ min: 0, max: 48 }),
          cdr: fc.double({ min: 2, max: 30, noNaN: true }),
          severity: fc.double({ min: 20, max: 90, noNaN: true }),
          lag: fc.integer({ min: 0, max: 12 }),
          libor: fc.double({ min: 1, max: 10, noNaN: true }),
          asSigned: fc.boolean(),
        }),
        (g) => {
          const deal = g.fast ? hy12WithFastGroup(g.asSigned, g.fast, g.term) : dealOf(g.asSigned);
          const s = scenario(g.cpr, `0x${g.quiet},${g.cdr}`, g.severity, g.lag, g.libor);
          expect(summarize(compareHy12(deal, s, g.asSigned).mismatches).slice(0, 3)).toEqual([]);
        },
      ),
      { numRuns: 8, seed: 20191025 },
    );
  });
});
