/**
 * Each loan row's own consistency, before anything is compared with the loan
 * tape or the store: one row per loan, the Stated Principal Balance roll-forward
 * (never negative), and the relations between the amounts a servicer reports.
 */
import { cents, formatCents, type Cents } from "../../core/money.js";
import type { RemittanceProblem } from "./problems.js";
import type { RemittanceLines } from "./lines.js";
import type { LoanRemittance, Remittance } from "./schema.js";

/**
 * The Stated Principal Balance a loan leaves behind before liquidation: beginning
 * balance − scheduled principal − curtailment − payoff − repurchase (may be
 * negative in a bad file; `checkLoanRows` rejects that).
 */
export function balanceAfterPrincipal(loan: LoanRemittance): number {
  return loan.beginningBalance - loan.scheduledPrincipal - loan.curtailment - loan.payoff - loan.repurchase;
}

/** The Stated Principal Balance of a loan liquidated this period (0 for any other loan). */
export function liquidatedBalance(loan: LoanRemittance): Cents {
  return cents(loan.liquidated ? Math.max(0, balanceAfterPrincipal(loan)) : 0);
}

export function checkLoanRows(remittance: Remittance, lines: RemittanceLines): RemittanceProblem[] {
  const problems: RemittanceProblem[] = [];
  const firstLine = new Map<string, number>();
  remittance.loans.forEach((loan, index) => {
    const line = lines.loans[index] ?? 0;
    const at = (field: string, message: string): void => {
      problems.push({ line: lines.loanFields?.[index]?.get(field) ?? line, path: `loans[${loan.loanId}]${field ? `.${field}` : ""}`, message });
    };
    const earlier = firstLine.get(loan.loanId);
    if (earlier !== undefined) {
      at("", `duplicate row for loan ${loan.loanId} (first row at line ${earlier})`);
      return;
    }
    firstLine.set(loan.loanId, line);

    const left = balanceAfterPrincipal(loan);
    if (left < 0) {
      at(
        "endingBalance",
        `negative balance: scheduled principal, curtailment, payoff and repurchase (${formatCents(cents(loan.beginningBalance - left))}) exceed the beginning balance ${formatCents(loan.beginningBalance)}`,
      );
    } else if (loan.liquidated) {
      if (loan.endingBalance !== 0) at("endingBalance", `a liquidated loan ends at 0, not ${formatCents(loan.endingBalance)}`);
    } else if (loan.endingBalance !== left) {
      at(
        "endingBalance",
        `${formatCents(loan.endingBalance)} does not roll forward: beginning ${formatCents(loan.beginningBalance)} − scheduled ${formatCents(loan.scheduledPrincipal)} − curtailment ${formatCents(loan.curtailment)} − payoff ${formatCents(loan.payoff)} − repurchase ${formatCents(loan.repurchase)} = ${formatCents(cents(left))}`,
      );
    }
    if ((loan.payoff > 0 || loan.repurchase > 0) && loan.endingBalance !== 0) {
      at("endingBalance", `a loan paid in full or repurchased ends at 0, not ${formatCents(loan.endingBalance)}`);
    }
    if (loan.payoff > 0 && loan.paidThroughDate === null) at("paidThroughDate", "a payoff needs the date through which interest was paid");
    if (loan.payoff === 0 && loan.paidThroughDate !== null) at("paidThroughDate", "given for a loan without a payoff");
    if (loan.principalAdvance > loan.scheduledPrincipal) {
      at("principalAdvance", `${formatCents(loan.principalAdvance)} exceeds the scheduled principal ${formatCents(loan.scheduledPrincipal)} it is part of`);
    }
    if (loan.compensatingInterest > loan.prepaymentInterestShortfall) {
      at("compensatingInterest", `${formatCents(loan.compensatingInterest)} exceeds the Prepayment Interest Shortfall ${formatCents(loan.prepaymentInterestShortfall)}`);
    }
    if (loan.prepaymentInterestShortfall > 0 && loan.payoff + loan.curtailment === 0) {
      at("prepaymentInterestShortfall", "a Prepayment Interest Shortfall needs a payoff or curtailment on the loan");
    }
    if (!loan.liquidated && (loan.liquidationProceeds > 0 || loan.liquidationExpenses > 0)) {
      at("liquidationProceeds", "liquidation proceeds or expenses on a loan not liquidated this period (set liquidated, or report a subsequent recovery)");
    }
    if (loan.liquidated && loan.payoff + loan.repurchase > 0) at("liquidated", "a loan cannot be both liquidated and paid in full or repurchased");
    if (loan.subsequentRecovery > 0 && (loan.beginningBalance > 0 || loan.liquidated)) {
      at("subsequentRecovery", "a Subsequent Recovery is reported on a loan liquidated on an earlier date, with no balance left");
    }
  });
  return problems;
}
