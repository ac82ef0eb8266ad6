/**
 * A certificate class's projected cash flows as a buyer settling on a given
 * date receives them: the analytics layer's cash-flow list, per 100 of the
 * class's face (or notional) outstanding at settlement.
 *
 * - Interest Accrual Period (Article I): "calendarMonth" classes accrue over the
 *   month before the Distribution Date's month; "25th-to-24th" classes from the
 *   prior month's distribution day to the day before this month's. The buyer
 *   receives the distributions of every accrual period ending after settlement
 *   (an earlier period's distribution goes to the holder of record) and pays
 *   accrued interest from the start of the first one (SIFMA SF-43 to SF-46).
 * - Receipt: the period's end plus the class's actual delay (`accrual.delayDays`,
 *   STANDARDS.md §1: 24 for calendar-month classes paid on the 25th, 0 for the 25th-to-24th
 *   floaters), on 30/360 from settlement; Business Day adjustments are ignored.
 * - Coupon of the accrual period in which settlement falls: the fixed rate; a
 *   floater's or inverse floater's formula at the period's index fixing (the
 *   scenario's path, else the deal's default); for a premium strip or net-WAC
 *   class, the rate its projected interest implies (interest × 12 ÷ balance).
 */
import { addMonths, type CivilDate, withDay } from "../core/civil-date.js";
import { receiptDate, receiptTime, type CashFlow, type IndexConventionName } from "../analytics/index.js";
import { assertNever } from "../core/assert-never.js";
import type { ClassSpec, Deal } from "../deal/schema.js";
import { couponIsImplied, priceableClass, unknownClassMessage } from "../deal/priceable-classes.js";
import { indexFixings } from "./indices.js";
import type { ClassFlowRow, ProjectionResult } from "./result.js";
import { unadjustedPaymentDate } from "./schedule.js";

export interface ClassCashFlowOptions {
  readonly settlement: CivilDate;
  /** Overrides the class's `accrual.delayDays`. */
  readonly delayDays?: number;
}

/** One receipt, with the period and dates it came from. */
export interface ClassReceipt extends CashFlow {
  readonly period: number;
  readonly distributionDate: string;
  readonly receiptDate: CivilDate;
  readonly accrualStart: CivilDate;
  readonly accrualEnd: CivilDate;
  /** A floating-rate class's index fixing for the period, percent (for the discount margin). */
  readonly indexRate?: number;
}

export interface ClassCashFlows {
  readonly classId: string;
  /** Per 100 of face (or notional) outstanding at settlement. */
  readonly flows: readonly ClassReceipt[];
  readonly settlement: CivilDate;
  readonly accrualStart: CivilDate;
  /** Pass-through rate of the accrual period in which settlement falls, percent. */
  readonly coupon: number;
  readonly delayDays: number;
  /** Face (or notional) outstanding at settlement, dollars. */
  readonly currentFace: number;
  readonly originalFace: number;
  readonly firstPeriod: number;
  /** For a floater: the index's convention (SF-53), when the index is one the standard names. */
  readonly indexConvention?: IndexConventionName;
}

const HALF_CENT = 0.005;

/**
 * The SF-53 convention of an index, by the names deals use: One-, Three- and
 * Six-Month LIBOR (ACT/360), One-Year LIBOR (ACT/ACT annual), Treasury bills,
 * CMT, COFI. Undefined for an index the standard does not name.
 */
export function indexConventionOf(indexName: string): IndexConventionName | undefined {
  const name = indexName.toUpperCase();
  if (/^LIBOR_(1|3|6)M$/.test(name)) return "libor-under-1y";
  if (/^LIBOR_(1Y|12M)$/.test(name)) return "libor-1y-plus";
  if (name.startsWith("TBILL")) return "treasury-bill";
  if (name.startsWith("CMT")) return "cmt";
  if (name.startsWith("COFI")) return "cofi";
  return undefined;
}

