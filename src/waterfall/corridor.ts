/**
 * §4.08: the Corridor Contract and the Corridor Contract Reserve Fund of the
 * Supplemental Interest Trust. The counterparty pays notional × 30/360 ×
 * max(0, min(index, Cap Rate II) − Cap Rate I) for each Distribution Date in the
 * contract window; the beneficiary's Yield Supplement Amount (interest at
 * min(index + margin, ceiling) − interest at its capped rate, plus unpaid
 * amounts from earlier dates, without interest) is paid from the fund only, and
 * what the fund does not need that date is released to the residual holder.
 */
import type { CorridorContract } from "../deal/schema.js";

export interface CorridorOutcome {
  readonly contractId: string;
  readonly notional: number;
  readonly payment: number;
  readonly yieldSupplementAmount: number;
  readonly yieldSupplementPaid: number;
  readonly unpaidAfter: number;
  readonly released: number;
}

/** The notional for a Distribution Date: the schedule entry of that date's month, 0 outside the window. */
export function corridorNotional(contract: CorridorContract, distributionDate: string): number {
  const month = distributionDate.slice(0, 7);
  if (month < contract.firstDistributionDate.slice(0, 7) || month > contract.lastDistributionDate.slice(0, 7)) return 0;
  const entry = contract.notionalSchedule.find((e) => e.date.slice(0, 7) === month);
  return entry ? entry.notional : 0;
}

export function corridorPayment(contract: CorridorContract, notional: number, indexRate: number): number {
  const rate = Math.max(0, Math.min(indexRate, contract.ceilingRate) - contract.strikeRate);
  return (notional * rate) / 100 / 12;
}

export function settleCorridor(input: {
  contract: CorridorContract;
  distributionDate: string;
  indexRate: number;
  /** The beneficiary's margin over the index (Class A-1: 0.40%). */
  beneficiaryMargin: number;
  /** The beneficiary's Pass-Through Rate this period (capped), percent. */
  beneficiaryRate: number;
  /** The beneficiary's balance for the accrual period. */
  beneficiaryBalance: number;
  unpaidBefore: number;
  /** The date's notional when already looked up (a projection's schedule by month); else read from the contract. */
  notional?: number;
}): CorridorOutcome {
  const notional = input.notional ?? corridorNotional(input.contract, input.distributionDate);
  const payment = notional > 0 ? corridorPayment(input.contract, notional, input.indexRate) : 0;
  const current = currentYieldSupplement(input.contract, input.indexRate, input.beneficiaryMargin, input.beneficiaryRate, input.beneficiaryBalance);
  const yieldSupplementAmount = current + input.unpaidBefore;
  const yieldSupplementPaid = Math.min(payment, yieldSupplementAmount);
  return {
    contractId: input.contract.id,
    notional,
    payment,
    yieldSupplementAmount,
    yieldSupplementPaid,
    unpaidAfter: yieldSupplementAmount - yieldSupplementPaid,
    released: payment - yieldSupplementPaid,
  };
}

/**
 * This date's part of the Yield Supplement Amount: interest at min(index +
 * margin, ceiling) less interest at the beneficiary's (capped) Pass-Through
 * Rate, on its balance for the accrual period, never negative.
 */
export function currentYieldSupplement(contract: CorridorContract, indexRate: number, beneficiaryMargin: number, beneficiaryRate: number, beneficiaryBalance: number): number {
  const uncappedRate = Math.min(indexRate + beneficiaryMargin, contract.yieldSupplementCeiling);
  return Math.max(0, ((uncappedRate - beneficiaryRate) / 100) * beneficiaryBalance / 12);
}
