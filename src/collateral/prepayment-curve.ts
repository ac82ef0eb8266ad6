import type { PeriodVector } from "../core/vector.js";
import { valueAt } from "../core/vector.js";
import type { PrepaymentUnit } from "../core/scenario.js";
import { assertNever } from "../core/assert-never.js";
import { cprToSmm } from "./cpr-smm.js";
import { psaSmm } from "./psa.js";
import { rampSmm, type PrepaymentRamp } from "./prepayment-ramp.js";

/**
 * A voluntary prepayment assumption resolved for projection: the unit, a vector
 * by projection period (1-based, last value held) and, for `ppc`, the deal's ramp.
 * `smm`/`cpr` values are rates; `psa`/`ppc` values are multiples (percent) of a
 * curve read at each loan's own age month.
 */
export interface PrepaymentCurve {
  readonly unit: PrepaymentUnit;
  readonly values: PeriodVector;
  readonly ramp?: PrepaymentRamp;
}

/**
 * SMM in percent for projection period `period` (1-based) of a loan in loan month
 * `loanMonth` (its age at the Cut-off Date + period).
 *
 * @example prepaymentSmm({unit: "psa", values: [100]}, 1, 15) // 0.2535048614…
 */
export function prepaymentSmm(curve: PrepaymentCurve, period: number, loanMonth: number): number {
  const value = valueAt(curve.values, period);
  switch (curve.unit) {
    case "smm":
      return Math.min(100, Math.max(0, value));
    case "cpr":
      return cprToSmm(value);
    case "psa":
      return psaSmm(value, loanMonth);
    case "ppc":
      if (curve.ramp === undefined) throw new RangeError("a ppc prepayment assumption needs the deal's prepayment ramp");
      return rampSmm(curve.ramp, value, loanMonth);
    default:
      return assertNever(curve.unit);
  }
}

/** Whether the curve's rate depends on the loan's age (a benchmark ramp) or only on the period. */
export function prepaymentDependsOnAge(curve: PrepaymentCurve): boolean {
  return curve.unit === "psa" || curve.unit === "ppc";
}
