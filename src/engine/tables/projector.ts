/**
 * What the investor tables need from the engine: a function from a deal and a
 * scenario to a `ProjectionResult`. The CLI passes `project` with the deal's
 * amendment timeline; tests pass hand-built results.
 */
import type { Scenario } from "../../core/scenario.js";
import type { PrepaymentUnit } from "../../core/scenario.js";
import type { Deal } from "../../deal/schema.js";
import { project } from "../project.js";
import type { ProjectionResult } from "../result.js";

export type Projector = (deal: Deal, scenario: Scenario) => ProjectionResult;

export const defaultProjector: Projector = (deal, scenario) => project(deal, scenario);

/** The base scenario with a flat prepayment speed in `unit`. */
export function atSpeed(base: Scenario, unit: PrepaymentUnit, speed: number): Scenario {
  return { ...base, prepayment: { unit, values: [speed] } };
}

/** Checks a list of speeds: finite, non-negative, at most 100 for CPR/SMM. Throws a RangeError naming the bad one. */
export function assertSpeeds(speeds: readonly number[], unit: PrepaymentUnit): void {
  if (speeds.length === 0) throw new RangeError("speeds: give at least one");
  for (const s of speeds) {
    if (!Number.isFinite(s) || s < 0) throw new RangeError(`speeds: ${s} is not a non-negative number`);
    if ((unit === "cpr" || unit === "smm") && s > 100) throw new RangeError(`speeds: ${s} ${unit.toUpperCase()} is above 100`);
  }
}

/** A speed as a table heads it: "150% PSA", "100% PPC", "6 CPR", "1 SMM". */
export function speedLabel(speed: number, unit: PrepaymentUnit): string {
  return unit === "ppc" || unit === "psa" ? `${speed}% ${unit.toUpperCase()}` : `${speed} ${unit.toUpperCase()}`;
}
