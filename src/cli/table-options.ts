/**
 * Flags shared by the investor-table commands (`decrement`, `yield-table`,
 * `breakeven`): the speed list and its unit, the output format, and the base
 * scenario (every scenario flag except the prepayment speed, which the table
 * varies), plus a projector that honours the deal's amendments.
 */
import type { Command } from "commander";
import type { PrepaymentUnit, Scenario } from "../core/scenario.js";
import { parseVector } from "../core/vector.js";
import type { Deal } from "../deal/schema.js";
import { formatScenarioText } from "../engine/scenario-text.js";
import { project } from "../engine/project.js";
import type { Projector } from "../engine/tables/projector.js";
import type { CliDeal } from "./load-deal-for-cli.js";
import { scenarioFromFlags, type ScenarioFlags } from "./scenario-options.js";
import { UserError } from "./user-error.js";

export type OutputFormat = "table" | "json" | "csv";

export function outputFormat(text: string): OutputFormat {
  if (text === "table" || text === "json" || text === "csv") return text;
  throw new UserError(`--format: expected table, json or csv, got "${text}"`);
}

const UNITS: readonly PrepaymentUnit[] = ["ppc", "cpr", "psa", "smm"];

/** `--unit`, defaulting to the deal's pricing speed unit (PPC for 2007-12T1, CPR for 2006-HY12). */
export function speedUnit(text: string | undefined, deal: Deal): PrepaymentUnit {
  if (text === undefined) return deal.collateral.pricingSpeed.unit;
  const unit = text.toLowerCase() as PrepaymentUnit;
  if (!UNITS.includes(unit)) throw new UserError(`--unit: expected ppc, cpr, psa or smm, got "${text}"`);
  if (unit === "ppc" && !deal.collateral.prepaymentAssumption) throw new UserError(`--unit ppc: ${deal.id} defines no Prepayment Assumption; use cpr or psa`);
  return unit;
}

/** The prospectus's usual speed grid for a unit. */
export function defaultSpeeds(unit: PrepaymentUnit): number[] {
  return unit === "cpr" ? [0, 10, 15, 20, 25, 30, 40] : unit === "smm" ? [0, 0.5, 1, 1.5, 2, 3] : [0, 50, 100, 150, 200, 300];
}

/** `--speeds 0,50,100` (a plain list; no vector repeats). */
export function parseSpeeds(text: string | undefined, unit: PrepaymentUnit, flag = "--speeds"): number[] {
  if (text === undefined) return defaultSpeeds(unit);
  const parts = text.split(",").map((s) => s.trim());
  const speeds = parts.map((p) => {
    const v = /^\d+(\.\d+)?$/.test(p) ? Number(p) : NaN;
    if (!Number.isFinite(v)) throw new UserError(`${flag}: "${p}" is not a non-negative number (write e.g. 0,50,100)`);
    if ((unit === "cpr" || unit === "smm") && v > 100) throw new UserError(`${flag}: ${p} ${unit.toUpperCase()} is above 100`);
    return v;
  });
  if (speeds.length > 20) throw new UserError(`${flag}: at most 20 speeds, got ${speeds.length}`);
  return speeds;
}

/** `--prices 98,99,100` or `--yields 6,6.5`. */
export function parseNumberList(text: string, flag: string, parse: (part: string) => number): number[] {
  const values = text.split(",").map((p) => parse(p.trim()));
  if (values.length === 0) throw new UserError(`${flag}: give at least one value`);
  if (values.length > 40) throw new UserError(`${flag}: at most 40 values`);
  return values;
}

/** The scenario flags without a prepayment speed: the table supplies the speeds. */
export function baseScenarioFromFlags(flags: ScenarioFlags, deal: Deal, speedFlags = "--speeds and --unit"): Scenario {
  const given = (["ppc", "cpr", "psa", "smm"] as const).filter((u) => flags[u] !== undefined);
  if (given.length) throw new UserError(`--${given[0]}: this command varies the prepayment speed; give it with ${speedFlags}`);
  return scenarioFromFlags(flags, deal);
}

/** `project` with the deal's amendment timeline, as the `project` command runs it. */
export function cliProjector(loaded: CliDeal): Projector {
  return (deal, scenario) => project(deal, scenario, { rulesAt: loaded.rulesAt, amendments: loaded.appliedAmendments });
}

/** Runs a table builder, turning its RangeErrors (bad class, bad quote) into UserErrors. */
export function asUserErrors<T>(build: () => T): T {
  try {
    return build();
  } catch (e) {
    if (e instanceof RangeError) throw new UserError(e.message);
    throw e;
  }
}

/** "150% PSA", "6 CPR": the engine's, so a table's JSON labels its speeds the way the text does. */
export { speedLabel } from "../engine/tables/projector.js";

/** "2008-05-25" → "May 25, 2008", as prospectus tables print dates. */
export function prospectusDate(date: string): string {
  const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  return `${months[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8, 10))}, ${date.slice(0, 4)}`;
}

/** The scenario's clauses other than the prepayment speed (the first clause `formatScenarioText` writes). */
export function otherAssumptions(scenario: Scenario): string {
  return formatScenarioText(scenario).split(", ").slice(1).join(", ");
}
