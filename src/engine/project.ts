/**
 * `project(deal, scenario)`: the collateral projected under the scenario, run
 * through the deal's waterfall one Distribution Date at a time, collected into a
 * `ProjectionResult`. Pure: no I/O.
 *
 * The loop (`projectLanes`) runs the period step over scenario lanes
 * (`stepLanes`; one lane here, many for `projectBatch`) on arrays carried from
 * date to date, and reads the rows of the result straight from the step's
 * working arrays. The public
 * `PeriodResult` (state, ledger, report) is built only when the caller asks for
 * the ledger, the reports or an `onPeriod` callback; ledger entries are
 * recorded only for the ledger or the callback.
 */
import type { LedgerEntry } from "../core/ledger.js";
import type { Scenario } from "../core/scenario.js";
import { buildLoanLevelTape, buildRepLineTape, collateralAssumptions, projectCollateral, type LoanTape } from "../collateral/index.js";
import { loanTapeFromImport } from "../collateral/imported-tape.js";
import type { TapeLoan } from "../deal/tape/tape-builder.js";
import type { CollateralFlows } from "../collateral/flows.js";
import type { Deal, Rule } from "../deal/schema.js";
import { dealPlan, rulesPlan, type DealPlan } from "../waterfall/deal-plan.js";
import { releasePeriodLanes, takePeriodLanes } from "../waterfall/lanes.js";
import { periodResult } from "../waterfall/period-result.js";
import { stepLanes } from "../waterfall/period-step.js";
import type { PeriodWork } from "../waterfall/period-work.js";
import { initialWaterfallState, type WaterfallState } from "../waterfall/state.js";
import type { PeriodReport, PeriodResult } from "../waterfall/report.js";
import type { GroupCollections, PeriodInputs } from "../waterfall/collections.js";
import { writeIndexFixings } from "./indices.js";
import { projectedSeries, writeProjectedCollections, type MutableGroupCollections, type ProjectedSeries } from "./projected-collections.js";
import type { ClassResult, CorridorRow, ProjectionResult } from "./result.js";
import {
  allocateClassFlowTable,
  allocateCollateralColumns,
  allocateTestColumns,
  CLASS_FIELD,
  CLASS_FIELD_COUNT,
  classResultOverTable,
  collateralRows,
  lazyProperty,
  TEST_FLAG,
  testRows,
  type ClassFlowTable,
} from "./result-columns.js";
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

const tapes = new WeakMap<Deal, { repLine?: LoanTape; loanLevel?: LoanTape }>();

/**
 * The deal's rep-line or loan-level tape, built once per deal: the projection
 * only reads it (it works on its own copy when it reorders the loans), and it
 * never leaves this module. The synthetic loan-level tape takes longer to build
 * than to project.
 */
function dealTape(deal: Deal, loanLevel: boolean): LoanTape {
  const named = deal.collateral.loanTape;
  if ("file" in named) {
    const own = ownTapes.get(deal.collateral);
    if (own === undefined) throw new Error(`${deal.id}: its loan tape ${named.file} is not loaded (loadDealTape, then useLoanTape(deal, tape), before projecting)`);
    return own;
  }
  let cached = tapes.get(deal);
  if (!cached) {
    cached = {};
    tapes.set(deal, cached);
  }
  if (loanLevel) return (cached.loanLevel ??= buildLoanLevelTape(deal));
  return (cached.repLine ??= buildRepLineTape(deal));
}

/** Loan tapes of deals that name a tape file, by the deal's collateral (shared by its amended versions). */
const ownTapes = new WeakMap<Deal["collateral"], LoanTape>();

/**
 * Gives a deal that names a tape file (`collateral.loanTape.file`) its loans, read
 * and checked by `loadDealTape`: every projection of the deal (and of its amended
 * versions) then runs them loan by loan, with or without `loanLevel`.
 */
export function useLoanTape(deal: Deal, loans: readonly TapeLoan[]): LoanTape {
  if (!("file" in deal.collateral.loanTape)) throw new RangeError(`${deal.id} names no tape file (its loan tape is the synthetic generator)`);
  const tape = loanTapeFromImport(deal, loans);
  ownTapes.set(deal.collateral, tape);
  return tape;
}

