/**
 * Shared test fixtures for the administration tests: the real deals with a
 * smaller loan tape (fast), hand-built loans with round balances, and a
 * remittance builder whose rows default to zero.
 */
import { cents, type Cents } from "../../src/core/money.js";
import { loadDeal } from "../../src/deal/load-deal.js";
import type { Deal } from "../../src/deal/schema.js";
import { indexTrustLoans, type TrustLoan, type TrustLoans } from "../../src/admin/loans/trust-loans.js";
import { REMITTANCE_FORMAT, type LoanRemittance, type Remittance } from "../../src/admin/remittance/schema.js";
import { totalsOf } from "../../src/admin/remittance/totals.js";
import { emptyRow } from "../../src/admin/servicing/simulate.js";

/** The deal with `loansPerRepLine` synthetic loans per rep line (balances still sum to the rep line). */
export async function smallDeal(id: string, loansPerRepLine = 10): Promise<Deal> {
  const { deal } = await loadDeal(id);
  return {
    ...deal,
    collateral: {
      ...deal.collateral,
      groups: deal.collateral.groups.map((g) => ({ ...g, repLines: g.repLines.map((r) => ({ ...r, loanCount: loansPerRepLine })) })),
    },
  };
}

export async function fullDeal(id: string): Promise<Deal> {
  return (await loadDeal(id)).deal;
}

/** Three 2007-12T1 loans: L1 (R1, discount, $100,000), L2 (R2, $200,000), L3 (R3, $300,000). */
export function handLoans(): TrustLoans {
  const base = { groupId: "1", expenseFeeRate: 0.209, originalTerm: 360, interestOnlyMonths: 0, arm: undefined };
  const loans: TrustLoan[] = [
    { ...base, loanId: "L1", repLineId: "R1", cutoffBalance: cents(10_000_000), mortgageRate: 6.125, age: 1, remainingTerm: 359, poPercentage: 1 - 5.916 / 6 },
    { ...base, loanId: "L2", repLineId: "R2", cutoffBalance: cents(20_000_000), mortgageRate: 6.5, age: 2, remainingTerm: 358, poPercentage: 0 },
    { ...base, loanId: "L3", repLineId: "R3", cutoffBalance: cents(30_000_000), mortgageRate: 6.875, age: 3, remainingTerm: 357, poPercentage: 0 },
  ];
  return indexTrustLoans(loans);
}

export function row(fields: Partial<LoanRemittance> & { loanId: string; beginningBalance: Cents; mortgageRate: number }): LoanRemittance {
  return { ...emptyRow({ loanId: fields.loanId, groupId: fields.group ?? "1" }, fields.mortgageRate, fields.beginningBalance), ...fields };
}

export function remittance(options: { dealId?: string; date: string; loans: LoanRemittance[]; fixings?: Record<string, number> }): Remittance {
  return {
    header: {
      format: REMITTANCE_FORMAT,
      dealId: options.dealId ?? "cwalt-2007-12t1",
      distributionDate: options.date as Remittance["header"]["distributionDate"],
      servicer: "Countrywide Home Loans Servicing LP",
      indexFixings: options.fixings ?? { LIBOR_1M: 5.32 },
      totals: totalsOf(options.loans),
    },
    loans: options.loans,
  };
}

/**
 * The first month of the three hand loans (worked in remittance-collections.test.ts):
 * L1 current, L2 paid off on 2007-04-20 with a Prepayment Interest Shortfall partly
 * covered by Compensating Interest, L3 60 days delinquent with its P&I advanced.
 */
export function handMonthOne(): Remittance {
  return remittance({
    date: "2007-05-25",
    loans: [
      row({ loanId: "L1", beginningBalance: cents(10_000_000), endingBalance: cents(9_990_000), mortgageRate: 6.125, scheduledPrincipal: cents(10_000), interestCollected: cents(51_042) }),
      row({
        loanId: "L2",
        beginningBalance: cents(20_000_000),
        endingBalance: cents(0),
        mortgageRate: 6.5,
        scheduledPrincipal: cents(15_000),
        payoff: cents(19_985_000),
        paidThroughDate: "2007-04-20" as LoanRemittance["paidThroughDate"],
        interestCollected: cents(72_222),
        prepaymentInterestShortfall: cents(36_111),
        compensatingInterest: cents(30_000),
      }),
      row({
        loanId: "L3",
        beginningBalance: cents(30_000_000),
        endingBalance: cents(29_980_000),
        mortgageRate: 6.875,
        scheduledPrincipal: cents(20_000),
        principalAdvance: cents(20_000),
        interestAdvance: cents(171_875),
        delinquencyStatus: "60",
      }),
    ],
  });
}
