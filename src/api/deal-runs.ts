/**
 * What a run of a loaded deal needs: the deal whose rules govern, and — when an
 * amendment takes effect after the first Distribution Date — the rules in force
 * on each date (`rulesAt`), so a run uses the signed text before the
 * amendment's effective date and the amended text from it.
 */
import type { CivilDate } from "../core/civil-date.js";
import { governingDeal } from "../deal/amendments.js";
import type { LoadedDeal } from "../deal/parse-deal.js";
import type { Deal, Rule } from "../deal/schema.js";
import { selectionOf, type AmendmentsChoice } from "./catalog.js";

export interface DealRun {
  readonly deal: Deal;
  readonly appliedAmendments: readonly string[];
  readonly rulesAt?: (date: string) => readonly Rule[];
}

export function dealRun(loaded: LoadedDeal, choice: AmendmentsChoice): DealRun {
  if (choice === "signed" || loaded.appliedAmendments.length === 0) {
    return { deal: loaded.deal, appliedAmendments: loaded.appliedAmendments };
  }
  const first = loaded.deal.dates.firstDistributionDate;
  const later = loaded.amendmentTimeline.some((t) => t.effectiveDate > first);
  if (!later) return { deal: loaded.deal, appliedAmendments: loaded.appliedAmendments };
  const all = loaded.amendments.map((a) => a.amendment);
  const cache = new Map<string, readonly Rule[]>();
  const rulesAt = (date: string): readonly Rule[] => {
    let rules = cache.get(date);
    if (!rules) {
      rules = governingDeal(loaded.base, all, date as CivilDate, selectionOf(choice)).rules;
      cache.set(date, rules);
    }
    return rules;
  };
  return { deal: loaded.deal, appliedAmendments: loaded.appliedAmendments, rulesAt };
}
