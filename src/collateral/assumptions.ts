import type { Scenario } from "../core/scenario.js";
import type { PeriodVector } from "../core/vector.js";
import type { Deal } from "../deal/schema.js";
import type { DefaultCurve } from "./default-curve.js";
import type { PrepaymentCurve } from "./prepayment-curve.js";

/**
 * Everything the collateral projection needs besides the tape: the scenario's
 * curves resolved against the deal (its PPC ramp, its default index levels),
 * checked once so the kernel never meets a bad number. All rates in percent;
 * vectors by projection period (1-based, last value held).
 */
export interface CollateralAssumptions {
  readonly prepayment: PrepaymentCurve;
  readonly default: DefaultCurve;
  /** Loss severity, percent of the balance at default, by the period of liquidation. */
  readonly severity: PeriodVector;
  /** Months from default to liquidation (SF "lag"). */
  readonly recoveryLag: number;
  /** Whether the servicer advances principal and interest on defaulted loans until liquidation. */
  readonly advancing: boolean;
  /** Index paths (percent) by name, for ARM resets. */
  readonly indices: Readonly<Record<string, PeriodVector>>;
}

/**
 * Resolves a `Scenario` against the deal's collateral spec: a `ppc` prepayment
 * assumption takes the deal's Prepayment Assumption ramp; an index the scenario
 * does not set takes the deal's `defaultIndices` level (flat). Throws a RangeError
 * naming the scenario field for a value out of range.
 */
export function collateralAssumptions(deal: Pick<Deal, "collateral">, scenario: Scenario): CollateralAssumptions {
  const ramp = deal.collateral.prepaymentAssumption;
  if (scenario.prepayment.unit === "ppc" && ramp === undefined) {
    throw new RangeError("scenario.prepayment: PPC needs the deal's collateral.prepaymentAssumption, which this deal does not define; use CPR, PSA or SMM");
  }
  const indices: Record<string, PeriodVector> = {};
  for (const [name, level] of Object.entries(deal.collateral.defaultIndices)) indices[name] = [level];
  for (const [name, path] of Object.entries(scenario.indices)) {
    checkVector(path.values, `scenario.indices.${name}`, { min: -100, max: 100 });
    indices[name] = path.values;
  }
  return checkedAssumptions({
    prepayment: ramp !== undefined && scenario.prepayment.unit === "ppc" ? { ...scenario.prepayment, ramp } : { ...scenario.prepayment },
    default: { ...scenario.default },
    severity: scenario.severity,
    recoveryLag: scenario.recoveryLag,
    advancing: scenario.advancing,
    indices,
  });
}

/** Checks assumptions built by hand (the pool calculator, tests, the benchmark) the same way. */
export function checkedAssumptions(a: CollateralAssumptions): CollateralAssumptions {
  const rateUnit = a.prepayment.unit === "smm" || a.prepayment.unit === "cpr";
  checkVector(a.prepayment.values, `scenario.prepayment (${a.prepayment.unit})`, { min: 0, max: rateUnit ? 100 : Infinity });
  const defaultRate = a.default.unit !== "sda";
  checkVector(a.default.values, `scenario.default (${a.default.unit})`, { min: 0, max: defaultRate ? 100 : Infinity });
  checkVector(a.severity, "scenario.severity", { min: 0, max: 100 });
  if (!Number.isInteger(a.recoveryLag) || a.recoveryLag < 0 || a.recoveryLag > 600) {
    throw new RangeError(`scenario.recoveryLag: must be a whole number of months from 0 to 600, got ${a.recoveryLag}`);
  }
  if (a.prepayment.unit === "ppc" && a.prepayment.ramp === undefined) {
    throw new RangeError("scenario.prepayment: PPC needs a prepayment ramp");
  }
  return a;
}

function checkVector(values: PeriodVector, field: string, range: { min: number; max: number }): void {
  if (values.length === 0) throw new RangeError(`${field}: empty vector`);
  values.forEach((v, k) => {
    if (!Number.isFinite(v)) throw new RangeError(`${field}[period ${k + 1}]: ${v} is not a number`);
    if (v < range.min || v > range.max) {
      throw new RangeError(`${field}[period ${k + 1}]: ${v} is outside ${range.min}..${range.max}`);
    }
  });
}
