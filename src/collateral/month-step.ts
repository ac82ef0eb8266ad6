import type { ProjectionState } from "./projection-state.js";

/**
 * Slots of the per-group sums one month step produces (a Float64Array, so the
 * step returns them without allocating).
 */
export const SUM = {
  performingBegin: 0,
  foreclosureBegin: 1,
  newDefaults: 2,
  liquidated: 3,
  loss: 4,
  expectedAmortization: 5,
  actualAmortization: 6,
  amortizationFromDefaults: 7,
  prepayments: 8,
  interest: 9,
  fees: 10,
  defaultedInterest: 11,
  defaultedFees: 12,
  poBegin: 13,
  poScheduled: 14,
  poPrepayments: 15,
  poLiquidated: 16,
  poLoss: 17,
  nonDiscountBegin: 18,
  premiumStrip: 19,
} as const;
export const SUM_SLOTS = 20;

/** Slots of one sweep's loan sums (see the sweeps below). */
const KS = 0; // Σ survival × BAL at the start: performing balance
const KS1 = 1; // Σ survival × BAL after scheduled amortization
const KSC = 2; // Σ performing × monthly rate
const FC = 3; // Σ foreclosure balance at the start
const FCC = 4; // Σ foreclosure × monthly rate
const ADB = 5; // Σ liquidated balance
const LOSS = 6; // Σ min(severity × balance at default, liquidated balance)
const XAM = 7; // Σ scheduled principal of foreclosures less the liquidated: (foreclosure − adb) × (1 − r)
const PART_SLOTS = 8;

/**
 * One month (projection period t) of one loan group: STANDARDS.md §4 loan by loan,
 * in its order, summed into `sums`. The period's schedule events (resets, recasts,
 * maturities) have been applied before (`applyScheduleEvents`), so the loops only
 * read and write typed arrays.
 *
 * Within a segment the month's MDR and SMM are the same for every loan (the last
 * `lag` months of each loan's term excepted: loans are ordered by maturity, so those
 * form the segment's tail and run with MDR 0). The per-loan quantities are then
 * linear in a few sums: with k the survival count, s and s1 the schedule's BAL at
 * the start and after this month's scheduled amortization,
 *   performing = Σ k·s, newDefaults = MDR · Σ k·s, prepayments = SMM · Σ k·s1,
 *   actual amortization = (1 − MDR) · Σ k·(s − s1), expected interest = Σ k·s·c.
 */
export function stepMonth(st: ProjectionState, t: number, group: number, severity: number, sums: Float64Array, part: Float64Array): void {
  sums.fill(0);
  const lag = st.lag;
  const maturity = st.maturity;
  for (let seg = st.groupSegments[group]; seg < st.groupSegments[group + 1]; seg++) {
    const lo = st.segmentStart[seg];
    let live = st.segmentLiveEnd[seg];
    while (live > lo && maturity[live - 1] < t) live--;
    st.segmentLiveEnd[seg] = live;
    if (live === lo) continue;
    let defaulting = st.segmentDefaultEnd[seg];
    while (defaulting > lo && maturity[defaulting - 1] - lag < t) defaulting--;
    st.segmentDefaultEnd[seg] = defaulting;
    const row = st.segmentRowOffset[seg] + t;
    const mdr = st.mdr[row];
    let smm = st.smm[row];
    if (smm > 1 - mdr) smm = 1 - mdr;
    if (defaulting > lo) runSweep(st, lo, defaulting, mdr, smm, t, severity, part, sums, seg);
    if (live > defaulting) runSweep(st, defaulting, live, 0, smm, t, severity, part, sums, seg);
  }
}

function runSweep(
  st: ProjectionState,
  lo: number,
  hi: number,
  mdr: number,
  smm: number,
  t: number,
  severity: number,
  part: Float64Array,
  sums: Float64Array,
  seg: number,
): void {
  part.fill(0);
  if (st.lag === 0) sweepWithoutLag(st, lo, hi, 1 - mdr - smm, part);
  else if (st.advancing) sweepAdvancing(st, lo, hi, mdr, 1 - mdr - smm, (t % st.lag) * st.maturity.length, severity, part);
  else sweepNotAdvancing(st, lo, hi, mdr, 1 - mdr - smm, (t % st.lag) * st.maturity.length, part);
  addSweep(st, seg, mdr, smm, severity, part, sums);
}

/**
 * Zero lag: loans defaulting this month are liquidated this month at their balance at
 * default (adb = newDefaults), so nothing is ever in foreclosure.
 */
function sweepWithoutLag(st: ProjectionState, lo: number, hi: number, keep: number, part: Float64Array): void {
  const balances = st.balances;
  const terms = st.terms;
  let ks = 0, ks1 = 0, ksc = 0;
  for (let i = lo; i < hi; i++) {
    const j = 2 * i;
    const s = balances[j];
    const c = terms[j + 1];
    let amu = terms[j] - s * c;
    if (amu > s) amu = s;
    const s1 = s - amu;
    balances[j] = s1;
    const k = balances[j + 1];
    balances[j + 1] = k * keep;
    const perf = k * s;
    ks += perf;
    ks1 += k * s1;
    ksc += perf * c;
  }
  part[KS] = ks;
  part[KS1] = ks1;
  part[KSC] = ksc;
}

/**
 * A recovery lag with advancing: each loan's defaults wait `lag` months (a ring of
 * `lag` slots per loan) as a count on the loan's schedule, so they keep amortizing on
 * paper, and are liquidated at that balance: adb = count × BAL now. The ring is
 * slot-major (slot × loans + loan), so a month reads and writes one contiguous row.
 */
