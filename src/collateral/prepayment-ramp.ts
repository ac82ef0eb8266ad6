import type { z } from "zod";
import type { prepaymentRampSchema } from "../deal/schema.js";
import { cprToSmm } from "./cpr-smm.js";

/** A deal's own prepayment ramp (the Prepayment Assumption, "PPC"), as the deal file states it. */
export type PrepaymentRamp = z.infer<typeof prepaymentRampSchema>;

/**
 * CPR of a deal's Prepayment Assumption at `percent`% of the ramp in a loan month
 * (STANDARDS.md §3): 100% is `startCpr` in loan month 1, rising linearly to
 * `endCpr` at `rampMonths`, held after; the whole ramp scales by the percentage.
 * Month < 1 uses month 1; capped at 100% CPR.
 *
 * @example rampCpr({name: "PPC", startCpr: 8, endCpr: 20, rampMonths: 12}, 100, 2) // 9.0909… (8 + 12/11)
 */
export function rampCpr(ramp: PrepaymentRamp, percent: number, loanMonth: number): number {
  if (!(percent >= 0)) throw new RangeError(`${ramp.name} multiple must be non-negative, got ${percent}`);
  const month = Math.max(loanMonth, 1);
  let base: number;
  if (month >= ramp.rampMonths || ramp.rampMonths <= 1) base = ramp.endCpr;
  else base = ramp.startCpr + ((ramp.endCpr - ramp.startCpr) * (month - 1)) / (ramp.rampMonths - 1);
  return Math.min(100, (percent / 100) * base);
}

export function rampSmm(ramp: PrepaymentRamp, percent: number, loanMonth: number): number {
  return cprToSmm(rampCpr(ramp, percent, loanMonth));
}