/** Whether the deal's projections have their loans: the synthetic generator, or a tape file given by useLoanTape. */
export function hasLoanTape(deal: Deal): boolean {
  return !("file" in deal.collateral.loanTape) || ownTapes.has(deal.collateral);
}

/** What the collateral projection of a scenario reads of it: two scenarios with the same key have the same collateral flows. */
function collateralKey(deal: Deal, scenario: Scenario, loanLevel: boolean): string {
  const indices = dealTape(deal, loanLevel).indexNames.map((name) => scenario.indices[name]?.values ?? null);
  return JSON.stringify([scenario.prepayment, scenario.default, scenario.severity, scenario.recoveryLag, scenario.advancing, indices]);
}

export function projectCollateralFor(deal: Deal, scenario: Scenario, loanLevel = false): CollateralFlows {
  return projectCollateral(dealTape(deal, loanLevel), collateralAssumptions(deal, scenario));
}

export function project(deal: Deal, scenario: Scenario, options: ProjectOptions = {}): DetailedProjection {
  return projectLanes(deal, [scenario], options, options.collateral ? [options.collateral] : undefined)[0];
}

/** One lane's projection while the lanes run: its collateral, inputs and result columns. */
interface LaneRun {
  readonly scenario: Scenario;
  readonly periods: number;
  readonly series: ProjectedSeries[];
  readonly groupCollections: MutableGroupCollections[];
  readonly fixings: Record<string, number>;
  readonly classTable: ClassFlowTable;
  readonly pool: ReturnType<typeof allocateCollateralColumns>;
  readonly testColumns: ReturnType<typeof allocateTestColumns>;
  readonly corridor: CorridorRow[];
  readonly ledger: LedgerEntry[];
  readonly reports: PeriodReport[];
  /** Weighted average lives, accumulated date by date: Σ principal × years and Σ principal. */
  readonly walWeighted: Float64Array;
  readonly walPrincipal: Float64Array;
  state: WaterfallState;
  terminate: boolean;
  terminationPeriod: number | null;
  count: number;
}

/**
 * The projection of each scenario (collateral given or projected per scenario),
 * the waterfall run over all of them as lanes (`stepLanes`): date after date,
 * each lane's collections and fixings are written, the step runs once over the
 * active lanes, and each lane's figures go into its own columns. A lane leaves
 * the active list when its pool and classes are paid off or it is called.
 * `project` is the case of one scenario; `projectBatch` calls this.
 */
