import type { PeriodVector } from "./vector.js";

/**
 * A projection scenario. Every rate is in percent and is a vector by projection
 * period (1-based, last value held): a flat 8 CPR is `[8]`.
 */
export type PrepaymentUnit = "ppc" | "cpr" | "psa" | "smm";
export type DefaultUnit = "cdr" | "mdr" | "sda";

export interface PrepaymentAssumption {
  readonly unit: PrepaymentUnit;
  readonly values: PeriodVector;
}

export interface DefaultAssumption {
  readonly unit: DefaultUnit;
  readonly values: PeriodVector;
}

/** An index rate path in percent: by projection period (vector) or flat. */
export interface IndexPath {
  readonly values: PeriodVector;
}

export interface Scenario {
  readonly prepayment: PrepaymentAssumption;
  readonly default: DefaultAssumption;
  /** Loss severity, percent of the balance at default. */
  readonly severity: PeriodVector;
  /** Months from default to liquidation. */
  readonly recoveryLag: number;
  /** Whether the servicer advances principal and interest on delinquent loans. */
  readonly advancing: boolean;
  /** Index paths by name, e.g. "LIBOR_1M", "LIBOR_1Y". Percent. */
  readonly indices: Readonly<Record<string, IndexPath>>;
  /** Exercise the optional termination (clean-up call) when first allowed. */
  readonly optionalTermination: boolean;
  /** Net Prepayment Interest Shortfall assumption, percent of a month's interest on prepayments (default 0). */
  readonly prepaymentInterestShortfall?: number;
  /** Relief Act Reductions assumption, percent a year of the pool's interest (default 0). */
  readonly reliefActReduction?: number;
}

export const DEFAULT_SCENARIO: Scenario = {
  prepayment: { unit: "ppc", values: [100] },
  default: { unit: "cdr", values: [0] },
  severity: [0],
  recoveryLag: 0,
  advancing: true,
  indices: {},
  optionalTermination: false,
};
