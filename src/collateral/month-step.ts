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
 * the start and after this month's scheduled amortization, c the monthly rate,
 *   performing = Σ k·s, newDefaults = MDR · Σ k·s, prepayments = SMM · Σ k·s1,
 *   actual amortization = (1 − MDR) · Σ k·(s − s1), expected interest = Σ k·s·c,
 * and fees, PO and premium-strip amounts are those sums times the segment's rates.
 */
export function stepMonth(st: ProjectionState, t: number, group: number, severity: number, sums: Float64Array): void {
  advanceSegmentEnds(st, t, group);
  if (st.lag === 0) monthWithoutLag(st, t, group, severity, sums);
  else if (st.advancing) monthAdvancing(st, t, group, severity, sums);
  else monthNotAdvancing(st, t, group, severity, sums);
}

/** Drops loans past maturity (and, for new defaults, within `lag` months of it) off the end of each segment. */
function advanceSegmentEnds(st: ProjectionState, t: number, group: number): void {
  const maturity = st.maturity;
  const lag = st.lag;
  for (let seg = st.groupSegments[group]; seg < st.groupSegments[group + 1]; seg++) {
    const lo = st.segmentStart[seg];
    let live = st.segmentLiveEnd[seg];
    while (live > lo && maturity[live - 1] < t) live--;
    st.segmentLiveEnd[seg] = live;
    let defaulting = st.segmentDefaultEnd[seg];
    if (defaulting > live) defaulting = live;
    while (defaulting > lo && maturity[defaulting - 1] - lag < t) defaulting--;
    st.segmentDefaultEnd[seg] = defaulting;
  }
}

/** The month's SMM for a segment, capped at 1 − MDR so a month never removes more than the performing balance. */
function cappedSmm(smm: number, mdr: number): number {
  return smm > 1 - mdr ? 1 - mdr : smm;
}

/**
 * Zero lag: loans defaulting this month are liquidated this month at their balance at
 * default (adb = newDefaults, loss = severity × newDefaults), so nothing is ever in
 * foreclosure and expected amortization = actual amortization.
 */
function monthWithoutLag(st: ProjectionState, t: number, group: number, severity: number, sums: Float64Array): void {
  const balances = st.balances;
  const terms = st.terms;
  let perfBegin = 0, defaults = 0, actualAm = 0, prepaid = 0, interest = 0, lostInterest = 0, fees = 0, lostFees = 0;
  let poBegin = 0, poScheduled = 0, poPrepaid = 0, poDefaults = 0, ndBegin = 0, strip = 0;
  for (let seg = st.groupSegments[group]; seg < st.groupSegments[group + 1]; seg++) {
    const lo = st.segmentStart[seg];
    const hi = st.segmentLiveEnd[seg];
    if (hi === lo) continue;
    const row = st.segmentRowOffset[seg] + t;
    const mdr = st.mdr[row];
    const smm = cappedSmm(st.smm[row], mdr);
    const keep = 1 - mdr - smm;
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
    const d = mdr * ks;
    const pp = smm * ks1;
    const am = (1 - mdr) * (ks - ks1);
    const fee = st.segmentFee[seg];
    perfBegin += ks;
    defaults += d;
    actualAm += am;
    prepaid += pp;
    interest += ksc;
    lostInterest += mdr * ksc;
    fees += fee * ks;
    lostFees += fee * d;
    const po = st.segmentPo[seg];
    if (po > 0) {
      poBegin += po * ks;
      poScheduled += po * am;
      poPrepaid += po * pp;
      poDefaults += po * d;
    } else {
      ndBegin += ks;
      strip += st.segmentSpread[seg] * ks;
    }
  }
  sums.fill(0);
  sums[SUM.performingBegin] = perfBegin;
  sums[SUM.newDefaults] = defaults;
  sums[SUM.liquidated] = defaults;
  sums[SUM.loss] = severity * defaults;
  sums[SUM.expectedAmortization] = actualAm;
  sums[SUM.actualAmortization] = actualAm;
  sums[SUM.prepayments] = prepaid;
  sums[SUM.interest] = interest;
  sums[SUM.fees] = fees;
  sums[SUM.defaultedInterest] = lostInterest;
  sums[SUM.defaultedFees] = lostFees;
  sums[SUM.poBegin] = poBegin;
  sums[SUM.poScheduled] = poScheduled;
  sums[SUM.poPrepayments] = poPrepaid;
  sums[SUM.poLiquidated] = poDefaults;
  sums[SUM.poLoss] = severity * poDefaults;
  sums[SUM.nonDiscountBegin] = ndBegin;
  sums[SUM.premiumStrip] = strip;
}

