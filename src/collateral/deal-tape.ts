import type { CollateralSpec, Deal, RepLine } from "../deal/schema.js";
import { loanTapeFromRecords, type LoanRecord, type LoanTape } from "./loan-tape.js";
import { syntheticLoans } from "./synthetic-loans.js";

/** The deal fields a tape is built from. */
export type DealCollateral = Pick<Deal, "collateral">;

/** Expense Fee Rate = Master Servicing Fee Rate + Trustee Fee Rate (Article I), percent. */
export function expenseFeeRate(collateral: Pick<CollateralSpec, "masterServicingFeeRate" | "trusteeFeeRate">): number {
  return collateral.masterServicingFeeRate + collateral.trusteeFeeRate;
}

/** One row per rep line, in deal-file order (groups contiguous). */
export function buildRepLineTape(deal: DealCollateral): LoanTape {
  const c = deal.collateral;
  const fee = expenseFeeRate(c);
  const records: LoanRecord[] = [];
  for (const group of c.groups) {
    for (const repLine of group.repLines) {
      records.push(repLineRecord(repLine, group.id, repLine.id, repLine.statedPrincipalBalance, fee));
    }
  }
  return loanTapeFromRecords(records, { requiredCoupon: c.requiredCoupon ?? null });
}

/**
 * The deterministic synthetic loan-level tape (see `syntheticLoans`): `loanCount`
 * loans per rep line, sharing its rate, terms, age and ARM terms.
 */
export function buildLoanLevelTape(deal: DealCollateral): LoanTape {
  const c = deal.collateral;
  const fee = expenseFeeRate(c);
  const repLines = new Map<string, RepLine>();
  for (const group of c.groups) for (const repLine of group.repLines) repLines.set(repLine.id, repLine);
  const records = syntheticLoans(c).map((loan) =>
    repLineRecord(repLines.get(loan.repLineId)!, loan.groupId, loan.id, loan.balanceCents / 100, fee, loan.repLineId),
  );
  return loanTapeFromRecords(records, { requiredCoupon: c.requiredCoupon ?? null });
}

function repLineRecord(
  repLine: RepLine,
  groupId: string,
  id: string,
  balance: number,
  feeRate: number,
  repLineId = repLine.id,
): LoanRecord {
  const arm = repLine.arm;
  return {
    id,
    groupId,
    repLineId,
    balance,
    mortgageRate: repLine.mortgageRate,
    feeRate,
    originalTerm: repLine.originalTerm,
    age: repLine.age,
    remainingTerm: repLine.remainingTerm,
    interestOnlyMonths: repLine.interestOnlyMonths,
    ...(arm === undefined
      ? {}
      : {
          arm: {
            index: arm.index,
            margin: arm.margin,
            firstResetAge: arm.firstResetAge,
            resetFrequency: arm.resetFrequency,
            initialCap: arm.initialCap,
            periodicCap: arm.periodicCap,
            lifetimeCap: arm.lifetimeCap,
            floor: arm.floor,
            rounding: arm.rounding,
            roundingMethod: arm.roundingMethod,
          },
        }),
  };
}
