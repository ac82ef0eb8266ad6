/**
 * A projection's per-period figures as columns (one Float64Array per field),
 * and the rows of `ProjectionResult` built from them on first read.
 *
 * `project()` writes every figure of a Distribution Date into columns: a few
 * stores per class and date instead of an object per class and date (a 2007-12T1
 * projection has about 5,000 class rows). The result's row arrays
 * (`classes[id].flows`, `collateral`, `tests`) are own, enumerable accessor
 * properties that build the rows the first time they are read and then become
 * ordinary data properties holding that array: JSON.stringify, structured clone
 * (worker threads), spreading and test equality all read them as arrays of rows,
 * and a caller that reads only a class's WAL or a few columns never pays for
 * the rows. `classFlowColumns(c)` gives the columns of a class directly.
 */
import type { ClassFlowRow, ClassResult, CollateralRow, TestRow } from "./result.js";

/** A class's figures by period index (period − 1), for the first `count` periods. */
export interface ClassFlowColumns {
  readonly count: number;
  /** Distribution Dates, shared by every class of the projection. */
  readonly dates: readonly string[];
  readonly beginBalance: Float64Array;
  readonly interest: Float64Array;
  readonly principal: Float64Array;
  readonly writedown: Float64Array;
  readonly endBalance: Float64Array;
  readonly interestShortfall: Float64Array;
}

const CLASS_FIELDS = 6;

/** Zeroed columns for `capacity` periods; `count` is set by `withCount` when the projection ends. */
export function allocateClassColumns(dates: readonly string[], capacity: number): ClassFlowColumns {
  const buffer = new Float64Array(CLASS_FIELDS * capacity);
  return {
    count: 0,
    dates,
    beginBalance: buffer.subarray(0, capacity),
    interest: buffer.subarray(capacity, 2 * capacity),
    principal: buffer.subarray(2 * capacity, 3 * capacity),
    writedown: buffer.subarray(3 * capacity, 4 * capacity),
    endBalance: buffer.subarray(4 * capacity, 5 * capacity),
    interestShortfall: buffer.subarray(5 * capacity, 6 * capacity),
  };
}

export function withCount(columns: ClassFlowColumns, count: number): ClassFlowColumns {
  return { ...columns, count };
}

/** The rows of a class's columns (fresh objects). */
export function classFlowRows(c: ClassFlowColumns): ClassFlowRow[] {
  const rows = new Array<ClassFlowRow>(c.count);
  for (let i = 0; i < c.count; i++) {
    rows[i] = {
      period: i + 1,
      date: c.dates[i],
      beginBalance: c.beginBalance[i],
      interest: c.interest[i],
      principal: c.principal[i],
      writedown: c.writedown[i],
      endBalance: c.endBalance[i],
      interestShortfall: c.interestShortfall[i],
    };
  }
  return rows;
}

const columnsOfClass = new WeakMap<ClassResult, ClassFlowColumns>();

/**
 * A class result whose `flows` are built from `columns` when first read. Field
 * order and enumerability are those of a plain `ClassResult`.
 */
export function classResultOverColumns(fields: Omit<ClassResult, "flows">, columns: ClassFlowColumns): ClassResult {
  const result = lazyProperty(
    { type: fields.type, offered: fields.offered, group: fields.group, notional: fields.notional, initialBalance: fields.initialBalance, flows: [] as ClassFlowRow[], wal: fields.wal },
    "flows",
    () => classFlowRows(columns),
  );
  columnsOfClass.set(result, columns);
  return result;
}

/**
 * A class's figures as columns: those the projection wrote, or, for a class
 * result built some other way (parsed JSON, a test's literal), columns built
 * from its rows.
 */
export function classFlowColumns(c: ClassResult): ClassFlowColumns {
  const known = columnsOfClass.get(c);
  if (known) return known;
  const rows = c.flows;
  const columns = allocateClassColumns(
    rows.map((r) => r.date),
    rows.length,
  );
  rows.forEach((r, i) => {
    columns.beginBalance[i] = r.beginBalance;
    columns.interest[i] = r.interest;
    columns.principal[i] = r.principal;
    columns.writedown[i] = r.writedown;
    columns.endBalance[i] = r.endBalance;
    columns.interestShortfall[i] = r.interestShortfall;
  });
  return withCount(columns, rows.length);
}

/**
 * Replaces `target[key]` (already present, so the key keeps its place in the
 * object's order) by an enumerable accessor that builds the value on first
 * read and then stores it as a plain writable data property. Assigning before
 * reading stores the assigned value.
 */
