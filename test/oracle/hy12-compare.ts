/**
 * Runs a 2006-HY12 projection and the HY12 oracle side by side on the same
 * `PeriodInputs`, and lists every class figure on which they differ by more
 * than a cent.
 */
import type { Scenario } from "../../src/core/scenario.js";
import type { Deal } from "../../src/deal/schema.js";
import { project } from "../../src/engine/project.js";
import type { PeriodResult } from "../../src/waterfall/report.js";
import { HY12_CLASSES, hy12OracleDistribute, hy12OracleInitialState, type Hy12OracleReport, type Hy12Readings } from "./cwalt-2006-hy12-oracle.js";
import type { Mismatch } from "./compare.js";

export interface Hy12Comparison {
  readonly mismatches: Mismatch[];
  readonly oracle: Hy12OracleReport[];
  readonly engine: PeriodResult["report"][];
  readonly depletionPeriod: number | null;
}

const CENT = 0.01;

export function compareHy12(deal: Deal, scenario: Scenario, asSigned: boolean, readings: Hy12Readings = {}): Hy12Comparison {
  let state = hy12OracleInitialState();
  const mismatches: Mismatch[] = [];
  const oracle: Hy12OracleReport[] = [];
  const engine: PeriodResult["report"][] = [];
  const r = project(deal, scenario, {
    onPeriod: (inputs, result) => {
      const step = hy12OracleDistribute(state, inputs, { asSigned, readings });
      state = step.state;
      oracle.push(step.report);
      engine.push(result.report);
      const e = result.report;
      const o = step.report;
      const num = (field: string, ev: number, ov: number) => {
        if (!(Math.abs(ev - ov) <= CENT)) mismatches.push({ period: o.period, date: o.distributionDate, field, engine: ev, oracle: ov });
      };
      for (const id of HY12_CLASSES) {
        const ec = e.classes[id];
        const oc = o.classes[id];
        num(`${id}.interestPaid`, ec.interestPaid, oc.interestPaid);
        num(`${id}.unpaidInterest`, ec.unpaidInterest, oc.unpaidInterest);
        num(`${id}.principal`, ec.principal, oc.principal);
        num(`${id}.writedown`, ec.writedown, oc.writedown);
        num(`${id}.endBalance`, ec.endBalance, oc.endBalance);
      }
      for (const g of ["1", "2"] as const) {
        num(`group ${g}.seniorPrincipalDistributionAmount`, e.groups[g].seniorPrincipalDistributionAmount, o.seniorPrincipalDistributionAmount[g]);
        num(`group ${g}.transferIn`, e.groups[g].transferIn, o.transfer[g]);
      }
      num("residual", e.residual, o.residual);
      num("totalDistributed", e.totalDistributed, o.distributed);
      if (e.depleted !== o.depleted) mismatches.push({ period: o.period, date: o.distributionDate, field: "depleted", engine: e.depleted, oracle: o.depleted });
    },
  });
  return { mismatches, oracle, engine, depletionPeriod: r.depletionPeriod };
}
