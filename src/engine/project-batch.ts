/**
 * `projectBatch(deal, scenarios)`: the one entry point for running a deal over
 * many scenarios (grids, breakeven searches, decrement and yield tables,
 * effective duration, Monte Carlo paths). It returns one `ProjectionResult`
 * per scenario, in the order given, each equal to `project(deal, scenario)`.
 *
 * Callers go through this function rather than looping over `project()`, so
 * that how the batch is run (today one projection after another; later the
 * period step over scenario lanes) is decided in one place.
 */
import type { Scenario } from "../core/scenario.js";
import type { Deal } from "../deal/schema.js";
import { project, type DetailedProjection, type ProjectOptions } from "./project.js";

/** Options shared by every scenario of a batch (`collateral` and `onPeriod` are per scenario, so not here). */
export type BatchOptions = Omit<ProjectOptions, "collateral" | "onPeriod">;

export function projectBatch(deal: Deal, scenarios: readonly Scenario[], options: BatchOptions = {}): DetailedProjection[] {
  const results: DetailedProjection[] = new Array(scenarios.length);
  for (let s = 0; s < scenarios.length; s++) results[s] = project(deal, scenarios[s], options);
  return results;
}
