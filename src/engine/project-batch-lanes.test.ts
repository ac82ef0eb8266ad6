/**
 * Scenario lanes: every lane of a `projectBatch` equals the same scenario
 * projected alone (`project`, a batch of one), to the cent, for every class and
 * period (each field of the class flows), the collateral rows, the tests rows,
 * the corridor rows, the WALs and the depletion and termination periods.
 *
 * The batches are generated (fast-check) so that lanes branch apart: some
 * deplete the subordinates and some do not, some advance and some do not, some
 * have LIBOR above the corridor's strike and some below, some are called early
 * (a lane that stops while others go on), with Prepayment Interest Shortfalls and
 * Relief Act Reductions; over 2007-12T1, 2006-HY12 as signed and as amended (and
 * with the signed text switching to the amended one mid-run through `rulesAt`),
 * and the illustrative 2007-XPZ (PAC schedule, Z accretion, exchangeable class).
 * The test also checks that the generated batches did reach each of those
 * branches, so it cannot pass by never exercising them.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, type Scenario } from "../core/scenario.js";
import type { Deal, Rule } from "../deal/schema.js";
import { loadDeal } from "../deal/load-deal.js";
import { project, type ProjectOptions } from "./project.js";
import { projectBatch, type BatchOptions } from "./project-batch.js";
import type { ProjectionResult } from "./result.js";

const t1 = loadDeal("cwalt-2007-12t1").deal;
const hy12Amended = loadDeal("cwalt-2006-hy12");
const hy12Signed = loadDeal("cwalt-2006-hy12", { amendments: "none" }).deal;
const xpz = loadDeal("cwalt-2007-xpz").deal;

/** The signed text before 2009, the amended text from then on (an amendment effective after closing). */
const switchingRules = (date: string): readonly Rule[] => (date < "2009-01" ? hy12Signed.rules : hy12Amended.deal.rules);

/** Reached branches, over every batch of the file. */
const seen = { depleted: 0, notDepleted: 0, advancing: 0, notAdvancing: 0, corridorPaid: 0, corridorNotPaid: 0, terminated: 0, accreted: 0 };

function scenarioArb(libor: string, ppc: boolean): fc.Arbitrary<Scenario> {
  return fc
    .record({
      unit: ppc ? fc.constantFrom<"ppc" | "cpr" | "psa">("ppc", "cpr", "psa") : fc.constantFrom<"cpr" | "psa">("cpr", "psa"),
      speed: fc.integer({ min: 0, max: 300 }),
      ramp: fc.boolean(),
      cdr: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 25 })),
      severity: fc.integer({ min: 10, max: 70 }),
      lag: fc.integer({ min: 0, max: 12 }),
      advancing: fc.boolean(),
      index: fc.oneof(fc.double({ min: 1, max: 10, noNaN: true }), fc.array(fc.double({ min: 1, max: 10, noNaN: true }), { minLength: 2, maxLength: 6 })),
      call: fc.boolean(),
      ppis: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 })),
      relief: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
    })
    .map((x): Scenario => {
      const speed = x.unit === "cpr" ? x.speed / 10 : x.speed;
      return {
        ...DEFAULT_SCENARIO,
        prepayment: { unit: x.unit, values: x.ramp ? [speed / 2, speed, speed * 1.5] : [speed] },
        default: { unit: "cdr", values: [x.cdr] },
        severity: [x.severity],
        recoveryLag: x.lag,
        advancing: x.advancing,
        indices: { [libor]: { values: Array.isArray(x.index) ? x.index : [x.index] } },
        optionalTermination: x.call,
        prepaymentInterestShortfall: x.ppis,
        reliefActReduction: x.relief,
      };
    });
}

