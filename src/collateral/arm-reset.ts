import { ROUNDING_DOWN, ROUNDING_NEAREST, ROUNDING_UP } from "./loan-tape.js";

/** The terms of one hybrid ARM that decide its rate at a reset (2006-HY12 §3), percent. */
export interface ArmResetTerms {
  margin: number;
  /** Rounding increment of index + margin (0.125). */
  rounding: number;
  /** ROUNDING_NEAREST, ROUNDING_UP or ROUNDING_DOWN (see loan-tape.ts). */
  roundingMethod: number;
  /** Largest change at the first reset, from the start rate, up or down. */
  initialCap: number;
  /** Largest change at each later reset, from the rate before it, up or down. */
  periodicCap: number;
  /** Lifetime cap as a spread over the start rate. */
  lifetimeCap: number;
  /** Lowest Mortgage Rate (the margin in the standard form). */
  floor: number;
  startRate: number;
}

export interface ArmReset {
  /** The index value for the reset's projection period, percent. */
  index: number;
  /** The Mortgage Rate before this reset. */
  previousRate: number;
  /** Whether this is the loan's first reset (initial cap) or a later one (periodic cap). */
  first: boolean;
}

/**
 * The Mortgage Rate set at a reset (2006-HY12 §3): index + margin, rounded to the
 * increment (nearest: halves round up), kept within the initial cap of the start
 * rate at the first reset or the periodic cap of the previous rate later, at most
 * the start rate + lifetime cap, and at least the floor.
 *
 * @example armResetRate(terms5of1, {index: 5.30, previousRate: 6.375, first: true}) // 7.5 (5.30 + 2.25 = 7.55, to the nearest 0.125)
 */
export function armResetRate(terms: ArmResetTerms, reset: ArmReset): number {
  const rounded = roundToIncrement(reset.index + terms.margin, terms.rounding, terms.roundingMethod);
  const anchor = reset.first ? terms.startRate : reset.previousRate;
  const cap = reset.first ? terms.initialCap : terms.periodicCap;
  let rate = rounded;
  if (rate > anchor + cap) rate = anchor + cap;
  if (rate < anchor - cap) rate = anchor - cap;
  const lifetimeMaximum = terms.startRate + terms.lifetimeCap;
  if (rate > lifetimeMaximum) rate = lifetimeMaximum;
  if (rate < terms.floor) rate = terms.floor;
  return rate;
}

/** Rounds a rate to a multiple of `increment`; float noise below 1e-9 of an increment never decides. */
export function roundToIncrement(rate: number, increment: number, method: number): number {
  const steps = Math.round((rate / increment) * 1e9) / 1e9;
  let k: number;
  if (method === ROUNDING_NEAREST) k = Math.floor(steps + 0.5);
  else if (method === ROUNDING_UP) k = Math.ceil(steps);
  else if (method === ROUNDING_DOWN) k = Math.floor(steps);
  else throw new RangeError(`unknown rounding method ${method}`);
  return k * increment;
}
