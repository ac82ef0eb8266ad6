import { type CivilDate, actualDays, daysInMonth, toYmd } from "./civil-date.js";

/**
 * 30/360 as SIFMA Uniform Practices SF-3 states it (the PSA "30/360" basis):
 * if D1 is the last day of February, D1 = 30; if D1 = 31, D1 = 30;
 * then if D1 = 30 and D2 = 31, D2 = 30. Never negative.
 *
 * @example thirty360Days("2007-04-01", "2007-05-25") // 54
 */
export function thirty360Days(start: CivilDate, end: CivilDate): number {
  const a = toYmd(start);
  const b = toYmd(end);
  let d1 = a.day;
  let d2 = b.day;
  if (a.month === 2 && d1 === daysInMonth(a.year, 2)) d1 = 30;
  if (d1 === 31) d1 = 30;
  if (d1 === 30 && d2 === 31) d2 = 30;
  return Math.max(0, 360 * (b.year - a.year) + 30 * (b.month - a.month) + (d2 - d1));
}

/** Year fraction on 30/360 (SF-3). */
export function thirty360YearFraction(start: CivilDate, end: CivilDate): number {
  return thirty360Days(start, end) / 360;
}

/** Money-market basis: actual days / 360. */
export function actual360YearFraction(start: CivilDate, end: CivilDate): number {
  return actualDays(start, end) / 360;
}

export type DayCountName = "30/360" | "ACT/360";

export function yearFraction(dayCount: DayCountName, start: CivilDate, end: CivilDate): number {
  return dayCount === "30/360" ? thirty360YearFraction(start, end) : actual360YearFraction(start, end);
}
