/**
 * The result of `project(deal, scenario)`: the shape `tranche project --format json`
 * prints and the HTTP API returns. Amounts in dollars (float64); notional classes
 * report their notional as balance. Periods are 1-based; dates are Distribution Dates.
 */
import type { LedgerEntry } from "../core/ledger.js";
import type { Scenario } from "../core/scenario.js";

export interface CollateralRow {
  period: number;
  date: string;
  beginBalance: number;
  scheduledPrincipal: number;
  prepayments: number;
  newDefaults: number;
  liquidationPrincipal: number;
  realizedLoss: number;
  interest: number;
  fees: number;
  endBalance: number;
  /** Available Funds of the date and what the waterfall distributed of them (equal every period). */
  availableFunds: number;
  distributed: number;
  /** The part of the distribution that went to the residual class under §4.02(a)(v). */
  residual: number;
}

export interface ClassFlowRow {
  period: number;
  date: string;
  beginBalance: number;
  interest: number;
  principal: number;
  writedown: number;
  endBalance: number;
  interestShortfall: number;
  /** Accrued interest added to the balance (accrual classes before their Accretion Termination Date; 0 otherwise). */
  accretion?: number;
}

export interface ClassResult {
  type: string[];
  offered: boolean;
  group: string | null;
  notional: boolean;
  initialBalance: number;
  flows: ClassFlowRow[];
  /** Weighted average life in years (null for notional classes or when no principal is paid). */
  wal: number | null;
}

export interface CorridorRow {
  period: number;
  date: string;
  notional: number;
  payment: number;
  yieldSupplementPaid: number;
  released: number;
}

export interface TestRow {
  period: number;
  date: string;
  group: string;
  seniorPercentage: number;
  seniorPrepaymentPercentage: number;
  delinquencyTest: boolean;
  lossTest: boolean;
  twoTimesTest: boolean;
  /** On or after the Senior Credit Support Depletion Date. */
  depleted: boolean;
  /** Whether §4.02(c) paid this group's senior principal concurrently pro rata this date. */
  proRataAfterDepletion: boolean;
}

export interface ProjectionResult {
  deal: { id: string; name: string; amendments: string[] };
  scenario: Scenario;
  collateral: CollateralRow[];
  classes: Record<string, ClassResult>;
  /** First Distribution Date period on or after the Senior Credit Support Depletion Date, or null. */
  depletionPeriod: number | null;
  /** Period in which the Optional Termination was exercised, or null. */
  terminationPeriod: number | null;
  corridor: CorridorRow[];
  tests: TestRow[];
  ledger?: LedgerEntry[];
  /** Price/yield analytics of the priced classes, by class id (see `priceClasses` in price-classes.ts). */
  analytics?: Record<string, ClassAnalytics>;
}

/**
 * A security priced from its cash flows at a quote (SIFMA SF-43 to SF-55), per
 * 100 of current face: what a deal class (`ClassAnalytics`) and a pool
 * (`PoolAnalytics`) both report. Built by `quotedMeasures` (price-classes.ts).
 */
export interface QuotedMeasures {
  /** How the security was quoted: the other of price and yield is solved. */
  quotedBy: "price" | "yield";
  /** Clean price per 100 of current face. */
  price: number;
  /** Price + accrued interest. */
  fullPrice: number;
  accruedInterest: number;
  /** Bond-equivalent (semiannual) yield, percent. */
  yield: number;
  /** Monthly-compounded equivalent, percent. */
  mortgageYield: number;
  /** Years from settlement; null for a security that receives no principal (IO). */
  averageLife: number | null;
  macaulayDuration: number;
  modifiedDuration: number;
  /** Cash-flow convexity, years² (not divided by 100). */
  convexity: number;
}

/**
 * One class priced at a settlement date (SIFMA SF-43 to SF-55), per 100 of the
 * class's face (or notional) outstanding at settlement. Yields are percent,
 * times in years (30/360 from settlement, actual delay included).
 */
export interface ClassAnalytics extends QuotedMeasures {
  settlementDate: string;
  /** First day of the accrual period in which settlement falls. */
  accrualStartDate: string;
  accruedDays: number;
  /** Pass-through rate of that accrual period, percent. */
  coupon: number;
  delayDays: number;
  /** Face (or notional) at settlement ÷ original face. */
  factor: number;
  /** First Distribution Date whose cash goes to the buyer. */
  firstPaymentPeriod: number;
  /** Floaters only: discount margin over the projected index path (SF-53), percent. */
  discountMargin?: number;
  /**
   * With a benchmark (`--curve`/`--benchmark`): the benchmark curve's yield at the
   * class's average life and yield − that, in basis points (none for a class
   * with no principal, e.g. an IO).
   */
  spread?: { benchmarkYield: number; spreadBp: number };
  /**
   * Effective duration (years) and convexity: full prices repriced with the
   * yield and every index path shifted ±`effectiveShiftBp` and the deal
   * re-projected (SF-47 to SF-55: labelled effective).
   */
  effectiveDuration?: number;
  effectiveConvexity?: number;
  effectiveShiftBp?: number;
}
