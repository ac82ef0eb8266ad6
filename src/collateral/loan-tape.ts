/**
 * The loan tape as struct-of-arrays: one typed-array column per loan attribute, so a
 * projection over thousands of loans touches contiguous memory and allocates
 * nothing per loan. Row i of every column is loan i. Rows are ordered by loan
 * group (the projection kernel relies on contiguous groups; `orderTapeByGroup`
 * restores it for a tape built by hand).
 *
 * Rates are in percent a year (6.125 means 6.125%), terms and ages in months,
 * balances in dollars (the Stated Principal Balance at the Cut-off Date).
 */
import type { TapeLoanArm } from "../deal/tape/tape-builder.js";

export const ROUNDING_NEAREST = 0;
export const ROUNDING_UP = 1;
export const ROUNDING_DOWN = 2;

/** Hybrid ARM terms by loan (2006-HY12 §3); `indexId` −1 marks a fixed-rate loan. */
export interface ArmColumns {
  /** Position of the loan's index in `LoanTape.indexNames`, or −1 for a fixed-rate loan. */
  readonly indexId: Int32Array;
  readonly margin: Float64Array;
  /** Loan age (months) at the first reset: 60 for a 5/1, 84 for a 7/1. */
  readonly firstResetAge: Int32Array;
  readonly resetFrequency: Int32Array;
  readonly initialCap: Float64Array;
  readonly periodicCap: Float64Array;
  /** Lifetime cap as a spread over the start rate. */
  readonly lifetimeCap: Float64Array;
  readonly floor: Float64Array;
  /** Rounding increment of index + margin, percent (0.125). */
  readonly rounding: Float64Array;
  /** ROUNDING_NEAREST, ROUNDING_UP or ROUNDING_DOWN. */
  readonly roundingMethod: Int32Array;
  /** The Mortgage Rate before the first reset (the lifetime cap and the initial cap are measured from it). */
  readonly startRate: Float64Array;
}

export interface LoanTape {
  readonly size: number;
  /** Loan identifiers: the rep line id for a rep-line tape, `R2-000123` for a synthetic loan. */
  readonly loanIds: readonly string[];
  /** Loan group ids; `groupIndex[i]` points into it. */
  readonly groupIds: readonly string[];
  readonly groupIndex: Int32Array;
  /** Rep line ids; `repLineIndex[i]` points into it. */
  readonly repLineIds: readonly string[];
  readonly repLineIndex: Int32Array;
  /** Stated Principal Balance at the Cut-off Date, dollars. */
  readonly balance: Float64Array;
  /** Mortgage Rate at the Cut-off Date, percent. */
  readonly mortgageRate: Float64Array;
  /** Expense Fee Rate (Master Servicing Fee Rate + Trustee Fee Rate), percent. */
  readonly feeRate: Float64Array;
  readonly originalTerm: Int32Array;
  /** Loan age in months at the Cut-off Date. */
  readonly age: Int32Array;
  /** Months to maturity at the Cut-off Date: the loan pays off in projection period `remainingTerm`. */
  readonly remainingTerm: Int32Array;
  /** Interest-only months from origination (0: amortizing). */
  readonly interestOnlyMonths: Int32Array;
  /** PO Percentage: for a Discount Mortgage Loan 1 − Adjusted Net Mortgage Rate / Required Coupon, else 0. */
  readonly poFraction: Float64Array;
  /** 1 for a Discount Mortgage Loan (Adjusted Net Mortgage Rate below the Required Coupon), else 0. */
  readonly isDiscount: Uint8Array;
  /** Required Coupon (percent) that splits discount from premium loans, or null when the deal has none. */
  readonly requiredCoupon: number | null;
  /** Names of the indices ARM loans reset from; `arm.indexId[i]` points into it. */
  readonly indexNames: readonly string[];
  readonly arm: ArmColumns;
}

/** One loan, as a row (for building small tapes; the projection reads the columns). */
export interface LoanRecord {
  readonly id: string;
  readonly groupId: string;
  readonly repLineId?: string;
  readonly balance: number;
  readonly mortgageRate: number;
  readonly feeRate: number;
  readonly originalTerm: number;
  readonly age: number;
  /** Defaults to originalTerm − age. */
  readonly remainingTerm?: number;
  readonly interestOnlyMonths?: number;
  readonly arm?: LoanArmTerms;
}

/** A loan's ARM terms: those a loan tape carries (TapeLoanArm), and the start rate. */
export interface LoanArmTerms extends TapeLoanArm {
  /** Defaults to the loan's Mortgage Rate at the Cut-off Date. */
  readonly startRate?: number;
}

/**
 * Builds a tape from loan records. Each record is checked; a bad one throws a
 * RangeError naming the loan and the field.
 *
 * Discount Mortgage Loans and PO Percentages follow the Required Coupon
 * (2007-12T1 §3): a loan whose Adjusted Net Mortgage Rate is below it has
 * PO Percentage 1 − net / Required Coupon.
 */
