/**
 * The engine's 2007-12T1 waterfall against an independent oracle written from
 * the deal specification (`cwalt-2007-12t1-oracle.ts`): every class and period,
 * interest paid, unpaid interest, principal, writedown, end balance to $0.01;
 * Senior and Senior Prepayment Percentages, the step-down tests and the Two
 * Times Test, the PO and subordinate amounts, the corridor payment and the
 * Yield Supplement Amount.
 *
 * The engine first disagreed with the oracle on three readings of the spec
 * (D1–D3 below); the engine now follows the spec's reading on all three, and a
 * comparison with the oracle set to the former readings (`OracleReadings`)
 * shows they would still differ on the dates that exposed them.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, type Scenario } from "../../src/core/scenario.js";
import { loadDeal } from "../../src/deal/load-deal.js";
import type { OracleReadings } from "./cwalt-2007-12t1-oracle.js";
import { ORIGINAL_SENIOR_PERCENTAGE } from "./cwalt-2007-12t1-oracle.js";
import { compareWithOracles, summarize, type Comparison, type Mismatch } from "./compare.js";

const { deal } = loadDeal("cwalt-2007-12t1");

const scenario = (overrides: Partial<Scenario>): Scenario => ({ ...DEFAULT_SCENARIO, ...overrides });

const SCENARIOS = {
  /** 100% PPC, LIBOR 5.32, no defaults. */
  pricing: DEFAULT_SCENARIO,
  /** 15 CDR, 60% severity, 12-month lag, LIBOR 7%: depletion, §4.02(c), A-5 support, corridor. */
  stress: scenario({ default: { unit: "cdr", values: [15] }, severity: [60], recoveryLag: 12, indices: { LIBOR_1M: { values: [7] } } }),
  /** No advancing, 4 CDR, 40% severity, 6-month lag: short dates, unpaid interest, excess writedowns. */
  noAdvance: scenario({ advancing: false, default: { unit: "cdr", values: [4] }, severity: [40], recoveryLag: 6 }),
  /** 50 CPR: Two Times Test from year 2, depletion at the tail. */
  fast: scenario({ prepayment: { unit: "cpr", values: [50] } }),
  /** 35 CPR, no losses: the Subordinated Percentage doubles before May 2010. */
  twoTimes: scenario({ prepayment: { unit: "cpr", values: [35] } }),
  /** The clean-up call at the pricing speed (after the step-downs). */
  call: scenario({ optionalTermination: true }),
  /** The clean-up call during the lockout (60 CPR, 2 CDR): seniors retire with SPDA left over. */
  callInLockout: scenario({ prepayment: { unit: "cpr", values: [60] }, default: { unit: "cdr", values: [2] }, severity: [30], recoveryLag: 4, optionalTermination: true }),
  /** Net Prepayment Interest Shortfalls and Relief Act Reductions shared by Accrued Certificate Interest. */
  shortfalls: scenario({ prepaymentInterestShortfall: 60, reliefActReduction: 0.5, prepayment: { unit: "cpr", values: [25] } }),
  /**
   * 30 CPR, LIBOR through A-1's floor and cap, A-2's floor, the corridor's Cap Rate II and the Yield
   * Supplement ceiling, then 7%: A-1 pays faster than the notional schedule, so the reserve fund releases.
   */
  libor: scenario({ prepayment: { unit: "cpr", values: [30] }, indices: { LIBOR_1M: { values: [-1, 0, 3, 5.5, 5.8, 8, 9.2, 9.6, 12, 4, 7] } } }),
  /** 25 CPR, 1.5 CDR: cumulative losses cross the Two Times Test limit in January 2012; step-downs after. */
  lossTiming: scenario({ prepayment: { unit: "cpr", values: [25] }, default: { unit: "cdr", values: [1.5] }, severity: [40], recoveryLag: 6 }),
} satisfies Record<string, Scenario>;
type ScenarioName = keyof typeof SCENARIOS;