/**
 * A recovery lag with advancing: each loan's defaults wait `lag` months as a count on
 * the loan's schedule (a ring of `lag` rows, slot-major: row × loans + loan), so they
 * keep amortizing on paper, and are liquidated at that balance: adb = count × BAL now;
 * loss = min(severity × balance at default, adb).
 */
function monthAdvancing(st: ProjectionState, t: number, group: number, severity: number, sums: Float64Array): void {
  const balances = st.balances;
  const terms = st.terms;
  const foreclosure = st.foreclosure;
  const pipeCount = st.pipeCount;
  const pipeDollars = st.pipeDollars;
  const slotBase = (t % st.lag) * st.maturity.length;
  let perfBegin = 0, fcBegin = 0, defaults = 0, liquidated = 0, loss = 0, expectedAm = 0, actualAm = 0, defaultAm = 0, prepaid = 0;
  let interest = 0, lostInterest = 0, fees = 0, lostFees = 0;
  let poBegin = 0, poScheduled = 0, poPrepaid = 0, poLiquidated = 0, poLoss = 0, ndBegin = 0, strip = 0;
  for (let seg = st.groupSegments[group]; seg < st.groupSegments[group + 1]; seg++) {
    const lo = st.segmentStart[seg];
    const live = st.segmentLiveEnd[seg];
    const defaulting = st.segmentDefaultEnd[seg];
    const row = st.segmentRowOffset[seg] + t;
    const segmentMdr = st.mdr[row];
    const fee = st.segmentFee[seg];
    const po = st.segmentPo[seg];
    // Pass 0: loans that may default; pass 1: loans within `lag` months of maturity (MDR 0).
    for (let pass = 0; pass < 2; pass++) {
      const from = pass === 0 ? lo : defaulting;
      const to = pass === 0 ? defaulting : live;
      if (to === from) continue;
      const mdr = pass === 0 ? segmentMdr : 0;
      const smm = cappedSmm(st.smm[row], mdr);
      const keep = 1 - mdr - smm;
      let ks = 0, ks1 = 0, ksc = 0, fc = 0, fcc = 0, adb = 0, lossSum = 0, xam = 0;
      for (let i = from; i < to; i++) {
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
        const fcI = kf * s;
        const adbI = kLiq * s;
        let lossI = atDefault * severity;
        if (lossI > adbI) lossI = adbI;
        ks += perf;
        ks1 += k * s1;
        ksc += perf * c;
        fc += fcI;
        fcc += fcI * c;
        adb += adbI;
        lossSum += lossI;
        xam += (kf - kLiq) * amu; // (foreclosure − liquidated) × (1 − r), in counts
      }
      const scheduledK = ks - ks1;
      const d = mdr * ks;
      const pp = smm * ks1;
      const am = (1 - mdr) * scheduledK;
      const amDef = mdr * scheduledK + xam;
      const begin = ks + fc;
      perfBegin += ks;
      fcBegin += fc;
      defaults += d;
      liquidated += adb;
      loss += lossSum;
      expectedAm += scheduledK + xam;
      actualAm += am;
      defaultAm += amDef;
      prepaid += pp;
      interest += ksc + fcc;
      lostInterest += mdr * ksc + fcc;
      fees += fee * begin;
      lostFees += fee * (d + fc);
      if (po > 0) {
        poBegin += po * begin;
        poScheduled += po * (am + amDef);
        poPrepaid += po * pp;
        poLiquidated += po * adb;
        poLoss += po * lossSum;
      } else {
        ndBegin += begin;
        strip += st.segmentSpread[seg] * begin;
      }
    }
  }
  sums[SUM.performingBegin] = perfBegin;
  sums[SUM.foreclosureBegin] = fcBegin;
  sums[SUM.newDefaults] = defaults;
  sums[SUM.liquidated] = liquidated;
  sums[SUM.loss] = loss;
  sums[SUM.expectedAmortization] = expectedAm;
  sums[SUM.actualAmortization] = actualAm;
  sums[SUM.amortizationFromDefaults] = defaultAm;
  sums[SUM.prepayments] = prepaid;
  sums[SUM.interest] = interest;
  sums[SUM.fees] = fees;
  sums[SUM.defaultedInterest] = lostInterest;
  sums[SUM.defaultedFees] = lostFees;
  sums[SUM.poBegin] = poBegin;
  sums[SUM.poScheduled] = poScheduled;
  sums[SUM.poPrepayments] = poPrepaid;
  sums[SUM.poLiquidated] = poLiquidated;
  sums[SUM.poLoss] = poLoss;
  sums[SUM.nonDiscountBegin] = ndBegin;
  sums[SUM.premiumStrip] = strip;
}