/** A stress that depletes the subordinates, and the pricing speed, so every batch has both. */
const anchors = (libor: string, ppc: boolean): Scenario[] => {
  const prepayment = ppc ? DEFAULT_SCENARIO.prepayment : { unit: "cpr" as const, values: [25] };
  return [
    { ...DEFAULT_SCENARIO, prepayment, default: { unit: "cdr", values: [20] }, severity: [65], recoveryLag: 6, advancing: false, indices: { [libor]: { values: [8] } } },
    { ...DEFAULT_SCENARIO, prepayment, indices: { [libor]: { values: [4] } } },
  ];
};

function tally(scenario: Scenario, r: ProjectionResult): void {
  if (r.depletionPeriod !== null) seen.depleted++;
  else seen.notDepleted++;
  if (scenario.advancing) seen.advancing++;
  else seen.notAdvancing++;
  if (r.corridor.some((c) => c.payment > 0)) seen.corridorPaid++;
  else seen.corridorNotPaid++;
  if (r.terminationPeriod !== null) seen.terminated++;
  if (Object.values(r.classes).some((c) => c.flows.some((f) => (f.accretion ?? 0) > 0))) seen.accreted++;
}

const cent = 0.005;

/** The first difference above a cent between two results, as text, or null. */
function firstDifference(lane: ProjectionResult, alone: ProjectionResult): string | null {
  if (lane.depletionPeriod !== alone.depletionPeriod) return `depletionPeriod ${lane.depletionPeriod} vs ${alone.depletionPeriod}`;
  if (lane.terminationPeriod !== alone.terminationPeriod) return `terminationPeriod ${lane.terminationPeriod} vs ${alone.terminationPeriod}`;
  const ids = Object.keys(alone.classes);
  if (Object.keys(lane.classes).join() !== ids.join()) return `classes ${Object.keys(lane.classes)} vs ${ids}`;
  for (const id of ids) {
    const a = lane.classes[id];
    const b = alone.classes[id];
    if ((a.wal === null) !== (b.wal === null) || Math.abs((a.wal ?? 0) - (b.wal ?? 0)) > 1e-9) return `${id} WAL ${a.wal} vs ${b.wal}`;
    if (Math.abs(a.initialBalance - b.initialBalance) > cent) return `${id} initialBalance`;
    if (a.flows.length !== b.flows.length) return `${id}: ${a.flows.length} periods vs ${b.flows.length}`;
    for (let i = 0; i < b.flows.length; i++) {
      const fa = a.flows[i] as unknown as Record<string, number | string>;
      const fb = b.flows[i] as unknown as Record<string, number | string>;
      for (const key of Object.keys(fb)) {
        const x = fa[key];
        const y = fb[key];
        if (typeof y === "number" ? !(Math.abs((x as number) - y) <= cent) : x !== y) return `${id} period ${fb.period} ${key}: ${x} vs ${y}`;
      }
    }
  }
  const rows = (name: string, xs: readonly object[], ys: readonly object[]): string | null => {
    if (xs.length !== ys.length) return `${name}: ${xs.length} rows vs ${ys.length}`;
    for (let i = 0; i < ys.length; i++) {
      const x = xs[i] as Record<string, unknown>;
      const y = ys[i] as Record<string, unknown>;
      for (const key of Object.keys(y)) {
        const u = x[key];
        const v = y[key];
        if (typeof v === "number" ? !(Math.abs((u as number) - v) <= (key.endsWith("Percentage") ? 1e-12 : cent)) : u !== v) return `${name} row ${i} ${key}: ${u} vs ${v}`;
      }
    }
    return null;
  };
  return rows("collateral", lane.collateral, alone.collateral) ?? rows("tests", lane.tests, alone.tests) ?? rows("corridor", lane.corridor, alone.corridor);
}

