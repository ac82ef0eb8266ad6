/**
 * Yield spreads: a security's bond-equivalent yield less a benchmark's yield
 * on the same basis (for a floater against its index, SIFMA SF-51; STANDARDS.md
 * §5). For an amortizing class the benchmark
 * is read off the curve at the class's weighted average life (the market's
 * "spread to the interpolated curve at the WAL"); a flat yield is a curve of
 * one point.
 *
 * @example spreadToCurve({yield: 6.2, averageLife: 6, curve: {points: [{term: 2, yield: 4.5}, {term: 10, yield: 5.3}]}})
 * // {benchmarkYield: 4.9, spread: 1.3, spreadBp: 130}
 */
import { curveYield, type YieldCurve } from "./yield-curve.js";

export interface SpreadInput {
  /** The security's bond-equivalent yield, percent. */
  readonly yield: number;
  /** Weighted average life, years: the term at which the curve is read. */
  readonly averageLife: number;
  readonly curve: YieldCurve;
}

export interface Spread {
  readonly benchmarkYield: number;
  /** Percent. */
  readonly spread: number;
  /** Basis points. */
  readonly spreadBp: number;
}

export function spreadToCurve(input: SpreadInput): Spread {
  if (!Number.isFinite(input.averageLife) || input.averageLife < 0) {
    throw new RangeError(`average life must be ≥ 0 years, got ${input.averageLife}`);
  }
  const benchmarkYield = curveYield(input.curve, input.averageLife);
  const spread = input.yield - benchmarkYield;
  return { benchmarkYield, spread, spreadBp: spread * 100 };
}

/** A floater's yield spread: its yield less the index's yield, both on the same basis (SF-51). */
export function yieldSpread(securityYield: number, indexYield: number): number {
  return securityYield - indexYield;
}
