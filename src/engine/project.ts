/**
 * `project(deal, scenario)`: the collateral projected under the scenario, run
 * through the deal's waterfall one Distribution Date at a time, collected into a
 * `ProjectionResult`. Pure: no I/O.
 *
 * The loop runs the period step (`stepDistributionDate`, the body of
 * `distributePeriod`) on arrays carried from date to date, and reads the rows
 * of the result straight from the step's working arrays. The public
 * `PeriodResult` (state, ledger, report) is built only when the caller asks for
 * the ledger, the reports or an `onPeriod` callback; ledger entries are
 * recorded only for the ledger or the callback.
 */
import type { LedgerEntry } from "../core/ledger.js";
import type { Scenario } from "../core/scenario.js";
import { buildLoanLevelTape, buildRepLineTape, collateralAssumptions, projectCollateral, type LoanTape } from "../collateral/index.js";
import type { CollateralFlows } from "../collateral/flows.js";
import type { Deal, Rule } from "../deal/schema.js";
import { dealPlan, rulesPlan } from "../waterfall/deal-plan.js";
import { periodResult } from "../waterfall/period-result.js";
import { stepDistributionDate } from "../waterfall/period-step.js";
import { carriedState, PeriodWork } from "../waterfall/period-work.js";
import { initialWaterfallState, type WaterfallState } from "../waterfall/state.js";
import type { PeriodReport, PeriodResult } from "../waterfall/report.js";
import type { GroupCollections, PeriodInputs } from "../waterfall/collections.js";
import { writeIndexFixings } from "./indices.js";
import { projectedSeries, writeProjectedCollections, type MutableGroupCollections } from "./projected-collections.js";
import type { ClassResult, ClassFlowRow, CollateralRow, CorridorRow, ProjectionResult, TestRow } from "./result.js";
import { dealCalendar } from "./schedule.js";

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

/**
 * A row of a class's flows, as a fresh object of one shape. A projection makes
 * thousands of them, most of their amounts zero once a class is retired. V8
 * gives every number field of a shape that has only ever held numbers its own
 * boxed double; a shape that has once held something else keeps small integers
 * (those zeros) in the object itself. The shape is given that history once
 * below, which saves about a third of the rows' memory and allocation time. A
 * V8 detail: elsewhere the priming is merely a no-op.
 */
function classFlowRow(row: ClassFlowRow): ClassFlowRow {
  return {
    period: row.period,
    date: row.date,
    beginBalance: row.beginBalance,
    interest: row.interest,
    principal: row.principal,
    writedown: row.writedown,
    endBalance: row.endBalance,
    interestShortfall: row.interestShortfall,
  };
}
const unset = null as unknown as number;
classFlowRow({ period: unset, date: "", beginBalance: unset, interest: unset, principal: unset, writedown: unset, endBalance: unset, interestShortfall: unset });

const tapes = new WeakMap<Deal, { repLine?: LoanTape; loanLevel?: LoanTape }>();

/**
 * The deal's rep-line or loan-level tape, built once per deal: the projection
 * only reads it (it works on its own copy when it reorders the loans), and it
 * never leaves this module. The synthetic loan-level tape takes longer to build
 * than to project.
 */
function dealTape(deal: Deal, loanLevel: boolean): LoanTape {
  let cached = tapes.get(deal);
  if (!cached) {
    cached = {};
    tapes.set(deal, cached);
  }
  if (loanLevel) return (cached.loanLevel ??= buildLoanLevelTape(deal));
  return (cached.repLine ??= buildRepLineTape(deal));
}

export function projectCollateralFor(deal: Deal, scenario: Scenario, loanLevel = false): CollateralFlows {
  return projectCollateral(dealTape(deal, loanLevel), collateralAssumptions(deal, scenario));
}

