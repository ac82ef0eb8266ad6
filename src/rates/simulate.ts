/**
 * Monthly Monte Carlo of the Hull–White model with antithetic variates.
 *
 * Each step draws the exact joint transition of (x, ∫x) over a month (both
 * Gaussian), so the path discount factor
 *   D(t_k) = exp(−∫₀^{t_k} r) = P(0,t_k) · exp(−½V(0,t_k) − ∫₀^{t_k} x)
 * has expectation P(0,t_k) exactly (no discretization bias), and with σ = 0
 * every path is the curve's forward path. Path j and j+1 (j even) use the same
 * normals with opposite signs. Along each path, from the model's bond prices at
 * each month: 1-month and 12-month LIBOR (simple, ACT/360) and the 10-year par
 * swap rate (semiannual 30/360); the mortgage rate is that plus a spread.
 */
import { MONTH_ACT360, YEAR_ACT360, discountFactor, instantaneousForward, type DiscountCurve } from "./curve.js";
import { hwAlpha, hwB, hwV, hwVarianceX, logBondA, type HullWhiteModel } from "./hull-white.js";
import { seededNormals } from "./random.js";

export interface SimulationOptions {
  /** Number of paths (even when antithetic). */
  readonly paths: number;
  /** Months simulated after time 0 (the grid is t_k = k/12, k = 0..months). */
  readonly months: number;
  readonly seed: number;
  /** Default true. */
  readonly antithetic?: boolean;
  /** Primary mortgage rate = 10-year swap rate + this, percent (default 0). */
  readonly mortgageSpread?: number;
}

/** Per path, per month k = 0..months: values in row-major (path × (months+1)) arrays. */
export interface RatePaths {
  readonly paths: number;
  readonly months: number;
  readonly antithetic: boolean;
  readonly seed: number;
  /** Short rate r(t_k), percent. */
  readonly shortRate: Float64Array;
  /** ln D(t_k): the path's discount factor from 0 to t_k. */
  readonly logDiscount: Float64Array;
  readonly libor1m: Float64Array;
  readonly libor1y: Float64Array;
  readonly swap10y: Float64Array;
  readonly mortgageRate: Float64Array;
}

export const MAX_PATHS = 100_000;

export function simulatePaths(model: HullWhiteModel, options: SimulationOptions): RatePaths {
  const antithetic = options.antithetic ?? true;
  const { paths, months, seed } = options;
  if (!Number.isInteger(paths) || paths < 1 || paths > MAX_PATHS) throw new RangeError(`paths must be a whole number from 1 to ${MAX_PATHS}, got ${paths}`);
  if (antithetic && paths % 2 !== 0) throw new RangeError(`paths must be even with antithetic variates, got ${paths}`);
  if (!Number.isInteger(months) || months < 1 || months > 1200) throw new RangeError(`months must be a whole number from 1 to 1200, got ${months}`);
  const spread = options.mortgageSpread ?? 0;
  const { meanReversion: a, volatility: sigma, curve } = model;
  const dt = 1 / 12;
  const width = months + 1;
  const size = paths * width;
  const shortRate = new Float64Array(size);
  const logDiscount = new Float64Array(size);
  const libor1m = new Float64Array(size);
  const libor1y = new Float64Array(size);
  const swap10y = new Float64Array(size);
  const mortgageRate = new Float64Array(size);

  // Path-independent terms on the grid.
  const fwd = (t: number) => instantaneousForward(curve, t);
  const alpha = new Float64Array(width);
  const logP0 = new Float64Array(width);
  const halfV0 = new Float64Array(width);
  const lnA1m = new Float64Array(width);
  const lnA1y = new Float64Array(width);
  const SWAP_LEGS = 20;
  const lnASwap = new Float64Array(width * SWAP_LEGS);
  const b1m = hwB(a, 1 / 12);
  const b1y = hwB(a, 1);
  const bSwap = new Float64Array(SWAP_LEGS);
  for (let j = 0; j < SWAP_LEGS; j++) bSwap[j] = hwB(a, (j + 1) / 2);
  for (let k = 0; k < width; k++) {
    const t = k * dt;
    alpha[k] = hwAlpha(model, t, fwd);
    logP0[k] = Math.log(discountFactor(curve, t));
    halfV0[k] = 0.5 * hwV(a, sigma, t);
    lnA1m[k] = logBondA(model, t, t + 1 / 12);
    lnA1y[k] = logBondA(model, t, t + 1);
    for (let j = 0; j < SWAP_LEGS; j++) lnASwap[k * SWAP_LEGS + j] = logBondA(model, t, t + (j + 1) / 2);
  }
  // The exact one-month transition of (x, I = ∫x).
  const decay = Math.exp(-a * dt);
  const bStep = hwB(a, dt);
  const v1 = hwVarianceX(a, sigma, dt);
  const v2 = hwV(a, sigma, dt);
  const c12 = 0.5 * sigma * sigma * bStep * bStep;
  const s1 = Math.sqrt(v1);
  const l21 = s1 > 0 ? c12 / s1 : 0;
  const l22 = Math.sqrt(Math.max(0, v2 - l21 * l21));

  const rng = seededNormals(seed);
  const z1 = new Float64Array(months);
  const z2 = new Float64Array(months);
  for (let p = 0; p < paths; p++) {
    const mirror = antithetic && p % 2 === 1;
    if (!mirror) {
      for (let k = 0; k < months; k++) {
        z1[k] = rng.normal();
        z2[k] = rng.normal();
      }
    }
    const sign = mirror ? -1 : 1;
    let x = 0;
    let integral = 0;
    const row = p * width;
    for (let k = 0; k <= months; k++) {
      const i = row + k;
      shortRate[i] = 100 * (x + alpha[k]);
      logDiscount[i] = logP0[k] - halfV0[k] - integral;
      const p1m = Math.exp(lnA1m[k] - b1m * x);
      const p1y = Math.exp(lnA1y[k] - b1y * x);
      libor1m[i] = (100 * (1 / p1m - 1)) / MONTH_ACT360;
      libor1y[i] = (100 * (1 / p1y - 1)) / YEAR_ACT360;
      let annuity = 0;
      let last = 1;
      const base = k * SWAP_LEGS;
      for (let j = 0; j < SWAP_LEGS; j++) {
        last = Math.exp(lnASwap[base + j] - bSwap[j] * x);
        annuity += 0.5 * last;
      }
      swap10y[i] = (100 * (1 - last)) / annuity;
      mortgageRate[i] = swap10y[i] + spread;
      if (k < months) {
        const e1 = sign * s1 * z1[k];
        const e2 = sign * (l21 * z1[k] + l22 * z2[k]);
        integral += x * bStep + e2;
        x = x * decay + e1;
      }
    }
  }
  return { paths, months, antithetic, seed, shortRate, logDiscount, libor1m, libor1y, swap10y, mortgageRate };
}

