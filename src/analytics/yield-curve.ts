/**
 * A benchmark yield curve for spreads: yields (bond-equivalent percent) at
 * terms in years, linearly interpolated in term, flat beyond the first and
 * last points. A single point is a flat yield.
 *
 * @example curveYield({points: [{term: 2, yield: 4.5}, {term: 10, yield: 5.3}]}, 6) // 4.9
 */

export interface CurvePoint {
  /** Years. */
  readonly term: number;
  /** Bond-equivalent yield, percent. */
  readonly yield: number;
}

export interface YieldCurve {
  readonly points: readonly CurvePoint[];
}

/** A curve of one point: the same yield at every term. */
export function flatCurve(yieldPercent: number): YieldCurve {
  return { points: [{ term: 0, yield: yieldPercent }] };
}

/** Validates and sorts the points; throws a RangeError naming the bad point. */
export function yieldCurve(points: readonly CurvePoint[]): YieldCurve {
  if (points.length === 0) throw new RangeError("a yield curve needs at least one point");
  points.forEach((p, i) => {
    if (!Number.isFinite(p.term) || p.term < 0) throw new RangeError(`curve point ${i}: term must be ≥ 0 years, got ${p.term}`);
    if (!Number.isFinite(p.yield)) throw new RangeError(`curve point ${i}: yield must be a finite percentage`);
  });
  const sorted = [...points].sort((a, b) => a.term - b.term);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].term === sorted[i - 1].term) throw new RangeError(`curve has two points at term ${sorted[i].term}`);
  }
  return { points: sorted };
}

/** The curve's yield at `term` years: linear between points, flat outside. */
export function curveYield(curve: YieldCurve, term: number): number {
  const pts = curve.points;
  if (pts.length === 0) throw new RangeError("empty yield curve");
  if (term <= pts[0].term) return pts[0].yield;
  const last = pts[pts.length - 1];
  if (term >= last.term) return last.yield;
  let i = 1;
  while (pts[i].term < term) i++;
  const a = pts[i - 1];
  const b = pts[i];
  return a.yield + ((b.yield - a.yield) * (term - a.term)) / (b.term - a.term);
}