/**
 * A recovery lag without advancing: defaults wait at their balance at default (in
 * dollars) and are liquidated at it; loss = severity × that balance.
 */
function monthNotAdvancing(st: ProjectionState, t: number, group: number, severity: number, sums: Float64Array): void {
  const balances = st.balances;
  const terms = st.terms;
  const foreclosure = st.foreclosure;
  const pipeDollars = st.pipeDollars;
  const slotBase = (t % st.lag) * st.maturity.length;
  let perfBegin = 0, fcBegin = 0, defaults = 0, liquidated = 0, expectedAm = 0, actualAm = 0, prepaid = 0;
  let interest = 0, lostInterest = 0, fees = 0, lostFees = 0;
  let poBegin = 0, poScheduled = 0, poPrepaid = 0, poLiquidated = 0, ndBegin = 0, strip = 0;
  for (let seg = st.groupSegments[group]; seg < st.groupSegments[group + 1]; seg++) {
    const lo = st.segmentStart[seg];
    const live = st.segmentLiveEnd[seg];
    const defaulting = st.segmentDefaultEnd[seg];
    const row = st.segmentRowOffset[seg] + t;
    const segmentMdr = st.mdr[row];
    const fee = st.segmentFee[seg];
    const po = st.segmentPo[seg];
    for (let pass = 0; pass < 2; pass++) {
      const from = pass === 0 ? lo : defaulting;
      const to = pass === 0 ? defaulting : live;
      if (to === from) continue;
      const mdr = pass === 0 ? segmentMdr : 0;
      const smm = cappedSmm(st.smm[row], mdr);
      const keep = 1 - mdr - smm;
      let ks = 0, ks1 = 0, ksc = 0, fc = 0, fcc = 0, adb = 0, xam = 0;
      for (let i = from; i < to; i++) {
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
        const adbI = pipeDollars[slot];
        const d = k * s * mdr;
        pipeDollars[slot] = d;
        foreclosure[i] = f + d - adbI;
        const perf = k * s;
        ks += perf;
        ks1 += k * s1;
        ksc += perf * c;
        fc += f;
        fcc += f * c;
        adb += adbI;
        // SF expected amortization counts foreclosures at the schedule's rate: (f − adb) × (1 − r).
        if (s > 0) xam += ((f - adbI) * amu) / s;
      }
      const scheduledK = ks - ks1;
      const d = mdr * ks;
      const pp = smm * ks1;
      const am = (1 - mdr) * scheduledK;
      const begin = ks + fc;
      perfBegin += ks;
      fcBegin += fc;
      defaults += d;
      liquidated += adb;
      expectedAm += scheduledK + xam;
      actualAm += am;
      prepaid += pp;
      interest += ksc + fcc;
      lostInterest += mdr * ksc + fcc;
      fees += fee * begin;
      lostFees += fee * (d + fc);
      if (po > 0) {
        poBegin += po * begin;
        poScheduled += po * am;
        poPrepaid += po * pp;
        poLiquidated += po * adb;
      } else {
        ndBegin += begin;
        strip += st.segmentSpread[seg] * begin;
      }
    }
  }
  sums[SUM.performingBegin] = perfBegin;
  sums[SUM.foreclosureBegin] = fcBegin;
  sums[SUM.newDefaults] = defaults;
  sums[SUM.liquidated] = liquidated;
  sums[SUM.loss] = severity * liquidated;
  sums[SUM.expectedAmortization] = expectedAm;
  sums[SUM.actualAmortization] = actualAm;
  sums[SUM.amortizationFromDefaults] = 0;
  sums[SUM.prepayments] = prepaid;
  sums[SUM.interest] = interest;
  sums[SUM.fees] = fees;
  sums[SUM.defaultedInterest] = lostInterest;
  sums[SUM.defaultedFees] = lostFees;
  sums[SUM.poBegin] = poBegin;
  sums[SUM.poScheduled] = poScheduled;
  sums[SUM.poPrepayments] = poPrepaid;
  sums[SUM.poLiquidated] = poLiquidated;
  sums[SUM.poLoss] = severity * poLiquidated;
  sums[SUM.nonDiscountBegin] = ndBegin;
  sums[SUM.premiumStrip] = strip;
}
