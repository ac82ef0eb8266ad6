/**
 * `project(deal, scenario)`: the collateral projected under the scenario, run
 * through the deal's waterfall one Distribution Date at a time, collected into a
 * `ProjectionResult`. Pure: no I/O.
 */
import { thirty360YearFraction } from "../core/day-count.js";
import type { LedgerEntry } from "../core/ledger.js";
import type { Scenario } from "../core/scenario.js";
import { buildLoanLevelTape, buildRepLineTape, collateralAssumptions, projectCollateral } from "../collateral/index.js";
import type { CollateralFlows } from "../collateral/flows.js";
import type { Deal, Rule } from "../deal/schema.js";
import { distributePeriod } from "../waterfall/distribute.js";
import { initialWaterfallState } from "../waterfall/state.js";
import type { PeriodReport, PeriodResult } from "../waterfall/report.js";
import type { PeriodInputs } from "../waterfall/collections.js";
import { indexFixings } from "./indices.js";
import { projectedCollections } from "./projected-collections.js";
import type { ClassResult, CollateralRow, CorridorRow, ProjectionResult, TestRow } from "./result.js";
import { distributionDate, unadjustedPaymentDate } from "./schedule.js";

export interface ProjectOptions {
  /** Project each loan of the synthetic tape instead of the rep lines. */
  readonly loanLevel?: boolean;
  /** Include every ledger entry in the result. */
  readonly ledger?: boolean;
  /** Keep each period's full waterfall report (`reports`). */
  readonly reports?: boolean;
  /** The rules in force on a Distribution Date (amendments with later effective dates); default the deal's rules. */
  readonly rulesAt?: (distributionDate: string) => readonly Rule[];
  /** Names of the amendments applied to `deal`, for the result header. */
  readonly amendments?: readonly string[];
  /** Collateral already projected for this deal and scenario (grids reuse it). */
  readonly collateral?: CollateralFlows;
  /** Called after each Distribution Date with its inputs and result (invariant checks, tracing). */
  readonly onPeriod?: (inputs: PeriodInputs, result: PeriodResult) => void;
}

export interface DetailedProjection extends ProjectionResult {
  reports?: PeriodReport[];
}

const isPaidOff = (x: number) => Math.abs(x) < 0.005;

export function projectCollateralFor(deal: Deal, scenario: Scenario, loanLevel = false): CollateralFlows {
  const tape = loanLevel ? buildLoanLevelTape(deal) : buildRepLineTape(deal);
  return projectCollateral(tape, collateralAssumptions(deal, scenario));
}

