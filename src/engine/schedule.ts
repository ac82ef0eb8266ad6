/**
 * The deal's calendar: Distribution Dates (the `distributionDay` of each month,
 * or the next Business Day) and the unadjusted payment dates that weighted
 * average lives are measured to.
 */
import { addMonths, type CivilDate, withDay } from "../core/civil-date.js";
import { nextBusinessDay } from "../core/business-days.js";
import { thirty360YearFraction } from "../core/day-count.js";
import type { Deal } from "../deal/schema.js";

/** The unadjusted payment date of period t (1-based): first Distribution Date's month + t − 1, on the distribution day. */
export function unadjustedPaymentDate(deal: Deal, period: number): CivilDate {
  return withDay(addMonths(deal.dates.firstDistributionDate, period - 1), deal.dates.distributionDay);
}

/** The Distribution Date of period t: the unadjusted date or the next Business Day. */
export function distributionDate(deal: Deal, period: number): CivilDate {
  return nextBusinessDay(unadjustedPaymentDate(deal, period));
}

/** The period whose Distribution Date falls in the month of `date`, or null before the first. */
export function periodOfDate(deal: Deal, date: string): number | null {
  const first = deal.dates.firstDistributionDate;
  const months = (Number(date.slice(0, 4)) - Number(first.slice(0, 4))) * 12 + (Number(date.slice(5, 7)) - Number(first.slice(5, 7)));
  return months >= 0 ? months + 1 : null;
}

/** Periods 1 … n of a deal's calendar: index t − 1 holds period t. */
export interface DealCalendar {
  readonly distributionDates: readonly CivilDate[];
  /** 30/360 years from the Closing Date to each unadjusted payment date (the WAL's time axis). */
  readonly yearsFromClosing: readonly number[];
}

const calendars = new WeakMap<Deal, { distributionDates: CivilDate[]; yearsFromClosing: number[] }>();

/**
 * The deal's calendar for at least `periods` periods, computed once per deal
 * (and extended when a longer run asks), so a projection parses no date in its
 * period loop.
 */
export function dealCalendar(deal: Deal, periods: number): DealCalendar {
  let c = calendars.get(deal);
  if (!c) {
    c = { distributionDates: [], yearsFromClosing: [] };
    calendars.set(deal, c);
  }
  for (let t = c.distributionDates.length + 1; t <= periods; t++) {
    const unadjusted = unadjustedPaymentDate(deal, t);
    c.distributionDates.push(nextBusinessDay(unadjusted));
    c.yearsFromClosing.push(thirty360YearFraction(deal.dates.closingDate, unadjusted));
  }
  return c;
}
