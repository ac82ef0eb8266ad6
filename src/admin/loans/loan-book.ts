/**
 * The trustee's loan book: each Mortgage Loan's Stated Principal Balance and
 * standing after the last posted Distribution Date. Rolled forward by one
 * remittance at a time (`applyRemittance`), stored with each posting so the next
 * month's remittance can be checked against it.
 */
import type { CivilDate } from "../../core/civil-date.js";
import { cents, type Cents } from "../../core/money.js";
import { liquidatedBalance } from "../remittance/row-checks.js";
import type { DelinquencyStatus, Remittance } from "../remittance/schema.js";
import type { TrustLoans } from "./trust-loans.js";

/** Whether the loan is still in the trust, and if not, how it left. */
export type LoanStanding = "active" | "paidInFull" | "repurchased" | "liquidated";

export interface LoanPosition {
  readonly loanId: string;
  readonly groupId: string;
  /** Stated Principal Balance after the last posting (0 once the loan has left the trust). */
  readonly balance: Cents;
  readonly standing: LoanStanding;
  readonly delinquency: DelinquencyStatus;
  /** Mortgage Rate last reported, percent. */
  readonly mortgageRate: number;
  /** The Distribution Date on which the loan left the trust. */
  readonly closedOn: CivilDate | null;
  /** Realized Loss taken at liquidation, and Subsequent Recoveries received since. */
  readonly realizedLoss: Cents;
  readonly subsequentRecoveries: Cents;
}

export interface LoanBook {
  /** The Distribution Date of the posting this book follows (null: as of the Cut-off Date). */
  readonly asOf: CivilDate | null;
  /** One position per loan of the tape, in tape order. */
  readonly positions: readonly LoanPosition[];
}

export function initialLoanBook(loans: TrustLoans): LoanBook {
  return {
    asOf: null,
    positions: loans.loans.map((l) => ({
      loanId: l.loanId,
      groupId: l.groupId,
      balance: l.cutoffBalance,
      standing: "active",
      delinquency: "current",
      mortgageRate: l.mortgageRate,
      closedOn: null,
      realizedLoss: cents(0),
      subsequentRecoveries: cents(0),
    })),
  };
}

/** The book after a validated remittance (see `checkAgainstBook`): balances, standings, delinquency. */
export function applyRemittance(book: LoanBook, remittance: Remittance): LoanBook {
  const rows = new Map(remittance.loans.map((r) => [r.loanId, r]));
  const date = remittance.header.distributionDate;
  const positions = book.positions.map((p): LoanPosition => {
    const row = rows.get(p.loanId);
    if (!row) return p;
    if (p.standing !== "active") {
      return { ...p, subsequentRecoveries: cents(p.subsequentRecoveries + row.subsequentRecovery) };
    }
    let standing: LoanStanding = "active";
    let realizedLoss = p.realizedLoss;
    if (row.liquidated) {
      standing = "liquidated";
      const balance = liquidatedBalance(row);
      realizedLoss = cents(balance - liquidationPrincipal(balance, row.liquidationProceeds, row.liquidationExpenses));
    } else if (row.repurchase > 0) standing = "repurchased";
    else if (row.payoff > 0 || (row.endingBalance === 0 && row.beginningBalance > 0)) standing = "paidInFull";
    return {
      ...p,
      balance: row.endingBalance,
      standing,
      delinquency: standing === "active" ? row.delinquencyStatus : "current",
      mortgageRate: row.mortgageRate,
      closedOn: standing === "active" ? null : date,
      realizedLoss,
      subsequentRecoveries: cents(p.subsequentRecoveries + row.subsequentRecovery),
    };
  });
  return { asOf: date, positions };
}

/**
 * Net Liquidation Proceeds allocable to principal (Article I, "Liquidation
 * Proceeds", "Realized Loss"): proceeds − expenses, at least 0 and at most the
 * loan's Stated Principal Balance. Proceeds beyond the balance are not principal
 * (they reach Available Funds as interest); expenses beyond the proceeds are
 * reimbursed to the servicer from the Certificate Account (reducing interest).
 * The Realized Loss is the balance less this amount.
 */
export function liquidationPrincipal(balance: number, proceeds: number, expenses: number): Cents {
  return cents(Math.min(balance, Math.max(0, proceeds - expenses)));
}

/** What a liquidation moves into or out of interest funds: net proceeds over the balance (+) or expenses over proceeds (−). */
export function liquidationInterestAdjustment(balance: number, proceeds: number, expenses: number): Cents {
  const net = proceeds - expenses;
  if (net > balance) return cents(net - balance);
  if (net < 0) return cents(net);
  return cents(0);
}
