/**
 * Runs a 2007-12T1 projection and the oracle side by side, period by period,
 * and lists every figure on which they differ.
 */
import type { Scenario } from "../../src/core/scenario.js";
import type { Deal } from "../../src/deal/schema.js";
import { project } from "../../src/engine/project.js";
import type { PeriodInputs } from "../../src/waterfall/collections.js";
import type { PeriodResult } from "../../src/waterfall/report.js";
import { ALL_CLASSES, BALANCE_CLASSES, oracleDistribute, oracleInitialState, type OracleReadings, type OracleReport } from "./cwalt-2007-12t1-oracle.js";

export interface Mismatch {
  readonly period: number;
  readonly date: string;
  /** e.g. "A-1.interestPaid", "seniorPrepaymentPercentage", "corridor.payment". */
  readonly field: string;
  readonly engine: number | boolean | string;
  readonly oracle: number | boolean | string;
}

export interface Comparison {
  readonly periods: number;
  readonly mismatches: Mismatch[];
  readonly oracle: OracleReport[];
  readonly engine: PeriodResult["report"][];
  readonly inputs: PeriodInputs[];
}

/** The corridor notional schedule of the deal file (the one number the README leaves to the deal file). */
export function corridorNotionalFrom(deal: Deal): (date: string) => number {
  const byMonth = new Map<string, number>();
  for (const k of deal.contracts) for (const row of k.notionalSchedule) byMonth.set(row.date.slice(0, 7), row.notional);
  return (date) => byMonth.get(date.slice(0, 7)) ?? 0;
}

const CENT = 0.01;
const PCT = 1e-12;

/**
 * Projects `scenario` once and runs one oracle per entry of `readings` beside the engine, each
 * on the same `PeriodInputs`. Returns one comparison per reading.
 */
export function compareWithOracles<K extends string>(deal: Deal, scenario: Scenario, readings: Readonly<Record<K, OracleReadings>>): Record<K, Comparison> {
  const corridorNotional = corridorNotionalFrom(deal);
  const keys = Object.keys(readings) as K[];
  const runs = keys.map((key) => ({ key, state: oracleInitialState(), mismatches: [] as Mismatch[], oracle: [] as OracleReport[] }));
  const engine: PeriodResult["report"][] = [];
  const inputsSeen: PeriodInputs[] = [];
  project(deal, scenario, {
    onPeriod: (inputs, result) => {
      engine.push(result.report);
      inputsSeen.push(inputs);
      for (const run of runs) {
        const step = oracleDistribute(run.state, inputs, { corridorNotional, readings: readings[run.key] });
        run.state = step.state;
        run.oracle.push(step.report);
        run.mismatches.push(...periodMismatches(inputs, result.report, step.report));
      }
    },
  });
  const out = {} as Record<K, Comparison>;
  for (const run of runs) out[run.key] = { periods: run.oracle.length, mismatches: run.mismatches, oracle: run.oracle, engine, inputs: inputsSeen };
  return out;
}

export function compareWithOracle(deal: Deal, scenario: Scenario, readings: OracleReadings = {}): Comparison {
  return compareWithOracles(deal, scenario, { only: readings }).only;
}

