/** What one Distribution Date did: the figures a statement or a projection row reads. */
import type { LedgerEntry } from "../core/ledger.js";
import type { CorridorOutcome } from "./corridor.js";
import type { StepDownTests } from "./shifting-interest.js";
import type { WaterfallState } from "./state.js";

export interface ClassPeriodReport {
  readonly beginBalance: number;
  readonly endBalance: number;
  /** True for notional classes: balances are notionals. */
  readonly notional: boolean;
  /** Pass-Through Rate, percent (null for PO and strip classes without a stated rate). */
  readonly passThroughRate: number | null;
  readonly interestAccrued: number;
  /** Share of Net Prepayment Interest Shortfalls and Relief Act Reductions. */
  readonly interestShortfall: number;
  /** Interest Distribution Amount: accrued − shortfall share + unpaid from earlier dates. */
  readonly interestDue: number;
  readonly interestPaid: number;
  /** Unpaid Interest Distribution Amounts carried to the next date. */
  readonly unpaidInterest: number;
  readonly principal: number;
  readonly writedown: number;
  /** Subsequent Recoveries written back up (raises the balance). */
  readonly writeup: number;
  /** Accrued interest added to the balance of an accrual (Z) class. */
  readonly accretion: number;
  /** Class PO Deferred Amounts paid (PO only; cash that does not reduce the balance). */
  readonly poDeferredPaid: number;
  readonly yieldSupplementPaid: number;
}

export interface GroupPeriodReport {
  readonly availableFunds: number;
  readonly seniorPercentage: number;
  readonly originalSeniorPercentage: number;
  readonly seniorPrepaymentPercentage: number;
  readonly poFormulaPrincipalAmount: number;
  readonly seniorPrincipalDistributionAmount: number;
  readonly seniorPrincipalPaid: number;
  /** True when §4.02(c) (concurrent pro rata after depletion) governed this group's senior principal. */
  readonly proRataAfterDepletion: boolean;
  readonly transferIn: number;
  readonly transferOut: number;
}

export interface PeriodReport {
  readonly period: number;
  readonly distributionDate: string;
  readonly classes: Readonly<Record<string, ClassPeriodReport>>;
  readonly groups: Readonly<Record<string, GroupPeriodReport>>;
  readonly tests: StepDownTests;
  readonly subordinatedPrincipalDistributionAmount: number;
  readonly restrictedClasses: readonly string[];
  readonly poDeferredPaid: number;
  readonly poDeferredOutstanding: number;
  readonly realizedLoss: number;
  readonly cumulativeRealizedLoss: number;
  readonly corridor: readonly CorridorOutcome[];
  /** Remainder paid to the residual class under §4.02(a)(v). */
  readonly residual: number;
  readonly totalAvailableFunds: number;
  readonly totalDistributed: number;
  /** On or after the Senior Credit Support Depletion Date. */
  readonly depleted: boolean;
  readonly terminated: boolean;
}

export interface PeriodResult {
  readonly state: WaterfallState;
  readonly ledger: readonly LedgerEntry[];
  readonly report: PeriodReport;
}
