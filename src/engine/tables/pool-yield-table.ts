/**
 * The yield table of a pass-through on one pool, as SIFMA publishes a GNMA
 * pass-through's: the bond-equivalent yield at each price (or the price at each
 * yield) and constant prepayment speed, with the average life, the modified
 * duration at the middle quote and the principal window per speed.
 *
 * One standard cash flow (`poolCashFlow`) per speed, the rest of the pool
 * (defaults, severity, lag, advancing) unchanged; every cell is `pricePool` at
 * that speed and quote, so it is exactly what `tranche pool --price P --prepay
 * S<unit>` reports for one cell. Per 100 of current face (the starting
 * balance); settlement and delay as `pricePool` takes them.
 *
 * @example poolYieldTable({pool, unit: "psa", speeds: [0, 100, 150, 200, 300],
 *   quotes: {kind: "price", values: [98, 99.5, 100, 101]}, terms: {delayDays: 14}})
 */
import { poolCashFlow, type PoolSpec } from "../../collateral/index.js";
import type { PrepaymentUnit } from "../../core/scenario.js";
import { poolHolderFlows, pricePool, type PoolAnalytics, type PoolPricingTerms } from "../price-pool.js";
import { HALF_CENT } from "./decrement-rounding.js";
import { assertSpeeds, speedLabel } from "./projector.js";

/** A pool has no deal Prepayment Assumption, so no PPC. */
export type PoolSpeedUnit = Exclude<PrepaymentUnit, "ppc">;

export interface PoolYieldTableInput {
  /** The pool without its prepayment speed: the table supplies one per column. */
  readonly pool: Omit<PoolSpec, "prepayment">;
  readonly unit: PoolSpeedUnit;
  /** Constant speeds in `unit`, one column each. */
  readonly speeds: readonly number[];
  /** Clean prices per 100 of current face, or bond-equivalent yields in percent. */
  readonly quotes: { readonly kind: "price" | "yield"; readonly values: readonly number[] };
  /** Delay and settlement, as `pricePool` takes them. */
  readonly terms: PoolPricingTerms;
}

export interface PoolYieldTableRow {
  /** The quoted price or yield. */
  readonly quote: number;
  /** One per speed. */
  readonly cells: readonly PoolAnalytics[];
}

export interface PoolYieldTableSpeed {
  readonly speed: number;
  /** "150% PSA", "6 CPR". */
  readonly label: string;
  /** Years from settlement to the receipt of principal (independent of the quote). */
  readonly averageLife: number | null;
  /** At the reference quote. */
  readonly modifiedDuration: number;
  /** The first and last months (1 = the first accrual month) whose principal is more than half a cent; null if none. */
  readonly firstPrincipalMonth: number | null;
  readonly lastPrincipalMonth: number | null;
}

/** Mirrors the deal's `YieldTable` (quotedBy, unit, speeds, rows of cells, referenceQuote, bySpeed), with the pool in place of the deal and class. */
export interface PoolYieldTable {
  readonly pool: Omit<PoolSpec, "prepayment">;
  /** The pass-through (net) rate, percent. */
  readonly coupon: number;
  readonly delayDays: number;
  /** N: 30/360 days from the accrual start to settlement. */
  readonly accruedDays: number;
  readonly settlementDate?: string;
  readonly accrualStartDate?: string;
  readonly unit: PoolSpeedUnit;
  readonly speeds: readonly number[];
  readonly quotedBy: "price" | "yield";
  readonly rows: readonly PoolYieldTableRow[];
  /** The quote the per-speed modified duration is taken at: the middle one (the lower middle of an even count). */
  readonly referenceQuote: number;
  readonly bySpeed: readonly PoolYieldTableSpeed[];
}

/**
 * Throws a RangeError for a PPC unit, a bad speed (`speeds: …`), no or a bad
 * quote (`prices: …`/`yields: …`, also for a quote no yield satisfies at some
 * speed), or a bad pool (`poolCashFlow`'s field messages).
 */
export function poolYieldTable(input: PoolYieldTableInput): PoolYieldTable {
  const { unit, speeds, quotes, terms } = input;
  if ((unit as PrepaymentUnit) === "ppc") throw new RangeError("unit: a pool has no deal Prepayment Assumption; use psa, cpr or smm");
  assertSpeeds(speeds, unit);
  const what = `${quotes.kind}s`;
  if (quotes.values.length === 0) throw new RangeError(`${what}: give at least one`);
  for (const q of quotes.values) {
    if (!Number.isFinite(q) || (quotes.kind === "price" && q <= 0)) throw new RangeError(`${what}: ${q} is not a valid ${quotes.kind}`);
  }
  const referenceIndex = Math.floor((quotes.values.length - 1) / 2);

  const columns = speeds.map((speed) => {
    const label = speedLabel(speed, unit);
    const pool = poolCashFlow({ ...input.pool, prepayment: { unit, values: [speed] } });
    const cells = quotes.values.map((q) => {
      try {
        return pricePool(pool, quotes.kind === "price" ? { price: q } : { yield: q }, terms);
      } catch (e) {
        if (e instanceof RangeError) throw new RangeError(`${what}: at ${label}, ${quotes.kind} ${q}: ${e.message}`);
        throw e;
      }
    });
    const months = poolHolderFlows(pool)
      .map((f, i) => (f.principal > HALF_CENT ? i + 1 : 0))
      .filter((m) => m > 0);
    const summary: PoolYieldTableSpeed = {
      speed,
      label,
      averageLife: cells[0].averageLife,
      modifiedDuration: cells[referenceIndex].modifiedDuration,
      firstPrincipalMonth: months.length ? months[0] : null,
      lastPrincipalMonth: months.length ? months[months.length - 1] : null,
    };
    return { cells, summary };
  });

  const first = columns[0].cells[0];
  // A caller passing a whole PoolSpec: its own speed is not the table's.
  const { prepayment: _ignored, ...pool } = input.pool as Omit<PoolSpec, "prepayment"> & { prepayment?: unknown };
  return {
    pool,
    coupon: first.coupon,
    delayDays: first.delayDays,
    accruedDays: first.accruedDays,
    ...(first.settlementDate !== undefined ? { settlementDate: first.settlementDate, accrualStartDate: first.accrualStartDate } : {}),
    unit,
    speeds: [...speeds],
    quotedBy: quotes.kind,
    rows: quotes.values.map((quote, i) => ({ quote, cells: columns.map((c) => c.cells[i]) })),
    referenceQuote: quotes.values[referenceIndex],
    bySpeed: columns.map((c) => c.summary),
  };
}
