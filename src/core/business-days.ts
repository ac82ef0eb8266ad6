import { type CivilDate, addDays, civilDate, dayOfWeek, daysInMonth, toYmd } from "./civil-date.js";

/**
 * The Federal Reserve holiday calendar (the days New York banks close):
 * New Year's Day, Martin Luther King Jr. Day (from 1986), Washington's Birthday,
 * Memorial Day, Juneteenth (from 2022), Independence Day, Labor Day, Columbus Day,
 * Veterans Day, Thanksgiving, Christmas. A holiday on Sunday is observed on Monday;
 * the Fed does not observe a Saturday holiday on the Friday before.
 */
function nthWeekday(year: number, month: number, weekday: number, n: number): CivilDate {
  const first = civilDate(year, month, 1);
  const offset = (weekday - dayOfWeek(first) + 7) % 7;
  return addDays(first, offset + 7 * (n - 1));
}

function lastWeekday(year: number, month: number, weekday: number): CivilDate {
  const last = civilDate(year, month, daysInMonth(year, month));
  const offset = (dayOfWeek(last) - weekday + 7) % 7;
  return addDays(last, -offset);
}

function observed(date: CivilDate): CivilDate {
  return dayOfWeek(date) === 0 ? addDays(date, 1) : date;
}

const cache = new Map<number, Set<string>>();

export function federalReserveHolidays(year: number): ReadonlySet<string> {
  let set = cache.get(year);
  if (set) return set;
  const days: CivilDate[] = [
    observed(civilDate(year, 1, 1)),
    nthWeekday(year, 2, 1, 3),
    lastWeekday(year, 5, 1),
    observed(civilDate(year, 7, 4)),
    nthWeekday(year, 9, 1, 1),
    nthWeekday(year, 10, 1, 2),
    observed(civilDate(year, 11, 11)),
    nthWeekday(year, 11, 4, 4),
    observed(civilDate(year, 12, 25)),
  ];
  if (year >= 1986) days.push(nthWeekday(year, 1, 1, 3));
  if (year >= 2022) days.push(observed(civilDate(year, 6, 19)));
  set = new Set(days);
  cache.set(year, set);
  return set;
}

export function isBusinessDay(date: CivilDate): boolean {
  const dow = dayOfWeek(date);
  if (dow === 0 || dow === 6) return false;
  return !federalReserveHolidays(toYmd(date).year).has(date);
}

/** The date itself if a Business Day, else the next one. */
export function nextBusinessDay(date: CivilDate): CivilDate {
  let d = date;
  while (!isBusinessDay(d)) d = addDays(d, 1);
  return d;
}

/** The Business Day strictly before `date`. */
export function previousBusinessDay(date: CivilDate): CivilDate {
  let d = addDays(date, -1);
  while (!isBusinessDay(d)) d = addDays(d, -1);
  return d;
}

export function lastBusinessDayOfMonth(year: number, month: number): CivilDate {
  return previousBusinessDay(addDays(civilDate(year, month, daysInMonth(year, month)), 1));
}
