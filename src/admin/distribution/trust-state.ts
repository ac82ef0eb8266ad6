/**
 * What the trustee carries from one Distribution Date to the next: the
 * waterfall's state (kept at whole cents, so every date starts from the balances
 * the statements printed), the loan book, the Class Certificate Balances in cents
 * and the running totals the statements report. Plain data, stored as JSON with
 * each posting.
 */
import { cents, type Cents } from "../../core/money.js";
import type { Deal } from "../../deal/schema.js";
import { initialWaterfallState, type WaterfallState } from "../../waterfall/state.js";
import { initialLoanBook, type LoanBook } from "../loans/loan-book.js";
import type { TrustLoans } from "../loans/trust-loans.js";

export interface TrustState {
  /** The Distribution Date the state follows (null: as of the Closing Date). */
  readonly asOf: string | null;
  readonly period: number;
  readonly waterfall: WaterfallState;
  readonly loanBook: LoanBook;
  /** Class Certificate Balance after the date, cents (0 for notional classes). */
  readonly classBalances: Readonly<Record<string, Cents>>;
  /** Σ since the Cut-off Date. */
  readonly cumulativeRealizedLoss: Cents;
  readonly cumulativeSubsequentRecoveries: Cents;
  readonly cumulativeWriteups: Cents;
}

export function initialTrustState(deal: Deal, loans: TrustLoans): TrustState {
  const classBalances: Record<string, Cents> = {};
  for (const c of deal.classes) classBalances[c.id] = cents(c.notional ? 0 : Math.round(c.initialBalance * 100));
  return {
    asOf: null,
    period: 0,
    waterfall: initialWaterfallState(deal),
    loanBook: initialLoanBook(loans),
    classBalances,
    cumulativeRealizedLoss: cents(0),
    cumulativeSubsequentRecoveries: cents(0),
    cumulativeWriteups: cents(0),
  };
}

/** Compact JSON for storage; `parseTrustState` reads it back exactly (doubles round-trip through JSON). */
export function serializeTrustState(state: TrustState): string {
  return JSON.stringify(state);
}

export function parseTrustState(text: string): TrustState {
  const value = JSON.parse(text) as TrustState;
  if (!value || typeof value !== "object" || !value.waterfall || !value.loanBook || !value.classBalances) {
    throw new Error("stored trust state is not readable (missing waterfall, loan book or class balances)");
  }
  return value;
}
