/**
 * The servicer's monthly remittance report, one file per Distribution Date: the
 * master servicer's account of each Mortgage Loan's collections for the Due
 * Period and Prepayment Period ending before that date (PSA §3.08 remittance,
 * §4.01 Advances, §3.17 Compensating Interest; figures as the §4.06 statement
 * needs them).
 *
 * One zod schema is the truth for both file forms: JSON (`{header, loans}`) and
 * CSV (a `field,value` header block, a blank line, then one row per loan whose
 * columns are the loan fields below). Amounts are written in dollars with at
 * most two decimals and become integer cents when parsed (`Remittance` is the
 * parsed form, `RemittanceInput` the written one). Loan amount fields may be
 * omitted, meaning 0.
 */
import { z } from "zod";
import { isCivilDate, type CivilDate } from "../../core/civil-date.js";
import { cents, type Cents } from "../../core/money.js";

export const REMITTANCE_FORMAT = "tranche-remittance/1";

const civilDate = z
  .string()
  .refine((s) => isCivilDate(s), { message: "must be a calendar date written YYYY-MM-DD" })
  .transform((s) => s as CivilDate);

/** Largest amount accepted: $10 billion (keeps cents far inside the safe-integer range). */
const MAX_DOLLARS = 10_000_000_000;

/** Dollars with at most two decimals, never negative → integer cents. */
export const moneySchema = z
  .number()
  .min(0, "must not be negative")
  .max(MAX_DOLLARS, "is implausibly large (over $10 billion)")
  .refine((n) => Number(n.toFixed(2)) === n, "must be dollars with at most two decimals")
  .transform((n): Cents => cents(Math.round(n * 100)));

const loanMoney = moneySchema.prefault(0);

/** Delinquency status at the end of the Due Period (MBA method), as the §4.06 statement buckets it. */
export const DELINQUENCY_STATUSES = ["current", "30", "60", "90+", "foreclosure", "REO", "bankruptcy"] as const;
export const delinquencyStatusSchema = z.enum(DELINQUENCY_STATUSES);
export type DelinquencyStatus = z.infer<typeof delinquencyStatusSchema>;

/** Statuses that count toward the 60+ day delinquent balance of the Senior Step Down Conditions. */
export const SIXTY_PLUS_STATUSES: ReadonlySet<DelinquencyStatus> = new Set(["60", "90+", "foreclosure", "REO", "bankruptcy"]);

const loanId = z.string().min(1).max(40).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "must be letters, digits, '-', '_' or '.'");

/** One Mortgage Loan's activity for the Distribution Date. */
export const loanRemittanceSchema = z.strictObject({
  loanId,
  /** Loan Group (must match the loan tape). */
  group: z.string().min(1),
  /** Stated Principal Balance at the start of the Due Period (the previous posting's ending balance). */
  beginningBalance: loanMoney,
  /** Stated Principal Balance after this date's scheduled principal, prepayments and liquidation. */
  endingBalance: loanMoney,
  /** Mortgage Rate in effect for the Due Period, percent. */
  mortgageRate: z.number().min(0).max(30),
  /** Scheduled principal due in the Due Period and remitted (collected or advanced). */
  scheduledPrincipal: loanMoney,
  /** Partial Principal Prepayment. */
  curtailment: loanMoney,
  /** Principal Prepayment in full. */
  payoff: loanMoney,
  /** For a payoff: the date through which the borrower paid interest (for the Prepayment Interest Shortfall). */
  paidThroughDate: civilDate.nullable().default(null),
  /** Purchase Price principal of a loan repurchased by the seller (§2.03) or the servicer. */
  repurchase: loanMoney,
  /** Interest at the Mortgage Rate collected from the borrower (incl. repurchase interest and late interest). */
  interestCollected: loanMoney,
  delinquencyStatus: delinquencyStatusSchema.default("current"),
  /** Final liquidation this period: the loan becomes a Liquidated Mortgage Loan. */
  liquidated: z.boolean().default(false),
  liquidationProceeds: loanMoney,
  /** Liquidation Expenses, including reimbursement of the loan's outstanding Advances. */
  liquidationExpenses: loanMoney,
  /** Subsequent Recovery on a loan liquidated on an earlier date. */
  subsequentRecovery: loanMoney,
  /** Principal part of the P&I Advance (included in `scheduledPrincipal`). */
  principalAdvance: loanMoney,
  /** Interest part of the P&I Advance. */
  interestAdvance: loanMoney,
  /** Advances reimbursed to the servicer from collections (late payments, nonrecoverable advances). */
  advanceReimbursement: loanMoney,
  /** Interest not owed under the Servicemembers Civil Relief Act. */
  reliefActReduction: loanMoney,
  prepaymentInterestShortfall: loanMoney,
  /** Paid by the master servicer from its fee against the Prepayment Interest Shortfall. */
  compensatingInterest: loanMoney,
});

