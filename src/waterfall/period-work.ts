/**
 * The period step's working memory, on the slots of the deal plan
 * (`deal-plan.ts`): the waterfall state carried between Distribution Dates as
 * arrays (`CarriedState`), and one date's figures (`PeriodWork`: balances at the
 * start, rates, the defined amounts by group, what was paid, the book).
 *
 * `distributePeriod` converts a `WaterfallState` in and out around one step; a
 * projection carries the arrays from date to date and reuses one `PeriodWork`,
 * so the loop builds no Map and no closure. Nothing here escapes a step
 * mutable: the public results are built from it (`period-result.ts`).
 */
import type { GroupCollections, PeriodInputs } from "./collections.js";
import type { CorridorOutcome } from "./corridor.js";
import type { DateTerms, DealPlan } from "./deal-plan.js";
import { PeriodBook } from "./period-book.js";
import { priorityAmount, type NonPoPrincipal } from "./principal-amounts.js";
import type { SequenceContext } from "./senior-principal.js";
import type { StepDownTests } from "./shifting-interest.js";
import type { WaterfallState } from "./state.js";

/** `WaterfallState` as arrays by class slot (classes) and by contract (unpaid Yield Supplement Amounts). */
export interface CarriedState {
  period: number;
  readonly balance: Float64Array;
  readonly unpaidInterest: Float64Array;
  readonly cumulativeWritedown: Float64Array;
  poDeferred: number;
  /** By the contract's unpaid slot (`ContractPlan.unpaidSlot`). */
  readonly yieldSupplementUnpaid: Float64Array;
  cumulativeRealizedLoss: number;
  delinquencyHistory: readonly number[];
  depletionPeriod: number | null;
  terminated: boolean;
}

export function carriedState(plan: DealPlan, state: WaterfallState): CarriedState {
  const n = plan.classCount;
  const balance = new Float64Array(n);
  const unpaidInterest = new Float64Array(n);
  const cumulativeWritedown = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = state.classes[plan.classIds[i]];
    balance[i] = c?.balance ?? 0;
    unpaidInterest[i] = c?.unpaidInterest ?? 0;
    cumulativeWritedown[i] = (c ?? { cumulativeWritedown: 0 }).cumulativeWritedown;
  }
  const yieldSupplementUnpaid = new Float64Array(plan.unpaidSlotCount);
  for (const k of plan.contracts) yieldSupplementUnpaid[k.unpaidSlot] = state.yieldSupplementUnpaid[k.contract.id] ?? 0;
  return {
    period: state.period,
    balance,
    unpaidInterest,
    cumulativeWritedown,
    poDeferred: state.poDeferred,
    yieldSupplementUnpaid,
    cumulativeRealizedLoss: state.cumulativeRealizedLoss,
    delinquencyHistory: state.delinquencyHistory,
    depletionPeriod: state.depletionPeriod,
    terminated: state.terminated,
  };
}

/** The `WaterfallState` after a step; unpaid Yield Supplement Amounts of contracts the deal no longer has stay as in `previous`. */
export function waterfallStateOf(plan: DealPlan, carried: CarriedState, previous: WaterfallState): WaterfallState {
  const classes: Record<string, { balance: number; unpaidInterest: number; cumulativeWritedown: number }> = {};
  for (let i = 0; i < plan.classCount; i++) {
    classes[plan.classIds[i]] = { balance: carried.balance[i], unpaidInterest: carried.unpaidInterest[i], cumulativeWritedown: carried.cumulativeWritedown[i] };
  }
  const yieldSupplementUnpaid: Record<string, number> = { ...previous.yieldSupplementUnpaid };
  for (const k of plan.contracts) yieldSupplementUnpaid[k.contract.id] = carried.yieldSupplementUnpaid[k.unpaidSlot];
  return {
    period: carried.period,
    classes,
    poDeferred: carried.poDeferred,
    yieldSupplementUnpaid,
    cumulativeRealizedLoss: carried.cumulativeRealizedLoss,
    delinquencyHistory: carried.delinquencyHistory,
    depletionPeriod: carried.depletionPeriod,
    terminated: carried.terminated,
  };
}

const NO_TESTS: StepDownTests = { delinquencyTest: false, delinquencyAverage: 0, lossTest: false, twoTimesTest: false };

/** One Distribution Date's figures. Fields are written by `stepDistributionDate` in PSA order. */
export class PeriodWork implements SequenceContext {
  readonly book: PeriodBook;
  period = 0;
  /** What the date's rules read from the date (month, schedules in force). */
  terms: DateTerms | null = null;
  inputs: PeriodInputs | null = null;
  /** Collections by group index. */
  readonly collections: GroupCollections[];

