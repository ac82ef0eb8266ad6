/**
 * Effective duration and convexity (SIFMA SF-47 to SF-55; STANDARDS.md §5): from
 * repricing with the cash flows re-projected at rates shifted by ±Δ, as
 * opposed to the cash-flow (modified) duration that holds them fixed. The
 * caller supplies `reprice(shiftBp)`, the full price after shifting the rates
 * it chooses (yield and prepayment model together), so this stays pure:
 *
 *     effective duration  = (P₋ − P₊) / (2 P₀ Δ),
 *     effective convexity = (P₊ + P₋ − 2 P₀) / (P₀ Δ²),   Δ in decimal.
 *
 * @example effectiveMeasures((bp) => 100 - 0.05 * bp, {shiftBp: 25}).effectiveDuration // 5
 */

export interface EffectiveMeasures {
  /** Years; labelled effective: the cash flows were re-projected at each shift. */
  readonly effectiveDuration: number;
  readonly effectiveConvexity: number;
  readonly basePrice: number;
  readonly priceUp: number;
  readonly priceDown: number;
  readonly shiftBp: number;
}

export interface EffectiveOptions {
  /** Shift in basis points (default 25). */
  readonly shiftBp?: number;
  /** P₀ when already known (else reprice(0)). */
  readonly basePrice?: number;
}

export function effectiveMeasures(reprice: (shiftBp: number) => number, options: EffectiveOptions = {}): EffectiveMeasures {
  const shiftBp = options.shiftBp ?? 25;
  if (!Number.isFinite(shiftBp) || shiftBp <= 0) throw new RangeError(`shift must be a positive number of basis points, got ${shiftBp}`);
  const basePrice = options.basePrice ?? reprice(0);
  if (!(basePrice > 0)) throw new RangeError(`base price must be positive, got ${basePrice}`);
  const priceUp = reprice(shiftBp);
  const priceDown = reprice(-shiftBp);
  const delta = shiftBp / 10_000;
  return {
    effectiveDuration: (priceDown - priceUp) / (2 * basePrice * delta),
    effectiveConvexity: (priceUp + priceDown - 2 * basePrice) / (basePrice * delta * delta),
    basePrice,
    priceUp,
    priceDown,
    shiftBp,
  };
}
