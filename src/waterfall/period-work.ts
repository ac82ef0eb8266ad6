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
import type { DateTerms, DealPlan } from "./deal-plan.js";
import { PeriodBook } from "./period-book.js";
import { priorityAmount, type MutableNonPoPrincipal } from "./principal-amounts.js";
import type { SequenceContext } from "./senior-principal.js";
import type { MutableStepDownTests, SeniorPrepaymentInputs, StepDownInputs } from "./shifting-interest.js";
import type { WaterfallState } from "./state.js";
import type { LaneAllocator } from "./lanes.js";

/** Arrays of one's own (a `PeriodWork` outside a lane set). */
export const OWN_ARRAYS: LaneAllocator = { f64: (n) => new Float64Array(n), u8: (n) => new Uint8Array(n) };

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
  /** Subordinate principal shares and Restricted flags (by slot). */
  readonly shares: Float64Array;
  readonly restrictedFlags: Uint8Array;
  /** After the date: max(0, working balance), the notional, unpaid interest carried. */
  readonly endBalance: Float64Array;
  readonly notionalEnd: Float64Array;
  readonly unpaidInterestAfter: Float64Array;
  /** Accrual classes accreting on the date (before their Accretion Termination Date), and the Accrual Distribution Amount each accreted. */
  readonly accreting: Uint8Array;
  readonly accrualDistributionAmount: Float64Array;

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
  /** Non-PO principal by group, rewritten each date. */
  readonly principal: MutableNonPoPrincipal[];
  /** Net WACs and subordinate portions in the order a record by group id lists them. */
  readonly wacsInRecordOrder: Float64Array;
  readonly portionsInRecordOrder: Float64Array;

  // The date.
  totalAvailable = 0;
  subordinateBegin = 0;
  depleted = false;
  depletionPeriod: number | null = null;
  /** Inputs of the step-down tests and the Senior Prepayment Percentage, rewritten each date. */
  readonly stepDownInputs: { -readonly [K in keyof StepDownInputs]: StepDownInputs[K] } = {
    month: "",
    delinquencyHistory: [],
    subordinateBalance: 0.5,
    originalSubordinateBalance: 0.5,
    cumulativeRealizedLoss: 0.5,
    subordinatedPercentage: 0.5,
    originalSubordinatedPercentage: 0.5,
  };
  readonly seniorPrepaymentInputs: SeniorPrepaymentInputs = { seniorPercentage: 0.5, originalSeniorPercentage: 0.5, anySeniorAboveOriginal: false, tests: { delinquencyTest: false, delinquencyAverage: 0.5, lossTest: false, twoTimesTest: false } };
  /** Rewritten each date; a public report copies it. */
  readonly tests: MutableStepDownTests = { delinquencyTest: false, delinquencyAverage: 0.5, lossTest: false, twoTimesTest: false };
  delinquencyHistory: readonly number[] = [];
  totalNonPoPool = 0;
  totalNonPoSenior = 0;
  poDeferredPaid = 0;
  subordinatedAmount = 0;
  /** Restricted Classes' slots. */
  restricted: readonly number[] = [];
  residual = 0;
  realizedLoss = 0;
  // Corridor contracts (by index in plan.contracts): the date's settlement (§4.08).
  readonly unpaidBefore: Float64Array;
  readonly corridorNotional: Float64Array;
  readonly corridorPayment: Float64Array;
  readonly yieldSupplementAmount: Float64Array;
  readonly yieldSupplementPaid: Float64Array;
  readonly corridorReleased: Float64Array;

  constructor(readonly plan: DealPlan, alloc: LaneAllocator = OWN_ARRAYS) {
    const slots = plan.slotCount;
    const classes = plan.classCount;
    const groups = plan.groupCount;
    this.book = new PeriodBook(plan, alloc);
    this.collections = new Array<GroupCollections>(groups);
    this.begin = alloc.f64(slots);
    this.notionalBegin = alloc.f64(classes);
    this.rate = alloc.f64(classes);
    this.hasRate = alloc.u8(classes);
    this.shares = alloc.f64(slots);
    this.restrictedFlags = alloc.u8(slots);
    this.endBalance = alloc.f64(classes);
    this.notionalEnd = alloc.f64(classes);
    this.unpaidInterestAfter = alloc.f64(classes);
    this.accreting = alloc.u8(slots);
    this.accrualDistributionAmount = alloc.f64(slots);
    this.availableFunds = alloc.f64(groups);
    this.nonPoPool = alloc.f64(groups);
    this.nonPoSenior = alloc.f64(groups);
    this.subordinatePortion = alloc.f64(groups);
    this.netWac = alloc.f64(groups);
    this.seniorPercentage = alloc.f64(groups);
    this.seniorPrepaymentPercentage = alloc.f64(groups);
    this.seniorPrincipalDistributionAmount = alloc.f64(groups);
    this.seniorPaid = alloc.f64(groups);
    this.transferIn = alloc.f64(groups);
    this.transferOut = alloc.f64(groups);
    this.redirected = alloc.f64(groups);
    this.groupLoss = alloc.f64(groups);
    this.proRataAfter = alloc.u8(groups);
    this.principal = Array.from({ length: groups }, () => ({ scheduled: 0.5, unscheduled: 0.5, liquidatedBalance: 0.5, liquidationPrincipal: 0.5, total: 0.5 }));
    this.wacsInRecordOrder = alloc.f64(groups);
    this.portionsInRecordOrder = alloc.f64(groups);
    const nK = plan.contracts.length;
    this.unpaidBefore = alloc.f64(nK);
    this.corridorNotional = alloc.f64(nK);
    this.corridorPayment = alloc.f64(nK);
    this.yieldSupplementAmount = alloc.f64(nK);
    this.yieldSupplementPaid = alloc.f64(nK);
    this.corridorReleased = alloc.f64(nK);
  }

  plannedBalance(schedule: number): number {
    return this.terms!.plannedBalance[schedule];
  }

  /** The Class Priority Amount when `classId` is the deal's priority class, else `left`. */
  classPriorityAmount(classId: string, left: number): number {
    const spec = this.plan.priority;
    if (!spec || spec.classId !== classId) return left;
    return priorityAmount(this.book.balances[spec.slot], left, this.nonPoPool[spec.group], this.principal[spec.group], this.terms!.shiftPercentage);
  }
}

const spareWork = new WeakMap<DealPlan, PeriodWork[]>();

/**
 * A `PeriodWork` for the plan: a spare one from an earlier projection, else a
 * new one. Every field of a `PeriodWork` is written by each date before it is
 * read (the same object already serves date after date), so a spare is as good
 * as new; reusing it saves a projection some forty typed-array allocations.
 * Hand it back with `releasePeriodWork` when done; a nested projection (from an
 * `onPeriod` callback) simply gets another.
 */
export function takePeriodWork(plan: DealPlan): PeriodWork {
  return spareWork.get(plan)?.pop() ?? new PeriodWork(plan);
}

export function releasePeriodWork(work: PeriodWork): void {
  let spares = spareWork.get(work.plan);
  if (!spares) {
    spares = [];
    spareWork.set(work.plan, spares);
  }
  if (spares.length < 4) spares.push(work);
}