  // Classes (by slot; `nowhere` stays 0).
  readonly begin: Float64Array;
  readonly notionalBegin: Float64Array;
  readonly rate: Float64Array;
  /** 0 where the class has no Pass-Through Rate (null). */
  readonly hasRate: Uint8Array;
  readonly accrued: Float64Array;
  readonly shortfallShare: Float64Array;
  /** Subordinate principal shares and Restricted flags (by slot). */
  readonly shares: Float64Array;
  readonly restrictedFlags: Uint8Array;
  /** After the date: max(0, working balance), the notional, unpaid interest carried. */
  readonly endBalance: Float64Array;
  readonly notionalEnd: Float64Array;
  readonly unpaidInterestAfter: Float64Array;

  // Groups (by index).
  readonly availableFunds: Float64Array;
  readonly nonPoPool: Float64Array;
  readonly nonPoSenior: Float64Array;
  readonly subordinatePortion: Float64Array;
  readonly netWac: Float64Array;
  readonly seniorPercentage: Float64Array;
  readonly seniorPrepaymentPercentage: Float64Array;
  readonly seniorPrincipalDistributionAmount: Float64Array;
  readonly seniorPaid: Float64Array;
  readonly transferIn: Float64Array;
  readonly transferOut: Float64Array;
  readonly redirected: Float64Array;
  readonly groupLoss: Float64Array;
  readonly proRataAfter: Uint8Array;
  readonly principal: NonPoPrincipal[];
  /** Net WACs and subordinate portions in the order a record by group id lists them. */
  readonly wacsInRecordOrder: Float64Array;
  readonly portionsInRecordOrder: Float64Array;

  // The date.
  totalAvailable = 0;
  subordinateBegin = 0;
  depleted = false;
  depletionPeriod: number | null = null;
  tests: StepDownTests = NO_TESTS;
  delinquencyHistory: readonly number[] = [];
  totalNonPoPool = 0;
  totalNonPoSenior = 0;
  poDeferredPaid = 0;
  subordinatedAmount = 0;
  /** Restricted Classes' slots. */
  restricted: number[] = [];
  residual = 0;
  realizedLoss = 0;
  corridor: CorridorOutcome[] = [];
  readonly unpaidBefore: Float64Array;

  constructor(readonly plan: DealPlan) {
    const slots = plan.slotCount;
    const classes = plan.classCount;
    const groups = plan.groupCount;
    this.book = new PeriodBook(plan);
    this.collections = new Array<GroupCollections>(groups);
    this.begin = new Float64Array(slots);
    this.notionalBegin = new Float64Array(classes);
    this.rate = new Float64Array(classes);
    this.hasRate = new Uint8Array(classes);
    this.accrued = new Float64Array(classes);
    this.shortfallShare = new Float64Array(classes);
    this.shares = new Float64Array(slots);
    this.restrictedFlags = new Uint8Array(slots);
    this.endBalance = new Float64Array(classes);
    this.notionalEnd = new Float64Array(classes);
    this.unpaidInterestAfter = new Float64Array(classes);
    this.availableFunds = new Float64Array(groups);
    this.nonPoPool = new Float64Array(groups);
    this.nonPoSenior = new Float64Array(groups);
    this.subordinatePortion = new Float64Array(groups);
    this.netWac = new Float64Array(groups);
    this.seniorPercentage = new Float64Array(groups);
    this.seniorPrepaymentPercentage = new Float64Array(groups);
    this.seniorPrincipalDistributionAmount = new Float64Array(groups);
    this.seniorPaid = new Float64Array(groups);
    this.transferIn = new Float64Array(groups);
    this.transferOut = new Float64Array(groups);
    this.redirected = new Float64Array(groups);
    this.groupLoss = new Float64Array(groups);
    this.proRataAfter = new Uint8Array(groups);
    this.principal = new Array<NonPoPrincipal>(groups);
    this.wacsInRecordOrder = new Float64Array(groups);
    this.portionsInRecordOrder = new Float64Array(groups);
    this.unpaidBefore = new Float64Array(plan.contracts.length);
  }

  /** The Class Priority Amount when `classId` is the deal's priority class, else `left`. */
  classPriorityAmount(classId: string, left: number): number {
    const spec = this.plan.priority;
    if (!spec || spec.classId !== classId) return left;
    return priorityAmount({
      classBalance: this.book.balances[this.plan.slotOf.get(classId) ?? this.plan.nowhere],
      seniorPrincipalLeft: left,
      nonPoPoolBalance: this.nonPoPool[spec.group],
      principal: this.principal[spec.group],
      shiftPercentage: this.terms!.shiftPercentage,
    });
  }
}
