/**
 * A discount curve built from par or zero yields at terms (years), the
 * `--curve TERM=YIELD,...` points. Discount factors are log-linear between
 * knots (piecewise-flat instantaneous forwards), the last forward held beyond
 * the last knot. Yields are bond-equivalent (semiannual) percent; times are
 * years from the curve's date.
 *
 * - zero yields: P(T) = (1 + z/2)^(-2T).
 * - par yields: a semiannual par bond of each term prices at 100. Terms of
 *   a year or less are money-market points (LIBOR), taken as zero yields. Each knot
 *   is bootstrapped so the par bond of its term prices to par with the
 *   coupon dates' factors read off the curve as built so far (the coupon dates
 *   inside the last segment depend on the new knot, so it is solved).
 *
 * @example discountFactor(zeroCurve([{term: 1, yield: 5}]), 1) // 1 / 1.025^2
 */

export type CurveBasis = "par" | "zero";

export interface CurveInputPoint {
  /** Years. */
  readonly term: number;
  /** Bond-equivalent percent. */
  readonly yield: number;
}

export interface DiscountCurve {
  readonly basis: CurveBasis;
  /** The points the curve was built from, sorted by term. */
  readonly points: readonly CurveInputPoint[];
  /** Knot times, years, starting at 0. */
  readonly times: Float64Array;
  /** ln P at each knot (0 at time 0). */
  readonly logDiscount: Float64Array;
}

/** ACT/360 accrual fraction of an average month and of a year (for the simple LIBOR rates). */
export const MONTH_ACT360 = 365 / 12 / 360;
export const YEAR_ACT360 = 365 / 360;

function checkedPoints(points: readonly CurveInputPoint[]): CurveInputPoint[] {
  if (points.length === 0) throw new RangeError("a curve needs at least one point");
  points.forEach((p, i) => {
    if (!Number.isFinite(p.term) || p.term <= 0) throw new RangeError(`curve point ${i + 1}: term must be > 0 years, got ${p.term}`);
    if (!Number.isFinite(p.yield) || p.yield <= -50 || p.yield >= 100) throw new RangeError(`curve point ${i + 1} (${p.term}y): yield must be a percentage in (-50, 100), got ${p.yield}`);
  });
  const sorted = [...points].sort((a, b) => a.term - b.term);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].term === sorted[i - 1].term) throw new RangeError(`curve has two points at term ${sorted[i].term}`);
  }
  return sorted;
}

const zeroLogDf = (yieldPct: number, t: number) => -2 * t * Math.log1p(yieldPct / 200);

/** ln P(t) on knots (times[0] = 0), log-linear, last forward held. */
function interpolateLog(times: ArrayLike<number>, logDf: ArrayLike<number>, n: number, t: number): number {
  if (t <= 0) return 0;
  if (n === 1) return 0;
  let i = 1;
  while (i < n - 1 && times[i] < t) i++;
  const t0 = times[i - 1];
  const t1 = times[i];
  const w = (t - t0) / (t1 - t0);
  return logDf[i - 1] + w * (logDf[i] - logDf[i - 1]);
}

/** A curve from zero or par yields (see the module comment). Throws a RangeError naming the bad point. */
export function buildCurve(points: readonly CurveInputPoint[], basis: CurveBasis = "par"): DiscountCurve {
  const sorted = checkedPoints(points);
  const n = sorted.length + 1;
  const times = new Float64Array(n);
  const logDf = new Float64Array(n);
  sorted.forEach((p, k) => {
    const i = k + 1;
    times[i] = p.term;
    if (basis === "zero" || p.term <= 1) {
      logDf[i] = zeroLogDf(p.yield, p.term);
      return;
    }
    // Par: solve ln P(T) so the semiannual par bond of term T prices at 1.
    const c = p.yield / 200;
    const coupons: number[] = [];
    for (let t = p.term; t > 1e-9; t -= 0.5) coupons.push(t);
    const price = (x: number) => {
      logDf[i] = x;
      let pv = 0;
      for (const t of coupons) {
        const accrual = t < 0.5 ? t / 0.5 : 1; // a short first coupon
        pv += c * accrual * Math.exp(interpolateLog(times, logDf, i + 1, t));
      }
      return pv + Math.exp(x) - 1;
    };
    let lo = -20;
    let hi = 5;
    for (let it = 0; it < 200 && hi - lo > 1e-15; it++) {
      const mid = (lo + hi) / 2;
      if (price(mid) > 0) hi = mid;
      else lo = mid;
    }
    logDf[i] = (lo + hi) / 2;
  });
  return { basis, points: sorted, times, logDiscount: logDf };
}

