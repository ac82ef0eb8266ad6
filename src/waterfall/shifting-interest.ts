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
  const n = spec.stepDownTests.delinquencyAverageMonths;
  const window = input.delinquencyHistory.slice(-n);
  const delinquencyAverage = window.length ? window.reduce((a, b) => a + b, 0) / window.length : 0;
  const delinquencyTest = delinquencyAverage < (spec.stepDownTests.delinquencyLimit / 100) * input.subordinateBalance;
  const lossLimit = scheduleValue(spec.stepDownTests.cumulativeLossLimits, input.month) ?? {
    index: 0,
    value: spec.stepDownTests.cumulativeLossLimits[0].value,
  };
  const lossTest = input.cumulativeRealizedLoss <= (lossLimit.value / 100) * input.originalSubordinateBalance + 1e-9;
  const tt = spec.twoTimesTest;
  const early = input.month < tt.cutoverMonth;
  const twoTimesLossLimit = ((early ? tt.lossLimitBefore : tt.lossLimitAfter) / 100) * input.originalSubordinateBalance;
  const twoTimesTest =
    input.originalSubordinatedPercentage > 0 &&
    input.subordinatedPercentage >= 2 * input.originalSubordinatedPercentage - 1e-12 &&
    delinquencyTest &&
    input.cumulativeRealizedLoss <= twoTimesLossLimit + 1e-9;
  return { delinquencyTest, delinquencyAverage, lossTest, twoTimesTest };
}

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
  const sp = input.seniorPercentage;
  const sub = 1 - sp;
  if (input.anySeniorAboveOriginal || sp > input.originalSeniorPercentage + 1e-12) return 1;
  if (input.tests.twoTimesTest) {
    return input.month < spec.twoTimesTest.cutoverMonth ? sp + (spec.twoTimesTest.subordinatedShareBefore / 100) * sub : sp;
  }
  const step = scheduleValue(spec.seniorPrepaymentSchedule, input.month);
  if (step === null) return 1;
  if (input.tests.delinquencyTest && input.tests.lossTest) return sp + (step.value / 100) * sub;
  if (step.index === 0) return 1;
  return sp + (spec.seniorPrepaymentSchedule[step.index - 1].value / 100) * sub;
}
