/**
 * Civil dates: a calendar day with no time and no time zone, written `YYYY-MM-DD`.
 * The domain never touches JS `Date`; arithmetic is done on year/month/day numbers.
 *
 * @example addMonths(parseCivilDate("2007-01-31"), 1) // "2007-02-28"
 */
export type CivilDate = string & { readonly __brand: "CivilDate" };

export interface YearMonthDay {
  readonly year: number;
  readonly month: number; // 1..12
  readonly day: number; // 1..31
}

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Parses `YYYY-MM-DD`; throws a RangeError naming the bad text. */
export function parseCivilDate(text: string): CivilDate {
  const m = PATTERN.exec(text);
  if (!m) throw new RangeError(`not a date (expected YYYY-MM-DD): "${text}"`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`no such calendar day: "${text}"`);
  }
  return text as CivilDate;
}

export function isCivilDate(text: unknown): text is CivilDate {
  if (typeof text !== "string") return false;
  try {
    parseCivilDate(text);
    return true;
  } catch {
    return false;
  }
}

export function civilDate(year: number, month: number, day: number): CivilDate {
  const text = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return parseCivilDate(text);
}

export function toYmd(date: CivilDate): YearMonthDay {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Adds whole months, clamping the day to the target month's length. */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const { year, month, day } = toYmd(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const mo = (index % 12) + 1;
  return civilDate(y, mo, Math.min(day, daysInMonth(y, mo)));
}

/** Days since 1970-01-01 (proleptic Gregorian), for actual-day counts and weekdays. */
export function toEpochDay(date: CivilDate): number {
  const { year, month, day } = toYmd(date);
  // Howard Hinnant's days_from_civil.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromEpochDay(epochDay: number): CivilDate {
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return civilDate(year, month, day);
}

export function addDays(date: CivilDate, days: number): CivilDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Actual days from `a` to `b` (negative when b is before a). */
export function actualDays(a: CivilDate, b: CivilDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: CivilDate): number {
  return (((toEpochDay(date) + 4) % 7) + 7) % 7;
}

export function compareCivilDates(a: CivilDate, b: CivilDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The same month's given day (clamped), e.g. the 25th of the month of `date`. */
export function withDay(date: CivilDate, day: number): CivilDate {
  const { year, month } = toYmd(date);
  return civilDate(year, month, Math.min(day, daysInMonth(year, month)));
}

/** Whole months from a's month to b's month (ignores days). */
export function monthsBetween(a: CivilDate, b: CivilDate): number {
  const x = toYmd(a);
  const y = toYmd(b);
  return (y.year - x.year) * 12 + (y.month - x.month);
}