export function project(deal: Deal, scenario: Scenario, options: ProjectOptions = {}): DetailedProjection {
  const flows = options.collateral ?? projectCollateralFor(deal, scenario, options.loanLevel);
  const cutoffBalance = deal.collateral.groups.reduce((s, g) => s + g.repLines.reduce((t, l) => t + l.statedPrincipalBalance, 0), 0);
  const callThreshold = (deal.optionalTermination.cleanUpPercent / 100) * cutoffBalance;

  const classes: Record<string, ClassResult> = {};
  for (const c of deal.classes) {
    classes[c.id] = {
      type: [...c.types],
      offered: c.offered,
      group: c.group ?? null,
      notional: c.notional !== undefined,
      initialBalance: c.initialBalance,
      flows: [],
      wal: null,
    };
  }
  const collateral: CollateralRow[] = [];
  const corridor: CorridorRow[] = [];
  const tests: TestRow[] = [];
  const ledger: LedgerEntry[] = [];
  const reports: PeriodReport[] = [];
  let state = initialWaterfallState(deal);
  let terminationPeriod: number | null = null;

  for (let t = 1; t <= flows.periods; t++) {
    const i = t - 1;
    const poolBegin = flows.groups.reduce((s, g) => s + g.beginBalance[i], 0);
    const classesLeft = deal.classes.some((c) => !c.notional && !isPaidOff(state.classes[c.id].balance));
    if (isPaidOff(poolBegin) && !classesLeft) break;
    const terminate = scenario.optionalTermination && poolBegin > 0 && poolBegin <= callThreshold;
    const date = distributionDate(deal, t);
    const inputs: PeriodInputs = {
      period: t,
      distributionDate: date,
      groups: flows.groups.map((g) => projectedCollections({ deal, scenario, flows: g, index: i, terminate })),
      indices: indexFixings(deal, scenario, t),
      optionalTermination: terminate,
    };
    const result = distributePeriod(deal, state, inputs, { rules: options.rulesAt?.(date) });
    state = result.state;
    options.onPeriod?.(inputs, result);
    const r = result.report;
    if (options.ledger) ledger.push(...result.ledger);
    if (options.reports) reports.push(r);

    const sum = (f: (g: PeriodInputs["groups"][number]) => number) => inputs.groups.reduce((s, g) => s + f(g), 0);
    collateral.push({
      period: t,
      date,
      beginBalance: sum((g) => g.beginBalance),
      scheduledPrincipal: sum((g) => g.scheduledPrincipal),
      prepayments: sum((g) => g.prepayments),
      newDefaults: flows.groups.reduce((s, g) => s + g.newDefaults[i], 0),
      liquidationPrincipal: sum((g) => g.liquidationPrincipal),
      realizedLoss: sum((g) => g.realizedLoss),
      interest: sum((g) => g.interest),
      fees: sum((g) => g.fees),
      endBalance: sum((g) => g.endBalance),
      availableFunds: r.totalAvailableFunds,
      distributed: r.totalDistributed,
      residual: r.residual,
    });
    for (const c of deal.classes) {
      const cr = r.classes[c.id];
      classes[c.id].flows.push({
        period: t,
        date,
        beginBalance: cr.beginBalance,
        interest: cr.interestPaid,
        principal: cr.principal + cr.poDeferredPaid,
        writedown: cr.writedown,
        endBalance: cr.endBalance,
        interestShortfall: cr.unpaidInterest + cr.interestShortfall,
      });
    }
    for (const o of r.corridor) {
      if (o.notional > 0 || o.payment > 0) {
        corridor.push({ period: t, date, notional: o.notional, payment: o.payment, yieldSupplementPaid: o.yieldSupplementPaid, released: o.released });
      }
    }
    for (const [groupId, g] of Object.entries(r.groups)) {
      tests.push({
        period: t,
        date,
        group: groupId,
        seniorPercentage: g.seniorPercentage,
        seniorPrepaymentPercentage: g.seniorPrepaymentPercentage,
        delinquencyTest: r.tests.delinquencyTest,
        lossTest: r.tests.lossTest,
        twoTimesTest: r.tests.twoTimesTest,
        depleted: r.depleted,
        proRataAfterDepletion: g.proRataAfterDepletion,
      });
    }
    if (terminate) {
      terminationPeriod = t;
      break;
    }
  }

  for (const c of deal.classes) {
    // Notional classes report their notional as balance, from the first date's notional.
    if (c.notional) {
      classes[c.id].initialBalance = classes[c.id].flows[0]?.beginBalance ?? 0;
      continue;
    }
    let weighted = 0;
    let total = 0;
    for (const f of classes[c.id].flows) {
      if (f.principal <= 0) continue;
      weighted += f.principal * thirty360YearFraction(deal.dates.closingDate, unadjustedPaymentDate(deal, f.period));
      total += f.principal;
    }
    classes[c.id].wal = total > 0 ? weighted / total : null;
  }

  const out: DetailedProjection = {
    deal: { id: deal.id, name: deal.name, amendments: [...(options.amendments ?? [])] },
    scenario,
    collateral,
    classes,
    depletionPeriod: state.depletionPeriod,
    terminationPeriod,
    corridor,
    tests,
  };
  if (options.ledger) out.ledger = ledger;
  if (options.reports) out.reports = reports;
  return out;
}