/** Every figure of one Distribution Date on which the engine and the oracle differ. */
export function periodMismatches(inputs: PeriodInputs, e: PeriodResult["report"], o: OracleReport): Mismatch[] {
  const mismatches: Mismatch[] = [];
  const num = (field: string, ev: number, ov: number, tol = CENT) => {
    if (!(Math.abs(ev - ov) <= tol)) mismatches.push({ period: o.period, date: o.distributionDate, field, engine: ev, oracle: ov });
  };
  const bool = (field: string, ev: boolean, ov: boolean) => {
    if (ev !== ov) mismatches.push({ period: o.period, date: o.distributionDate, field, engine: ev, oracle: ov });
  };
  for (const id of ALL_CLASSES) {
    const ec = e.classes[id];
    const oc = o.classes[id];
    num(`${id}.interestPaid`, ec.interestPaid, oc.interestPaid);
    num(`${id}.unpaidInterest`, ec.unpaidInterest, oc.unpaidInterest);
    num(`${id}.principal`, ec.principal, oc.principal);
    num(`${id}.writedown`, ec.writedown, oc.writedown);
    num(`${id}.poDeferredPaid`, ec.poDeferredPaid, oc.poDeferredPaid);
    num(`${id}.yieldSupplementPaid`, ec.yieldSupplementPaid, oc.yieldSupplementPaid);
    if ((BALANCE_CLASSES as readonly string[]).includes(id)) num(`${id}.endBalance`, ec.endBalance, oc.endBalance);
  }
  const eg = e.groups["1"];
  num("availableFunds", eg.availableFunds, o.availableFunds);
  // A percentage matters through the dollars it moves: agree to 1e-12, or to a cent of the non-PO pool
  // (in the last months the pool is a few dollars and the percentages are ratios of float noise).
  const g0 = inputs.groups[0];
  const pctTol = Math.max(PCT, CENT / Math.max(1e-9, g0.beginBalance - g0.poBeginBalance));
  num("seniorPercentage", eg.seniorPercentage, o.seniorPercentage, pctTol);
  num("seniorPrepaymentPercentage", eg.seniorPrepaymentPercentage, o.seniorPrepaymentPercentage, pctTol);
  num("poFormulaPrincipalAmount", eg.poFormulaPrincipalAmount, o.poFormulaPrincipalAmount);
  num("seniorPrincipalDistributionAmount", eg.seniorPrincipalDistributionAmount, o.seniorPrincipalDistributionAmount);
  bool("proRataAfterDepletion", eg.proRataAfterDepletion, o.proRataAfterDepletion);
  bool("depleted", e.depleted, o.depleted);
  bool("tests.delinquencyTest", e.tests.delinquencyTest, o.delinquencyTest);
  bool("tests.lossTest", e.tests.lossTest, o.lossTest);
  bool("tests.twoTimesTest", e.tests.twoTimesTest, o.twoTimesTest);
  num("tests.delinquencyAverage", e.tests.delinquencyAverage, o.delinquencyAverage);
  num("subordinatedPrincipalDistributionAmount", e.subordinatedPrincipalDistributionAmount, o.subordinatedPrincipalDistributionAmount);
  // A class with no balance takes no principal either way: compare the Restricted Classes that have a balance.
  const withBalance = (ids: readonly string[]) => ids.filter((id) => o.classes[id].beginBalance > 0).join(",");
  if (withBalance(e.restrictedClasses) !== withBalance(o.restrictedClasses)) {
    mismatches.push({ period: o.period, date: o.distributionDate, field: "restrictedClasses", engine: withBalance(e.restrictedClasses), oracle: withBalance(o.restrictedClasses) });
  }
  num("poDeferredPaid", e.poDeferredPaid, o.poDeferredPaid);
  num("poDeferredOutstanding", e.poDeferredOutstanding, o.poDeferredOutstanding);
  num("residual", e.residual, o.residual);
  num("totalDistributed", e.totalDistributed, o.distributed);
  const ec = e.corridor[0];
  num("corridor.notional", ec?.notional ?? 0, o.corridor.notional);
  num("corridor.payment", ec?.payment ?? 0, o.corridor.payment);
  num("corridor.yieldSupplementAmount", ec?.yieldSupplementAmount ?? 0, o.corridor.yieldSupplementAmount);
  num("corridor.yieldSupplementPaid", ec?.yieldSupplementPaid ?? 0, o.corridor.yieldSupplementPaid);
  num("corridor.unpaidAfter", ec?.unpaidAfter ?? 0, o.corridor.unpaidAfter);
  num("corridor.released", ec?.released ?? 0, o.corridor.released);
  num("X.accruedFromNetWac", inputs.groups[0].premiumStripInterest, o.premiumStripFromNetWac);
  return mismatches;
}

/** Mismatches grouped by field: first period, count, and the first example. */
export function summarize(mismatches: readonly Mismatch[]): string[] {
  const byField = new Map<string, Mismatch[]>();
  for (const m of mismatches) byField.set(m.field, [...(byField.get(m.field) ?? []), m]);
  return [...byField.entries()].map(([field, ms]) => `${field}: ${ms.length} periods from ${ms[0].period} (${ms[0].date}): engine ${ms[0].engine} oracle ${ms[0].oracle}`);
}
