/**
 * `tranche breakeven <deal> --class B-1 [--severity 40 --lag 12 --speed 100
 * --unit ppc] [--format table|json|csv]` plus the scenario flags: the CDR at
 * which the class first loses $1 of principal, found to 0.01 CDR, with the
 * first loss date and the loss there. Severity and lag default to 40% and 12
 * months when neither a flag nor `--scenario` sets them.
 */
import type { Command } from "commander";
import type { Scenario } from "../../core/scenario.js";
import { breakeven, type BreakevenResult } from "../../engine/tables/breakeven.js";
import { loadDealForCli } from "../load-deal-for-cli.js";
import { addScenarioOptions, type ScenarioFlags } from "../scenario-options.js";
import { asUserErrors, baseScenarioFromFlags, cliProjector, outputFormat, parseSpeeds, speedLabel, speedUnit } from "../table-options.js";
import { money, renderCsv } from "../text-table.js";
import { UserError } from "../user-error.js";

interface BreakevenFlags extends ScenarioFlags {
  class?: string;
  speed?: string;
  unit?: string;
  format: string;
  withoutAmendment?: string[];
}

export const DEFAULT_BREAKEVEN_SEVERITY = 40;
export const DEFAULT_BREAKEVEN_LAG = 12;

export function register(program: Command): void {
  const cmd = program
    .command("breakeven")
    .description("breakeven CDR of a class: the default rate at which it first loses $1 of principal (to 0.01 CDR)")
    .argument("<deal>", "deal id (e.g. cwalt-2007-12t1) or path to a deal file")
    .option("--class <id>", "the class (required)")
    .option("--speed <n>", "prepayment speed (default: the deal's pricing speed)")
    .option("--unit <unit>", "ppc, cpr, psa or smm (default: the deal's pricing speed unit)")
    .option("--format <format>", "table, json or csv", "table")
    .option("--without-amendment <id>", "run the PSA without this amendment (repeatable)", (v: string, prev: string[] = []) => [...prev, v]);
  addScenarioOptions(cmd).action(async (dealRef: string, flags: BreakevenFlags) => {
    const format = outputFormat(flags.format);
    if (flags.class === undefined) throw new UserError("--class: name the class, e.g. --class B-1");
    for (const unit of ["cdr", "mdr", "sda"] as const) {
      if (flags[unit] !== undefined) throw new UserError(`--${unit}: the breakeven searches the CDR itself; leave out --${unit}`);
    }
    const loaded = await loadDealForCli(dealRef, flags.withoutAmendment);
    const deal = loaded.deal;
    let base: Scenario = baseScenarioFromFlags(flags, deal, "--speed and --unit");
    if (flags.speed !== undefined) {
      const unit = speedUnit(flags.unit, deal);
      const speeds = parseSpeeds(flags.speed, unit, "--speed");
      if (speeds.length !== 1) throw new UserError(`--speed: give one speed, got "${flags.speed}"`);
      base = { ...base, prepayment: { unit, values: speeds } };
    } else if (flags.unit !== undefined) {
      throw new UserError("--unit: give the speed too, e.g. --speed 100 --unit ppc");
    } else if (flags.scenario === undefined) {
      // The deal's pricing speed (100 PPC for 2007-12T1, 25 CPR for 2006-HY12); a --scenario keeps its own.
      base = { ...base, prepayment: { unit: deal.collateral.pricingSpeed.unit, values: [deal.collateral.pricingSpeed.value] } };
    }
    if (flags.scenario === undefined) {
      if (flags.severity === undefined) base = { ...base, severity: [DEFAULT_BREAKEVEN_SEVERITY] };
      if (flags.lag === undefined) base = { ...base, recoveryLag: DEFAULT_BREAKEVEN_LAG };
    }
    const result = asUserErrors(() => breakeven({ deal, baseScenario: base, classId: flags.class!, projector: cliProjector(loaded) }));
    process.stdout.write(format === "json" ? JSON.stringify(result, null, 2) + "\n" : format === "csv" ? renderBreakevenCsv(result) : renderBreakevenText(result));
  });
}

function describeScenario(s: Scenario): string {
  const speed = s.prepayment.values.length === 1 ? speedLabel(s.prepayment.values[0], s.prepayment.unit) : `${s.prepayment.unit.toUpperCase()} vector`;
  return `${speed}, severity ${s.severity.join(",")}%, lag ${s.recoveryLag} months, ${s.advancing ? "P&I advanced" : "no advancing"}${s.optionalTermination ? ", to call" : ", to maturity"}`;
}

export function renderBreakevenText(r: BreakevenResult): string {
  const out: string[] = [];
  out.push(`${r.deal.name}: Class ${r.classId} breakeven CDR`);
  out.push(`Assumptions: ${describeScenario(r.scenario)}; constant CDR searched on a 0.01 grid up to ${r.maxCdr}`);
  out.push("");
  if (r.breakevenCdr === null) {
    out.push(`Class ${r.classId} loses less than $${money(r.lossThreshold)} of principal even at ${r.maxCdr} CDR (loss there $${money(r.loss.totalWritedown)}).`);
  } else {
    out.push(`Breakeven CDR:      ${r.breakevenCdr.toFixed(2)}  (the class first loses at least $${money(r.lossThreshold)} of principal)`);
    out.push(`Highest CDR without loss: ${r.highestCdrWithoutLoss === null ? "none (it loses at 0 CDR)" : r.highestCdrWithoutLoss.toFixed(2)}`);
    out.push(
      `Loss at ${r.breakevenCdr.toFixed(2)} CDR:  $${money(r.loss.totalWritedown)} (${r.loss.percentOfInitialBalance.toFixed(6)}% of the initial balance)` +
        (r.loss.firstLossPeriod === null ? "" : `, first written down in period ${r.loss.firstLossPeriod} (${r.loss.firstLossDate})`),
    );
  }
  out.push(`Projections run:    ${r.projections}`);
  return out.join("\n") + "\n";
}

export function renderBreakevenCsv(r: BreakevenResult): string {
  return renderCsv(
    ["class", "speed", "unit", "severity", "lag", "advancing", "breakeven_cdr", "highest_cdr_without_loss", "loss_at_breakeven", "loss_percent", "first_loss_period", "first_loss_date", "projections"],
    [
      [
        r.classId,
        r.scenario.prepayment.values.join(" "),
        r.scenario.prepayment.unit,
        r.scenario.severity.join(" "),
        r.scenario.recoveryLag,
        r.scenario.advancing,
        r.breakevenCdr === null ? "" : r.breakevenCdr.toFixed(2),
        r.highestCdrWithoutLoss === null ? "" : r.highestCdrWithoutLoss.toFixed(2),
        r.loss.totalWritedown.toFixed(2),
        r.loss.percentOfInitialBalance.toFixed(6),
        r.loss.firstLossPeriod ?? "",
        r.loss.firstLossDate ?? "",
        r.projections,
      ],
    ],
  );
}
