/**
 * `tranche decrement <deal> --speeds 0,50,100,150,200,300 [--unit ppc|cpr|psa|smm]
 * [--class] [--include-notional] [--format table|json|csv]` plus the
 * scenario flags (defaults, severity, LIBOR, call, ...): the prospectus table
 * "Percent of Initial Class Certificate Balance Outstanding" and the weighted
 * average lives, per class and speed.
 */
import type { Command } from "commander";
import { decrementTable, type DecrementTable } from "../../engine/tables/decrement-table.js";
import { loadDealForCli } from "../load-deal-for-cli.js";
import { addScenarioOptions, type ScenarioFlags } from "../scenario-options.js";
import {
  asUserErrors,
  baseScenarioFromFlags,
  cliProjector,
  otherAssumptions,
  outputFormat,
  parseSpeeds,
  prospectusDate,
  speedLabel,
  speedUnit,
} from "../table-options.js";
import { renderCsv, renderTable } from "../text-table.js";

interface DecrementFlags extends ScenarioFlags {
  speeds?: string;
  unit?: string;
  class?: string;
  includeNotional?: boolean;
  format: string;
  withoutAmendment?: string[];
}

export function register(program: Command): void {
  const cmd = program
    .command("decrement")
    .description("prospectus decrement table: percent of initial balance outstanding at each anniversary, and WAL, per class and speed")
    .argument("<deal>", "deal id (e.g. cwalt-2007-12t1) or path to a deal file")
    .option("--speeds <list>", "prepayment speeds, e.g. 0,50,100,150,200,300 (default: the usual grid for the unit)")
    .option("--unit <unit>", "ppc, cpr, psa or smm (default: the deal's pricing speed unit)")
    .option("--class <ids>", "only these classes, comma-separated, in this order")
    .option("--include-notional", "also show notional classes, on their notional amounts")
    .option("--format <format>", "table, json or csv", "table")
    .option("--without-amendment <id>", "run the PSA without this amendment (repeatable)", (v: string, prev: string[] = []) => [...prev, v]);
  addScenarioOptions(cmd).action(async (dealRef: string, flags: DecrementFlags) => {
    const format = outputFormat(flags.format);
    const loaded = await loadDealForCli(dealRef, flags.withoutAmendment);
    const deal = loaded.deal;
    const unit = speedUnit(flags.unit, deal);
    const table = asUserErrors(() =>
      decrementTable({
        deal,
        baseScenario: baseScenarioFromFlags(flags, deal),
        speeds: parseSpeeds(flags.speeds, unit),
        unit,
        classes: flags.class?.split(",").map((s) => s.trim()),
        includeNotional: flags.includeNotional === true,
        projector: cliProjector(loaded),
      }),
    );
    process.stdout.write(format === "json" ? JSON.stringify(table, null, 2) + "\n" : format === "csv" ? renderDecrementCsv(table) : renderDecrementTable(table));
  });
}

export function renderDecrementTable(table: DecrementTable): string {
  const out: string[] = [];
  out.push(`${table.deal.name}: Percent of Initial Class Certificate Balance Outstanding`);
  out.push(`Speeds in ${table.unit.toUpperCase()}; other assumptions: ${otherAssumptions(table.scenario)}`);
  out.push("Balances after the distribution on each anniversary of the first Distribution Date; * = more than 0% and less than 0.5%.");
  const speedColumns = table.speeds.map((s) => ({ header: speedLabel(s, table.unit), align: "right" as const }));
  for (const c of table.classes) {
    out.push("");
    out.push(`Class ${c.classId}${c.notional ? " (notional amount; percent of initial notional)" : ""}`);
    const rows = c.rows.map((r) => [r.date === null ? "Initial" : prospectusDate(r.date), ...r.display]);
    rows.push([c.notional ? "Weighted Average Life of notional (years)" : "Weighted Average Life (years)", ...c.weightedAverageLife.map((w) => (w === null ? "-" : w.toFixed(2)))]);
    out.push(renderTable([{ header: "Distribution Date" }, ...speedColumns], rows));
  }
  for (const s of table.skipped) out.push("", `Class ${s.classId} not shown: ${s.reason}.`);
  return out.join("\n") + "\n";
}

export function renderDecrementCsv(table: DecrementTable): string {
  const headers = ["class", "notional", "row", ...table.speeds.map((s) => speedLabel(s, table.unit))];
  const rows: (string | number | boolean)[][] = [];
  for (const c of table.classes) {
    for (const r of c.rows) rows.push([c.classId, c.notional, r.date ?? "initial", ...r.display]);
    rows.push([c.classId, c.notional, "wal", ...c.weightedAverageLife.map((w) => (w === null ? "" : w.toFixed(2)))]);
  }
  return renderCsv(headers, rows);
}
