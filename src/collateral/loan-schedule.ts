import type { PeriodVector } from "../core/vector.js";
import { valueAt } from "../core/vector.js";
import { armResetRate, type ArmReset, type ArmResetTerms } from "./arm-reset.js";
import { amortizingPayment } from "./level-pay.js";
import type { LoanTape } from "./loan-tape.js";

/**
 * Each loan's amortization schedule per unit of its Cut-off Date balance (SF-3's
 * BAL, here the BAL factor in `balances`), carried month to month without a power: the level
 * payment stays fixed between events, and the scheduled principal of a month is
 * payment − factor × monthly rate. Prepayments and defaults remove whole loans,
 * so they scale the performing balance (kept by the projection as a survival
 * count) and never touch this schedule.
 *
 * Events are the months whose payment changes: an ARM reset (rate and payment
 * recast to amortize the balance over the remaining term, 2006-HY12 §3), the end
 * of an interest-only period (recast over the remaining term), and maturity (the
 * balance is paid off). Only events call `Math.pow`.
 */
export interface LoanSchedules {
  /**
   * Two numbers per loan, side by side so a month's loop reads one cache line:
   * [2i] the BAL factor at the start of the coming period (1 at the Cut-off Date),
   * [2i + 1] the projection's survival count (performing balance = count × BAL;
   * the Cut-off Date balance to start with).
   */
  readonly balances: Float64Array;
  /**
   * [2i] the monthly payment per unit of Cut-off Date balance (interest only during an
   * IO period), [2i + 1] the current Mortgage Rate / 1200.
   */
  readonly terms: Float64Array;
  /** Current Mortgage Rate, percent. */
  readonly mortgageRate: Float64Array;
  /** The next projection period whose payment changes (event), or maturity. */
  readonly nextEvent: Int32Array;
}

export interface ScheduleContext {
  readonly tape: LoanTape;
  readonly schedules: LoanSchedules;
  /**
   * Loans by the period of their next event, as linked lists: `eventHead[t]` is the
   * first loan with an event in period t (−1: none), `eventLink[i]` the next one.
   * Events are applied before a period's loop, so the loop itself never calls out.
   */
  readonly eventHead: Int32Array;
  readonly eventLink: Int32Array;
  /** Index paths in `tape.indexNames` order. */
  readonly indexPaths: readonly PeriodVector[];
  readonly terms: ArmResetTerms;
  readonly reset: ArmReset;
}

/** Starts every loan's schedule at the Cut-off Date. Throws if an ARM's index has no path. */
export function startSchedules(tape: LoanTape, indices: Readonly<Record<string, PeriodVector>>, periods: number): ScheduleContext {
  const n = tape.size;
  const indexPaths = tape.indexNames.map((name) => {
    const path = indices[name];
    if (path === undefined || path.length === 0) {
      throw new RangeError(`ARM index ${name}: the scenario gives no path and the deal no default level (collateral.defaultIndices)`);
    }
    return path;
  });
  const schedules: LoanSchedules = {
    balances: new Float64Array(2 * n),
    terms: new Float64Array(2 * n),
    mortgageRate: new Float64Array(n),
    nextEvent: new Int32Array(n),
  };
  const ctx: ScheduleContext = {
    tape,
    schedules,
    eventHead: new Int32Array(periods + 2).fill(-1),
    eventLink: new Int32Array(n).fill(-1),
    indexPaths,
    terms: { margin: 0, rounding: 0.125, roundingMethod: 0, initialCap: 0, periodicCap: 0, lifetimeCap: 0, floor: 0, startRate: 0 },
    reset: { index: 0, previousRate: 0, first: false },
  };
  for (let i = 0; i < n; i++) {
    const rate = tape.mortgageRate[i];
    const c = rate / 1200;
    schedules.mortgageRate[i] = rate;
    schedules.terms[2 * i + 1] = c;
    schedules.balances[2 * i] = 1;
    schedules.balances[2 * i + 1] = tape.balance[i];
    const remaining = tape.remainingTerm[i];
    schedules.terms[2 * i] = tape.age[i] < tape.interestOnlyMonths[i] && remaining > 1 ? c : amortizingPayment(1, c, remaining);
    schedules.nextEvent[i] = nextEventPeriod(tape, i, 0);
    enqueue(ctx, i);
  }
  return ctx;
}