export function project(deal: Deal, scenario: Scenario, options: ProjectOptions = {}): DetailedProjection {
  const flows = options.collateral ?? projectCollateralFor(deal, scenario, options.loanLevel);
  const cutoffBalance = deal.collateral.groups.reduce((s, g) => s + g.repLines.reduce((t, l) => t + l.statedPrincipalBalance, 0), 0);
  const callThreshold = (deal.optionalTermination.cleanUpPercent / 100) * cutoffBalance;
  const calendar = dealCalendar(deal, flows.periods);
  const plan = dealPlan(deal);
  const nC = plan.classCount;

  const classes: Record<string, ClassResult> = {};
  const classFlows: ClassFlowRow[][] = [];
  for (const c of deal.classes) {
    const flowsOfClass: ClassFlowRow[] = [];
    classFlows.push(flowsOfClass);
    classes[c.id] = {
      type: [...c.types],
      offered: c.offered,
      group: c.group ?? null,
      notional: c.notional !== undefined,
      initialBalance: c.initialBalance,
      flows: flowsOfClass,
      wal: null,
    };
  }
  const collateral: CollateralRow[] = [];
  const corridor: CorridorRow[] = [];
  const tests: TestRow[] = [];
  const ledger: LedgerEntry[] = [];
  const reports: PeriodReport[] = [];
  // The public state and result are built per date only for a ledger, reports or a callback;
  // inputs handed to a callback are fresh objects, otherwise one set is rewritten each date.
  const publicResults = options.ledger === true || options.reports === true || options.onPeriod !== undefined;
  const recordLedger = options.ledger === true || options.onPeriod !== undefined;
  const freshInputs = options.onPeriod !== undefined;
  let state: WaterfallState = initialWaterfallState(deal);
  const carried = carriedState(plan, state);
  const work = new PeriodWork(plan);
  const series = flows.groups.map(projectedSeries);
  const groupCollections: MutableGroupCollections[] = series.map(() => ({}) as MutableGroupCollections);
  const fixings: Record<string, number> = {};
  // Weighted average lives, accumulated date by date: Σ principal × years and Σ principal.
  const walWeighted = new Float64Array(nC);
  const walPrincipal = new Float64Array(nC);
  let terminationPeriod: number | null = null;

  for (let t = 1; t <= flows.periods; t++) {
    const i = t - 1;
    let poolBegin = 0;
    for (const g of series) poolBegin += g.beginBalance[i];
    let classesLeft = false;
    for (let k = 0; k < plan.nonNotionalClasses.length; k++) {
      if (!isPaidOff(carried.balance[plan.nonNotionalClasses[k]])) {
        classesLeft = true;
        break;
      }
    }
    if (isPaidOff(poolBegin) && !classesLeft) break;
    const terminate = scenario.optionalTermination && poolBegin > 0 && poolBegin <= callThreshold;
    const date = calendar.distributionDates[i];
    const groups: GroupCollections[] = new Array<GroupCollections>(series.length);
    for (let k = 0; k < groups.length; k++) {
      const target = freshInputs ? ({} as MutableGroupCollections) : groupCollections[k];
      groups[k] = writeProjectedCollections(target, { deal, scenario, flows: series[k], index: i, terminate });
    }
    const indices = freshInputs ? {} : fixings;
    writeIndexFixings(indices, deal, scenario, t);
    const inputs: PeriodInputs = { period: t, distributionDate: date, groups, indices, optionalTermination: terminate };
    const rules = options.rulesAt?.(date) ?? deal.rules;
    stepDistributionDate(work, carried, inputs, rulesPlan(plan, rules), recordLedger);
    if (publicResults) {
      const result = periodResult(work, carried, state);
      state = result.state;
      options.onPeriod?.(inputs, result);
      if (options.ledger) for (const entry of result.ledger) ledger.push(entry);
      if (options.reports) reports.push(result.report);
    }

    const book = work.book;
    let beginBalance = 0;
    let scheduledPrincipal = 0;
    let prepayments = 0;
    let newDefaults = 0;
    let liquidationPrincipal = 0;
    let realizedLoss = 0;
    let interest = 0;
    let fees = 0;
    let endBalance = 0;
    for (const g of groups) beginBalance += g.beginBalance;
    for (const g of groups) scheduledPrincipal += g.scheduledPrincipal;
    for (const g of groups) prepayments += g.prepayments;
    for (const g of series) newDefaults += g.newDefaults[i];
    for (const g of groups) liquidationPrincipal += g.liquidationPrincipal;
    for (const g of groups) realizedLoss += g.realizedLoss;
    for (const g of groups) interest += g.interest;
    for (const g of groups) fees += g.fees;
    for (const g of groups) endBalance += g.endBalance;
    collateral.push({
      period: t,
      date,
      beginBalance,
      scheduledPrincipal,
      prepayments,
      newDefaults,
      liquidationPrincipal,
      realizedLoss,
      interest,
      fees,
      endBalance,
      availableFunds: work.totalAvailable,
      distributed: work.totalAvailable - book.totalRemaining(),
      residual: work.residual,
    });
    const years = calendar.yearsFromClosing[i];
    for (let c = 0; c < nC; c++) {
      const notional = plan.notional[c] === 1;
      const principal = book.principal[c] + (plan.principalOnly[c] ? work.poDeferredPaid : 0);
      if (!(principal <= 0)) {
        walWeighted[c] += principal * years;
        walPrincipal[c] += principal;
      }
      classFlows[c].push(
        classFlowRow({
          period: t,
          date,
          beginBalance: notional ? work.notionalBegin[c] : work.begin[c],
          interest: book.interestPaid[c],
          principal,
          writedown: book.writedown[c],
          endBalance: notional ? work.notionalEnd[c] : work.endBalance[c],
          interestShortfall: work.unpaidInterestAfter[c] + book.interestShortfall[c],
        }),
      );
    }
    for (const o of work.corridor) {
      if (o.notional > 0 || o.payment > 0) {
        corridor.push({ period: t, date, notional: o.notional, payment: o.payment, yieldSupplementPaid: o.yieldSupplementPaid, released: o.released });
      }
    }
    for (const g of plan.groupRecordOrder) {
      tests.push({
        period: t,
        date,
        group: plan.groupIds[g],
        seniorPercentage: work.seniorPercentage[g],
        seniorPrepaymentPercentage: work.seniorPrepaymentPercentage[g],
        delinquencyTest: work.tests.delinquencyTest,
        lossTest: work.tests.lossTest,
        twoTimesTest: work.tests.twoTimesTest,
        depleted: work.depleted,
        proRataAfterDepletion: work.proRataAfter[g] === 1,
      });
    }
    if (terminate) {
      terminationPeriod = t;
      break;
    }
  }

  deal.classes.forEach((c, k) => {
    // Notional classes report their notional as balance, from the first date's notional.
    if (c.notional) classes[c.id].initialBalance = classes[c.id].flows[0]?.beginBalance ?? 0;
    else classes[c.id].wal = walPrincipal[k] > 0 ? walWeighted[k] / walPrincipal[k] : null;
  });

  const out: DetailedProjection = {
    deal: { id: deal.id, name: deal.name, amendments: [...(options.amendments ?? [])] },
    scenario,
    collateral,
    classes,
    depletionPeriod: carried.depletionPeriod,
    terminationPeriod,
    corridor,
    tests,
  };
  if (options.ledger) out.ledger = ledger;
  if (options.reports) out.reports = reports;
  return out;
}