export function lazyProperty<T extends object, K extends keyof T>(target: T, key: K, build: () => T[K]): T {
  const settle = (value: T[K]): T[K] => {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  Object.defineProperty(target, key, {
    get: () => settle(build()),
    set: (value: T[K]) => settle(value),
    enumerable: true,
    configurable: true,
  });
  return target;
}

/** Columns of the pool's figures by period index (the `collateral` rows). */
export interface CollateralColumns {
  readonly beginBalance: Float64Array;
  readonly scheduledPrincipal: Float64Array;
  readonly prepayments: Float64Array;
  readonly newDefaults: Float64Array;
  readonly liquidationPrincipal: Float64Array;
  readonly realizedLoss: Float64Array;
  readonly interest: Float64Array;
  readonly fees: Float64Array;
  readonly endBalance: Float64Array;
  readonly availableFunds: Float64Array;
  readonly distributed: Float64Array;
  readonly residual: Float64Array;
}

const COLLATERAL_FIELDS = [
  "beginBalance",
  "scheduledPrincipal",
  "prepayments",
  "newDefaults",
  "liquidationPrincipal",
  "realizedLoss",
  "interest",
  "fees",
  "endBalance",
  "availableFunds",
  "distributed",
  "residual",
] as const satisfies readonly (keyof CollateralColumns)[];

export function allocateCollateralColumns(capacity: number): CollateralColumns {
  const buffer = new Float64Array(COLLATERAL_FIELDS.length * capacity);
  const at = (k: number) => buffer.subarray(k * capacity, (k + 1) * capacity);
  return {
    beginBalance: at(0),
    scheduledPrincipal: at(1),
    prepayments: at(2),
    newDefaults: at(3),
    liquidationPrincipal: at(4),
    realizedLoss: at(5),
    interest: at(6),
    fees: at(7),
    endBalance: at(8),
    availableFunds: at(9),
    distributed: at(10),
    residual: at(11),
  };
}

export function collateralRows(c: CollateralColumns, dates: readonly string[], count: number): CollateralRow[] {
  const rows = new Array<CollateralRow>(count);
  for (let i = 0; i < count; i++) {
    rows[i] = {
      period: i + 1,
      date: dates[i],
      beginBalance: c.beginBalance[i],
      scheduledPrincipal: c.scheduledPrincipal[i],
      prepayments: c.prepayments[i],
      newDefaults: c.newDefaults[i],
      liquidationPrincipal: c.liquidationPrincipal[i],
      realizedLoss: c.realizedLoss[i],
      interest: c.interest[i],
      fees: c.fees[i],
      endBalance: c.endBalance[i],
      availableFunds: c.availableFunds[i],
      distributed: c.distributed[i],
      residual: c.residual[i],
    };
  }
  return rows;
}

/** The step-down tests and percentages by date and group (the `tests` rows), row r = date × groups + k. */
export interface TestColumns {
  readonly seniorPercentage: Float64Array;
  readonly seniorPrepaymentPercentage: Float64Array;
  /** Bit flags: delinquency 1, loss 2, Two Times 4, depleted 8, pro rata after depletion 16. */
  readonly flags: Uint8Array;
}

export const TEST_FLAG = { delinquency: 1, loss: 2, twoTimes: 4, depleted: 8, proRataAfterDepletion: 16 } as const;

export function allocateTestColumns(capacity: number): TestColumns {
  const buffer = new Float64Array(2 * capacity);
  return { seniorPercentage: buffer.subarray(0, capacity), seniorPrepaymentPercentage: buffer.subarray(capacity), flags: new Uint8Array(capacity) };
}

/** Rows for `count` dates of `groupIds.length` groups each (groups in record order). */
export function testRows(c: TestColumns, dates: readonly string[], groupIds: readonly string[], count: number): TestRow[] {
  const nG = groupIds.length;
  const rows = new Array<TestRow>(count * nG);
  for (let r = 0; r < rows.length; r++) {
    const i = Math.floor(r / nG);
    const flags = c.flags[r];
    rows[r] = {
      period: i + 1,
      date: dates[i],
      group: groupIds[r - i * nG],
      seniorPercentage: c.seniorPercentage[r],
      seniorPrepaymentPercentage: c.seniorPrepaymentPercentage[r],
      delinquencyTest: (flags & TEST_FLAG.delinquency) !== 0,
      lossTest: (flags & TEST_FLAG.loss) !== 0,
      twoTimesTest: (flags & TEST_FLAG.twoTimes) !== 0,
      depleted: (flags & TEST_FLAG.depleted) !== 0,
      proRataAfterDepletion: (flags & TEST_FLAG.proRataAfterDepletion) !== 0,
    };
  }
  return rows;
}
