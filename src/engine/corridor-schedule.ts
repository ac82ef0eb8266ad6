/**
 * §4.08: the Corridor Contract's notional schedule, fixed at closing: for each
 * Distribution Date in the contract window, the beneficiary's Class Certificate
 * Balance immediately before that date's distributions, projected at the
 * deal's pricing speed (the Prepayment Assumption) with no defaults. The engine
 * generates it once; the deal file stores it (with that provenance) and runs
 * read it, never recompute it.
 */
import { DEFAULT_SCENARIO, type Scenario } from "../core/scenario.js";
import type { CorridorContract, Deal } from "../deal/schema.js";
import { project } from "./project.js";

export interface NotionalScheduleEntry {
  readonly date: string;
  readonly notional: number;
}

export function generateCorridorSchedule(deal: Deal, contract: CorridorContract): NotionalScheduleEntry[] {
  const speed = deal.collateral.pricingSpeed;
  const scenario: Scenario = { ...DEFAULT_SCENARIO, prepayment: { unit: speed.unit, values: [speed.value] } };
  const result = project(deal, scenario);
  const first = contract.firstDistributionDate.slice(0, 7);
  const last = contract.lastDistributionDate.slice(0, 7);
  return result.classes[contract.beneficiary].flows
    .filter((f) => f.date.slice(0, 7) >= first && f.date.slice(0, 7) <= last)
    .map((f) => ({ date: `${f.date.slice(0, 7)}-${String(deal.dates.distributionDay).padStart(2, "0")}`, notional: Math.round(f.beginBalance * 100) / 100 }));
}
