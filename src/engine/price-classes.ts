/**
 * `priceClasses(result, deal, request)`: price/yield analytics for the quoted
 * classes of a projection (SIFMA SF-43 to SF-55), for `tranche project
 * --price/--yield` and the investor tables.
 *
 * Each class is quoted by a clean price per 100 of current face or by a
 * bond-equivalent yield; the other is solved. Full price = price + accrued
 * interest (30/360 from the accrual start to settlement, SF-43 to SF-46). Settlement
 * defaults to the Closing Date. The caller attaches the record to the result:
 *
 * @example result.analytics = priceClasses(result, deal, {quotes: [{classId: "A-3", price: 99.5}]});
 *
 * Optionally (SF-47 to SF-55, STANDARDS.md §5):
 * - `curve`: the spread to a benchmark curve (a flat benchmark is a curve of one
 *   point), read at the class's average life (`spreadToCurve`); a class with no
 *   principal (an IO) has no average life and gets none.
 * - `effectiveShiftBp`: effective duration and convexity. Every index path of
 *   the scenario (and every index the deal reads at its default level) is
 *   shifted by ±Δ, the deal is re-projected (`reproject`, default `project`),
 *   and the class's re-projected cash flows are priced at its yield ± Δ; P₀ is
 *   the base full price (`effectiveMeasures`). The deal has no rate-dependent
 *   prepayment model, so a fixed-rate class's flows do not move and its
 *   effective duration is its modified duration up to the O(Δ²) error of the
 *   central difference; what differs is floaters, inverse floaters, classes the
 *   corridor pays, and net-WAC classes over ARMs, whose coupons move with the index.
 */
import type { CivilDate } from "../core/civil-date.js";
import type { Scenario } from "../core/scenario.js";
import {
  accruedDays,
  accruedInterest,
  cashFlowMeasures,
  discountMargin,
  effectiveMeasures,
  presentValue,
  spreadToCurve,
  type CashFlow,
  type YieldCurve,
} from "../analytics/index.js";
import type { Deal } from "../deal/schema.js";
import { classCashFlows, type ClassCashFlowOptions, type ClassCashFlows } from "./class-cash-flows.js";
import { indexNames } from "./indices.js";
import { project } from "./project.js";
import type { ClassAnalytics, ProjectionResult, QuotedMeasures } from "./result.js";

/** A class quoted by clean price (per 100 of current face) or by bond-equivalent yield (percent). */
export type PriceQuote =
  | { readonly classId: string; readonly price: number; readonly yield?: undefined }
  | { readonly classId: string; readonly yield: number; readonly price?: undefined };

export interface PricingRequest {
  readonly quotes: readonly PriceQuote[];
  /** Default: the deal's Closing Date. */
  readonly settlement?: CivilDate;
  /** Overrides every quoted class's actual delay (days). */
  readonly delayDays?: number;
  /** Benchmark for each class's `spread`, read at its average life. */
  readonly curve?: YieldCurve;
  /** Effective duration and convexity from re-projections at ±this many basis points. */
  readonly effectiveShiftBp?: number;
}

export interface PricingOptions {
  /**
   * Projects the deal under a shifted scenario with the base projection's
   * options (rep lines or loan level, amendments). Default: `project(deal, scenario)`.
   */
  readonly reproject?: (scenario: Scenario) => ProjectionResult;
}

/**
 * The scenario with every index path shifted by `bp` basis points: the
 * scenario's own paths and, for an index the deal reads that the scenario
 * leaves to the deal, its default level.
 */
export function shiftIndexPaths(deal: Deal, scenario: Scenario, bp: number): Scenario {
  const shift = bp / 100;
  const indices: Record<string, { values: number[] }> = {};
  for (const name of new Set([...indexNames(deal), ...Object.keys(scenario.indices)])) {
    const path = scenario.indices[name];
    const fallback = deal.collateral.defaultIndices[name];
    const base = path && path.values.length ? path.values : fallback !== undefined ? [fallback] : null;
    if (base) indices[name] = { values: base.map((v) => v + shift) };
  }
  return { ...scenario, indices };
}

/** The deal re-projected with every index path shifted up and down by `bp`. */
export interface ShiftedProjections {
  readonly shiftBp: number;
  readonly up: ProjectionResult;
  readonly down: ProjectionResult;
}

export function shiftedProjections(deal: Deal, scenario: Scenario, shiftBp: number, reproject: (scenario: Scenario) => ProjectionResult): ShiftedProjections {
  if (!Number.isFinite(shiftBp) || shiftBp <= 0) throw new RangeError(`effective shift must be a positive number of basis points, got ${shiftBp}`);
  return { shiftBp, up: reproject(shiftIndexPaths(deal, scenario, shiftBp)), down: reproject(shiftIndexPaths(deal, scenario, -shiftBp)) };
}

/**
 * Effective duration and convexity of a class priced at `analytics`: its
 * cash flows from each shifted projection (per 100 of current face, the same
 * settlement and delay) at the yield shifted the same way.
 */
