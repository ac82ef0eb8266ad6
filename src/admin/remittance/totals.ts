/**
 * The header's totals against the loan rows: each stated total must equal the
 * sum of its column to the cent, and the loan count the number of rows.
 */
import { cents, formatCents, type Cents } from "../../core/money.js";
import type { RemittanceProblem } from "./problems.js";
import type { RemittanceLines } from "./lines.js";
import { LOAN_MONEY_FIELDS, type LoanMoneyField, type LoanRemittance, type Remittance, type RemittanceTotals } from "./schema.js";

/** Σ of each money field over the rows, in cents. */
export function sumLoanRows(loans: readonly LoanRemittance[]): Record<LoanMoneyField, Cents> {
  const sums = Object.fromEntries(LOAN_MONEY_FIELDS.map((f) => [f, 0])) as Record<LoanMoneyField, number>;
  for (const loan of loans) for (const f of LOAN_MONEY_FIELDS) sums[f] += loan[f];
  return Object.fromEntries(LOAN_MONEY_FIELDS.map((f) => [f, cents(sums[f])])) as Record<LoanMoneyField, Cents>;
}

/** The totals a header should state for these rows (what a servicer system or the simulator writes). */
export function totalsOf(loans: readonly LoanRemittance[]): RemittanceTotals {
  return { loanCount: loans.length, ...sumLoanRows(loans) };
}

export function checkTotals(remittance: Remittance, lines: RemittanceLines): RemittanceProblem[] {
  const problems: RemittanceProblem[] = [];
  const stated = remittance.header.totals;
  const line = (field: string): number => lines.header.get(`header.totals.${field}`) ?? lines.header.get("header.totals") ?? 0;
  if (stated.loanCount !== remittance.loans.length) {
    problems.push({
      line: line("loanCount"),
      path: "header.totals.loanCount",
      message: `states ${stated.loanCount} loans but the file has ${remittance.loans.length} loan rows`,
    });
  }
  const sums = sumLoanRows(remittance.loans);
  for (const field of LOAN_MONEY_FIELDS) {
    if (stated[field] !== sums[field]) {
      problems.push({
        line: line(field),
        path: `header.totals.${field}`,
        message: `states ${formatCents(stated[field])} but the loan rows add up to ${formatCents(sums[field])} (difference ${formatCents(cents(stated[field] - sums[field]))}); the totals do not tie`,
      });
    }
  }
  return problems;
}
