/**
 * A servicer's tape (read and checked by `deal/tape`) as the projection's loan tape:
 * one row a loan, grouped in the deal's group order, at the deal's Expense Fee Rate
 * (the waterfall pays the Master Servicing and Trustee Fees at the deal's rates, so
 * the loans' net rates are taken at the same ones), each loan its own rep line.
 */
import type { TapeLoan } from "../deal/tape/tape-builder.js";
import { expenseFeeRate, type DealCollateral } from "./deal-tape.js";
import { loanTapeFromRecords, type LoanRecord, type LoanTape } from "./loan-tape.js";

export function loanTapeFromImport(deal: DealCollateral, loans: readonly TapeLoan[]): LoanTape {
  const c = deal.collateral;
  const fee = expenseFeeRate(c);
  const order = new Map(c.groups.map((g, i) => [g.id, i]));
  const sorted = [...loans].sort((a, b) => (order.get(a.group) ?? 1e9) - (order.get(b.group) ?? 1e9));
  const records: LoanRecord[] = sorted.map((l) => ({
    id: l.loanId,
    groupId: l.group,
    balance: l.currentBalance,
    mortgageRate: l.noteRate,
    feeRate: fee,
    originalTerm: l.originalTerm,
    age: l.age,
    remainingTerm: l.remainingTerm,
    interestOnlyMonths: l.ioTerm,
    ...(l.arm
      ? {
          arm: {
            index: l.arm.index,
            margin: l.arm.margin,
            firstResetAge: l.arm.firstResetAge,
            resetFrequency: l.arm.resetFrequency,
            initialCap: l.arm.initialCap,
            periodicCap: l.arm.periodicCap,
            lifetimeCap: l.arm.lifetimeCap,
            floor: l.arm.floor,
            rounding: l.arm.rounding,
            roundingMethod: l.arm.roundingMethod,
          },
        }
      : {}),
  }));
  return loanTapeFromRecords(records, { requiredCoupon: c.requiredCoupon ?? null });
}
