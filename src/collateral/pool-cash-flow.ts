import type { PeriodVector } from "../core/vector.js";
import type { DefaultCurve } from "./default-curve.js";
import type { GroupCollateralFlows } from "./flows.js";
import { loanTapeFromRecords } from "./loan-tape.js";
import type { PrepaymentCurve } from "./prepayment-curve.js";
import { projectCollateral } from "./project-collateral.js";

/** A level-pay fixed-rate pool for the standard cash flow with defaults (SF-17 to SF-22). */
export interface PoolSpec {
  readonly balance: number;
  /** Gross (mortgage) rate, percent: sets the level payment. */
  readonly wac: number;
  /** Net (pass-through) rate, percent: the interest columns are at this rate. */
  readonly net: number;
  /** Original term, months. */
  readonly term: number;
  /** Loan age at the start, months (the first month is loan month age + 1). */
  readonly age: number;
  readonly prepayment: PrepaymentCurve;
  readonly default: DefaultCurve;
  /** Severity, percent of the balance at default, by month of liquidation. */
  readonly severity: PeriodVector;
  readonly lag: number;
  readonly advancing: boolean;
}

/** One month of STANDARDS.md §4, named as SIFMA names the columns. Interest at the net rate. */
export interface PoolCashFlowRow {
  month: number;
  /** At the end of the month: SIFMA's performing(i), after its defaults, prepayments and amortization. */
  performingBalance: number;
  newDefaults: number;
  inForeclosure: number;
  expectedAmortization: number;
  voluntaryPrepayments: number;
  amortizationFromDefaults: number;
  actualAmortization: number;
  expectedInterest: number;
  lostInterest: number;
  actualInterest: number;
  principalRecovery: number;
  principalLoss: number;
  adb: number;
}

/** Sums of the flow columns; the balance columns (and month) are null: a sum of balances means nothing. */
export type PoolCashFlowTotals = {
  [K in keyof PoolCashFlowRow]: K extends "month" | "performingBalance" | "inForeclosure" ? null : number;
};

export interface PoolCashFlow {
  readonly spec: PoolSpec;
  readonly rows: PoolCashFlowRow[];
  readonly totals: PoolCashFlowTotals;
}

export const POOL_COLUMNS: readonly (keyof PoolCashFlowRow)[] = [
  "month",
  "performingBalance",
  "newDefaults",
  "inForeclosure",
  "expectedAmortization",
  "voluntaryPrepayments",
  "amortizationFromDefaults",
  "actualAmortization",
  "expectedInterest",
  "lostInterest",
  "actualInterest",
  "principalRecovery",
  "principalLoss",
  "adb",
];

/**
 * The standard cash flow with defaults of one pool, month by month: the
 * projection kernel's own output (`projectCollateral` on a one-loan tape, the
 * same code a deal projection runs), shown term by term.
 */
export function poolCashFlow(spec: PoolSpec): PoolCashFlow {
  if (!(spec.balance > 0) || !Number.isFinite(spec.balance)) throw new RangeError(`balance: must be a positive amount, got ${spec.balance}`);
  if (!(spec.wac >= 0 && spec.wac < 100)) throw new RangeError(`wac: must be a percent from 0 to 100, got ${spec.wac}`);
  if (!(spec.net >= 0)) throw new RangeError(`net: must be a non-negative percent, got ${spec.net}`);
  if (spec.net > spec.wac) throw new RangeError(`net: the net rate ${spec.net} is above the WAC ${spec.wac}`);
  if (!Number.isInteger(spec.term) || spec.term < 1 || spec.term > 600) throw new RangeError(`term: must be 1 to 600 months, got ${spec.term}`);
  if (!Number.isInteger(spec.age) || spec.age < 0 || spec.age >= spec.term) {
    throw new RangeError(`age: must be a whole number of months from 0 to term − 1 (${spec.term - 1}), got ${spec.age}`);
  }
  const tape = loanTapeFromRecords([
    { id: "pool", groupId: "pool", balance: spec.balance, mortgageRate: spec.wac, feeRate: spec.wac - spec.net, originalTerm: spec.term, age: spec.age },
  ]);
  const flows = projectCollateral(tape, {
    prepayment: spec.prepayment,
    default: spec.default,
    severity: spec.severity,
    recoveryLag: spec.lag,
    advancing: spec.advancing,
    indices: {},
  });
  const rows = poolRows(flows.groups[0]);
  return { spec, rows, totals: poolTotals(rows) };
}

/** The SF columns of one group's flows (interest at the Adjusted Net Mortgage Rate). */
export function poolRows(f: GroupCollateralFlows): PoolCashFlowRow[] {
  const rows: PoolCashFlowRow[] = [];
  for (let x = 0; x < f.periods; x++) {
    const expectedInterest = f.expectedNetInterest[x];
    const lostInterest = f.defaultedLoanNetInterest[x];
    rows.push({
      month: x + 1,
      performingBalance: f.performingBalance[x],
      newDefaults: f.newDefaults[x],
      inForeclosure: f.foreclosureBalance[x],
      expectedAmortization: f.expectedAmortization[x],
      voluntaryPrepayments: f.prepayments[x],
      amortizationFromDefaults: f.amortizationFromDefaults[x],
      actualAmortization: f.actualAmortization[x],
      expectedInterest,
      lostInterest,
      actualInterest: expectedInterest - lostInterest,
      principalRecovery: f.liquidationPrincipal[x],
      principalLoss: f.realizedLoss[x],
      adb: f.liquidatedBalance[x],
    });
  }
  return rows;
}

function poolTotals(rows: readonly PoolCashFlowRow[]): PoolCashFlowTotals {
  const sum = (k: keyof PoolCashFlowRow) => rows.reduce((s, r) => s + r[k], 0);
  return {
    month: null,
    performingBalance: null,
    newDefaults: sum("newDefaults"),
    inForeclosure: null,
    expectedAmortization: sum("expectedAmortization"),
    voluntaryPrepayments: sum("voluntaryPrepayments"),
    amortizationFromDefaults: sum("amortizationFromDefaults"),
    actualAmortization: sum("actualAmortization"),
    expectedInterest: sum("expectedInterest"),
    lostInterest: sum("lostInterest"),
    actualInterest: sum("actualInterest"),
    principalRecovery: sum("principalRecovery"),
    principalLoss: sum("principalLoss"),
    adb: sum("adb"),
  };
}