/** The (exclusive) end of period t's Interest Accrual Period for the class. */
export function accrualPeriodEnd(deal: Deal, spec: ClassSpec, period: number): CivilDate {
  const payment = unadjustedPaymentDate(deal, period);
  switch (spec.accrual.period) {
    case "calendarMonth":
      return withDay(payment, 1);
    case "25th-to-24th":
      return payment;
    default:
      return assertNever(spec.accrual.period, "accrual period");
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** The class's Pass-Through Rate for period t, percent. */
export function periodCoupon(deal: Deal, spec: ClassSpec, result: ProjectionResult, row: ClassFlowRow): number {
  const coupon = spec.coupon;
  if (couponIsImplied(spec)) return row.beginBalance > HALF_CENT ? (row.interest * 1200) / row.beginBalance : 0;
  switch (coupon.kind) {
    case "fixed":
      return coupon.rate;
    case "none":
      return 0;
    case "floater":
    case "inverseFloater": {
      const index = indexFixings(deal, result.scenario, row.period)[coupon.index];
      if (index === undefined) throw new RangeError(`class ${spec.id}: no value for index ${coupon.index} in period ${row.period}`);
      return coupon.kind === "floater"
        ? clamp(index + coupon.margin, coupon.floor, coupon.cap)
        : clamp(coupon.constant - coupon.multiplier * index, coupon.floor, coupon.cap);
    }
    case "premiumStrip":
    case "groupNetWac":
    case "subordinateNetWac":
      return row.beginBalance > HALF_CENT ? (row.interest * 1200) / row.beginBalance : 0;
    default:
      return assertNever(coupon, "coupon");
  }
}

/**
 * The class's cash flows after settlement, per 100 of current face. Throws a
 * RangeError naming the class when it is unknown or has nothing outstanding at
 * settlement.
 */
export function classCashFlows(result: ProjectionResult, deal: Deal, classId: string, options: ClassCashFlowOptions): ClassCashFlows {
  const spec = priceableClass(deal, classId);
  const projected = result.classes[classId];
  if (!spec || !projected) throw new RangeError(unknownClassMessage(deal, classId));
  const delayDays = options.delayDays ?? spec.accrual.delayDays;
  const rows = projected.flows;
  const firstIndex = rows.findIndex((r) => accrualPeriodEnd(deal, spec, r.period) > options.settlement);
  if (firstIndex < 0) throw new RangeError(`class ${classId}: no distribution after settlement ${options.settlement}`);
  const first = rows[firstIndex];
  const currentFace = first.beginBalance;
  if (!(currentFace > HALF_CENT)) throw new RangeError(`class ${classId}: nothing outstanding at settlement ${options.settlement}`);
  const originalFace = projected.notional ? rows[0].beginBalance : projected.initialBalance;
  const scale = 100 / currentFace;
  const floatingIndex = spec.coupon.kind === "floater" ? spec.coupon.index : undefined;
  const indexConvention = floatingIndex === undefined ? undefined : indexConventionOf(floatingIndex);
  const flows: ClassReceipt[] = [];
  for (let i = firstIndex; i < rows.length; i++) {
    const row = rows[i];
    const accrualEnd = accrualPeriodEnd(deal, spec, row.period);
    flows.push({
      time: receiptTime(options.settlement, accrualEnd, delayDays),
      interest: row.interest * scale,
      principal: row.principal * scale,
      period: row.period,
      distributionDate: row.date,
      receiptDate: receiptDate(accrualEnd, delayDays),
      accrualStart: addMonths(accrualEnd, -1),
      accrualEnd,
      ...(floatingIndex !== undefined ? { indexRate: indexFixings(deal, result.scenario, row.period)[floatingIndex] } : {}),
    });
  }
  return {
    classId,
    flows,
    settlement: options.settlement,
    accrualStart: addMonths(accrualPeriodEnd(deal, spec, first.period), -1),
    coupon: periodCoupon(deal, spec, result, first),
    delayDays,
    currentFace,
    originalFace,
    firstPeriod: first.period,
    ...(indexConvention !== undefined ? { indexConvention } : {}),
  };
}
