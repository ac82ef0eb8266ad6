/**
 * One-dimensional root finding for the yield, discount margin and breakeven
 * solvers: Brent's method (inverse quadratic interpolation safeguarded by
 * bisection; R. P. Brent, "Algorithms for Minimization without Derivatives",
 * 1973, ch. 4), which converges whenever the root is bracketed, and a
 * bracketing search that widens an interval until the function changes sign.
 *
 * @example brent((x) => x * x - 2, 0, 2) // 1.4142135623730951
 */

export interface BrentOptions {
  /** Absolute tolerance on x (default 1e-12). */
  readonly tolerance?: number;
  readonly maxIterations?: number;
}

/** Finds x in [lo, hi] with f(x) = 0; f(lo) and f(hi) must not have the same sign. */
export function brent(f: (x: number) => number, lo: number, hi: number, options: BrentOptions = {}): number {
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 200;
  let a = lo;
  let b = hi;
  let fa = f(a);
  let fb = f(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (!Number.isFinite(fa) || !Number.isFinite(fb) || Math.sign(fa) === Math.sign(fb)) {
    throw new RangeError(`root not bracketed: f(${lo}) = ${fa}, f(${hi}) = ${fb}`);
  }
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let i = 0; i < maxIterations; i++) {
    if (Math.sign(fb) === Math.sign(fc)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 0.5 * tolerance;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      // Interpolate: secant when a = c, inverse quadratic otherwise.
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
  }
  throw new RangeError(`no convergence after ${maxIterations} iterations (last x ${b}, f ${fb})`);
}

export interface Bracket {
  readonly lo: number;
  readonly hi: number;
}

export interface BracketOptions {
  /** The lower end never reaches this (e.g. -200 for a yield, where the discount factor has its pole). */
  readonly min?: number;
  /** The upper end never goes above this. */
  readonly max?: number;
  readonly maxSteps?: number;
}

/**
 * Widens [lo, hi] on both sides until f has opposite signs at its ends: each
 * step the upper end moves up by the interval's width (at most to `max`), the
 * lower end down by the width but at most half way to `min`. Returns null when
 * no sign change is found (f has no root in reach, or an even number of them).
 */
export function bracketRoot(f: (x: number) => number, lo: number, hi: number, options: BracketOptions = {}): Bracket | null {
  const min = options.min ?? -Infinity;
  const max = options.max ?? Infinity;
  const maxSteps = options.maxSteps ?? 80;
  let a = lo;
  let b = hi;
  let fa = f(a);
  let fb = f(b);
  for (let i = 0; i < maxSteps; i++) {
    if (fa === 0 || fb === 0 || (Number.isFinite(fa) && Number.isFinite(fb) && Math.sign(fa) !== Math.sign(fb))) {
      return { lo: a, hi: b };
    }
    const width = b - a;
    let nextA = Number.isFinite(min) ? a - Math.min(width, (a - min) / 2) : a - width;
    if (nextA <= min) nextA = a; // the halving has reached the pole in floating point
    const nextB = Math.min(max, b + width);
    if (nextA === a && nextB === b) return null;
    if (nextA !== a) {
      a = nextA;
      fa = f(a);
    }
    if (nextB !== b) {
      b = nextB;
      fb = f(b);
    }
  }
  return null;
}