/** The engine's former readings of D1–D3, kept to show each was the cause of its disagreement. */
const ENGINE_READINGS: OracleReadings = { seniorSupport: "superSeniorShareFirst", poAndSeniorPrincipal: "poFirst", cumulativeLossForTests: "beforeThisDate" };

const cache = new Map<ScenarioName, { spec: Comparison; engine: Comparison }>();
/** Each scenario is projected once; the spec oracle and the engine-reading oracle run beside it. */
function compared(name: ScenarioName) {
  let c = cache.get(name);
  if (!c) {
    c = compareWithOracles(deal, SCENARIOS[name], { spec: {}, engine: ENGINE_READINGS });
    cache.set(name, c);
  }
  return c;
}

const fields = (ms: readonly Mismatch[], pattern: RegExp) => ms.filter((m) => pattern.test(m.field));

describe("2007-12T1: the oracle on its own", () => {
  it("distributes exactly its Available Funds and keeps begin − principal − writedown = end, every scenario", () => {
    const violations: string[] = [];
    for (const name of Object.keys(SCENARIOS) as ScenarioName[]) {
      for (const r of compared(name).spec.oracle) {
        if (!(Math.abs(r.distributed - r.availableFunds) < 1e-6)) violations.push(`${name} ${r.period}: distributed ${r.distributed} of ${r.availableFunds}`);
        for (const [id, c] of Object.entries(r.classes)) {
          if (id === "A-2" || id === "X") continue;
          if (!(Math.abs(c.beginBalance - c.principal - c.writedown - c.endBalance) < 1e-6)) violations.push(`${name} ${r.period} ${id}: begin − principal − writedown ≠ end`);
          if (!(c.endBalance > -1e-9)) violations.push(`${name} ${r.period} ${id}: negative balance ${c.endBalance}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it("reproduces the deal file's corridor notional schedule (A-1 before each date at 100% PPC, no defaults) to the cent", () => {
    const { oracle } = compared("pricing").spec;
    const schedule = deal.contracts[0].notionalSchedule;
    expect(schedule.length).toBe(59);
    for (const row of schedule) {
      const r = oracle.find((o) => o.distributionDate.slice(0, 7) === row.date.slice(0, 7))!;
      expect(Math.abs(r.classes["A-1"].beginBalance - row.notional), row.date).toBeLessThanOrEqual(0.005);
    }
  });

  it("each scenario exercises what it is there for", () => {
    const o = (name: ScenarioName) => compared(name).spec.oracle;
    const some = (name: ScenarioName, f: (r: ReturnType<typeof o>[number]) => boolean) => o(name).some(f);
    // Shift Percentage and the step-down schedule after the lockout; the Two Times Test in its late form.
    expect(some("pricing", (r) => r.distributionDate >= "2012-05" && r.classA4PriorityAmount > 0)).toBe(true);
    expect(some("lossTiming", (r) => r.distributionDate >= "2012-05" && r.delinquencyTest && r.lossTest && !r.twoTimesTest && r.seniorPrepaymentPercentage < 1)).toBe(true);
    expect(some("lossTiming", (r) => r.distributionDate >= "2013-05" && !(r.delinquencyTest && r.lossTest) && !r.twoTimesTest)).toBe(true);
    // Two Times Test before May 2010: SPP = SP + 50% of the Subordinated Percentage.
    const early = o("twoTimes").find((r) => r.twoTimesTest && r.distributionDate < "2010-05")!;
    expect(early.seniorPrepaymentPercentage).toBeCloseTo(early.seniorPercentage + 0.5 * (1 - early.seniorPercentage), 14);
    expect(1 - early.seniorPercentage).toBeGreaterThanOrEqual(2 * (1 - ORIGINAL_SENIOR_PERCENTAGE));
    // Depletion, §4.02(c), Class PO Deferred Amounts, Restricted Classes, A-5 bearing A-3's losses.
    expect(some("stress", (r) => r.depleted && r.proRataAfterDepletion)).toBe(true);
    expect(some("stress", (r) => r.poDeferredPaid > 0)).toBe(true);
    expect(some("stress", (r) => r.restrictedClasses.some((id) => r.classes[id].beginBalance > 0))).toBe(true);
    expect(some("stress", (r) => r.classes["A-5"].writedown > 0 && r.classes["A-3"].writedown === 0)).toBe(true);
    // Unpaid interest carried; the excess of class balances over the pool written off.
    expect(some("noAdvance", (r) => r.classes.M.unpaidInterest > 0)).toBe(true);
    expect(some("shortfalls", (r) => r.classes["A-3"].interestShortfall > 0 && r.classes.X.interestShortfall > 0)).toBe(true);
    // Floater floor and cap, inverse floater floor, corridor ceiling, reserve fund release and carry-forward.
    expect(some("libor", (r) => r.classes["A-1"].passThroughRate === 0.4)).toBe(true);
    expect(some("libor", (r) => r.classes["A-1"].passThroughRate === 6 && r.classes["A-2"].passThroughRate === 0)).toBe(true);
    expect(some("libor", (r) => r.corridor.payment > 0 && r.distributionDate.slice(0, 7) === "2008-01")).toBe(true); // LIBOR 12 → 9.10
    expect(some("libor", (r) => r.corridor.released > 0)).toBe(true);
    expect(some("stress", (r) => r.corridor.unpaidAfter > 0 && r.corridor.yieldSupplementPaid > 0)).toBe(true);
    // The clean-up call retires every class on the call date.
    for (const name of ["call", "callInLockout"] as const) {
      const last = o(name).at(-1)!;
      for (const id of ["A-1", "A-3", "A-4", "A-5", "A-R", "PO", "M", "B-1", "B-2", "B-3", "B-4", "B-5"]) expect(last.classes[id].endBalance, `${name} ${id}`).toBeCloseTo(0, 6);
    }
    expect(o("callInLockout").at(-1)!.distributionDate < "2012-05").toBe(true);
  });
});

describe("2007-12T1: engine against the oracle, to the cent, every class and period", () => {
  const agreeing: ScenarioName[] = ["pricing", "fast", "twoTimes", "call", "callInLockout", "shortfalls", "libor", "stress", "noAdvance", "lossTiming"];
  it.each(agreeing)("%s", (name) => {
    const c = compared(name).spec;
    expect(c.periods).toBeGreaterThan(30);
    expect(summarize(c.mismatches)).toEqual([]);
  });

  // The three readings on which the engine first disagreed with this oracle, now the engine's too:
  // D1, §4.04 / README §8.3 "A-3's share goes to A-5 until A-5 is zero": a support class takes its own
  //   share before the super senior's moves onto it (stress, 2010-06-25: A-1 writedown 701,468.23).
  // D2, README §6.2 "Senior principal, concurrently: (x) to PO …; (y) the SPDA": on a short date PO takes
  //   its proportionate part (no advancing, 4 CDR, 2011-05-25: PO principal 4,651.73).
  // D3, README §7 "cumulative Realized Losses": the tests count this date's losses too, as the six-month
  //   delinquency average counts this date's delinquencies (25 CPR 1.5 CDR, 2012-01-25: Two Times Test fails).
  // The oracle set to the engine's former readings must now disagree on exactly those points.
  it("D1–D3: the former readings disagree with the engine on the dates that exposed them", () => {
    expect(fields(compared("stress").engine.mismatches, /writedown|endBalance/).length).toBeGreaterThan(0);
    expect(fields(compared("noAdvance").engine.mismatches, /^PO\.principal$/).length).toBeGreaterThan(0);
    expect(fields(compared("lossTiming").engine.mismatches, /^tests\.|PrepaymentPercentage/).length).toBeGreaterThan(0);
  });
});

