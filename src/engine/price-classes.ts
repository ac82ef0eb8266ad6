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
 */
import type { CivilDate } from "../core/civil-date.js";
import { accruedDays, accruedInterest, cashFlowMeasures, discountMargin } from "../analytics/index.js";
import type { Deal } from "../deal/schema.js";
import { classCashFlows, type ClassCashFlows } from "./class-cash-flows.js";
import type { ClassAnalytics, ProjectionResult } from "./result.js";

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

/** Analytics of one class's cash flows at a quote. */
export function analyzeClass(cash: ClassCashFlows, quote: { price: number } | { yield: number }): ClassAnalytics {
  const accrued = accruedInterest({ coupon: cash.coupon, accrualStart: cash.accrualStart, settlement: cash.settlement });
  if ("price" in quote && (!Number.isFinite(quote.price) || quote.price <= 0)) {
    throw new RangeError(`class ${cash.classId}: price must be a positive number, got ${quote.price}`);
  }
  const m = cashFlowMeasures(cash.flows, "price" in quote ? { fullPrice: quote.price + accrued } : { yield: quote.yield });
  const dm = floaterDiscountMargin(cash, m.fullPrice);
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
export function priceClasses(result: ProjectionResult, deal: Deal, request: PricingRequest): Record<string, ClassAnalytics> {
  const settlement = request.settlement ?? deal.dates.closingDate;
  const out: Record<string, ClassAnalytics> = {};
  for (const quote of request.quotes) {
    const cash = classCashFlows(result, deal, quote.classId, { settlement, delayDays: request.delayDays });
    try {
      out[quote.classId] = analyzeClass(cash, quote.price !== undefined ? { price: quote.price } : { yield: quote.yield });
    } catch (e) {
      const message = (e as Error).message;
      throw new RangeError(message.startsWith(`class ${quote.classId}`) ? message : `class ${quote.classId}: ${message}`);
    }
  }
  return out;
}
