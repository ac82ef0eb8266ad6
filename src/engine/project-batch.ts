/**
 * `projectBatch(deal, scenarios)`: the one entry point for running a deal over
 * many scenarios (grids, breakeven searches, decrement and yield tables,
 * effective duration, Monte Carlo paths). It returns one `ProjectionResult`
 * per scenario, in the order given, each equal to `project(deal, scenario)`.
 *
 * The scenarios run side by side as lanes of one waterfall (`projectLanes`,
 * see ARCHITECTURE.md "Scenario lanes"): each Distribution Date is interpreted
 * once for all of them. `project()` is the batch of one.
 */
import type { Scenario } from "../core/scenario.js";
import type { Deal } from "../deal/schema.js";
import { projectLanes, type DetailedProjection, type ProjectOptions } from "./project.js";

/** Options shared by every scenario of a batch (`collateral` and `onPeriod` are per scenario, so not here). */
export type BatchOptions = Omit<ProjectOptions, "collateral" | "onPeriod"> & {
  /** Scenarios per lane set (default `LANE_WIDTH`); the results do not depend on it. */
  readonly laneWidth?: number;
};

/**
 * How many scenarios run side by side in one lane set. Wider sets share the
 * interpretation among more lanes, but every lane's collateral series and
 * result columns are touched each date, so past a few dozen lanes the date's
 * working set leaves the cache (measured: bench/RESULTS.md, "Scenario lanes").
 */
export const LANE_WIDTH = 32;

export function projectBatch(deal: Deal, scenarios: readonly Scenario[], options: BatchOptions = {}): DetailedProjection[] {
  const width = options.laneWidth ?? LANE_WIDTH;
  if (!(Number.isInteger(width) && width >= 1)) throw new RangeError(`projectBatch: laneWidth must be a positive whole number, got ${width}`);
  if (scenarios.length <= width) return projectLanes(deal, scenarios, options);
  const results: DetailedProjection[] = [];
  for (let s = 0; s < scenarios.length; s += width) {
    for (const r of projectLanes(deal, scenarios.slice(s, s + width), options)) results.push(r);
  }
  return results;
}
