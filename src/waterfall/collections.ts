/**
 * One Distribution Date's collections for one loan group, as the waterfall reads
 * them. Projections build it from `GroupCollateralFlows`; the trustee's
 * administration builds it from a servicer's remittance. Dollars (float64); the
 * administration layer rounds to cents after the waterfall, by `allocateCents`.
 */
export interface GroupCollections {
  readonly groupId: string;
  readonly beginBalance: number;
  readonly endBalance: number;
  readonly scheduledPrincipal: number;
  /** Prepayments in full, curtailments and repurchase principal. */
  readonly prepayments: number;
  readonly liquidatedBalance: number;
  readonly liquidationPrincipal: number;
  readonly realizedLoss: number;
  /** Subsequent Recoveries (principal received after the loss was taken; added to Available Funds as unscheduled principal). */
  readonly subsequentRecoveries: number;
  /**
   * Interest at the Mortgage Rate that reaches the trust as cash: collected + advanced
   * + Compensating Interest − advance reimbursements. It already reflects Net Prepayment
   * Interest Shortfalls and Relief Act Reductions; the two fields below only say how
   * large they were, so the waterfall can charge them to the classes (pro rata by
   * Accrued Certificate Interest) instead of leaving them on the most junior class.
   */
  readonly interest: number;
  readonly fees: number;
  /** Net Prepayment Interest Shortfall (after Compensating Interest) borne by the classes. */
  readonly netPrepaymentInterestShortfall: number;
  readonly reliefActReduction: number;
  /** 60+ day delinquent balance (incl. foreclosure, REO, bankruptcy) at the end of the Due Period. */
  readonly delinquent60PlusBalance: number;
  /** Group weighted average Adjusted Net Mortgage Rate at the start of the Due Period, percent. */
  readonly netWac: number;
  readonly poBeginBalance: number;
  readonly poEndBalance: number;
  readonly poScheduledPrincipal: number;
  readonly poPrepayments: number;
  readonly poLiquidatedBalance: number;
  readonly poLiquidationPrincipal: number;
  readonly poRealizedLoss: number;
  readonly nonDiscountBeginBalance: number;
  /** Stated Principal Balance of Non-Discount loans at the end of the period (Class X notional after the date). */
  readonly nonDiscountEndBalance: number;
  readonly premiumStripInterest: number;
}

/** What one Distribution Date brings in: collections per group, index fixings, and the date. */
export interface PeriodInputs {
  readonly period: number;
  readonly distributionDate: string;
  readonly groups: readonly GroupCollections[];
  /** Index values in percent for this period's accrual (e.g. LIBOR_1M set for A-1's period). */
  readonly indices: Readonly<Record<string, number>>;
  /** Exercise the Optional Termination on this date (the engine decides when it is allowed). */
  readonly optionalTermination: boolean;
}
