import type { CurveTables } from "./curve-tables.js";
import type { ScheduleContext } from "./loan-schedule.js";
import type { LoanTape } from "./loan-tape.js";

/**
 * The per-loan state of a projection in typed arrays (fixed shape, so the monthly
 * loops stay monomorphic). The performing balance of loan i is survival × BAL
 * (`balances[2i + 1] × balances[2i]`): prepayments and defaults scale the survival
 * count, the schedule (SF-3 BAL) amortizes. With advancing the foreclosure
 * balance is a count on the same schedule (it keeps amortizing on paper);
 * without, it is dollars (frozen at the balance at default).
 *
 * Loans are grouped into segments: runs of loans of one group that share the
 * month's SMM and MDR (same curve row), the Expense Fee Rate, the PO Percentage
 * and the premium-strip spread, ordered by maturity, latest first. Inside a
 * segment those are scalars, so the monthly loop only carries what differs by
 * loan (balance, schedule, rate); fees, PO and strip amounts are the segment's
 * sums times its scalars. Matured loans fall off the end of their segment.
 */
export class ProjectionState {
  /** [2i] BAL factor, [2i + 1] survival count (see `LoanSchedules`). */
  readonly balances: Float64Array;
  /** [2i] payment per unit of Cut-off Date balance, [2i + 1] monthly rate. */
  readonly terms: Float64Array;
  readonly foreclosure: Float64Array;
  /** Defaults of the last `lag` months (a ring of `lag` rows of one slot per loan: row × loans + loan): counts (advancing) ... */
  readonly pipeCount: Float64Array;
  /** ... and dollars at default (severity applies to these). */
  readonly pipeDollars: Float64Array;
  readonly maturity: Int32Array;

  /** Segments of group g are [groupSegments[g], groupSegments[g + 1]). */
  readonly groupSegments: Int32Array;
  readonly segmentStart: Int32Array;
  /** End of the segment's loans not yet matured (shrinks as loans mature). */
  readonly segmentLiveEnd: Int32Array;
  /** End of the segment's loans that may still default (maturity − lag ≥ the period). */
  readonly segmentDefaultEnd: Int32Array;
  readonly segmentRowOffset: Int32Array;
  readonly segmentFee: Float64Array;
  readonly segmentPo: Float64Array;
  readonly segmentSpread: Float64Array;
  readonly smm: Float64Array;
  readonly mdr: Float64Array;

  constructor(
    tape: LoanTape,
    readonly schedule: ScheduleContext,
    curves: CurveTables,
    readonly lag: number,
    readonly advancing: boolean,
  ) {
    const n = tape.size;
    this.balances = schedule.schedules.balances;
    this.terms = schedule.schedules.terms;
    this.foreclosure = new Float64Array(n);
    this.pipeCount = new Float64Array(lag > 0 && advancing ? n * lag : 0);
    this.pipeDollars = new Float64Array(lag > 0 ? n * lag : 0);
    this.maturity = tape.remainingTerm;
    this.smm = curves.smm;
    this.mdr = curves.mdr;

    const fee = (i: number) => tape.feeRate[i] / 1200;
    const rc = tape.requiredCoupon;
    const spread = (i: number) => (rc !== null && tape.isDiscount[i] === 0 ? (tape.mortgageRate[i] - tape.feeRate[i] - rc) / 1200 : 0);
    const starts: number[] = [];
    const groupSegments = new Int32Array(tape.groupIds.length + 1);
    for (let i = 0; i < n; i++) {
      const same =
        i > 0 &&
        tape.groupIndex[i] === tape.groupIndex[i - 1] &&
        curves.rowOffset[i] === curves.rowOffset[i - 1] &&
        fee(i) === fee(i - 1) &&
        tape.poFraction[i] === tape.poFraction[i - 1] &&
        spread(i) === spread(i - 1);
      if (!same) starts.push(i);
    }
    const count = starts.length;
    this.segmentStart = Int32Array.from(starts);
    this.segmentLiveEnd = new Int32Array(count);
    this.segmentDefaultEnd = new Int32Array(count);
    this.segmentRowOffset = new Int32Array(count);
    this.segmentFee = new Float64Array(count);
    this.segmentPo = new Float64Array(count);
    this.segmentSpread = new Float64Array(count);
    for (let k = 0; k < count; k++) {
      const i = starts[k];
      this.segmentLiveEnd[k] = k + 1 < count ? starts[k + 1] : n;
      this.segmentDefaultEnd[k] = this.segmentLiveEnd[k];
      this.segmentRowOffset[k] = curves.rowOffset[i];
      this.segmentFee[k] = fee(i);
      this.segmentPo[k] = tape.poFraction[i];
      this.segmentSpread[k] = spread(i);
      groupSegments[tape.groupIndex[i] + 1] = k + 1;
    }
    for (let g = 1; g < groupSegments.length; g++) groupSegments[g] = Math.max(groupSegments[g], groupSegments[g - 1]);
    this.groupSegments = groupSegments;
  }
}
