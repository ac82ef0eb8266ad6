import type { PeriodVector } from "../core/vector.js";
import { valueAt } from "../core/vector.js";
import type { DefaultUnit } from "../core/scenario.js";
import { assertNever } from "../core/assert-never.js";
import { cdrToMdr } from "./cdr-mdr.js";
import { sdaMdr } from "./sda.js";

/**
 * A default assumption resolved for projection: `mdr`/`cdr` rates by projection
 * period, or `sda` multiples of the SDA curve read at each loan's own age month.
 */
export interface DefaultCurve {
  readonly unit: DefaultUnit;
  readonly values: PeriodVector;
}

/**
 * MDR in percent for projection period `period` of a loan in loan month `loanMonth`.
 * Before the "no new defaults in the last lag months" rule (applied per loan).
 *
 * @example defaultMdr({unit: "sda", values: [100]}, 1, 61) // 0.0493420183…
 */
export function defaultMdr(curve: DefaultCurve, period: number, loanMonth: number): number {
  const value = valueAt(curve.values, period);
  switch (curve.unit) {
    case "mdr":
      return Math.min(100, Math.max(0, value));
    case "cdr":
      return cdrToMdr(value);
    case "sda":
      return sdaMdr(value, loanMonth);
    default:
      return assertNever(curve.unit);
  }
}

export function defaultDependsOnAge(curve: DefaultCurve): boolean {
  return curve.unit === "sda";
}