function sweepAdvancing(st: ProjectionState, lo: number, hi: number, mdr: number, keep: number, slotBase: number, severity: number, part: Float64Array): void {
  const balances = st.balances;
  const terms = st.terms;
  const foreclosure = st.foreclosure;
  const pipeCount = st.pipeCount;
  const pipeDollars = st.pipeDollars;
  let ks = 0, ks1 = 0, ksc = 0, fc = 0, fcc = 0, liquidated = 0, loss = 0, xam = 0;
  for (let i = lo; i < hi; i++) {
    const j = 2 * i;
    const s = balances[j];
    const c = terms[j + 1];
    let amu = terms[j] - s * c;
    if (amu > s) amu = s;
    const s1 = s - amu;
    balances[j] = s1;
    const k = balances[j + 1];
    balances[j + 1] = k * keep;
    const kf = foreclosure[i];
    const slot = slotBase + i;
    const kLiq = pipeCount[slot];
    const atDefault = pipeDollars[slot];
    const dk = k * mdr;
    pipeCount[slot] = dk;
    pipeDollars[slot] = dk * s;
    foreclosure[i] = kf + dk - kLiq;
    const perf = k * s;
    const fcBegin = kf * s;
    const adb = kLiq * s;
    let lossI = atDefault * severity;
    if (lossI > adb) lossI = adb;
    ks += perf;
    ks1 += k * s1;
    ksc += perf * c;
    fc += fcBegin;
    fcc += fcBegin * c;
    liquidated += adb;
    loss += lossI;
    xam += (kf - kLiq) * amu;
  }
  part[KS] = ks;
  part[KS1] = ks1;
  part[KSC] = ksc;
  part[FC] = fc;
  part[FCC] = fcc;
  part[ADB] = liquidated;
  part[LOSS] = loss;
  part[XAM] = xam;
}

/**
 * A recovery lag without advancing: defaults wait at their balance at default (in
 * dollars) and are liquidated at it.
 */
function sweepNotAdvancing(st: ProjectionState, lo: number, hi: number, mdr: number, keep: number, slotBase: number, part: Float64Array): void {
  const balances = st.balances;
  const terms = st.terms;
  const foreclosure = st.foreclosure;
  const pipeDollars = st.pipeDollars;
  let ks = 0, ks1 = 0, ksc = 0, fc = 0, fcc = 0, liquidated = 0, xam = 0;
  for (let i = lo; i < hi; i++) {
    const j = 2 * i;
    const s = balances[j];
    const c = terms[j + 1];
    let amu = terms[j] - s * c;
    if (amu > s) amu = s;
    const s1 = s - amu;
    balances[j] = s1;
    const k = balances[j + 1];
    balances[j + 1] = k * keep;
    const f = foreclosure[i];
    const slot = slotBase + i;
    const adb = pipeDollars[slot];
    const d = k * s * mdr;
    pipeDollars[slot] = d;
    foreclosure[i] = f + d - adb;
    const perf = k * s;
    ks += perf;
    ks1 += k * s1;
    ksc += perf * c;
    fc += f;
    fcc += f * c;
    liquidated += adb;
    // SF expected amortization counts foreclosures at the schedule's rate: (f − adb) × (1 − r).
    if (s > 0) xam += ((f - adb) * amu) / s;
  }
  part[KS] = ks;
  part[KS1] = ks1;
  part[KSC] = ksc;
  part[FC] = fc;
  part[FCC] = fcc;
  part[ADB] = liquidated;
  part[XAM] = xam;
}

/** Adds one sweep's sums, times the segment's scalars, to the group's month. */
function addSweep(st: ProjectionState, seg: number, mdr: number, smm: number, severity: number, part: Float64Array, sums: Float64Array): void {
  const perf = part[KS];
  const scheduledK = perf - part[KS1]; // Σ k × (s − s1)
  const defaults = mdr * perf;
  const prepaid = smm * part[KS1];
  const actualAm = (1 - mdr) * scheduledK;
  let fcBegin = 0, liquidated = defaults, loss = defaults * severity, expectedAm = actualAm, defaultAm = 0;
  if (st.lag > 0) {
    fcBegin = part[FC];
    liquidated = part[ADB];
    loss = st.advancing ? part[LOSS] : liquidated * severity;
    expectedAm = scheduledK + part[XAM];
    defaultAm = st.advancing ? mdr * scheduledK + part[XAM] : 0;
  }
  const begin = perf + fcBegin;
  const interest = part[KSC] + part[FCC];
  const fee = st.segmentFee[seg];
  sums[SUM.performingBegin] += perf;
  sums[SUM.foreclosureBegin] += fcBegin;
  sums[SUM.newDefaults] += defaults;
  sums[SUM.liquidated] += liquidated;
  sums[SUM.loss] += loss;
  sums[SUM.expectedAmortization] += expectedAm;
  sums[SUM.actualAmortization] += actualAm;
  sums[SUM.amortizationFromDefaults] += defaultAm;
  sums[SUM.prepayments] += prepaid;
  sums[SUM.interest] += interest;
  sums[SUM.fees] += fee * begin;
  sums[SUM.defaultedInterest] += mdr * part[KSC] + part[FCC];
  sums[SUM.defaultedFees] += fee * (defaults + fcBegin);
  const po = st.segmentPo[seg];
  if (po > 0) {
    sums[SUM.poBegin] += po * begin;
    sums[SUM.poScheduled] += po * (actualAm + defaultAm);
    sums[SUM.poPrepayments] += po * prepaid;
    sums[SUM.poLiquidated] += po * liquidated;
    sums[SUM.poLoss] += po * loss;
  } else {
    sums[SUM.nonDiscountBegin] += begin;
    sums[SUM.premiumStrip] += st.segmentSpread[seg] * begin;
  }
}

export const SWEEP_SLOTS = PART_SLOTS;
