/**
 * Hull–White one-factor short rate, fitted exactly to a discount curve:
 *   dr = (θ(t) − a r) dt + σ dW,   r(t) = x(t) + α(t),   dx = −a x dt + σ dW, x(0) = 0,
 *   α(t) = f(0,t) + σ²/(2a²)(1 − e^{−at})²
 * (Brigo–Mercurio's G1++ form; θ(t) is what makes α fit the curve). Rates are
 * decimals, times years. Closed forms (Jamshidian 1989; Hull and White 1990):
 * - bond price P(t,T | x) = P(0,T)/P(0,t) · exp(½[V(t,T) − V(0,T) + V(0,t)] − B(t,T) x)
 *   with B(τ) = (1 − e^{−aτ})/a and V(τ) = σ²/a² [τ − 2B(a,τ) + B(2a,τ)]
 *   (the variance of ∫x over τ);
 * - zero-coupon bond options on P(T,S), caplets (a put on P(T,S)) and caps.
 */
import { discountFactor, type DiscountCurve } from "./curve.js";

export interface HullWhiteParameters {
  /** Mean reversion a, per year (≥ 0; 0 is Ho–Lee). */
  readonly meanReversion: number;
  /** Normal volatility σ of the short rate, decimal per √year (0.01 = 100 bp). */
  readonly volatility: number;
}

export interface HullWhiteModel extends HullWhiteParameters {
  readonly curve: DiscountCurve;
}

export function hullWhite(curve: DiscountCurve, params: HullWhiteParameters): HullWhiteModel {
  if (!Number.isFinite(params.meanReversion) || params.meanReversion < 0 || params.meanReversion > 5) {
    throw new RangeError(`mean reversion must be a number from 0 to 5 per year, got ${params.meanReversion}`);
  }
  if (!Number.isFinite(params.volatility) || params.volatility < 0 || params.volatility > 0.2) {
    throw new RangeError(`volatility must be a normal volatility from 0 to 20% (decimal 0..0.2), got ${params.volatility}`);
  }
  return { curve, ...params };
}

/** (1 − e^{−aτ})/a, τ when a = 0. */
export function hwB(a: number, tau: number): number {
  return a * tau < 1e-8 ? tau * (1 - (a * tau) / 2) : -Math.expm1(-a * tau) / a;
}

/** Variance of ∫ x over an interval of τ years (given its start): σ²/a² [τ − 2B(a,τ) + B(2a,τ)]; σ²τ³/3 when a = 0. */
export function hwV(a: number, sigma: number, tau: number): number {
  const s2 = sigma * sigma;
  const at = a * tau;
  if (at < 1e-3) {
    // Series: τ³/3 − aτ⁴/4 + 7a²τ⁵/60 (relative error < 1e-9 here).
    return s2 * ((tau * tau * tau) / 3 - (a * tau ** 4) / 4 + (7 * a * a * tau ** 5) / 60);
  }
  return (s2 / (a * a)) * (tau - 2 * hwB(a, tau) + hwB(2 * a, tau));
}

/** Variance of x(t): σ² B(2a, t). */
export function hwVarianceX(a: number, sigma: number, t: number): number {
  return sigma * sigma * hwB(2 * a, t);
}

/** α(t) = f(0,t) + σ²/2 · B(a,t)², decimal: r(t) = x(t) + α(t). */
export function hwAlpha(model: HullWhiteModel, t: number, forward: (t: number) => number): number {
  const b = hwB(model.meanReversion, t);
  return forward(t) + 0.5 * model.volatility * model.volatility * b * b;
}

/** ln A(t,T): P(t,T|x) = exp(lnA − B(T−t)·x). */
export function logBondA(model: HullWhiteModel, t: number, maturity: number): number {
  const { meanReversion: a, volatility: s, curve } = model;
  return (
    Math.log(discountFactor(curve, maturity) / discountFactor(curve, t)) +
    0.5 * (hwV(a, s, maturity - t) - hwV(a, s, maturity) + hwV(a, s, t))
  );
}

