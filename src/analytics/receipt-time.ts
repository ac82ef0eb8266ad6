/**
 * When a month's cash flow is received, for yield, average life and duration
 * (SIFMA SF-43 to SF-46, STANDARDS.md §1 "Delay").
 *
 * A cash flow for an accrual period is received `delayDays` after the period
 * ends, the delay counted in 30-day months: the *actual* delay, i.e. the days
 * past the start of the month in which it is paid. A class accruing over the
 * calendar month and paid on the 25th has 24 (FNMA too); GNMA I 14, GNMA II 19,
 * FHLMC non-Gold 44; a floater accruing 25th to 24th, paid on the 25th, has 0.
 *
 * The time is measured from settlement on 30/360 to the (unadjusted) receipt;
 * Business Day adjustments of the Distribution Date are ignored, as the
 * standard formulas do.
 *
 * @example receiptTime("2007-04-30", "2007-05-01", 24) // 25/360: paid 2007-05-25
 * @example receiptDate("2007-05-01", 44) // "2007-06-15"
 */
import { type CivilDate, civilDate, daysInMonth, toYmd } from "../core/civil-date.js";
import { thirty360Days } from "../core/day-count.js";

function assertDelay(delayDays: number): void {
  if (!Number.isInteger(delayDays) || delayDays < 0) {
    throw new RangeError(`delay must be a whole number of days ≥ 0, got ${delayDays}`);
  }
}

/**
 * Years (30/360) from settlement to the receipt of the cash flow of an accrual
 * period ending (exclusive) on `accrualEnd`, received `delayDays` later.
 */
export function receiptTime(settlement: CivilDate, accrualEnd: CivilDate, delayDays: number): number {
  assertDelay(delayDays);
  const sign = accrualEnd >= settlement ? 1 : -1;
  const days = sign > 0 ? thirty360Days(settlement, accrualEnd) : -thirty360Days(accrualEnd, settlement);
  return (days + delayDays) / 360;
}

/**
 * The calendar date of the receipt: `delayDays` past `accrualEnd`, counting
 * 30-day months (day 1 + 24 → the 25th; day 1 + 44 → the 15th of the next month).
 * A day past the month's end (the 29th or 30th of February) is clamped to it.
 */
export function receiptDate(accrualEnd: CivilDate, delayDays: number): CivilDate {
  assertDelay(delayDays);
  const { year, month, day } = toYmd(accrualEnd);
  const serial = (year * 12 + (month - 1)) * 30 + (Math.min(day, 30) - 1) + delayDays;
  const monthIndex = Math.floor(serial / 30);
  const y = Math.floor(monthIndex / 12);
  const m = (monthIndex % 12) + 1;
  const d = (serial % 30) + 1;
  return civilDate(y, m, Math.min(d, daysInMonth(y, m)));
}