/** One path's series, month 0..months (a view, not a copy). */
export function pathSeries(paths: RatePaths, series: Float64Array, path: number): Float64Array {
  const width = paths.months + 1;
  return series.subarray(path * width, (path + 1) * width);
}

/**
 * Every path's discount factors at the given times (years, ≤ months/12): row-major
 * (path × times). ln D(t) = ln P(0,t) − ½V(0,t) − ∫₀ᵗx, the integral linear
 * between months (exact at the months; exact everywhere when σ = 0).
 */
export function discountsAt(paths: RatePaths, model: HullWhiteModel, times: readonly number[] | Float64Array): Float64Array {
  const width = paths.months + 1;
  const n = times.length;
  const out = new Float64Array(paths.paths * n);
  const { meanReversion: a, volatility: s, curve } = model;
  const deterministic = (t: number) => Math.log(discountFactor(curve, t)) - 0.5 * hwV(a, s, t);
  const gridDet = new Float64Array(width);
  for (let k = 0; k < width; k++) gridDet[k] = deterministic(k / 12);
  const lo = new Int32Array(n);
  const w = new Float64Array(n);
  const det = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = times[i];
    if (!(t >= 0) || t > paths.months / 12 + 1e-9) throw new RangeError(`discount time ${t} is outside the simulated ${paths.months} months`);
    const pos = Math.min(t * 12, paths.months);
    const k = Math.min(Math.floor(pos), paths.months - 1);
    lo[i] = k;
    w[i] = pos - k;
    det[i] = deterministic(t);
  }
  for (let p = 0; p < paths.paths; p++) {
    const row = p * width;
    for (let i = 0; i < n; i++) {
      const k = lo[i];
      const r0 = paths.logDiscount[row + k] - gridDet[k];
      const r1 = paths.logDiscount[row + k + 1] - gridDet[k + 1];
      out[p * n + i] = Math.exp(det[i] + (1 - w[i]) * r0 + w[i] * r1);
    }
  }
  return out;
}

/** The curve's forward path (one path, σ = 0): indices at their forwards, D = P(0,t). */
export function forwardPath(curve: DiscountCurve, months: number, mortgageSpread = 0): RatePaths {
  return simulatePaths({ curve, meanReversion: 0, volatility: 0 }, { paths: 1, months, seed: 0, antithetic: false, mortgageSpread });
}

/** Mean and standard error of per-path values over antithetic pairs (paths 2j and 2j+1 are one draw). */
export function antitheticMeanSe(values: ArrayLike<number>): { mean: number; se: number } {
  const n = values.length / 2;
  let s = 0;
  let s2 = 0;
  for (let j = 0; j < n; j++) {
    const v = (values[2 * j] + values[2 * j + 1]) / 2;
    s += v;
    s2 += v * v;
  }
  const mean = s / n;
  return { mean, se: n > 1 ? Math.sqrt(Math.max(0, s2 / n - mean * mean) / (n - 1)) : 0 };
}
