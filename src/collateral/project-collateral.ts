import { valueAt } from "../core/vector.js";
import type { CollateralAssumptions } from "./assumptions.js";
import { checkedAssumptions } from "./assumptions.js";
import { buildCurveTables, curvesDependOnAge } from "./curve-tables.js";
import type { CollateralFlows, GroupCollateralFlows } from "./flows.js";
import { applyScheduleEvents, startSchedules } from "./loan-schedule.js";
import { stepMonth, SUM, SUM_SLOTS } from "./month-step.js";
import { ProjectionState } from "./projection-state.js";
import { groupRanges, permuteTape, type LoanTape } from "./loan-tape.js";
import { projectionOrder } from "./projection-order.js";
import { allocateGroupFlows, snapNoise, type MutableGroupFlows } from "./group-flows.js";

export interface ProjectCollateralOptions {
  /** Projection periods; default: the longest remaining term on the tape. */
  readonly periods?: number;
}

/**
 * Projects every loan of the tape under the assumptions and sums the cash flows
 * by loan group and period: SIFMA's standard cash flow with defaults (SF-17 to
 * SF-22, STANDARDS.md §4), loan by loan, each at its own Mortgage Rate, age and
 * schedule. Each month, in this order:
 *
 *   newDefaults   = performing(i−1) × MDR(i)                   (none in the last `lag` months of the loan's term)
 *   adb           = the loans defaulted in month i−lag, at their balance now
 *                   (amortized on paper while advanced; as they defaulted if not)
 *   scheduled amortization on performing + foreclosure − adb, at r(i) of the loan's schedule
 *   prepayments   = performing(i−1) × r(i) × SMM(i)            (after scheduled amortization)
 *   loss          = min(newDefaults(i−lag) × severity, adb); recovery = adb − loss
 *
 * and the performing balance survives by r × (1 − MDR − SMM). Principal to the
 * trust = actual amortization + amortization from defaults (when advancing) +
 * prepayments + recovery; interest = expected interest when advancing, actual
 * (expected − interest on defaulted loans) when not; fees = Expense Fee Rate / 12
 * × the Stated Principal Balance at the start (performing + foreclosure). SMM is
 * capped at 1 − MDR so a month never removes more than the performing balance.
 *
 * Loans run in an order of the kernel's choosing (`projection-order.ts`); the sums
 * by group do not depend on it. Loan-level and rep-line tapes run through the same loop. The loop works on
 * typed arrays, allocates nothing, and carries each loan's level payment by
 * survival factors (`loan-schedule.ts`); `Math.pow` runs only at ARM resets and
 * interest-only recasts. Pure: no I/O.
 */
export function projectCollateral(
  inputTape: LoanTape,
  assumptions: CollateralAssumptions,
  options: ProjectCollateralOptions = {},
): CollateralFlows {
  const a = checkedAssumptions(assumptions);
  let periods = options.periods ?? 0;
  if (options.periods === undefined) for (let i = 0; i < inputTape.size; i++) periods = Math.max(periods, inputTape.remainingTerm[i]);
  if (!Number.isInteger(periods) || periods < 0 || periods > 1200) {
    throw new RangeError(`periods: must be a whole number from 0 to 1200, got ${periods}`);
  }
  const order = projectionOrder(inputTape, curvesDependOnAge(a));
  const tape = order === null ? inputTape : permuteTape(inputTape, order, { workingCopy: true });
  const ranges = groupRanges(tape);
  const ctx = startSchedules(tape, a.indices, periods);
  const curves = buildCurveTables(tape, a, periods);
  const st = new ProjectionState(tape, ctx, curves, a.recoveryLag, a.advancing);
  const advancing = a.advancing;
  const groups: MutableGroupFlows[] = tape.groupIds.map((id) => allocateGroupFlows(id, periods));
  const sums = new Float64Array(SUM_SLOTS);

  for (let t = 1; t <= periods; t++) {
    const severity = valueAt(a.severity, t) / 100;
    applyScheduleEvents(ctx, t);
    for (let g = 0; g < groups.length; g++) {
      stepMonth(st, t, g, severity, sums);
      recordMonth(groups[g], t - 1, sums, advancing);
    }
  }

  // Balances after the last period, from the loans' final state.
  for (let g = 0; g < groups.length && periods > 0; g++) {
    const out = groups[g];
    let perfEnd = 0, fcEnd = 0, poEnd = 0, ndEnd = 0;
    for (let i = ranges[g]; i < ranges[g + 1]; i++) {
      const bal = st.balances[2 * i];
      const perf = st.balances[2 * i + 1] * bal;
      const fc = advancing ? st.foreclosure[i] * bal : st.foreclosure[i];
      perfEnd += perf;
      fcEnd += fc;
      if (tape.poFraction[i] > 0) poEnd += tape.poFraction[i] * (perf + fc);
      else ndEnd += perf + fc;
    }
    const x = periods - 1;
    out.endBalance[x] = perfEnd + fcEnd;
    out.performingBalance[x] = perfEnd;
    out.foreclosureBalance[x] = fcEnd;
    out.poEndBalance[x] = poEnd;
    out.nonDiscountEndBalance[x] = ndEnd;
  }
  for (let g = 0; g < groups.length; g++) snapGroupNoise(groups[g], tape, ranges[g], ranges[g + 1]);
  return { periods, advancing, groups: groups as GroupCollateralFlows[] };
}

