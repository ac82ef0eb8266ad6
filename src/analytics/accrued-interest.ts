/**
 * Accrued interest and settlement cost (SIFMA SF-43 to SF-46; STANDARDS.md §1):
 *
 *     settlement cost = face × factor × price/100 + face × factor × (coupon/100) × N/360,
 *
 * N the 30/360 days from the accrual start (the first day of the interest
 * accrual period in which settlement falls) to the settlement date.
 *
 * @example accruedInterest({coupon: 6, accrualStart: "2007-04-01", settlement: "2007-04-30"}) // 0.48333… per 100
 * @example settlementCost({face: 1_000_000, factor: 0.85, price: 99.5, coupon: 6,
 *   accrualStart: "2007-04-01", settlement: "2007-04-30"})
 * // {principal: 845750, accruedInterest: 4108.33…, total: 849858.33…}
 */
import type { CivilDate } from "../core/civil-date.js";
import { thirty360Days } from "../core/day-count.js";

export interface AccrualInput {
  /** Pass-through rate for the accrual period, percent a year. */
  readonly coupon: number;
  readonly accrualStart: CivilDate;
  readonly settlement: CivilDate;
}

/** The 30/360 days N from the accrual start to settlement (0 when settlement is on or before it). */
export function accruedDays(accrualStart: CivilDate, settlement: CivilDate): number {
  return thirty360Days(accrualStart, settlement);
}

/** Accrued interest per 100 of current face: coupon × N/360. */
export function accruedInterest(input: AccrualInput): number {
  if (!Number.isFinite(input.coupon)) throw new RangeError(`coupon must be a finite percentage, got ${input.coupon}`);
  return (input.coupon * accruedDays(input.accrualStart, input.settlement)) / 360;
}

export interface SettlementInput extends AccrualInput {
  /** Original face amount, dollars. */
  readonly face: number;
  /** Current factor: current face / original face. */
  readonly factor: number;
  /** Clean price per 100 of current face. */
  readonly price: number;
}

export interface SettlementCost {
  /** face × factor × price/100. */
  readonly principal: number;
  /** face × factor × coupon/100 × N/360. */
  readonly accruedInterest: number;
  readonly total: number;
  /** N, the 30/360 days of accrued interest. */
  readonly accruedDays: number;
}

export function settlementCost(input: SettlementInput): SettlementCost {
  const currentFace = input.face * input.factor;
  const principal = (currentFace * input.price) / 100;
  const accrued = (currentFace * accruedInterest(input)) / 100;
  return {
    principal,
    accruedInterest: accrued,
    total: principal + accrued,
    accruedDays: accruedDays(input.accrualStart, input.settlement),
  };
}