/** Totals the servicer states in the header; each must equal the sum of the loan rows to the cent. */
export const remittanceTotalsSchema = z.strictObject({
  loanCount: z.number().int().nonnegative(),
  beginningBalance: moneySchema,
  endingBalance: moneySchema,
  scheduledPrincipal: moneySchema,
  curtailment: moneySchema,
  payoff: moneySchema,
  repurchase: moneySchema,
  interestCollected: moneySchema,
  liquidationProceeds: moneySchema,
  liquidationExpenses: moneySchema,
  subsequentRecovery: moneySchema,
  principalAdvance: moneySchema,
  interestAdvance: moneySchema,
  advanceReimbursement: moneySchema,
  reliefActReduction: moneySchema,
  prepaymentInterestShortfall: moneySchema,
  compensatingInterest: moneySchema,
});

export const remittanceHeaderSchema = z.strictObject({
  format: z.literal(REMITTANCE_FORMAT),
  dealId: z.string().min(1),
  distributionDate: civilDate,
  servicer: z.string().min(1),
  /** Index rates the trustee set for the period's accrual, percent (e.g. LIBOR_1M for Class A-1). */
  indexFixings: z.record(z.string(), z.number().min(-5).max(50)).default({}),
  totals: remittanceTotalsSchema,
});

export const remittanceSchema = z.strictObject({
  header: remittanceHeaderSchema,
  loans: z.array(loanRemittanceSchema),
});

/** A remittance as written (dollars). */
export type RemittanceInput = z.input<typeof remittanceSchema>;
export type LoanRemittanceInput = z.input<typeof loanRemittanceSchema>;
/** A parsed remittance (integer cents). */
export type Remittance = z.output<typeof remittanceSchema>;
export type RemittanceHeader = z.output<typeof remittanceHeaderSchema>;
export type RemittanceTotals = z.output<typeof remittanceTotalsSchema>;
export type LoanRemittance = z.output<typeof loanRemittanceSchema>;

/** The money fields of a loan row and of the totals, in file order. */
export const LOAN_MONEY_FIELDS = [
  "beginningBalance",
  "endingBalance",
  "scheduledPrincipal",
  "curtailment",
  "payoff",
  "repurchase",
  "interestCollected",
  "liquidationProceeds",
  "liquidationExpenses",
  "subsequentRecovery",
  "principalAdvance",
  "interestAdvance",
  "advanceReimbursement",
  "reliefActReduction",
  "prepaymentInterestShortfall",
  "compensatingInterest",
] as const satisfies readonly (keyof LoanRemittance & keyof RemittanceTotals)[];
export type LoanMoneyField = (typeof LOAN_MONEY_FIELDS)[number];

/** How a CSV cell becomes a JSON value for each loan column (checked against the schema's keys). */
export type CsvFieldKind = "string" | "number" | "money" | "boolean" | "date";
export const LOAN_CSV_COLUMNS: Readonly<Record<keyof LoanRemittanceInput, CsvFieldKind>> = {
  loanId: "string",
  group: "string",
  beginningBalance: "money",
  endingBalance: "money",
  mortgageRate: "number",
  scheduledPrincipal: "money",
  curtailment: "money",
  payoff: "money",
  paidThroughDate: "date",
  repurchase: "money",
  interestCollected: "money",
  delinquencyStatus: "string",
  liquidated: "boolean",
  liquidationProceeds: "money",
  liquidationExpenses: "money",
  subsequentRecovery: "money",
  principalAdvance: "money",
  interestAdvance: "money",
  advanceReimbursement: "money",
  reliefActReduction: "money",
  prepaymentInterestShortfall: "money",
  compensatingInterest: "money",
};