export function loanTapeFromRecords(
  records: readonly LoanRecord[],
  options: { requiredCoupon?: number | null } = {},
): LoanTape {
  const requiredCoupon = options.requiredCoupon ?? null;
  const size = records.length;
  const groupIds: string[] = [];
  const repLineIds: string[] = [];
  const indexNames: string[] = [];
  const groupPosition = new Map<string, number>();
  const repLinePosition = new Map<string, number>();
  const columns = allocateColumns(size);
  for (let i = 0; i < size; i++) {
    const r = records[i];
    checkRecord(r);
    let g = groupPosition.get(r.groupId);
    if (g === undefined) groupPosition.set(r.groupId, (g = groupIds.push(r.groupId) - 1));
    const repLineId = r.repLineId ?? r.id;
    let rl = repLinePosition.get(repLineId);
    if (rl === undefined) repLinePosition.set(repLineId, (rl = repLineIds.push(repLineId) - 1));
    columns.groupIndex[i] = g;
    columns.repLineIndex[i] = rl;
    columns.balance[i] = r.balance;
    columns.mortgageRate[i] = r.mortgageRate;
    columns.feeRate[i] = r.feeRate;
    columns.originalTerm[i] = r.originalTerm;
    columns.age[i] = r.age;
    columns.remainingTerm[i] = r.remainingTerm ?? r.originalTerm - r.age;
    columns.interestOnlyMonths[i] = r.interestOnlyMonths ?? 0;
    const net = r.mortgageRate - r.feeRate;
    if (requiredCoupon !== null && requiredCoupon > 0 && net < requiredCoupon) {
      columns.isDiscount[i] = 1;
      columns.poFraction[i] = 1 - net / requiredCoupon;
    }
    const arm = columns.arm;
    if (r.arm === undefined) {
      arm.indexId[i] = -1;
      arm.startRate[i] = r.mortgageRate;
    } else {
      let x = indexNames.indexOf(r.arm.index);
      if (x < 0) x = indexNames.push(r.arm.index) - 1;
      arm.indexId[i] = x;
      arm.margin[i] = r.arm.margin;
      arm.firstResetAge[i] = r.arm.firstResetAge;
      arm.resetFrequency[i] = r.arm.resetFrequency;
      arm.initialCap[i] = r.arm.initialCap;
      arm.periodicCap[i] = r.arm.periodicCap;
      arm.lifetimeCap[i] = r.arm.lifetimeCap;
      arm.floor[i] = r.arm.floor;
      arm.rounding[i] = r.arm.rounding;
      arm.roundingMethod[i] =
        r.arm.roundingMethod === "nearest" ? ROUNDING_NEAREST : r.arm.roundingMethod === "up" ? ROUNDING_UP : ROUNDING_DOWN;
      arm.startRate[i] = r.arm.startRate ?? r.mortgageRate;
    }
  }
  return {
    size,
    loanIds: records.map((r) => r.id),
    groupIds,
    repLineIds,
    requiredCoupon,
    indexNames,
    ...columns,
  };
}

type Columns = Omit<LoanTape, "size" | "loanIds" | "groupIds" | "repLineIds" | "requiredCoupon" | "indexNames">;

function allocateColumns(size: number): Columns {
  return {
    groupIndex: new Int32Array(size),
    repLineIndex: new Int32Array(size),
    balance: new Float64Array(size),
    mortgageRate: new Float64Array(size),
    feeRate: new Float64Array(size),
    originalTerm: new Int32Array(size),
    age: new Int32Array(size),
    remainingTerm: new Int32Array(size),
    interestOnlyMonths: new Int32Array(size),
    poFraction: new Float64Array(size),
    isDiscount: new Uint8Array(size),
    arm: {
      indexId: new Int32Array(size),
      margin: new Float64Array(size),
      firstResetAge: new Int32Array(size),
      resetFrequency: new Int32Array(size),
      initialCap: new Float64Array(size),
      periodicCap: new Float64Array(size),
      lifetimeCap: new Float64Array(size),
      floor: new Float64Array(size),
      rounding: new Float64Array(size),
      roundingMethod: new Int32Array(size),
      startRate: new Float64Array(size),
    },
  };
}

