/**
 * Semantic validation of a deal (what the schema alone cannot say): names
 * resolve, ids are unique, balances add up to the cent, dates and schedules are
 * in order. Pure; returns every issue at once, by field path.
 */
import { checkInputOf, type DealCheckInput, type DealIssue, type PartialDeal } from "./deal-issue.js";
import { checkGroupSeniors, checkOfferedAmount, checkPoolBalance } from "./validate-balances.js";
import {
  checkClassDefinitions,
  checkOtherClassReferences,
  checkRuleReferences,
  checkSubordinateCoverage,
  checkUniqueIds,
} from "./validate-references.js";
import { checkAccrualClasses, checkExchangeableClasses, checkPrincipalSchedules } from "./validate-class-kinds.js";
import { checkCollateral, checkContracts, checkDealDates, checkSchedules } from "./validate-schedules.js";

const onDeal =
  (check: (deal: PartialDeal) => DealIssue[]) =>
  (input: DealCheckInput): DealIssue[] =>
    check(input.deal);

const checks: ReadonlyArray<(input: DealCheckInput) => DealIssue[]> = [
  checkUniqueIds,
  checkClassDefinitions,
  checkRuleReferences,
  checkOtherClassReferences,
  checkSubordinateCoverage,
  onDeal(checkOfferedAmount),
  onDeal(checkPoolBalance),
  onDeal(checkGroupSeniors),
  onDeal(checkDealDates),
  onDeal(checkSchedules),
  onDeal(checkContracts),
  onDeal(checkCollateral),
  onDeal(checkPrincipalSchedules),
  onDeal(checkAccrualClasses),
  onDeal(checkExchangeableClasses),
];

/** Every semantic issue, reading sections and items as far as they passed the schema. */
export function validateDealSections(input: DealCheckInput): DealIssue[] {
  return checks.flatMap((check) => check(input));
}

/**
 * Every semantic issue in `deal`. Sections that failed the schema are absent
 * from a `PartialDeal`; the checks that need them are skipped.
 */
export function validateDeal(deal: PartialDeal): DealIssue[] {
  return validateDealSections(checkInputOf(deal));
}