/** Writes one month's sums into the group's series (index x = period − 1). */
function recordMonth(out: MutableGroupFlows, x: number, sums: Float64Array, advancing: boolean): void {
  const perfBegin = sums[SUM.performingBegin];
  const fcBegin = sums[SUM.foreclosureBegin];
  const begin = perfBegin + fcBegin;
  const interest = sums[SUM.interest];
  const fees = sums[SUM.fees];
  const lostInterest = sums[SUM.defaultedInterest];
  const liquidated = sums[SUM.liquidated];
  const poLiquidated = sums[SUM.poLiquidated];
  out.beginBalance[x] = begin;
  if (x > 0) {
    // The start of period t is the end of period t − 1.
    out.endBalance[x - 1] = begin;
    out.performingBalance[x - 1] = perfBegin;
    out.foreclosureBalance[x - 1] = fcBegin;
    out.poEndBalance[x - 1] = sums[SUM.poBegin];
    out.nonDiscountEndBalance[x - 1] = sums[SUM.nonDiscountBegin];
  }
  out.scheduledPrincipal[x] = sums[SUM.actualAmortization] + sums[SUM.amortizationFromDefaults];
  out.prepayments[x] = sums[SUM.prepayments];
  out.newDefaults[x] = sums[SUM.newDefaults];
  out.liquidatedBalance[x] = liquidated;
  out.liquidationPrincipal[x] = liquidated - sums[SUM.loss];
  out.realizedLoss[x] = sums[SUM.loss];
  out.interest[x] = advancing ? interest : interest - lostInterest;
  out.lostInterest[x] = advancing ? 0 : lostInterest;
  out.fees[x] = fees;
  out.netRateWeightedBalance[x] = 1200 * (interest - fees);
  out.grossRateWeightedBalance[x] = 1200 * interest;
  out.poBeginBalance[x] = sums[SUM.poBegin];
  out.poScheduledPrincipal[x] = sums[SUM.poScheduled];
  out.poPrepayments[x] = sums[SUM.poPrepayments];
  out.poLiquidatedBalance[x] = poLiquidated;
  out.poLiquidationPrincipal[x] = poLiquidated - sums[SUM.poLoss];
  out.poRealizedLoss[x] = sums[SUM.poLoss];
  out.nonDiscountBeginBalance[x] = sums[SUM.nonDiscountBegin];
  out.premiumStripInterest[x] = sums[SUM.premiumStrip];
  out.expectedAmortization[x] = sums[SUM.expectedAmortization];
  out.actualAmortization[x] = sums[SUM.actualAmortization];
  out.amortizationFromDefaults[x] = sums[SUM.amortizationFromDefaults];
  out.expectedInterest[x] = interest;
  out.defaultedLoanInterest[x] = lostInterest;
  out.expectedNetInterest[x] = interest - fees;
  out.defaultedLoanNetInterest[x] = lostInterest - sums[SUM.defaultedFees];
}

/** Snaps float noise below 1e-12 of the group's Cut-off Date balance (`snapNoise`). */
function snapGroupNoise(out: MutableGroupFlows, tape: LoanTape, lo: number, hi: number): void {
  let cutoff = 0;
  for (let i = lo; i < hi; i++) cutoff += tape.balance[i];
  snapNoise(out, 1e-12 * cutoff);
}
