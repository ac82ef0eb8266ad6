/**
 * §4.02: one Distribution Date, as a pure step
 * `(deal, state, inputs) → {state, ledger, report}`.
 *
 * The deal's `rules` (or the amended text in force on the date) are interpreted
 * in order by one exhaustive switch (`period-step.ts`); the defined amounts they
 * pay are computed first, from the state at the start of the date; losses
 * (§4.04) and the corridor (§4.08) follow the distributions. The deal is
 * resolved once into slots and index arrays (`deal-plan.ts`), so the step runs
 * on arrays; this function converts the state in and the result out.
 */
import type { Rule } from "../deal/schema.js";
import type { PeriodInputs } from "./collections.js";
import { dealPlan, rulesPlan } from "./deal-plan.js";
import type { DealView } from "./deal-view.js";
import { periodResult } from "./period-result.js";
import { stepDistributionDate } from "./period-step.js";
import { carriedState, PeriodWork } from "./period-work.js";
import type { PeriodResult } from "./report.js";
import type { WaterfallState } from "./state.js";

export interface DistributeOptions {
  /** The rules governing this date (the deal's, or the amended text in force on the date). */
  readonly rules?: readonly Rule[];
  /**
   * Build the date's ledger entries (default true). Off, `ledger` is empty and
   * every amount is still computed: for projections that do not return a ledger.
   */
  readonly recordLedger?: boolean;
}

/** The deal's resolved view (roles, original percentages), computed once per deal. */
export function dealView(deal: DealView["deal"]): DealView {
  return dealPlan(deal).view;
}

export function distributePeriod(deal: DealView["deal"], state: WaterfallState, inputs: PeriodInputs, options: DistributeOptions = {}): PeriodResult {
  const plan = dealPlan(deal);
  const rules = rulesPlan(plan, options.rules ?? deal.rules);
  const work = new PeriodWork(plan);
  const carried = carriedState(plan, state);
  stepDistributionDate(work, carried, inputs, rules, options.recordLedger ?? true);
  return periodResult(work, carried, state);
}
