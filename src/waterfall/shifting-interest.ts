/**
 * Article I: Senior Percentage, Senior Prepayment Percentage, the Senior Step
 * Down Conditions and the Two Times Test. Percentages are fractions here (0.95).
 */
import type { ScheduleStep, ShiftingInterest } from "../deal/schema.js";

/** Senior Percentage: non-PO senior balance ÷ non-PO pool balance, at most 100%. */
export function seniorPercentage(nonPoSeniorBalance: number, nonPoPoolBalance: number): number {
  if (nonPoPoolBalance <= 0) return nonPoSeniorBalance > 0 ? 1 : 0;
  return Math.min(1, nonPoSeniorBalance / nonPoPoolBalance);
}

/** The value of a `{from: YYYY-MM, value}` schedule in `month` (YYYY-MM), or null before its first step. */
export function scheduleValue(steps: readonly ScheduleStep[], month: string): { index: number; value: number } | null {
  const index = scheduleIndex(steps, month);
  return index < 0 ? null : { index, value: steps[index].value };
}

/** The index of the step of a schedule in force in `month` (the last whose `from` ≤ month), −1 before its first step. */
export function scheduleIndex(steps: readonly ScheduleStep[], month: string): number {
  let found = -1;
  for (let i = 0; i < steps.length; i++) if (steps[i].from <= month) found = i;
  return found;
}

export interface StepDownInputs {
  /** Distribution Date's month, YYYY-MM. */
  readonly month: string;
  /** 60+ day delinquent balances, most recent last (this date's included). */
  readonly delinquencyHistory: readonly number[];
  /** Aggregate subordinate Class Certificate Balance at the start of the date. */
  readonly subordinateBalance: number;
  readonly originalSubordinateBalance: number;
  readonly cumulativeRealizedLoss: number;
  /** Aggregate Subordinated Percentage now and at closing (fractions). */
  readonly subordinatedPercentage: number;
  readonly originalSubordinatedPercentage: number;
}

export interface StepDownTests {
  /** (a): six-month average 60+ delinquencies below the limit × subordinate balance. */
  readonly delinquencyTest: boolean;
  readonly delinquencyAverage: number;
  /** (b): cumulative Realized Losses within the year's limit of the original subordinate balance. */
  readonly lossTest: boolean;
  readonly twoTimesTest: boolean;
}

export function evaluateStepDownTests(spec: ShiftingInterest, input: StepDownInputs): StepDownTests {
  return stepDownTestsIn(spec, shiftingInterestMonth(spec, input.month), input);
}

/** What the shifting-interest terms read from the month of a Distribution Date; worked out once per month. */
export interface ShiftingInterestMonth {
  readonly month: string;
  /** Cumulative loss limit of the step-down test in force, percent (the first before the schedule starts). */
  readonly cumulativeLossLimit: number;
  /** Before the Two Times Test's cutover month. */
  readonly beforeCutover: boolean;
  /** Step of the Senior Prepayment schedule in force, −1 during the lockout. */
  readonly prepaymentStep: number;
}

export function shiftingInterestMonth(spec: ShiftingInterest, month: string): ShiftingInterestMonth {
  const limits = spec.stepDownTests.cumulativeLossLimits;
  const limit = scheduleIndex(limits, month);
  return {
    month,
    cumulativeLossLimit: limits[limit < 0 ? 0 : limit].value,
    beforeCutover: month < spec.twoTimesTest.cutoverMonth,
    prepaymentStep: scheduleIndex(spec.seniorPrepaymentSchedule, month),
  };
}

/** `evaluateStepDownTests` with the month's terms already worked out (`input.month` is not read). */
export function stepDownTestsIn(spec: ShiftingInterest, month: ShiftingInterestMonth, input: StepDownInputs, out?: MutableStepDownTests): StepDownTests {
  const n = spec.stepDownTests.delinquencyAverageMonths;
  // The last n entries of the history (all of it for n = 0), as `slice(-n)` reads them.
  const history = input.delinquencyHistory;
  const start = n > 0 ? Math.max(0, history.length - n) : 0;
  let sum = 0;
  for (let k = start; k < history.length; k++) sum += history[k];
  const count = history.length - start;
  const delinquencyAverage = count ? sum / count : 0;
  const delinquencyTest = delinquencyAverage < (spec.stepDownTests.delinquencyLimit / 100) * input.subordinateBalance;
  const lossTest = input.cumulativeRealizedLoss <= (month.cumulativeLossLimit / 100) * input.originalSubordinateBalance + 1e-9;
  const tt = spec.twoTimesTest;
  const twoTimesLossLimit = ((month.beforeCutover ? tt.lossLimitBefore : tt.lossLimitAfter) / 100) * input.originalSubordinateBalance;
  const twoTimesTest =
    input.originalSubordinatedPercentage > 0 &&
    input.subordinatedPercentage >= 2 * input.originalSubordinatedPercentage - 1e-12 &&
    delinquencyTest &&
    input.cumulativeRealizedLoss <= twoTimesLossLimit + 1e-9;
  if (!out) return { delinquencyTest, delinquencyAverage, lossTest, twoTimesTest };
  out.delinquencyTest = delinquencyTest;
  out.delinquencyAverage = delinquencyAverage;
  out.lossTest = lossTest;
  out.twoTimesTest = twoTimesTest;
  return out;
}

/** `StepDownTests` that the period step rewrites date after date (`stepDownTestsIn(…, out)`). */
export type MutableStepDownTests = { -readonly [K in keyof StepDownTests]: StepDownTests[K] };

/**
 * Senior Prepayment Percentage (Article I), in this order:
 * 1. the Senior Percentage above its original value → 100%;
 * 2. the Two Times Test passes → Senior % + share × Subordinated % before the
 *    cutover month, the Senior Percentage after;
 * 3. during the lockout (before the schedule's first step) → 100%;
 * 4. both step-down tests pass → Senior % + the year's share × Subordinated %;
 * 5. otherwise the previous year's share (100% in the first step year).
 */
export function seniorPrepaymentPercentage(
  spec: ShiftingInterest,
  input: { month: string; seniorPercentage: number; originalSeniorPercentage: number; anySeniorAboveOriginal: boolean; tests: StepDownTests },
): number {
  return seniorPrepaymentPercentageIn(spec, shiftingInterestMonth(spec, input.month), input);
}

/** `seniorPrepaymentPercentage` with the month's terms already worked out. */
/** What the Senior Prepayment Percentage reads of a date besides the schedule. */
export interface SeniorPrepaymentInputs {
  seniorPercentage: number;
  originalSeniorPercentage: number;
  anySeniorAboveOriginal: boolean;
  tests: StepDownTests;
}

export function seniorPrepaymentPercentageIn(spec: ShiftingInterest, month: ShiftingInterestMonth, input: SeniorPrepaymentInputs): number {
  const sp = input.seniorPercentage;
  const sub = 1 - sp;
  if (input.anySeniorAboveOriginal || sp > input.originalSeniorPercentage + 1e-12) return 1;
  if (input.tests.twoTimesTest) {
    return month.beforeCutover ? sp + (spec.twoTimesTest.subordinatedShareBefore / 100) * sub : sp;
  }
  const step = month.prepaymentStep;
  if (step < 0) return 1;
  if (input.tests.delinquencyTest && input.tests.lossTest) return sp + (spec.seniorPrepaymentSchedule[step].value / 100) * sub;
  if (step === 0) return 1;
  return sp + (spec.seniorPrepaymentSchedule[step - 1].value / 100) * sub;
}