/** P(0, t). */
export function discountFactor(curve: DiscountCurve, t: number): number {
  const { times, logDiscount } = curve;
  const n = times.length;
  if (t <= 0) return 1;
  const last = n - 1;
  if (t > times[last]) {
    const fwd = last >= 1 ? (logDiscount[last] - logDiscount[last - 1]) / (times[last] - times[last - 1]) : 0;
    return Math.exp(logDiscount[last] + fwd * (t - times[last]));
  }
  return Math.exp(interpolateLog(times, logDiscount, n, t));
}

/** Continuously compounded zero rate to t, decimal. */
export function zeroRate(curve: DiscountCurve, t: number): number {
  const h = Math.max(t, 1e-6);
  return -Math.log(discountFactor(curve, h)) / h;
}

/** Instantaneous forward f(0, t), decimal (the log-linear curve's piecewise-flat forward; a central difference at a knot). */
export function instantaneousForward(curve: DiscountCurve, t: number): number {
  const h = 1e-5;
  const a = Math.max(0, t - h);
  return Math.log(discountFactor(curve, a) / discountFactor(curve, t + h)) / (t + h - a);
}

/** The simple forward rate from t over `tenor` years with accrual fraction `accrual`, decimal. */
export function simpleForward(curve: DiscountCurve, t: number, tenor: number, accrual: number): number {
  return (discountFactor(curve, t) / discountFactor(curve, t + tenor) - 1) / accrual;
}

/** One-month LIBOR forward at t (simple, ACT/360 on an average month), percent. */
export function libor1mForward(curve: DiscountCurve, t: number): number {
  return 100 * simpleForward(curve, t, 1 / 12, MONTH_ACT360);
}

/** Twelve-month LIBOR forward at t (simple, ACT/360), percent. */
export function libor12mForward(curve: DiscountCurve, t: number): number {
  return 100 * simpleForward(curve, t, 1, YEAR_ACT360);
}

/** Forward par swap rate for `tenor` years starting at t, semiannual 30/360 fixed leg, percent. */
export function parSwapRate(curve: DiscountCurve, t: number, tenor = 10): number {
  let annuity = 0;
  const periods = Math.round(tenor * 2);
  for (let k = 1; k <= periods; k++) annuity += 0.5 * discountFactor(curve, t + k / 2);
  return (100 * (discountFactor(curve, t) - discountFactor(curve, t + tenor))) / annuity;
}

/** The curve with every input yield moved by `bp` basis points, rebuilt on the same basis. */
export function shiftCurve(curve: DiscountCurve, bp: number): DiscountCurve {
  if (bp === 0) return curve;
  return buildCurve(
    curve.points.map((p) => ({ term: p.term, yield: p.yield + bp / 100 })),
    curve.basis,
  );
}

/** The curve's figures at its own terms and the usual benchmarks (for reports). */
export function describeCurve(curve: DiscountCurve): { term: number; inputYield: number; zeroRate: number; discountFactor: number }[] {
  return curve.points.map((p) => ({
    term: p.term,
    inputYield: p.yield,
    zeroRate: 100 * zeroRate(curve, p.term),
    discountFactor: discountFactor(curve, p.term),
  }));
}
