/**
 * A projection's per-period figures as columns (Float64Arrays: one buffer for every
 * class, one for the pool, one for the tests), and the rows of `ProjectionResult`
 * built from them on first read.
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
  /** Accrued interest added to an accrual (Z) class's balance. */
  readonly accretion: Float64Array;
}

/**
 * Every class's figures in one buffer, as `project()` writes them: class c's
 * field f for period index i is at `(c × CLASS_FIELD_COUNT + f) × capacity + i`
 * (one allocation a projection, and no view objects until a caller asks for a
 * class's columns).
 */
export const CLASS_FIELD = { beginBalance: 0, interest: 1, principal: 2, writedown: 3, endBalance: 4, interestShortfall: 5, accretion: 6 } as const;
export const CLASS_FIELD_COUNT = 7;

export interface ClassFlowTable {
  readonly data: Float64Array;
  readonly capacity: number;
  readonly dates: readonly string[];
}

export function allocateClassFlowTable(classCount: number, capacity: number, dates: readonly string[]): ClassFlowTable {
  return { data: new Float64Array(classCount * CLASS_FIELD_COUNT * capacity), capacity, dates };
}

/** Views of class `c`'s part of the table, for its first `count` periods. */
export function classColumnsOf(table: ClassFlowTable, c: number, count: number): ClassFlowColumns {
  const at = (f: number) => table.data.subarray((c * CLASS_FIELD_COUNT + f) * table.capacity, (c * CLASS_FIELD_COUNT + f) * table.capacity + count);
  return {
    count,
    dates: table.dates,
    beginBalance: at(CLASS_FIELD.beginBalance),
    interest: at(CLASS_FIELD.interest),
    principal: at(CLASS_FIELD.principal),
    writedown: at(CLASS_FIELD.writedown),
    endBalance: at(CLASS_FIELD.endBalance),
    interestShortfall: at(CLASS_FIELD.interestShortfall),
    accretion: at(CLASS_FIELD.accretion),
  };
}

/** The rows of class `c` of the table (fresh objects). */
export function classFlowRowsOf(table: ClassFlowTable, c: number, count: number): ClassFlowRow[] {
  const d = table.data;
  const n = table.capacity;
  const base = c * CLASS_FIELD_COUNT * n;
  const rows = new Array<ClassFlowRow>(count);
  for (let i = 0; i < count; i++) {
    const x = base + i;
    rows[i] = {
      period: i + 1,
      date: table.dates[i],
      beginBalance: d[x + CLASS_FIELD.beginBalance * n],
      interest: d[x + CLASS_FIELD.interest * n],
      principal: d[x + CLASS_FIELD.principal * n],
      writedown: d[x + CLASS_FIELD.writedown * n],
      endBalance: d[x + CLASS_FIELD.endBalance * n],
      interestShortfall: d[x + CLASS_FIELD.interestShortfall * n],
      accretion: d[x + CLASS_FIELD.accretion * n],
    };
  }
  return rows;
}

const columnsOfClass = new WeakMap<ClassResult, () => ClassFlowColumns>();

/**
 * A class result whose `flows` are built from class `c` of the table when first
 * read. Field order and enumerability are those of a plain `ClassResult`.
 */
export function classResultOverTable(fields: Omit<ClassResult, "flows">, table: ClassFlowTable, c: number, count: number): ClassResult {
  const result = lazyProperty(
    { type: fields.type, offered: fields.offered, group: fields.group, notional: fields.notional, initialBalance: fields.initialBalance, flows: [] as ClassFlowRow[], wal: fields.wal },
    "flows",
    () => classFlowRowsOf(table, c, count),
  );
  columnsOfClass.set(result, () => classColumnsOf(table, c, count));
  return result;
}

/**
 * A class's figures as columns: views of what the projection wrote, or, for a
 * class result built some other way (parsed JSON, a test's literal), columns
 * built from its rows.
 */
export function classFlowColumns(c: ClassResult): ClassFlowColumns {
  const known = columnsOfClass.get(c);
  if (known) return known();
  const rows = c.flows;
  const table = allocateClassFlowTable(1, rows.length, rows.map((r) => r.date));
  const d = table.data;
  const n = rows.length;
  rows.forEach((r, i) => {
    d[i + CLASS_FIELD.beginBalance * n] = r.beginBalance;
    d[i + CLASS_FIELD.interest * n] = r.interest;
    d[i + CLASS_FIELD.principal * n] = r.principal;
    d[i + CLASS_FIELD.writedown * n] = r.writedown;
    d[i + CLASS_FIELD.endBalance * n] = r.endBalance;
    d[i + CLASS_FIELD.interestShortfall * n] = r.interestShortfall;
    d[i + CLASS_FIELD.accretion * n] = r.accretion ?? 0;
  });
  return classColumnsOf(table, 0, n);
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