export function projectLanes(deal: Deal, scenarios: readonly Scenario[], options: ProjectOptions = {}, collateral?: readonly CollateralFlows[]): DetailedProjection[] {
  const n = scenarios.length;
  if (n === 0) return [];
  const cutoffBalance = deal.collateral.groups.reduce((s, g) => s + g.repLines.reduce((t, l) => t + l.statedPrincipalBalance, 0), 0);
  const callThreshold = (deal.optionalTermination.cleanUpPercent / 100) * cutoffBalance;
  const plan = dealPlan(deal);
  const nC = plan.classCount;
  const recordGroups = plan.groupRecordOrder.length;
  // The public state and result are built per date only for a ledger, reports or a callback;
  // inputs handed to a callback are fresh objects, otherwise one set per lane is rewritten each date.
  const publicResults = options.ledger === true || options.reports === true || options.onPeriod !== undefined;
  const recordLedger = options.ledger === true || options.onPeriod !== undefined;
  const freshInputs = options.onPeriod !== undefined;
  const initialState = initialWaterfallState(deal);
  const dealRules = options.rulesAt ? null : rulesPlan(plan, deal.rules);

  let maxPeriods = 0;
  const runs: LaneRun[] = new Array<LaneRun>(n);
  // Scenarios of a batch that differ only in what the loans do not read (an index no ARM
  // follows, a call, shortfall assumptions) share one collateral projection.
  const shared = n > 1 && collateral === undefined ? new Map<string, CollateralFlows>() : null;
  for (let l = 0; l < n; l++) {
    let flows = collateral?.[l];
    if (flows === undefined) {
      const key = shared === null ? "" : collateralKey(deal, scenarios[l], options.loanLevel === true);
      flows = shared?.get(key);
      if (flows === undefined) {
        flows = projectCollateralFor(deal, scenarios[l], options.loanLevel);
        shared?.set(key, flows);
      }
    }
    const capacity = flows.periods;
    maxPeriods = Math.max(maxPeriods, capacity);
    const series = flows.groups.map(projectedSeries);
    runs[l] = {
      scenario: scenarios[l],
      periods: capacity,
      series,
      groupCollections: series.map(() => ({}) as MutableGroupCollections),
      fixings: {},
      classTable: allocateClassFlowTable(nC, capacity, dealCalendar(deal, capacity).distributionDates),
      pool: allocateCollateralColumns(capacity),
      testColumns: allocateTestColumns(capacity * recordGroups),
      corridor: [],
      ledger: [],
      reports: [],
      walWeighted: new Float64Array(nC),
      walPrincipal: new Float64Array(nC),
      state: initialState,
      terminate: false,
      terminationPeriod: null,
      count: 0,
    };
  }
  const calendar = dealCalendar(deal, maxPeriods);
  const lanes = takePeriodLanes(plan, n);
  lanes.startAll(initialState);

  let t = 0;
  // Before a date: a lane is done past its collateral's last period, or when its pool and classes are paid off.
  const done = (l: number): boolean => {
    const run = runs[l];
    if (t > run.periods) return true;
    const i = t - 1;
    let poolBegin = 0;
    for (const g of run.series) poolBegin += g.beginBalance[i];
    const balance = lanes.carried[l].balance;
    let classesLeft = false;
    for (let k = 0; k < plan.nonNotionalClasses.length; k++) {
      if (!isPaidOff(balance[plan.nonNotionalClasses[k]])) {
        classesLeft = true;
        break;
      }
    }
    if (isPaidOff(poolBegin) && !classesLeft) return true;
    run.terminate = run.scenario.optionalTermination && poolBegin > 0 && poolBegin <= callThreshold;
    return false;
  };
  const called = (l: number): boolean => runs[l].terminate;

  for (t = 1; t <= maxPeriods; t++) {
    lanes.retire(done);
    if (lanes.activeCount === 0) break;
    const i = t - 1;
    const date = calendar.distributionDates[i];
    const rules = dealRules ?? rulesPlan(plan, options.rulesAt?.(date) ?? deal.rules);
    const active = lanes.active;
    const nActive = lanes.activeCount;
    for (let k = 0; k < nActive; k++) {
      const l = active[k];
      const run = runs[l];
      const series = run.series;
      const groups: GroupCollections[] = freshInputs ? new Array<GroupCollections>(series.length) : run.groupCollections;
      for (let g = 0; g < groups.length; g++) {
        const target = freshInputs ? ({} as MutableGroupCollections) : run.groupCollections[g];
        groups[g] = writeProjectedCollections(target, deal, run.scenario, series[g], i, run.terminate);
      }
      const indices = freshInputs ? {} : run.fixings;
      writeIndexFixings(indices, deal, run.scenario, t);
      lanes.inputs[l] = { period: t, distributionDate: date, groups, indices, optionalTermination: run.terminate };
    }
    stepLanes(lanes, rules, recordLedger);
    const years = calendar.yearsFromClosing[i];
    for (let k = 0; k < nActive; k++) {
      const l = active[k];
      const run = runs[l];
      const work = lanes.work[l];
      const inputs = lanes.inputs[l]!;
      if (publicResults) {
        const result = periodResult(work, lanes.carried[l], run.state);
        run.state = result.state;
        options.onPeriod?.(inputs, result);
        if (options.ledger) for (const entry of result.ledger) run.ledger.push(entry);
        if (options.reports) run.reports.push(result.report);
      }
      recordDate(plan, run, work, inputs, i, years);
      run.count = t;
      if (run.terminate) run.terminationPeriod = t;
    }
    lanes.retire(called);
  }

  const results = new Array<DetailedProjection>(n);
  for (let l = 0; l < n; l++) results[l] = laneResult(deal, plan, runs[l], lanes.carried[l].depletionPeriod, options);
  releasePeriodLanes(lanes);
  return results;
}

