/**
 * Monthly delinquency roll rates for the servicing simulator: from each status at
 * the end of one Due Period, the probability of each status at the end of the
 * next (MBA method: "30" is one payment missed). Rows sum to 1. "liquidated" is
 * the absorbing exit from foreclosure or REO. The figures are plausible for
 * Alt-A fixed and hybrid loans of 2006–2007 seasoned under two years; they are
 * simulator inputs, not estimates.
 */
import type { DelinquencyStatus } from "../remittance/schema.js";

export type SimulatedStatus = DelinquencyStatus | "liquidated";

export type TransitionMatrix = Readonly<Record<DelinquencyStatus, Readonly<Partial<Record<SimulatedStatus, number>>>>>;

export const DEFAULT_TRANSITIONS: TransitionMatrix = {
  current: { current: 0.985, "30": 0.015 },
  "30": { current: 0.35, "30": 0.25, "60": 0.4 },
  "60": { current: 0.12, "30": 0.1, "60": 0.18, "90+": 0.55, bankruptcy: 0.05 },
  "90+": { current: 0.04, "90+": 0.41, foreclosure: 0.5, bankruptcy: 0.05 },
  bankruptcy: { current: 0.05, bankruptcy: 0.8, foreclosure: 0.15 },
  foreclosure: { foreclosure: 0.6, REO: 0.25, liquidated: 0.15 },
  REO: { REO: 0.5, liquidated: 0.5 },
};

/** Checks every row is a probability distribution; throws naming the bad row. */
export function checkTransitionMatrix(matrix: TransitionMatrix): void {
  for (const [from, row] of Object.entries(matrix)) {
    let sum = 0;
    for (const p of Object.values(row)) {
      if (!(p! >= 0 && p! <= 1)) throw new RangeError(`transition matrix row ${from}: probabilities must be in [0, 1]`);
      sum += p!;
    }
    if (Math.abs(sum - 1) > 1e-9) throw new RangeError(`transition matrix row ${from}: probabilities add up to ${sum}, not 1`);
  }
}

/** The order in which a row's probabilities are laid end to end on [0, 1). */
const SAMPLING_ORDER: readonly SimulatedStatus[] = ["current", "30", "60", "90+", "bankruptcy", "foreclosure", "REO", "liquidated"];

/**
 * The next status for a uniform draw `u` in [0, 1): the row's probabilities laid
 * end to end in `SAMPLING_ORDER` (current first, liquidated last).
 */
export function nextStatus(matrix: TransitionMatrix, from: DelinquencyStatus, u: number): SimulatedStatus {
  const row = matrix[from];
  let cumulative = 0;
  let last: SimulatedStatus = from;
  for (const to of SAMPLING_ORDER) {
    const p = row[to];
    if (p === undefined || p === 0) continue;
    cumulative += p;
    last = to;
    if (u < cumulative) return to;
  }
  return last;
}