export function classEffectiveMeasures(
  analytics: Pick<ClassAnalytics, "yield" | "fullPrice">,
  deal: Deal,
  classId: string,
  shifted: ShiftedProjections,
  cashOptions: ClassCashFlowOptions,
): Pick<ClassAnalytics, "effectiveDuration" | "effectiveConvexity" | "effectiveShiftBp"> {
  const reprice = (bp: number) => {
    const cash = classCashFlows(bp > 0 ? shifted.up : shifted.down, deal, classId, cashOptions);
    return presentValue(cash.flows, analytics.yield + bp / 100);
  };
  const m = effectiveMeasures(reprice, { shiftBp: shifted.shiftBp, basePrice: analytics.fullPrice });
  return { effectiveDuration: m.effectiveDuration, effectiveConvexity: m.effectiveConvexity, effectiveShiftBp: m.shiftBp };
}

/** The class's spread to the benchmark at its average life; undefined for a class with none (no principal). */
export function classSpread(analytics: Pick<ClassAnalytics, "yield" | "averageLife">, curve: YieldCurve): ClassAnalytics["spread"] {
  if (analytics.averageLife === null) return undefined;
  const s = spreadToCurve({ yield: analytics.yield, averageLife: analytics.averageLife, curve });
  return { benchmarkYield: s.benchmarkYield, spreadBp: s.spreadBp };
}

/**
 * A floater's discount margin (SF-53) over its projected index path, on the
 * index's own convention; undefined for other classes or an unnamed index.
 */
export function floaterDiscountMargin(cash: ClassCashFlows, fullPrice: number): number | undefined {
  if (cash.indexConvention === undefined) return undefined;
  const flows = cash.flows.map((f) => ({ date: f.receiptDate, interest: f.interest, principal: f.principal, indexRate: f.indexRate ?? Number.NaN }));
  return discountMargin({ settlement: cash.settlement, flows, convention: cash.indexConvention, fullPrice });
}

/**
 * The measures of any cash-flow list (per 100 of current face) at a clean price
 * or a bond-equivalent yield, with the accrued interest that turns one into the
 * full price.
 */
export function quotedMeasures(flows: readonly CashFlow[], quote: { price: number } | { yield: number }, accrued: number): QuotedMeasures {
  const m = cashFlowMeasures(flows, "price" in quote ? { fullPrice: quote.price + accrued } : { yield: quote.yield });
  return {
    quotedBy: "price" in quote ? "price" : "yield",
    price: "price" in quote ? quote.price : m.fullPrice - accrued,
    fullPrice: m.fullPrice,
    accruedInterest: accrued,
    yield: m.yield,
    mortgageYield: m.mortgageYield,
    averageLife: m.averageLife,
    macaulayDuration: m.macaulayDuration,
    modifiedDuration: m.modifiedDuration,
    convexity: m.convexity,
  };
}

/** Analytics of one class's cash flows at a quote. */
export function analyzeClass(cash: ClassCashFlows, quote: { price: number } | { yield: number }): ClassAnalytics {
  const accrued = accruedInterest({ coupon: cash.coupon, accrualStart: cash.accrualStart, settlement: cash.settlement });
  if ("price" in quote && (!Number.isFinite(quote.price) || quote.price <= 0)) {
    throw new RangeError(`class ${cash.classId}: price must be a positive number, got ${quote.price}`);
  }
  const m = quotedMeasures(cash.flows, quote, accrued);
  const dm = floaterDiscountMargin(cash, m.fullPrice);
  return {
    ...m,
    settlementDate: cash.settlement,
    accrualStartDate: cash.accrualStart,
    accruedDays: accruedDays(cash.accrualStart, cash.settlement),
    coupon: cash.coupon,
    delayDays: cash.delayDays,
    factor: cash.originalFace > 0 ? cash.currentFace / cash.originalFace : 0,
    firstPaymentPeriod: cash.firstPeriod,
    ...(dm !== undefined ? { discountMargin: dm } : {}),
  };
}

/**
 * Prices every quoted class. Throws a RangeError naming the class for an
 * unknown class, a class with nothing outstanding at settlement, or a quote no
 * yield satisfies.
 */
export function priceClasses(result: ProjectionResult, deal: Deal, request: PricingRequest, options: PricingOptions = {}): Record<string, ClassAnalytics> {
  const settlement = request.settlement ?? deal.dates.closingDate;
  const cashOptions: ClassCashFlowOptions = { settlement, delayDays: request.delayDays };
  let shifted: ShiftedProjections | undefined;
  const out: Record<string, ClassAnalytics> = {};
  for (const quote of request.quotes) {
    const cash = classCashFlows(result, deal, quote.classId, cashOptions);
    try {
      const a = analyzeClass(cash, quote.price !== undefined ? { price: quote.price } : { yield: quote.yield });
      if (request.curve) {
        const spread = classSpread(a, request.curve);
        if (spread) a.spread = spread;
      }
      if (request.effectiveShiftBp !== undefined) {
        shifted ??= shiftedProjections(deal, result.scenario, request.effectiveShiftBp, options.reproject ?? ((s) => project(deal, s)));
        Object.assign(a, classEffectiveMeasures(a, deal, quote.classId, shifted, cashOptions));
      }
      out[quote.classId] = a;
    } catch (e) {
      const message = (e as Error).message;
      throw new RangeError(message.startsWith(`class ${quote.classId}`) ? message : `class ${quote.classId}: ${message}`);
    }
  }
  return out;
}