/** A lane's figures of the date into its columns. */
function recordDate(plan: DealPlan, run: LaneRun, work: PeriodWork, inputs: PeriodInputs, i: number, years: number): void {
  const nC = plan.classCount;
  const groups = inputs.groups;
  const series = run.series;
  const pool = run.pool;
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
  for (let k = 0; k < groups.length; k++) {
    const g = groups[k];
    beginBalance += g.beginBalance;
    scheduledPrincipal += g.scheduledPrincipal;
    prepayments += g.prepayments;
    newDefaults += series[k].newDefaults[i];
    liquidationPrincipal += g.liquidationPrincipal;
    realizedLoss += g.realizedLoss;
    interest += g.interest;
    fees += g.fees;
    endBalance += g.endBalance;
  }
  pool.beginBalance[i] = beginBalance;
  pool.scheduledPrincipal[i] = scheduledPrincipal;
  pool.prepayments[i] = prepayments;
  pool.newDefaults[i] = newDefaults;
  pool.liquidationPrincipal[i] = liquidationPrincipal;
  pool.realizedLoss[i] = realizedLoss;
  pool.interest[i] = interest;
  pool.fees[i] = fees;
  pool.endBalance[i] = endBalance;
  pool.availableFunds[i] = work.totalAvailable;
  pool.distributed[i] = work.totalAvailable - book.totalRemaining();
  pool.residual[i] = work.residual;
  const capacity = run.periods;
  const classData = run.classTable.data;
  const walWeighted = run.walWeighted;
  const walPrincipal = run.walPrincipal;
  for (let c = 0; c < nC; c++) {
    const notional = plan.notional[c] === 1;
    const principal = book.principal[c] + (plan.principalOnly[c] ? work.poDeferredPaid : 0);
    if (!(principal <= 0)) {
      walWeighted[c] += principal * years;
      walPrincipal[c] += principal;
    }
    // Class c's fields for this date: see ClassFlowTable for the layout.
    const x = c * CLASS_FIELD_COUNT * capacity + i;
    classData[x + CLASS_FIELD.beginBalance * capacity] = notional ? work.notionalBegin[c] : work.begin[c];
    classData[x + CLASS_FIELD.interest * capacity] = book.interestPaid[c];
    classData[x + CLASS_FIELD.principal * capacity] = principal;
    classData[x + CLASS_FIELD.writedown * capacity] = book.writedown[c];
    classData[x + CLASS_FIELD.endBalance * capacity] = notional ? work.notionalEnd[c] : work.endBalance[c];
    classData[x + CLASS_FIELD.interestShortfall * capacity] = work.unpaidInterestAfter[c] + book.interestShortfall[c];
    classData[x + CLASS_FIELD.accretion * capacity] = book.accretion[c];
  }
  for (let j = 0; j < plan.contracts.length; j++) {
    const notional = work.corridorNotional[j];
    const payment = work.corridorPayment[j];
    if (notional > 0 || payment > 0) {
      run.corridor.push({ period: inputs.period, date: inputs.distributionDate, notional, payment, yieldSupplementPaid: work.yieldSupplementPaid[j], released: work.corridorReleased[j] });
    }
  }
  const testFlags =
    (work.tests.delinquencyTest ? TEST_FLAG.delinquency : 0) |
    (work.tests.lossTest ? TEST_FLAG.loss : 0) |
    (work.tests.twoTimesTest ? TEST_FLAG.twoTimes : 0) |
    (work.depleted ? TEST_FLAG.depleted : 0);
  const recordGroups = plan.groupRecordOrder.length;
  const testColumns = run.testColumns;
  for (let k = 0; k < recordGroups; k++) {
    const g = plan.groupRecordOrder[k];
    const r = i * recordGroups + k;
    testColumns.seniorPercentage[r] = work.seniorPercentage[g];
    testColumns.seniorPrepaymentPercentage[r] = work.seniorPrepaymentPercentage[g];
    testColumns.flags[r] = testFlags | (work.proRataAfter[g] === 1 ? TEST_FLAG.proRataAfterDepletion : 0);
  }
}

