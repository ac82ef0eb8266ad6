import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, type Scenario } from "../../core/scenario.js";
import { loadDeal } from "../../deal/load-deal.js";
import { fakeResult } from "../../../test/support/fake-projection.js";
import { project } from "../project.js";
import { atCdr, breakeven } from "./breakeven.js";
import type { Projector } from "./projector.js";

const { deal } = loadDeal("cwalt-2007-12t1");

/** B-1 (1,000,000) is written down by max(0, (CDR − onset) × 1,000) in period 40. */
function lossProjector(onset: number, calls: number[] = []): Projector {
  return (d, scenario: Scenario) => {
    const cdr = scenario.default.values[0];
    calls.push(cdr);
    const writedown = Math.max(0, (cdr - onset) * 1_000);
    return fakeResult(d, { "B-1": { initialBalance: 1_000_000, principal: [], writedown: [...Array(39).fill(0), writedown] } }, scenario);
  };
}

describe("breakeven CDR: bracket, then bisect on a 0.01 grid", () => {
  it("a class losing $1,000 per CDR above 2.345 first loses $1 at 2.35 CDR (2.346 rounded up to the grid)", () => {
    const calls: number[] = [];
    const r = breakeven({ deal, baseScenario: DEFAULT_SCENARIO, classId: "B-1", projector: lossProjector(2.345, calls) });
    expect(r.breakevenCdr).toBe(2.35);
    expect(r.highestCdrWithoutLoss).toBe(2.34);
    expect(r.loss.totalWritedown).toBeCloseTo(5, 9);
    expect(r.loss.firstLossPeriod).toBe(40);
    expect(r.loss.firstLossDate).toBe("2010-08-25");
    expect(r.loss.percentOfInitialBalance).toBeCloseTo(0.0005, 12);
    // Bracket 0, 1, 2, 4 CDR, then bisection of [2, 4] in hundredths: about log2(200) ≈ 8 more.
    expect(calls.slice(0, 4)).toEqual([0, 1, 2, 4]);
    expect(r.projections).toBeLessThanOrEqual(13);
    expect(r.projections).toBe(new Set(calls).size);
  });

  it("reports null when the class does not lose up to 100 CDR, and 0 when it loses without defaults", () => {
    const never = breakeven({ deal, baseScenario: DEFAULT_SCENARIO, classId: "B-1", projector: lossProjector(150) });
    expect(never.breakevenCdr).toBeNull();
    expect(never.highestCdrWithoutLoss).toBe(100);
    const always = breakeven({ deal, baseScenario: DEFAULT_SCENARIO, classId: "B-1", projector: lossProjector(-1) });
    expect(always.breakevenCdr).toBe(0);
    expect(always.highestCdrWithoutLoss).toBeNull();
  });

  it("rejects notional and unknown classes", () => {
    expect(() => breakeven({ deal, baseScenario: DEFAULT_SCENARIO, classId: "X", projector: lossProjector(1) })).toThrow(/notional/);
    expect(() => breakeven({ deal, baseScenario: DEFAULT_SCENARIO, classId: "B-9", projector: lossProjector(1) })).toThrow(/no class "B-9"/);
  });
});

describe("breakeven CDR of 2007-12T1's Class B-1 (100 PPC, 40% severity, 12-month lag)", () => {
  const base: Scenario = { ...DEFAULT_SCENARIO, severity: [40], recoveryLag: 12 };
  const r = breakeven({ deal, baseScenario: base, classId: "B-1" });
  const loss = (cdr: number) => project(deal, atCdr(base, cdr)).classes["B-1"].flows.reduce((s, f) => s + f.writedown, 0);

  it("loses at least $1 at the breakeven and 0.01 above it, and less than $1 at 0.01 below", () => {
    expect(r.breakevenCdr).not.toBeNull();
    const cdr = r.breakevenCdr!;
    expect(cdr).toBeGreaterThan(0);
    expect(loss(cdr)).toBeGreaterThanOrEqual(1);
    expect(loss(Math.round((cdr + 0.01) * 100) / 100)).toBeGreaterThanOrEqual(1);
    expect(loss(Math.round((cdr - 0.01) * 100) / 100)).toBeLessThan(1);
    expect(r.loss.totalWritedown).toBeCloseTo(loss(cdr), 6);
  });
});
