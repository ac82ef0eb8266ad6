/**
 * Weighted average life as the deal specifications define it for prospectus
 * tables (2007-12T1 README §2): Σ principal × years from the Closing Date to the
 * (unadjusted) distribution day of the payment month, 30/360, ÷ Σ principal.
 * Only principal paid counts (writedowns are not principal); a notional class
 * is measured on the reductions of its notional.
 *
 * @example 1,000 paid on 2008-04-25 of a deal closing 2007-04-30: (355/360) years
 */
import { thirty360YearFraction } from "../../core/day-count.js";
import type { Deal } from "../../deal/schema.js";
import type { ClassFlowRow } from "../result.js";
import { unadjustedPaymentDate } from "../schedule.js";

/** Years, or null when nothing is paid. */
export function weightedAverageLife(deal: Deal, flows: readonly ClassFlowRow[], notional = false): number | null {
  let weighted = 0;
  let total = 0;
  for (const row of flows) {
    const amount = notional ? row.beginBalance - row.endBalance : row.principal;
    if (!(amount > 0)) continue;
    weighted += amount * thirty360YearFraction(deal.dates.closingDate, unadjustedPaymentDate(deal, row.period));
    total += amount;
  }
  return total > 0 ? weighted / total : null;
}