/** Zero-coupon bond price P(t, T) given x(t). */
export function bondPrice(model: HullWhiteModel, t: number, maturity: number, x: number): number {
  return Math.exp(logBondA(model, t, maturity) - hwB(model.meanReversion, maturity - t) * x);
}

/** Standard normal CDF (Cody's erfc rational approximation via W. J. Cody 1969, |error| < 1e-14). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

function erfc(x: number): number {
  // Numerical Recipes erfc (Chebyshev), relative error < 1.2e-7 is too coarse; use the complementary
  // error function by continued fraction / series split at |x| = 0.5.
  const ax = Math.abs(x);
  let r: number;
  if (ax < 0.5) {
    // erf series: 2/√π Σ (−1)^n x^{2n+1}/(n!(2n+1))
    let term = ax;
    let sum = ax;
    const x2 = ax * ax;
    for (let n = 1; n < 40; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    r = 1 - (2 / Math.sqrt(Math.PI)) * sum;
  } else {
    // Lentz continued fraction for erfc(x) = exp(−x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...))))
    const tiny = 1e-300;
    let f = ax;
    let c = ax;
    let d = 0;
    for (let n = 1; n < 500; n++) {
      const an = n / 2;
      d = ax + an * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = ax + an / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      const delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) break;
    }
    r = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  }
  return x >= 0 ? r : 2 - r;
}

export type OptionKind = "call" | "put";

/**
 * A European option expiring at T on the zero-coupon bond maturing at S, strike K
 * (per unit face), valued at 0: σp = σ B(a, S−T) √B(2a, T),
 * h = ln(P(0,S)/(K P(0,T)))/σp + σp/2; call = P(0,S) N(h) − K P(0,T) N(h − σp).
 */
export function zeroBondOption(model: HullWhiteModel, kind: OptionKind, expiry: number, maturity: number, strike: number): number {
  if (!(maturity > expiry)) throw new RangeError(`bond option: the bond's maturity (${maturity}) must follow the expiry (${expiry})`);
  const pT = discountFactor(model.curve, Math.max(0, expiry));
  const pS = discountFactor(model.curve, maturity);
  const a = model.meanReversion;
  const sp = model.volatility * hwB(a, maturity - expiry) * Math.sqrt(hwB(2 * a, Math.max(0, expiry)));
  if (sp < 1e-12) {
    // No uncertainty left: the forward bond P(0,S)/P(0,T) against K, discounted to T.
    return kind === "call" ? Math.max(0, pS - strike * pT) : Math.max(0, strike * pT - pS);
  }
  const h = Math.log(pS / (strike * pT)) / sp + sp / 2;
  return kind === "call" ? pS * normalCdf(h) - strike * pT * normalCdf(h - sp) : strike * pT * normalCdf(-h + sp) - pS * normalCdf(-h);
}

/**
 * A caplet per unit notional on the simple rate L(T,S) = (1/P(T,S) − 1)/τ_rate,
 * paying τ_pay · max(L − K, 0) at S: (τ_pay/τ_rate)(1 + Kτ_rate) · ZBP(T, S, 1/(1 + Kτ_rate)).
 * K decimal.
 */
export function caplet(model: HullWhiteModel, fixing: number, payment: number, strike: number, rateAccrual: number, payAccrual = rateAccrual): number {
  const k = 1 + strike * rateAccrual;
  return (payAccrual / rateAccrual) * k * zeroBondOption(model, "put", fixing, payment, 1 / k);
}

export interface CapletSpec {
  readonly fixing: number;
  readonly payment: number;
  readonly notional: number;
  readonly rateAccrual: number;
  readonly payAccrual: number;
}

/** A cap: the sum of its caplets at strike K (decimal). */
export function cap(model: HullWhiteModel, caplets: readonly CapletSpec[], strike: number): number {
  let v = 0;
  for (const c of caplets) v += c.notional * caplet(model, c.fixing, c.payment, strike, c.rateAccrual, c.payAccrual);
  return v;
}

/** A corridor (a cap spread): long the cap at `lower`, short the cap at `upper`. */
export function corridor(model: HullWhiteModel, caplets: readonly CapletSpec[], lower: number, upper: number): number {
  return cap(model, caplets, lower) - cap(model, caplets, upper);
}
