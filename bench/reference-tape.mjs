/**
 * The benchmark's reference tape and scenario (shared/bench/README.md), and a
 * line-by-line JavaScript transcription of shared/bench/reference-kernel.c used
 * only as the oracle for the month-by-month check (never timed as the engine).
 *
 * Loan i (0-based): balance 100000 + (i mod 97) × 1000, rate 6% + (i mod 13) × 0.25%,
 * remaining term 360 − (i mod 24); 8% CPR, 2% CDR, 35% severity at default, no lag.
 */
export const REFERENCE_MONTHS = 360;
export const REFERENCE_CHECKSUM_4000 = 845_706_987.39;

export function referenceLoan(i) {
  return {
    balance: 100000 + (i % 97) * 1000,
    rate: 6 + (i % 13) * 0.25,
    remainingTerm: 360 - (i % 24),
  };
}

/** The reference kernel's sums by month: scheduled, prepayments, interest, loss, recovery. */
export function referenceKernelSums(n) {
  const T = REFERENCE_MONTHS;
  const bal = new Float64Array(n), rate = new Float64Array(n), pmt = new Float64Array(n), term = new Int32Array(n);
  const sched = new Float64Array(T), prep = new Float64Array(T), intr = new Float64Array(T), loss = new Float64Array(T), rec = new Float64Array(T);
  const smm = 1 - Math.pow(1 - 0.08, 1 / 12), mdr = 1 - Math.pow(1 - 0.02, 1 / 12), sev = 0.35;
  for (let i = 0; i < n; i++) {
    bal[i] = 100000 + (i % 97) * 1000;
    rate[i] = (0.06 + (i % 13) * 0.0025) / 12;
    term[i] = 360 - (i % 24);
    pmt[i] = (rate[i] * bal[i]) / (1 - Math.pow(1 + rate[i], -term[i]));
  }
  for (let t = 0; t < T; t++) {
    let s = 0, p = 0, inr = 0, l = 0, rc = 0;
    for (let i = 0; i < n; i++) {
      const B = bal[i];
      if (B <= 0) continue;
      const rem = term[i] - t;
      if (rem <= 0) { s += B; bal[i] = 0; continue; }
      const c = rate[i], d = B * mdr;
      let am = pmt[i] - B * c;
      if (am > B) am = B;
      const sp = am * (1 - mdr), ii = (B - d) * c, pp = (B - am) * smm;
      l += d * sev; rc += d * (1 - sev); inr += ii; s += sp; p += pp;
      bal[i] = B - d - sp - pp;
      pmt[i] *= 1 - mdr - smm;
    }
    sched[t] += s; prep[t] += p; intr[t] += inr; loss[t] += l; rec[t] += rc;
  }
  return { scheduled: sched, prepayments: prep, interest: intr, loss, recovery: rec };
}