function checkBatch(deal: Deal, scenarios: Scenario[], options: BatchOptions = {}): void {
  const batch = projectBatch(deal, scenarios, options);
  // The same batch in lane sets of three (a batch wider than a lane set runs several).
  const narrow = projectBatch(deal, scenarios, { ...options, laneWidth: 3 });
  expect(batch).toHaveLength(scenarios.length);
  expect(narrow).toHaveLength(scenarios.length);
  scenarios.forEach((scenario, s) => {
    const alone = project(deal, scenario, options as ProjectOptions);
    tally(scenario, alone);
    expect(firstDifference(batch[s], alone), `lane ${s} of ${scenarios.length}: ${JSON.stringify(scenario)}`).toBeNull();
    expect(firstDifference(narrow[s], alone), `lane ${s} of ${scenarios.length}, lane sets of 3: ${JSON.stringify(scenario)}`).toBeNull();
  });
}

const batchOf = (libor: string, ppc = true) => fc.array(scenarioArb(libor, ppc), { minLength: 1, maxLength: 6 }).map((xs) => [...anchors(libor, ppc), ...xs]);

describe("projectBatch: every lane equals the scenario projected alone", () => {
  it("2007-12T1 (corridor in and out of the money, depletion, calls, shortfalls)", () => {
    fc.assert(fc.property(batchOf("LIBOR_1M"), (scenarios) => checkBatch(t1, scenarios)), { numRuns: 6, seed: 1401 });
  });

  it("2006-HY12 as signed, as amended, and switching from the signed to the amended text mid-run", () => {
    fc.assert(fc.property(batchOf("LIBOR_1Y", false), (scenarios) => checkBatch(hy12Signed, scenarios)), { numRuns: 3, seed: 1402 });
    fc.assert(fc.property(batchOf("LIBOR_1Y", false), (scenarios) => checkBatch(hy12Amended.deal, scenarios, { amendments: hy12Amended.appliedAmendments })), { numRuns: 3, seed: 1403 });
    fc.assert(fc.property(batchOf("LIBOR_1Y", false), (scenarios) => checkBatch(hy12Signed, scenarios, { rulesAt: switchingRules })), { numRuns: 2, seed: 1404 });
  });

  it("2007-XPZ (PAC schedule, Z accretion, the exchangeable class)", () => {
    fc.assert(fc.property(batchOf("LIBOR_1M"), (scenarios) => checkBatch(xpz, scenarios)), { numRuns: 3, seed: 1405 });
  });

  it("lanes that differ only in LIBOR share 2007-12T1's fixed-rate collateral but not 2006-HY12's ARM collateral", () => {
    const libor = (name: string, v: number, prepayment = DEFAULT_SCENARIO.prepayment): Scenario => ({ ...DEFAULT_SCENARIO, prepayment, default: { unit: "cdr", values: [6] }, severity: [45], recoveryLag: 6, indices: { [name]: { values: [v] } } });
    checkBatch(t1, [3, 6, 9].map((v) => libor("LIBOR_1M", v)));
    const cpr = { unit: "cpr" as const, values: [20] };
    const hy12 = [2, 5.3, 9].map((v) => libor("LIBOR_1Y", v, cpr));
    checkBatch(hy12Signed, hy12);
    // The ARM loans reset on LIBOR: the lanes' collateral interest differs.
    const batch = projectBatch(hy12Signed, hy12);
    expect(batch[0].collateral[80].interest).toBeLessThan(batch[2].collateral[80].interest - 1000);
  });

  it("the batches reached every branch they are meant to mix", () => {
    for (const [branch, count] of Object.entries(seen)) expect(count, branch).toBeGreaterThan(0);
  });

  it("a batch with the ledger and reports gives each lane its own, equal to the scenario's alone", () => {
    const scenarios = [...anchors("LIBOR_1M", true), { ...DEFAULT_SCENARIO, prepayment: { unit: "ppc" as const, values: [300] }, optionalTermination: true }];
    const batch = projectBatch(t1, scenarios, { ledger: true, reports: true });
    scenarios.forEach((scenario, s) => {
      const alone = project(t1, scenario, { ledger: true, reports: true });
      expect(batch[s].ledger).toEqual(alone.ledger);
      expect(batch[s].reports).toEqual(alone.reports);
    });
  });
});
