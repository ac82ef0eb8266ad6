/**
 * How an index rate accrues between two cash-flow dates, for the discount
 * margin (SIFMA SF-53; STANDARDS.md §5): each index on its own convention.
 *
 * | convention | day count | compounding |
 * |---|---|---|
 * | `libor-under-1y` (1M, 3M, 6M LIBOR) | ACT/360 | simple |
 * | `libor-1y-plus` | ACT/ACT | annual |
 * | `treasury-bill` | ACT/360 | simple |
 * | `cmt` (Treasury one year or longer) | 30/360 | semiannual |
 * | `cofi` | ACT/ACT | monthly |
 *
 * ACT/ACT is the ISDA form: the days falling in each calendar year over that
 * year's length (365 or 366).
 *
 * @example growthFactor("libor-under-1y", 5.5, "2007-04-25", "2007-05-25") // 1 + 0.055 × 30/360
 */
import { type CivilDate, actualDays, civilDate, isLeapYear, toYmd } from "../core/civil-date.js";
import { thirty360Days } from "../core/day-count.js";
import { assertNever } from "../core/assert-never.js";

export type IndexConventionName = "libor-under-1y" | "libor-1y-plus" | "treasury-bill" | "cmt" | "cofi";

export const INDEX_CONVENTIONS: readonly IndexConventionName[] = ["libor-under-1y", "libor-1y-plus", "treasury-bill", "cmt", "cofi"];

/** ACT/ACT (ISDA): Σ over calendar years of the days in that year ÷ its length. */
export function actualActualIsdaYearFraction(start: CivilDate, end: CivilDate): number {
  if (end < start) return -actualActualIsdaYearFraction(end, start);
  const a = toYmd(start).year;
  const b = toYmd(end).year;
  if (a === b) return actualDays(start, end) / (isLeapYear(a) ? 366 : 365);
  let fraction = actualDays(start, civilDate(a + 1, 1, 1)) / (isLeapYear(a) ? 366 : 365);
  fraction += b - a - 1;
  fraction += actualDays(civilDate(b, 1, 1), end) / (isLeapYear(b) ? 366 : 365);
  return fraction;
}

/** The year fraction from `start` to `end` on the index's day count. */
export function indexYearFraction(convention: IndexConventionName, start: CivilDate, end: CivilDate): number {
  switch (convention) {
    case "libor-under-1y":
    case "treasury-bill":
      return actualDays(start, end) / 360;
    case "libor-1y-plus":
    case "cofi":
      return actualActualIsdaYearFraction(start, end);
    case "cmt":
      return thirty360Days(start, end) / 360;
    default:
      return assertNever(convention);
  }
}

/**
 * What 1 grows to from `start` to `end` at `ratePercent` on the index's
 * convention: 1 + rτ (simple), or (1 + r/m)^(mτ) compounded m times a year.
 */
export function growthFactor(convention: IndexConventionName, ratePercent: number, start: CivilDate, end: CivilDate): number {
  const r = ratePercent / 100;
  const tau = indexYearFraction(convention, start, end);
  switch (convention) {
    case "libor-under-1y":
    case "treasury-bill":
      return 1 + r * tau;
    case "libor-1y-plus":
      return Math.pow(1 + r, tau);
    case "cmt":
      return Math.pow(1 + r / 2, 2 * tau);
    case "cofi":
      return Math.pow(1 + r / 12, 12 * tau);
    default:
      return assertNever(convention);
  }
}
