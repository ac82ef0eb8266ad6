/**
 * `tranche yield-table <deal> --class A-4 --prices 98,99,100 --speeds 0,100,200
 * [--unit ppc] [--settle 2007-04-30 | --settle-days N] [--delay N]
 * [--format table|json|csv]` (or `--yields 6,6.5` for a price table), plus the
 * scenario flags: bond-equivalent yields by price and speed, with average
 * life, modified duration and the principal window per speed.
 */
import type { Command } from "commander";
import type { PrepaymentUnit } from "../../core/scenario.js";
import { yieldTable, type YieldTable } from "../../engine/tables/yield-table.js";
import { loadDealForCli } from "../load-deal-for-cli.js";
import { delayFromFlags, parsePrice, settlementFromFlags } from "../price-options.js";
import { addScenarioOptions, type ScenarioFlags } from "../scenario-options.js";
import {
  asUserErrors,
  baseScenarioFromFlags,
  cliProjector,
  otherAssumptions,
  outputFormat,
  parseNumberList,
  parseSpeeds,
  speedLabel,
  speedUnit,
} from "../table-options.js";
import { renderCsv, renderTable } from "../text-table.js";
import { UserError } from "../user-error.js";

interface YieldTableFlags extends ScenarioFlags {
  class?: string;
  prices?: string;
  yields?: string;
  speeds?: string;
  unit?: string;
  settle?: string;
  settleDays?: string;
  delay?: string;
  format: string;
  withoutAmendment?: string[];
}

function parseYield(text: string): number {
  const y = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(y) || y <= -200) throw new UserError(`--yields: "${text}" is not a yield in percent`);
  return y;
}

export function register(program: Command): void {
  const cmd = program
    .command("yield-table")
    .description("yield (or price) table of a class by price and prepayment speed, with WAL, modified duration and principal window")
    .argument("<deal>", "deal id (e.g. cwalt-2007-12t1) or path to a deal file")
    .option("--class <id>", "the class to price (required)")
    .option("--prices <list>", "clean prices per 100 of current face, e.g. 98,99,100 or 99-16,100-00")
    .option("--yields <list>", "bond-equivalent yields, percent, for a price table instead")
    .option("--speeds <list>", "prepayment speeds, e.g. 0,100,200 (default: the usual grid for the unit)")
    .option("--unit <unit>", "ppc, cpr, psa or smm (default: the deal's pricing speed unit)")
    .option("--settle <date>", "settlement date YYYY-MM-DD (default: the Closing Date)")
    .option("--settle-days <n>", "settle n Business Days after the Closing Date")
    .option("--delay <days>", "override the class's payment delay, days")
    .option("--format <format>", "table, json or csv", "table")
    .option("--without-amendment <id>", "run the PSA without this amendment (repeatable)", (v: string, prev: string[] = []) => [...prev, v]);
  addScenarioOptions(cmd).action(async (dealRef: string, flags: YieldTableFlags) => {
    const format = outputFormat(flags.format);
    if (flags.class === undefined) throw new UserError("--class: name the class to price, e.g. --class A-4");
    if ((flags.prices === undefined) === (flags.yields === undefined)) throw new UserError("give --prices (a yield table) or --yields (a price table), not both or neither");
    const loaded = await loadDealForCli(dealRef, flags.withoutAmendment);
    const deal = loaded.deal;
    const unit: PrepaymentUnit = speedUnit(flags.unit, deal);
    const quotes =
      flags.prices !== undefined
        ? { kind: "price" as const, values: parseNumberList(flags.prices, "--prices", (p) => parsePrice(p, "--prices")) }
        : { kind: "yield" as const, values: parseNumberList(flags.yields!, "--yields", parseYield) };
    const table = asUserErrors(() =>
      yieldTable({
        deal,
        baseScenario: baseScenarioFromFlags(flags, deal),
        classId: flags.class!,
        speeds: parseSpeeds(flags.speeds, unit),
        unit,
        quotes,
        settlement: settlementFromFlags(flags, deal),
        delayDays: delayFromFlags(flags),
        projector: cliProjector(loaded),
      }),
    );
    process.stdout.write(format === "json" ? JSON.stringify(table, null, 2) + "\n" : format === "csv" ? renderYieldCsv(table) : renderYieldTable(table));
  });
}

const years = (x: number | null) => (x === null ? "-" : x.toFixed(2));

export function renderYieldTable(table: YieldTable): string {
  const byPrice = table.quotedBy === "price";
  const first = table.rows[0].cells[0];
  const out: string[] = [];
  out.push(`${table.deal.name}: Class ${table.classId} ${byPrice ? "yield" : "price"} table`);
  out.push(
    `Settlement ${table.settlement}; accrued from ${first.accrualStartDate} (${first.accruedDays} days at ${first.coupon.toFixed(4)}%); ` +
      `delay ${first.delayDays} days; prices per 100 of current face; yields bond-equivalent %`,
  );
  out.push(`Other assumptions: ${otherAssumptions(table.scenario)}`);
  out.push("");
  const columns = [{ header: byPrice ? "price" : "yield" }, ...table.speeds.map((s) => ({ header: speedLabel(s, table.unit), align: "right" as const }))];
  const rows: string[][] = table.rows.map((r) => [
    byPrice ? r.quote.toFixed(3) : r.quote.toFixed(3),
    ...r.cells.map((c) => (byPrice ? c.yield.toFixed(3) : c.price.toFixed(3))),
  ]);
  rows.push(["WAL (years)", ...table.bySpeed.map((s) => years(s.averageLife))]);
  rows.push([`Mod dur @ ${table.referenceQuote.toFixed(3)}`, ...table.bySpeed.map((s) => s.modifiedDuration.toFixed(2))]);
  const reference = table.rows.find((r) => r.quote === table.referenceQuote)!;
  if (reference.cells[0].discountMargin !== undefined) {
    rows.push([`DM bp @ ${table.referenceQuote.toFixed(3)}`, ...reference.cells.map((c) => (c.discountMargin! * 100).toFixed(1))]);
  }
  rows.push(["First principal", ...table.bySpeed.map((s) => s.firstPrincipalDate ?? "-")]);
  rows.push(["Last principal", ...table.bySpeed.map((s) => s.lastPrincipalDate ?? "-")]);
  out.push(renderTable(columns, rows));
  return out.join("\n") + "\n";
}

export function renderYieldCsv(table: YieldTable): string {
  const headers = ["speed", "unit", "price", "yield", "mortgage_yield", "accrued", "average_life", "modified_duration", "convexity", "discount_margin_bp", "first_principal", "last_principal"];
  const rows: (string | number)[][] = [];
  table.speeds.forEach((speed, j) => {
    for (const r of table.rows) {
      const c = r.cells[j];
      const s = table.bySpeed[j];
      rows.push([speed, table.unit, c.price.toFixed(6), c.yield.toFixed(6), c.mortgageYield.toFixed(6), c.accruedInterest.toFixed(6), years(c.averageLife), c.modifiedDuration.toFixed(4), c.convexity.toFixed(4), c.discountMargin === undefined ? "" : (c.discountMargin * 100).toFixed(2), s.firstPrincipalDate ?? "", s.lastPrincipalDate ?? ""]);
    }
  });
  return renderCsv(headers, rows);
}
