/**
 * The deal's calendar: Distribution Dates (the `distributionDay` of each month,
 * or the next Business Day) and the unadjusted payment dates that weighted
 * average lives are measured to.
 */
import { addMonths, type CivilDate, withDay } from "../core/civil-date.js";
import { nextBusinessDay } from "../core/business-days.js";
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
