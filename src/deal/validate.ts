/**
 * Semantic validation of a deal (what the schema alone cannot say): names
 * resolve, ids are unique, balances add up to the cent, dates and schedules are
 * in order. Pure; returns every issue at once, by field path.
 */
import type { DealIssue, PartialDeal } from "./deal-issue.js";
import { checkGroupSeniors, checkOfferedAmount, checkPoolBalance } from "./validate-balances.js";
import {
  checkClassDefinitions,
  checkOtherClassReferences,
  checkRuleReferences,
  checkSubordinateCoverage,
  checkUniqueIds,
} from "./validate-references.js";
import { checkCollateral, checkContracts, checkDealDates, checkSchedules } from "./validate-schedules.js";

const checks: ReadonlyArray<(deal: PartialDeal) => DealIssue[]> = [
  checkUniqueIds,
  checkClassDefinitions,
  checkRuleReferences,
  checkOtherClassReferences,
  checkSubordinateCoverage,
  checkOfferedAmount,
  checkPoolBalance,
  checkGroupSeniors,
  checkDealDates,
  checkSchedules,
  checkContracts,
  checkCollateral,
];

/**
 * Every semantic issue in `deal`. Sections that failed the schema are absent
 * from a `PartialDeal`; the checks that need them are skipped.
 */
export function validateDeal(deal: PartialDeal): DealIssue[] {
  return checks.flatMap((check) => check(deal));
}
