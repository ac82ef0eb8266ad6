/**
 * The Distribution Date statement to Certificateholders (§4.06): what the
 * trustee publishes for each posting. Amounts are integer cents; rates and
 * percentages are percent. No timestamps: the same postings give the same bytes.
 */
import type { Cents } from "../../core/money.js";
import type { DelinquencyStatus } from "../remittance/schema.js";

export const STATEMENT_FORMAT = "tranche-statement/1";

export interface ClassStatementLine {
  readonly classId: string;
  /** The deal file's CUSIP, or null where none is assigned (a placeholder is printed). */
  readonly cusip: string | null;
  readonly types: readonly string[];
  /** True for notional (interest-only) classes: balances are notional amounts. */
  readonly notional: boolean;
  readonly passThroughRate: number | null;
  /** Original Class Certificate Balance (or original notional amount). */
  readonly originalBalance: Cents;
  readonly beginningBalance: Cents;
  readonly principal: Cents;
  readonly interest: Cents;
  readonly accruedInterest: Cents;
  /** Share of Net Prepayment Interest Shortfalls and Relief Act Reductions. */
  readonly interestReduction: Cents;
  /** Unpaid Interest Distribution Amount after the date (carried forward without interest). */
  readonly interestCarryForward: Cents;
  readonly yieldSupplement: Cents;
  readonly poDeferredPaid: Cents;
  readonly residual: Cents;
  readonly realizedLosses: Cents;
  readonly writeups: Cents;
  /** Accrual Distribution Amount added to an accrual (Z) class's balance (§4.02(a)(ii)); absent in statements stored before it was reported. */
  readonly accretion: Cents;
  readonly endingBalance: Cents;
  readonly totalDistribution: Cents;
  /** Amounts per $1,000 of original balance (or notional), to 8 decimals. */
  readonly perThousand: {
    readonly principal: number;
    readonly interest: number;
    readonly realizedLosses: number;
    readonly endingBalance: number;
  };
}

export interface DelinquencyLine {
  readonly status: DelinquencyStatus;
  readonly count: number;
  readonly balance: Cents;
  /** Share of the ending pool balance, percent. */
  readonly percentOfPool: number;
}

export interface PoolStatement {
  /** "all" for the whole pool, else the loan group id. */
  readonly group: string;
  readonly beginningBalance: Cents;
  readonly beginningCount: number;
  readonly scheduledPrincipal: Cents;
  readonly payoffs: Cents;
  readonly payoffCount: number;
  readonly curtailments: Cents;
  readonly repurchases: Cents;
  readonly liquidationCount: number;
  readonly liquidatedBalance: Cents;
  readonly liquidationProceeds: Cents;
  readonly liquidationExpenses: Cents;
  readonly netLiquidationPrincipal: Cents;
  readonly realizedLosses: Cents;
  readonly subsequentRecoveries: Cents;
  readonly endingBalance: Cents;
  readonly endingCount: number;
  readonly interestCollected: Cents;
  readonly principalAdvances: Cents;
  readonly interestAdvances: Cents;
  readonly advancesReimbursed: Cents;
  readonly prepaymentInterestShortfall: Cents;
  readonly compensatingInterest: Cents;
  readonly netPrepaymentInterestShortfall: Cents;
  readonly reliefActReductions: Cents;
  readonly masterServicingFee: Cents;
  readonly trusteeFee: Cents;
  readonly availableFunds: Cents;
  readonly grossWac: number;
  readonly netWac: number;
  readonly delinquency: readonly DelinquencyLine[];
  readonly delinquent60Plus: Cents;
}

export interface GroupPercentages {
  readonly group: string;
  readonly seniorPercentage: number;
  readonly originalSeniorPercentage: number;
  readonly seniorPrepaymentPercentage: number;
  readonly seniorPrincipalDistributionAmount: Cents;
  readonly poFormulaPrincipalAmount: Cents;
}

export interface TriggerLine {
  readonly name: string;
  readonly citation: string;
  readonly value: string;
  readonly threshold: string;
  readonly result: "pass" | "fail";
}

export interface CorridorLine {
  readonly contractId: string;
  readonly counterparty: string;
  readonly beneficiary: string;
  readonly index: string;
  readonly indexRate: number;
  readonly notional: Cents;
  readonly payment: Cents;
  readonly yieldSupplementAmount: Cents;
  readonly yieldSupplementPaid: Cents;
  readonly unpaidYieldSupplement: Cents;
  readonly released: Cents;
}

export interface AmountLine {
  readonly label: string;
  readonly amount: Cents;
}

export interface Statement {
  readonly format: typeof STATEMENT_FORMAT;
  readonly deal: { readonly id: string; readonly name: string; readonly trustee: string; readonly masterServicer: string };
  readonly distributionDate: string;
  readonly period: number;
  /** 1 for the original posting, 2 for the first restatement, ... */
  readonly revision: number;
  readonly remittanceSha256: string;
  readonly indexFixings: Readonly<Record<string, number>>;
  readonly classes: readonly ClassStatementLine[];
  readonly pool: readonly PoolStatement[];
  readonly cumulativeRealizedLosses: Cents;
  readonly cumulativeSubsequentRecoveries: Cents;
  readonly percentages: readonly GroupPercentages[];
  readonly subordinatedPrincipalDistributionAmount: Cents;
  readonly restrictedClasses: readonly string[];
  readonly triggers: readonly TriggerLine[];
  readonly depletion: { readonly depleted: boolean; readonly seniorCreditSupportDepletionDate: string | null };
  readonly classPoDeferredAmountOutstanding: Cents;
  readonly corridor: readonly CorridorLine[];
  readonly sources: readonly AmountLine[];
  readonly uses: readonly AmountLine[];
  readonly totalSources: Cents;
  readonly totalUses: Cents;
  /**
   * Pool balance against the aggregate Class Certificate Balance (non-notional
   * classes). The classes never exceed the pool (§4.04 writes the excess off);
   * they equal it unless Subsequent Recoveries not yet written back up left the
   * pool larger (`cushionAllowed`).
   */
  readonly balanceCheck: {
    readonly poolBalance: Cents;
    readonly classBalances: Cents;
    /** Pool − classes. */
    readonly difference: Cents;
    /** Cumulative Subsequent Recoveries − cumulative write-ups: the most the pool may exceed the classes by. */
    readonly cushionAllowed: Cents;
    readonly ties: boolean;
  };
}
