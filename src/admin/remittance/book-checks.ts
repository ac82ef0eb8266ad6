/**
 * A parsed remittance against what the trustee already knows: the deal, its
 * Mortgage Loan Schedule (the loan tape) and the loan book after the last
 * posting. Catches rows for loans not in the trust, a loan in the wrong group, a
 * beginning balance that does not tie to the book, activity on a loan that has
 * already been liquidated or paid off, and an active loan with no row.
 */
import { formatCents } from "../../core/money.js";
import type { Deal } from "../../deal/schema.js";
import { distributionDate, periodOfDate } from "../../engine/schedule.js";
import type { LoanBook, LoanPosition } from "../loans/loan-book.js";
import type { TrustLoans } from "../loans/trust-loans.js";
import type { RemittanceLines } from "./lines.js";
import type { RemittanceProblem } from "./problems.js";
import type { LoanRemittance, Remittance } from "./schema.js";

export interface BookCheckInput {
  readonly remittance: Remittance;
  readonly lines: RemittanceLines;
  readonly deal: Deal;
  readonly loans: TrustLoans;
  /** The loan book the remittance follows (the posting before its Distribution Date). */
  readonly book: LoanBook;
}

/** The header names the deal and a Distribution Date of the deal. */
export function checkHeader(remittance: Remittance, lines: RemittanceLines, deal: Deal): RemittanceProblem[] {
  const problems: RemittanceProblem[] = [];
  const h = remittance.header;
  const at = (key: string, message: string): void => {
    problems.push({ line: lines.header.get(`header.${key}`) ?? 0, path: `header.${key}`, message });
  };
  if (h.dealId !== deal.id) at("dealId", `the file is for deal "${h.dealId}", not ${deal.id}`);
  const period = periodOfDate(deal, h.distributionDate);
  if (period === null) {
    at("distributionDate", `${h.distributionDate} is before the deal's first Distribution Date ${deal.dates.firstDistributionDate}`);
  } else if (distributionDate(deal, period) !== h.distributionDate) {
    at("distributionDate", `${h.distributionDate} is not a Distribution Date of ${deal.id}; that month's is ${distributionDate(deal, period)} (the ${deal.dates.distributionDay}th or the next Business Day)`);
  }
  return problems;
}

export function checkAgainstBook(input: BookCheckInput): RemittanceProblem[] {
  const { remittance, lines, loans, book } = input;
  const problems: RemittanceProblem[] = [];
  const positions = new Map<string, LoanPosition>(book.positions.map((p) => [p.loanId, p]));
  const reported = new Set<string>();
  remittance.loans.forEach((row: LoanRemittance, index) => {
    const line = lines.loans[index] ?? 0;
    const at = (field: string, message: string): void => {
      problems.push({ line: lines.loanFields?.[index]?.get(field) ?? line, path: `loans[${row.loanId}]${field ? `.${field}` : ""}`, message });
    };
    reported.add(row.loanId);
    const loan = loans.byId.get(row.loanId);
    const position = positions.get(row.loanId);
    if (!loan || !position) {
      at("loanId", `loan ${row.loanId} is not on the Mortgage Loan Schedule of ${input.deal.id}`);
      return;
    }
    if (row.group !== loan.groupId) at("group", `loan ${row.loanId} is in loan group ${loan.groupId}, not ${row.group}`);
    if (position.standing !== "active") {
      const how = position.standing === "liquidated" ? "liquidated" : position.standing === "repurchased" ? "repurchased" : "paid in full";
      const onlyRecovery =
        position.standing === "liquidated" &&
        row.beginningBalance === 0 &&
        row.endingBalance === 0 &&
        !row.liquidated &&
        row.scheduledPrincipal + row.curtailment + row.payoff + row.repurchase + row.interestCollected + row.principalAdvance + row.interestAdvance === 0;
      if (!onlyRecovery) {
        at(
          "",
          position.standing === "liquidated"
            ? `loan ${row.loanId} was already liquidated on ${position.closedOn}; only a Subsequent Recovery (and an advance reimbursement) may be reported for it`
            : `loan ${row.loanId} was already ${how} on ${position.closedOn}; it has no further activity`,
        );
      }
      return;
    }
    const period = periodOfDate(input.deal, remittance.header.distributionDate) ?? 1;
    const fixedRate = !loan.arm || loan.age + period - 1 < loan.arm.firstResetAge;
    if (fixedRate && Math.abs(row.mortgageRate - loan.mortgageRate) > 1e-9) {
      at("mortgageRate", `${row.mortgageRate}% differs from the Mortgage Loan Schedule's ${loan.mortgageRate}%${loan.arm ? " (the loan has not reached its first reset)" : " (a fixed-rate loan)"}`);
    }
    if (row.subsequentRecovery > 0) at("subsequentRecovery", `loan ${row.loanId} has not been liquidated, so it cannot have a Subsequent Recovery`);
    if (row.beginningBalance !== position.balance) {
      at(
        "beginningBalance",
        `${formatCents(row.beginningBalance)} does not tie to the loan's Stated Principal Balance after ${book.asOf ? `the ${book.asOf} posting` : "the Cut-off Date"} (${formatCents(position.balance)})`,
      );
    }
  });
  for (const p of book.positions) {
    if (p.standing === "active" && p.balance > 0 && !reported.has(p.loanId)) {
      problems.push({
        line: lines.header.get("loans") ?? 0,
        path: "loans",
        message: `missing loan: ${p.loanId} (group ${p.groupId}, Stated Principal Balance ${formatCents(p.balance)}) is in the trust but has no row`,
      });
    }
  }
  return problems;
}
