/**
 * The collateral layer: prepayment and default conventions (SIFMA SF-3 to SF-22),
 * the loan tape (rep lines or the deal's synthetic loans), and the projection
 * kernel that turns them into `CollateralFlows` for the waterfall. Pure: no I/O.
 */
export type { CollateralFlows, GroupCollateralFlows } from "./flows.js";
export { FLOW_SERIES, type FlowSeries } from "./group-flows.js";

export { cprToSmm, smmToCpr } from "./cpr-smm.js";
export { cdrToMdr, mdrToCdr } from "./cdr-mdr.js";
export { psaCpr, psaSmm, cprToPsa } from "./psa.js";
export { rampCpr, rampSmm, type PrepaymentRamp } from "./prepayment-ramp.js";
export { sdaCdr, sdaMdr } from "./sda.js";
export { absToSmm, smmToAbs } from "./abs-speed.js";
export { levelPayBalance, levelPayment, amortizingPayment } from "./level-pay.js";
export { smmFromFactors, averageSmm, averageCpr } from "./prepayment-measurement.js";
export { prepaymentSmm, type PrepaymentCurve } from "./prepayment-curve.js";
export { defaultMdr, type DefaultCurve } from "./default-curve.js";
export { armResetRate, roundToIncrement, type ArmReset, type ArmResetTerms } from "./arm-reset.js";

export {
  loanTapeFromRecords,
  orderTapeByGroup,
  groupRanges,
  ROUNDING_NEAREST,
  ROUNDING_UP,
  ROUNDING_DOWN,
  type LoanTape,
  type LoanRecord,
  type LoanArmTerms,
  type ArmColumns,
} from "./loan-tape.js";
export { buildRepLineTape, buildLoanLevelTape, expenseFeeRate, type DealCollateral } from "./deal-tape.js";
export {
  syntheticLoans,
  syntheticBalancesCents,
  syntheticLoanId,
  SYNTHETIC_BALANCE_SPREAD,
  type SyntheticLoan,
} from "./synthetic-loans.js";
export { seededRandom, deriveSeed } from "./prng.js";

export { collateralAssumptions, checkedAssumptions, type CollateralAssumptions } from "./assumptions.js";
export { projectCollateral, type ProjectCollateralOptions } from "./project-collateral.js";
export { poolCashFlow, poolRows, POOL_COLUMNS, type PoolSpec, type PoolCashFlow, type PoolCashFlowRow, type PoolCashFlowTotals } from "./pool-cash-flow.js";