/** A lane's `ProjectionResult` over its columns. */
function laneResult(deal: Deal, plan: DealPlan, run: LaneRun, depletionPeriod: number | null, options: ProjectOptions): DetailedProjection {
  const classTable = run.classTable;
  const classData = classTable.data;
  const capacity = run.periods;
  const count = run.count;
  const dates = classTable.dates;
  const classes: Record<string, ClassResult> = {};
  deal.classes.forEach((c, k) => {
    classes[c.id] = classResultOverTable(
      {
        type: [...c.types],
        offered: c.offered,
        group: c.group ?? null,
        notional: c.notional !== undefined,
        // Notional classes report their notional as balance, from the first date's notional.
        initialBalance: c.notional ? (count > 0 ? classData[(k * CLASS_FIELD_COUNT + CLASS_FIELD.beginBalance) * capacity] : 0) : c.initialBalance,
        wal: c.notional ? null : run.walPrincipal[k] > 0 ? run.walWeighted[k] / run.walPrincipal[k] : null,
      },
      classTable,
      k,
      count,
    );
  });
  addExchangeableClasses(deal, classes, classTable, count, run.walWeighted, run.walPrincipal);
  const recordGroupIds = Array.from(plan.groupRecordOrder, (g) => plan.groupIds[g]);

  const out: DetailedProjection = {
    deal: { id: deal.id, name: deal.name, amendments: [...(options.amendments ?? [])] },
    scenario: run.scenario,
    collateral: [],
    classes,
    depletionPeriod,
    terminationPeriod: run.terminationPeriod,
    corridor: run.corridor,
    tests: [],
  };
  const pool = run.pool;
  const testColumns = run.testColumns;
  lazyProperty(out, "collateral", () => collateralRows(pool, dates, count));
  lazyProperty(out, "tests", () => testRows(testColumns, dates, recordGroupIds, count));
  if (options.ledger) out.ledger = run.ledger;
  if (options.reports) out.reports = run.reports;
  return out;
}

/**
 * Exchangeable (MACR) classes: each the whole of its combination exchanged, so its
 * figures are the sums of its REMIC components' figures date by date (its WAL the
 * principal-weighted one), added to the result after the REMIC classes. Their type
 * is `exchangeable`: a total over the trust's classes skips them (the REMIC
 * classes carry the cash).
 */
function addExchangeableClasses(
  deal: Deal,
  classes: Record<string, ClassResult>,
  table: ClassFlowTable,
  count: number,
  walWeighted: Float64Array,
  walPrincipal: Float64Array,
): void {
  const specs = deal.exchangeableClasses;
  if (specs.length === 0) return;
  const capacity = table.capacity;
  const own = allocateClassFlowTable(specs.length, capacity, table.dates);
  specs.forEach((x, j) => {
    const slots = x.components.map((c) => deal.classes.findIndex((k) => k.id === c.class));
    if (slots.some((s) => s < 0)) throw new Error(`exchangeable class ${x.id}: unknown component`);
    let weighted = 0;
    let principal = 0;
    for (const s of slots) {
      weighted += walWeighted[s];
      principal += walPrincipal[s];
      for (let f = 0; f < CLASS_FIELD_COUNT; f++) {
        const from = (s * CLASS_FIELD_COUNT + f) * capacity;
        const to = (j * CLASS_FIELD_COUNT + f) * capacity;
        for (let i = 0; i < count; i++) own.data[to + i] += table.data[from + i];
      }
    }
    const groups = new Set(slots.map((s) => deal.classes[s].group ?? null));
    classes[x.id] = classResultOverTable(
      {
        type: ["exchangeable"],
        offered: x.offered,
        group: groups.size === 1 ? [...groups][0] : null,
        notional: false,
        initialBalance: slots.reduce((sum, s) => sum + deal.classes[s].initialBalance, 0),
        wal: principal > 0 ? weighted / principal : null,
      },
      own,
      j,
      count,
    );
  });
}
