/**
 * The Mortgage Loans of the trust as the trustee administers them: one record per
 * loan of the deal's loan-level tape (the Mortgage Loan Schedule), with the
 * Cut-off Date Stated Principal Balance in cents and the PO Percentage fixed at
 * the Cut-off Date for life (Article I, "Non-PO Percentage").
 */
import { buildLoanLevelTape } from "../../collateral/deal-tape.js";
import type { LoanTape } from "../../collateral/loan-tape.js";
import { toCents, type Cents } from "../../core/money.js";
import type { ArmTerms, Deal } from "../../deal/schema.js";

export interface TrustLoan {
  readonly loanId: string;
  readonly groupId: string;
  readonly repLineId: string;
  /** Stated Principal Balance at the Cut-off Date. */
  readonly cutoffBalance: Cents;
  /** Mortgage Rate at the Cut-off Date, percent. */
  readonly mortgageRate: number;
  /** Expense Fee Rate, percent a year. */
  readonly expenseFeeRate: number;
  readonly originalTerm: number;
  /** Loan age in months at the Cut-off Date. */
  readonly age: number;
  /** Months to maturity at the Cut-off Date. */
  readonly remainingTerm: number;
  readonly interestOnlyMonths: number;
  readonly arm: ArmTerms | undefined;
  /** PO Percentage (0 unless a Discount Mortgage Loan), fixed for life. */
  readonly poPercentage: number;
}

export interface TrustLoans {
  readonly loans: readonly TrustLoan[];
  readonly byId: ReadonlyMap<string, TrustLoan>;
  readonly groupIds: readonly string[];
}

export function trustLoansFromTape(tape: LoanTape, deal: Deal): TrustLoans {
  const armByRepLine = new Map<string, ArmTerms | undefined>();
  for (const g of deal.collateral.groups) for (const r of g.repLines) armByRepLine.set(r.id, r.arm);
  const loans: TrustLoan[] = [];
  for (let i = 0; i < tape.size; i++) {
    const repLineId = tape.repLineIds[tape.repLineIndex[i]];
    loans.push({
      loanId: tape.loanIds[i],
      groupId: tape.groupIds[tape.groupIndex[i]],
      repLineId,
      cutoffBalance: toCents(tape.balance[i]),
      mortgageRate: tape.mortgageRate[i],
      expenseFeeRate: tape.feeRate[i],
      originalTerm: tape.originalTerm[i],
      age: tape.age[i],
      remainingTerm: tape.remainingTerm[i],
      interestOnlyMonths: tape.interestOnlyMonths[i],
      arm: armByRepLine.get(repLineId),
      poPercentage: tape.poFraction[i],
    });
  }
  return indexTrustLoans(loans);
}

export function indexTrustLoans(loans: readonly TrustLoan[]): TrustLoans {
  const byId = new Map<string, TrustLoan>();
  const groupIds: string[] = [];
  for (const loan of loans) {
    if (byId.has(loan.loanId)) throw new Error(`loan tape: loan id ${loan.loanId} appears twice`);
    byId.set(loan.loanId, loan);
    if (!groupIds.includes(loan.groupId)) groupIds.push(loan.groupId);
  }
  return { loans, byId, groupIds };
}

const cache = new WeakMap<Deal, TrustLoans>();

/** The deal's Mortgage Loan Schedule: its deterministic loan-level tape (built once per deal object). */
export function trustLoansOf(deal: Deal): TrustLoans {
  let loans = cache.get(deal);
  if (!loans) {
    loans = trustLoansFromTape(buildLoanLevelTape(deal), deal);
    cache.set(deal, loans);
  }
  return loans;
}