function checkRecord(r: LoanRecord): void {
  const bad = (field: string, problem: string): never => {
    throw new RangeError(`loan ${r.id}: ${field} ${problem}`);
  };
  if (!(r.balance >= 0) || !Number.isFinite(r.balance)) bad("balance", `must be a non-negative amount, got ${r.balance}`);
  if (!Number.isFinite(r.mortgageRate) || r.mortgageRate < 0) bad("mortgageRate", `must be a non-negative percent, got ${r.mortgageRate}`);
  if (!Number.isFinite(r.feeRate) || r.feeRate < 0) bad("feeRate", `must be a non-negative percent, got ${r.feeRate}`);
  if (!Number.isInteger(r.originalTerm) || r.originalTerm < 1) bad("originalTerm", `must be a positive whole number of months, got ${r.originalTerm}`);
  if (!Number.isInteger(r.age) || r.age < 0) bad("age", `must be a whole number of months ≥ 0, got ${r.age}`);
  const remaining = r.remainingTerm ?? r.originalTerm - r.age;
  if (!Number.isInteger(remaining) || remaining < 1) bad("remainingTerm", `must be at least 1 month, got ${remaining}`);
  const io = r.interestOnlyMonths ?? 0;
  if (!Number.isInteger(io) || io < 0) bad("interestOnlyMonths", `must be a whole number ≥ 0, got ${io}`);
  if (r.arm !== undefined) {
    const a = r.arm;
    if (!Number.isInteger(a.firstResetAge) || a.firstResetAge < 1) bad("arm.firstResetAge", `must be a positive whole number, got ${a.firstResetAge}`);
    if (!Number.isInteger(a.resetFrequency) || a.resetFrequency < 1) bad("arm.resetFrequency", `must be a positive whole number, got ${a.resetFrequency}`);
    if (!(a.rounding > 0)) bad("arm.rounding", `must be positive, got ${a.rounding}`);
    for (const k of ["initialCap", "periodicCap", "lifetimeCap"] as const) {
      if (!(a[k] >= 0)) bad(`arm.${k}`, `must be non-negative, got ${a[k]}`);
    }
  }
}

/** Group boundaries of a tape ordered by group: loans of group g are rows [start[g], start[g+1]). */
export function groupRanges(tape: LoanTape): Int32Array {
  const starts = new Int32Array(tape.groupIds.length + 1);
  let g = 0;
  for (let i = 0; i < tape.size; i++) {
    const gi = tape.groupIndex[i];
    if (gi < g) return new Int32Array(0);
    while (g < gi) starts[++g] = i;
  }
  while (g < tape.groupIds.length) starts[++g] = tape.size;
  return starts;
}

/** A copy of the tape with rows stably reordered by loan group (rows of one group stay in order). */
export function orderTapeByGroup(tape: LoanTape): LoanTape {
  const order = Array.from({ length: tape.size }, (_, i) => i).sort((a, b) => tape.groupIndex[a] - tape.groupIndex[b] || a - b);
  return permuteTape(tape, order);
}

/**
 * A copy of the tape whose row k is row `order[k]` of the original. With
 * `{workingCopy: true}` (the projection kernel's own copy, never reported by loan)
 * the loan ids are not copied (`loanIds` is empty) and, when no loan is an ARM, the
 * ARM columns (which then say "fixed" on every row) are shared, not copied.
 */
export function permuteTape(tape: LoanTape, order: ArrayLike<number>, options: { workingCopy?: boolean } = {}): LoanTape {
  if (order.length !== tape.size) throw new RangeError(`permutation has ${order.length} rows, the tape ${tape.size}`);
  const pick = <T extends Float64Array | Int32Array | Uint8Array>(column: T): T => permuteColumn(column, order);
  const a = tape.arm;
  const working = options.workingCopy === true;
  const loanIds = working ? [] : Array.from(order, (i) => tape.loanIds[i]);
  const arm: ArmColumns =
    working && tape.indexNames.length === 0
      ? a
      : {
          indexId: pick(a.indexId),
          margin: pick(a.margin),
          firstResetAge: pick(a.firstResetAge),
          resetFrequency: pick(a.resetFrequency),
          initialCap: pick(a.initialCap),
          periodicCap: pick(a.periodicCap),
          lifetimeCap: pick(a.lifetimeCap),
          floor: pick(a.floor),
          rounding: pick(a.rounding),
          roundingMethod: pick(a.roundingMethod),
          startRate: pick(a.startRate),
        };
  return {
    ...tape,
    loanIds,
    groupIndex: pick(tape.groupIndex),
    repLineIndex: pick(tape.repLineIndex),
    balance: pick(tape.balance),
    mortgageRate: pick(tape.mortgageRate),
    feeRate: pick(tape.feeRate),
    originalTerm: pick(tape.originalTerm),
    age: pick(tape.age),
    remainingTerm: pick(tape.remainingTerm),
    interestOnlyMonths: pick(tape.interestOnlyMonths),
    poFraction: pick(tape.poFraction),
    isDiscount: pick(tape.isDiscount),
    arm,
  };
}

/**
 * One column in a new order. Written once per element type so each copy loop sees a
 * single array kind (a generic loop over three kinds runs several times slower).
 */
function permuteColumn<T extends Float64Array | Int32Array | Uint8Array>(column: T, order: ArrayLike<number>): T {
  if (column instanceof Float64Array) {
    const out = new Float64Array(order.length);
    for (let k = 0; k < order.length; k++) out[k] = column[order[k]];
    return out as T;
  }
  if (column instanceof Int32Array) {
    const out = new Int32Array(order.length);
    for (let k = 0; k < order.length; k++) out[k] = column[order[k]];
    return out as T;
  }
  const out = new Uint8Array(order.length);
  for (let k = 0; k < order.length; k++) out[k] = column[order[k]];
  return out as T;
}
