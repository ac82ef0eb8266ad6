/**
 * What the collateral layer hands the waterfall: per loan group, per projection
 * period (index 0 = period 1 = the first Distribution Date), float64 dollars.
 *
 * Identities every period (tested): beginBalance − endBalance =
 * scheduledPrincipal + prepayments + liquidatedBalance, and
 * liquidatedBalance = liquidationPrincipal + realizedLoss. The `po*` arrays are
 * the same quantities weighted by each loan's PO Percentage (0 for loans that are
 * not Discount Mortgage Loans), so the non-PO amount is the total minus the PO one.
 */
export interface GroupCollateralFlows {
  readonly groupId: string;
  readonly periods: number;
  /** Stated Principal Balance at the start of the period (performing + in foreclosure). */
  readonly beginBalance: Float64Array;
  readonly endBalance: Float64Array;
  /** Principal the holder receives as scheduled: actual amortization + (when advancing) amortization from defaults. */
  readonly scheduledPrincipal: Float64Array;
  /** Voluntary prepayments (in full and curtailments). */
  readonly prepayments: Float64Array;
  readonly newDefaults: Float64Array;
  /** Stated Principal Balance of the loans liquidated this period (SF "adb"). */
  readonly liquidatedBalance: Float64Array;
  /** Net liquidation proceeds allocable to principal (SF "principal recovery"). */
  readonly liquidationPrincipal: Float64Array;
  readonly realizedLoss: Float64Array;
  /** Balance of loans defaulted and not yet liquidated, at the end of the period (counts as 60+ delinquent). */
  readonly foreclosureBalance: Float64Array;
  /** Interest at the Mortgage Rate that reaches the trust: expected when advancing, actual when not. */
  readonly interest: Float64Array;
  /** Interest not collected on defaulted loans (zero when advancing). */
  readonly lostInterest: Float64Array;
  /** Expense Fees: Expense Fee Rate / 12 × beginBalance. */
  readonly fees: Float64Array;
  /** Σ beginBalance × Adjusted Net Mortgage Rate (percent), for the group's net WAC. */
  readonly netRateWeightedBalance: Float64Array;
  /** Σ beginBalance × Mortgage Rate (percent). */
  readonly grossRateWeightedBalance: Float64Array;
  readonly poBeginBalance: Float64Array;
  readonly poEndBalance: Float64Array;
  readonly poScheduledPrincipal: Float64Array;
  readonly poPrepayments: Float64Array;
  readonly poLiquidatedBalance: Float64Array;
  readonly poLiquidationPrincipal: Float64Array;
  readonly poRealizedLoss: Float64Array;
  /** Stated Principal Balance of Non-Discount loans at the start of the period (Class X notional). */
  readonly nonDiscountBeginBalance: Float64Array;
  /** Σ over Non-Discount loans of beginBalance × (Adjusted Net Mortgage Rate − Required Coupon) / 1200. */
  readonly premiumStripInterest: Float64Array;
  /** Stated Principal Balance of Non-Discount loans at the end of the period (Class X notional after the date). */
  readonly nonDiscountEndBalance: Float64Array;

  // The standard cash flow with defaults (SIFMA SF-17 to SF-22, STANDARDS.md §4), term by term,
  // for reports and the `tranche pool` calculator. The fields above are built from these.
  /** SF "performing": balance of loans not in default at the end of the period. */
  readonly performingBalance: Float64Array;
  /** SF "expected amortization": (performing + foreclosure at the start − liquidated) × (1 − r). */
  readonly expectedAmortization: Float64Array;
  /** SF "actual amortization": (performing at the start − new defaults) × (1 − r). */
  readonly actualAmortization: Float64Array;
  /** SF "amortization from defaults": scheduled principal advanced on loans in foreclosure (0 without advancing). */
  readonly amortizationFromDefaults: Float64Array;
  /** SF "expected interest" at the Mortgage Rate: (performing + foreclosure at the start) × rate / 12. */
  readonly expectedInterest: Float64Array;
  /** SF "lost interest" at the Mortgage Rate: (new defaults + foreclosure at the start) × rate / 12, advanced or not. */
  readonly defaultedLoanInterest: Float64Array;
  /** `expectedInterest` at the Adjusted Net Mortgage Rate (= expectedInterest − fees). */
  readonly expectedNetInterest: Float64Array;
  /** `defaultedLoanInterest` at the Adjusted Net Mortgage Rate. */
  readonly defaultedLoanNetInterest: Float64Array;
}

export interface CollateralFlows {
  readonly periods: number;
  /** Whether principal and interest on defaulted loans were advanced (decides `interest` and `scheduledPrincipal`). */
  readonly advancing?: boolean;
  readonly groups: readonly GroupCollateralFlows[];
}