/** Applies every event of period t (see `applyScheduleEvent`), before the period's loop. */
export function applyScheduleEvents(ctx: ScheduleContext, t: number): void {
  let i = ctx.eventHead[t];
  ctx.eventHead[t] = -1;
  while (i >= 0) {
    const next = ctx.eventLink[i];
    applyScheduleEvent(ctx, i, t);
    enqueue(ctx, i);
    i = next;
  }
}

function enqueue(ctx: ScheduleContext, i: number): void {
  const t = ctx.schedules.nextEvent[i];
  if (t >= ctx.eventHead.length) return;
  ctx.eventLink[i] = ctx.eventHead[t];
  ctx.eventHead[t] = i;
}

/**
 * Applies loan i's event at the start of projection period t (the month from loan
 * age a = age + t − 1 to a + 1): a reset at age a sets the rate for this month
 * from the index of period t; the payment is then recast as the period requires.
 */
export function applyScheduleEvent(ctx: ScheduleContext, i: number, t: number): void {
  const { tape, schedules } = ctx;
  const ageAtStart = tape.age[i] + t - 1;
  const monthsLeft = tape.remainingTerm[i] - t + 1;
  const io = tape.interestOnlyMonths[i];
  const arm = tape.arm;
  let rateChanged = false;
  const x = arm.indexId[i];
  if (x >= 0 && isResetAge(ageAtStart, arm.firstResetAge[i], arm.resetFrequency[i])) {
    const terms = ctx.terms;
    terms.margin = arm.margin[i];
    terms.rounding = arm.rounding[i];
    terms.roundingMethod = arm.roundingMethod[i];
    terms.initialCap = arm.initialCap[i];
    terms.periodicCap = arm.periodicCap[i];
    terms.lifetimeCap = arm.lifetimeCap[i];
    terms.floor = arm.floor[i];
    terms.startRate = arm.startRate[i];
    const reset = ctx.reset;
    reset.index = valueAt(ctx.indexPaths[x], t);
    reset.previousRate = schedules.mortgageRate[i];
    reset.first = ageAtStart === arm.firstResetAge[i];
    const rate = armResetRate(terms, reset);
    rateChanged = rate !== schedules.mortgageRate[i];
    schedules.mortgageRate[i] = rate;
    schedules.terms[2 * i + 1] = rate / 1200;
  }
  const c = schedules.terms[2 * i + 1];
  const factor = schedules.balances[2 * i];
  if (monthsLeft <= 1) schedules.terms[2 * i] = factor * (1 + c);
  else if (ageAtStart < io) schedules.terms[2 * i] = factor * c;
  else if (rateChanged || ageAtStart === io) schedules.terms[2 * i] = amortizingPayment(factor, c, monthsLeft);
  schedules.nextEvent[i] = nextEventPeriod(tape, i, t);
}

function isResetAge(age: number, first: number, frequency: number): boolean {
  return age >= first && (age - first) % frequency === 0;
}

/** The first projection period after `t` with an event for loan i (maturity at the latest). */
export function nextEventPeriod(tape: LoanTape, i: number, t: number): number {
  const age = tape.age[i];
  let next = tape.remainingTerm[i];
  const ioEnd = tape.interestOnlyMonths[i] - age + 1;
  if (tape.interestOnlyMonths[i] > 0 && ioEnd > t && ioEnd < next) next = ioEnd;
  if (tape.arm.indexId[i] >= 0) {
    const first = tape.arm.firstResetAge[i];
    const frequency = tape.arm.resetFrequency[i];
    const from = age + t; // the smallest reset age whose period is after t
    const resetAge = from <= first ? first : first + Math.ceil((from - first) / frequency) * frequency;
    const period = resetAge - age + 1;
    if (period < next) next = period;
  }
  return next;
}
