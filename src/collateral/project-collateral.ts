import { valueAt } from "../core/vector.js";
import type { CollateralAssumptions } from "./assumptions.js";
import { checkedAssumptions } from "./assumptions.js";
import { buildCurveTables } from "./curve-tables.js";
import type { CollateralFlows, GroupCollateralFlows } from "./flows.js";
import { applyScheduleEvent, startSchedules } from "./loan-schedule.js";
import { groupRanges, orderTapeByGroup, type LoanTape } from "./loan-tape.js";
import { allocateGroupFlows, FLOW_SERIES, type MutableGroupFlows } from "./group-flows.js";

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
 * Loan-level and rep-line tapes run through the same loop. The loop works on
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
  let ranges = groupRanges(inputTape);
  const tape = ranges.length === 0 ? orderTapeByGroup(inputTape) : inputTape;
  if (ranges.length === 0) ranges = groupRanges(tape);
  let periods = options.periods ?? 0;
  if (options.periods === undefined) for (let i = 0; i < tape.size; i++) periods = Math.max(periods, tape.remainingTerm[i]);
  if (!Number.isInteger(periods) || periods < 0 || periods > 1200) {
    throw new RangeError(`periods: must be a whole number from 0 to 1200, got ${periods}`);
  }
  const n = tape.size;
  const lag = a.recoveryLag;
  const advancing = a.advancing;

  const ctx = startSchedules(tape, a.indices);
  const curves = buildCurveTables(tape, a, periods);
  const severity = new Float64Array(periods + 1);
  for (let t = 1; t <= periods; t++) severity[t] = valueAt(a.severity, t) / 100;

  // Per-loan state. Performing balance = survival × scheduledFactor; with advancing the
  // foreclosure balance is kept the same way (a count that amortizes with the schedule).
  const survival = Float64Array.from(tape.balance);
  const foreclosure = new Float64Array(n);
  const pipeCount = new Float64Array(lag > 0 && advancing ? n * lag : 0);
  const pipeDollars = new Float64Array(lag > 0 ? n * lag : 0);
  const lastDefaultPeriod = new Int32Array(n);
  const monthlyFee = new Float64Array(n);
  const stripSpread = new Float64Array(n);
  const rc = tape.requiredCoupon;
  for (let i = 0; i < n; i++) {
    lastDefaultPeriod[i] = tape.remainingTerm[i] - lag;
    monthlyFee[i] = tape.feeRate[i] / 1200;
    if (rc !== null && tape.isDiscount[i] === 0) stripSpread[i] = (tape.mortgageRate[i] - tape.feeRate[i] - rc) / 1200;
  }

  const groups: MutableGroupFlows[] = tape.groupIds.map((id) => allocateGroupFlows(id, periods));
  const S = ctx.schedules.scheduledFactor;
  const P = ctx.schedules.payment;
  const rate = ctx.schedules.monthlyRate;
  const nextEvent = ctx.schedules.nextEvent;
  const maturity = tape.remainingTerm;
  const po = tape.poFraction;
  const rowOffset = curves.rowOffset;
  const smmTable = curves.smm;
  const mdrTable = curves.mdr;

  for (let t = 1; t <= periods; t++) {
    const sev = severity[t];
    const slotInLag = lag > 0 ? t % lag : 0;
    for (let g = 0; g < groups.length; g++) {
      const out = groups[g];
      let perfBegin = 0, fcBegin = 0, defaults = 0, liquidated = 0, loss = 0;
      let expectedAm = 0, actualAm = 0, defaultAm = 0, prepaid = 0;
      let interest = 0, fees = 0, lostInterest = 0, lostFees = 0;
      let poBegin = 0, poScheduled = 0, poPrepaid = 0, poLiquidated = 0, poLoss = 0, ndBegin = 0, strip = 0;
      const hi = ranges[g + 1];
      for (let i = ranges[g]; i < hi; i++) {
        if (t > maturity[i]) continue;
        if (t === nextEvent[i]) applyScheduleEvent(ctx, i, t);
        const s = S[i];
        const c = rate[i];
        let amu = P[i] - s * c; // scheduled principal per unit of Cut-off Date balance
        if (amu > s) amu = s;
        else if (amu < 0) amu = 0;
        const s1 = s - amu;
        S[i] = s1;
        const row = rowOffset[i] + t;
        const m = t > lastDefaultPeriod[i] ? 0 : mdrTable[row];
        let q = smmTable[row];
        if (q > 1 - m) q = 1 - m;
        const k = survival[i];
        const perf = k * s;
        const dk = k * m;
        const d = dk * s;
        const pp = k * s1 * q;
        const am = (k - dk) * amu;
        survival[i] = k - dk - k * q;

        let fc0: number, adb: number, lossI: number, amDef: number, amExp: number;
        if (lag === 0) {
          fc0 = 0;
          adb = d;
          lossI = d * sev;
          amDef = 0;
          amExp = am;
        } else {
          const slot = i * lag + slotInLag;
          const dLag = pipeDollars[slot];
          pipeDollars[slot] = d;
          if (advancing) {
            const kf = foreclosure[i];
            const kLiq = pipeCount[slot];
            pipeCount[slot] = dk;
            fc0 = kf * s;
            adb = kLiq * s;
            amDef = (dk + kf - kLiq) * amu;
            amExp = (k + kf - kLiq) * amu;
            foreclosure[i] = kf + dk - kLiq;
          } else {
            fc0 = foreclosure[i];
            adb = dLag;
            amDef = 0;
            amExp = s > 0 ? am + ((d + fc0 - adb) * amu) / s : am;
            foreclosure[i] = fc0 + d - adb;
          }
          lossI = dLag * sev;
          if (lossI > adb) lossI = adb;
        }
        const begin = perf + fc0;
        const fee = monthlyFee[i];
        perfBegin += perf;
        fcBegin += fc0;
        defaults += d;
        liquidated += adb;
        loss += lossI;
        expectedAm += amExp;
        actualAm += am;
        defaultAm += amDef;
        prepaid += pp;
        interest += begin * c;
        fees += begin * fee;
        lostInterest += (d + fc0) * c;
        lostFees += (d + fc0) * fee;
        const w = po[i];
        if (w > 0) {
          poBegin += w * begin;
          poScheduled += w * (am + amDef);
          poPrepaid += w * pp;
          poLiquidated += w * adb;
          poLoss += w * lossI;
        } else {
          ndBegin += begin;
          strip += begin * stripSpread[i];
        }
      }
      const x = t - 1;
      const begin = perfBegin + fcBegin;
      out.beginBalance[x] = begin;
      if (x > 0) {
        // The start of period t is the end of period t − 1.
        out.endBalance[x - 1] = begin;
        out.performingBalance[x - 1] = perfBegin;
        out.foreclosureBalance[x - 1] = fcBegin;
        out.poEndBalance[x - 1] = poBegin;
        out.nonDiscountEndBalance[x - 1] = ndBegin;
      }
      out.scheduledPrincipal[x] = actualAm + defaultAm;
      out.prepayments[x] = prepaid;
      out.newDefaults[x] = defaults;
      out.liquidatedBalance[x] = liquidated;
      out.liquidationPrincipal[x] = liquidated - loss;
      out.realizedLoss[x] = loss;
      out.interest[x] = advancing ? interest : interest - lostInterest;
      out.lostInterest[x] = advancing ? 0 : lostInterest;
      out.fees[x] = fees;
      out.netRateWeightedBalance[x] = 1200 * (interest - fees);
      out.grossRateWeightedBalance[x] = 1200 * interest;
      out.poBeginBalance[x] = poBegin;
      out.poScheduledPrincipal[x] = poScheduled;
      out.poPrepayments[x] = poPrepaid;
      out.poLiquidatedBalance[x] = poLiquidated;
      out.poLiquidationPrincipal[x] = poLiquidated - poLoss;
      out.poRealizedLoss[x] = poLoss;
      out.nonDiscountBeginBalance[x] = ndBegin;
      out.premiumStripInterest[x] = strip;
      out.expectedAmortization[x] = expectedAm;
      out.actualAmortization[x] = actualAm;
      out.amortizationFromDefaults[x] = defaultAm;
      out.expectedInterest[x] = interest;
      out.defaultedLoanInterest[x] = lostInterest;
      out.expectedNetInterest[x] = interest - fees;
      out.defaultedLoanNetInterest[x] = lostInterest - lostFees;
    }
  }

  // Balances after the last period, from the loans' final state.
  for (let g = 0; g < groups.length && periods > 0; g++) {
    const out = groups[g];
    let perfEnd = 0, fcEnd = 0, poEnd = 0, ndEnd = 0;
    for (let i = ranges[g]; i < ranges[g + 1]; i++) {
      const perf = survival[i] * S[i];
      const fc = advancing ? foreclosure[i] * S[i] : foreclosure[i];
      perfEnd += perf;
      fcEnd += fc;
      if (po[i] > 0) poEnd += po[i] * (perf + fc);
      else ndEnd += perf + fc;
    }
    const x = periods - 1;
    out.endBalance[x] = perfEnd + fcEnd;
    out.performingBalance[x] = perfEnd;
    out.foreclosureBalance[x] = fcEnd;
    out.poEndBalance[x] = poEnd;
    out.nonDiscountEndBalance[x] = ndEnd;
  }
  for (let g = 0; g < groups.length; g++) snapNoise(groups[g], tape, ranges[g], ranges[g + 1]);
  return { periods, advancing, groups: groups as GroupCollateralFlows[] };
}

/**
 * Sets to zero what is float noise: sums whose size is below 1e-12 of the group's
 * Cut-off Date balance (e.g. a foreclosure balance of −1e-11 after the last
 * liquidation), so reports never show "−0.00".
 */
function snapNoise(out: MutableGroupFlows, tape: LoanTape, lo: number, hi: number): void {
  let cutoff = 0;
  for (let i = lo; i < hi; i++) cutoff += tape.balance[i];
  const tiny = 1e-12 * cutoff;
  for (const key of FLOW_SERIES) {
    const series = out[key];
    for (let x = 0; x < series.length; x++) if (series[x] !== 0 && Math.abs(series[x]) < tiny) series[x] = 0;
  }
}
