/**
 * `tranche yield-table <deal> --class A-4 --prices 98,99,100 --speeds 0,100,200
 * [--unit ppc] [--settle 2007-04-30 | --settle-days N] [--delay N]
 * [--curve 1=4.9,2=4.8,... | --benchmark 4.75] [--effective [bp]]
 * [--format table|json|csv]` (or `--yields 6,6.5` for a price table), plus the
 * scenario flags: bond-equivalent yields by price and speed, with average
 * life, modified duration and the principal window per speed.
 *
 * --curve/--benchmark and --effective are `project`'s (parsed by
 * price-options.ts). The table then reads, top to bottom, like a prospectus
 * yield table with a spread block under it (A-4, --benchmark 4.5 --effective):
 *
 *   price                       100% PPC    200% PPC
 *   99.000                         6.161       6.198   the yield matrix
 *   100.000                        6.019       5.994
 *   WAL (years)                    10.02        6.14   per speed
 *   Mod dur @ 99.000                7.02        4.91   at the middle quote
 *   Eff dur @ 99.000 (±25bp)        7.02        4.91   --effective: at the same quote
 *   Eff cvx @ 99.000               70.60       31.86
 *   First principal           2007-05-25  2007-05-25
 *   Last principal            2037-03-25  2037-03-25
 *
 *   Spread (bp) by price                               --curve/--benchmark:
 *   Benchmark @ WAL (%)            4.500       4.500   the benchmark at each speed's average life,
 *   99.000                         166.1       169.8   then (yield − benchmark) × 100 per quote
 *   100.000                        151.9       149.4
 *
 * JSON carries every cell's `spread` and `effectiveDuration`/`effectiveConvexity`/
 * `effectiveShiftBp` (the engine's `YieldTable`, as the API returns it); CSV
 * adds the columns effective_duration, effective_convexity, effective_shift_bp,
 * benchmark_yield and spread_bp to every (speed, quote) row.
 */
import type { Command } from "commander";
import type { PrepaymentUnit } from "../../core/scenario.js";
import { yieldTable, type YieldTable } from "../../engine/tables/yield-table.js";
import { loadDealForCli } from "../load-deal-for-cli.js";
import type { YieldCurve } from "../../analytics/yield-curve.js";
import { addBenchmarkOptions, benchmarkFromFlags, delayFromFlags, effectiveShiftFromFlags, parsePrice, settlementFromFlags, type PriceFlags } from "../price-options.js";
import { addScenarioOptions, type ScenarioFlags } from "../scenario-options.js";
import {
  asUserErrors,
  baseScenarioFromFlags,
  cliProjector,
  otherAssumptions,
  outputFormat,
  parseNumberList,
  parseSpeeds,
  speedUnit,
} from "../table-options.js";
import { renderCsv, renderTable } from "../text-table.js";
import { formatQuote, formatYears, yieldMatrix } from "../yield-matrix.js";
import { UserError } from "../user-error.js";

interface YieldTableFlags extends ScenarioFlags, Pick<PriceFlags, "settle" | "settleDays" | "delay" | "curve" | "benchmark" | "effective"> {
  class?: string;
  prices?: string;
  yields?: string;
  speeds?: string;
  unit?: string;
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
    .description("yield (or price) table of a class by price and prepayment speed, with WAL, modified duration and principal window; spreads to a benchmark (--curve/--benchmark) and effective duration (--effective) on request")
    .argument("<deal>", "deal id (e.g. cwalt-2007-12t1) or path to a deal file")
    .option("--class <id>", "the class to price (required)")
    .option("--prices <list>", "clean prices per 100 of current face, e.g. 98,99,100 or 99-16,100-00")
    .option("--yields <list>", "bond-equivalent yields, percent, for a price table instead")
    .option("--speeds <list>", "prepayment speeds, e.g. 0,100,200 (default: the usual grid for the unit)")
    .option("--unit <unit>", "ppc, cpr, psa or smm (default: the deal's pricing speed unit)")
    .option("--settle <date>", "settlement date YYYY-MM-DD (default: the Closing Date)")
    .option("--settle-days <n>", "settle n Business Days after the Closing Date")
    .option("--delay <days>", "override the class's payment delay, days");
  addBenchmarkOptions(cmd)
    .option("--format <format>", "table, json or csv", "table")
    .option("--without-amendment <id>", "run the PSA without this amendment (repeatable)", (v: string, prev: string[] = []) => [...prev, v]);
  addScenarioOptions(cmd).action(async (dealRef: string, flags: YieldTableFlags) => {
    const format = outputFormat(flags.format);
    const curve = benchmarkFromFlags(flags);
    const effectiveShiftBp = effectiveShiftFromFlags(flags);
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
        ...(curve !== undefined ? { curve } : {}),
        ...(effectiveShiftBp !== undefined ? { effectiveShiftBp } : {}),
      }),
    );
    const render = { curve, effective: effectiveShiftBp !== undefined };
    process.stdout.write(format === "json" ? JSON.stringify(table, null, 2) + "\n" : format === "csv" ? renderYieldCsv(table, render) : renderYieldTable(table, render));
  });
}

const years = formatYears;
const fixed = (x: number | undefined, digits: number) => (x === undefined ? "-" : x.toFixed(digits));

/** What the command asked for beyond the yields: a benchmark (its curve, for the header) and effective measures. */
export interface YieldRenderOptions {
  readonly curve?: YieldCurve;
  readonly effective?: boolean;
}

const allCells = (table: YieldTable) => table.rows.flatMap((r) => r.cells);
const showSpread = (table: YieldTable, options: YieldRenderOptions) => options.curve !== undefined || allCells(table).some((c) => c.spread !== undefined);
const showEffective = (table: YieldTable, options: YieldRenderOptions) => options.effective === true || allCells(table).some((c) => c.effectiveDuration !== undefined);

/** "a flat benchmark of 4.750%" or "the curve 6m 5.100%, 2y 4.800%, 10y 4.900%". */
function describeCurve(curve: YieldCurve): string {
  if (curve.points.length === 1) return `a flat benchmark of ${curve.points[0].yield.toFixed(3)}%`;
  const term = (t: number) => (t > 0 && t < 1 ? `${Number((t * 12).toFixed(4))}m` : `${Number(t.toFixed(4))}y`);
  return `the curve ${curve.points.map((p) => `${term(p.term)} ${p.yield.toFixed(3)}%`).join(", ")} (linear between points, flat beyond)`;
}

export function renderYieldTable(table: YieldTable, options: YieldRenderOptions = {}): string {
  const byPrice = table.quotedBy === "price";
  const first = table.rows[0].cells[0];
  const spread = showSpread(table, options);
  const effective = showEffective(table, options);
  const out: string[] = [];
  out.push(`${table.deal.name}: Class ${table.classId} ${byPrice ? "yield" : "price"} table`);
  out.push(
    `Settlement ${table.settlement}; accrued from ${first.accrualStartDate} (${first.accruedDays} days at ${first.coupon.toFixed(4)}%); ` +
      `delay ${first.delayDays} days; prices per 100 of current face; yields bond-equivalent %`,
  );
  out.push(`Other assumptions: ${otherAssumptions(table.scenario)}`);
  if (spread) {
    out.push(`Spread: (yield − benchmark) in bp, to ${options.curve ? describeCurve(options.curve) : "the benchmark"} read at each speed's average life`);
  }
  const shiftBp = allCells(table).find((c) => c.effectiveShiftBp !== undefined)?.effectiveShiftBp;
  if (effective) {
    out.push(`Effective duration and convexity: yield and every index path shifted ±${shiftBp ?? "?"}bp, the deal re-projected at each speed`);
  }
  out.push("");
  const quote = formatQuote;
  const { columns, rows } = yieldMatrix(table);
  const reference = table.rows.find((r) => r.quote === table.referenceQuote)!;
  const at = `@ ${quote(table.referenceQuote)}`;
  if (effective) {
    rows.push([`Eff dur ${at} (±${shiftBp ?? "?"}bp)`, ...reference.cells.map((c) => fixed(c.effectiveDuration, 2))]);
    rows.push([`Eff cvx ${at}`, ...reference.cells.map((c) => fixed(c.effectiveConvexity, 2))]);
  }
  if (reference.cells[0].discountMargin !== undefined) {
    rows.push([`DM bp ${at}`, ...reference.cells.map((c) => (c.discountMargin! * 100).toFixed(1))]);
  }
  rows.push(["First principal", ...table.bySpeed.map((s) => s.firstPrincipalDate ?? "-")]);
  rows.push(["Last principal", ...table.bySpeed.map((s) => s.lastPrincipalDate ?? "-")]);
  if (spread) {
    // The spread block: the benchmark depends only on the average life (one per speed), the spread on every cell.
    rows.push([]);
    rows.push([`Spread (bp) by ${byPrice ? "price" : "yield"}`]);
    rows.push(["Benchmark @ WAL (%)", ...reference.cells.map((c) => fixed(c.spread?.benchmarkYield, 3))]);
    for (const r of table.rows) rows.push([quote(r.quote), ...r.cells.map((c) => fixed(c.spread?.spreadBp, 1))]);
  }
  out.push(renderTable(columns, rows));
  return out.join("\n") + "\n";
}

/** One row per speed and quote; the effective and spread columns when the table has them. */
export function renderYieldCsv(table: YieldTable, options: YieldRenderOptions = {}): string {
  const spread = showSpread(table, options);
  const effective = showEffective(table, options);
  const headers = [
    "speed", "unit", "price", "yield", "mortgage_yield", "accrued", "average_life", "modified_duration", "convexity",
    ...(effective ? ["effective_duration", "effective_convexity", "effective_shift_bp"] : []),
    ...(spread ? ["benchmark_yield", "spread_bp"] : []),
    "discount_margin_bp", "first_principal", "last_principal",
  ];
  const blank = (x: number | undefined, digits: number) => (x === undefined ? "" : x.toFixed(digits));
  const rows: (string | number)[][] = [];
  table.speeds.forEach((speed, j) => {
    for (const r of table.rows) {
      const c = r.cells[j];
      const s = table.bySpeed[j];
      rows.push([
        speed, table.unit, c.price.toFixed(6), c.yield.toFixed(6), c.mortgageYield.toFixed(6), c.accruedInterest.toFixed(6), years(c.averageLife), c.modifiedDuration.toFixed(4), c.convexity.toFixed(4),
        ...(effective ? [blank(c.effectiveDuration, 4), blank(c.effectiveConvexity, 4), c.effectiveShiftBp ?? ""] : []),
        ...(spread ? [blank(c.spread?.benchmarkYield, 6), blank(c.spread?.spreadBp, 2)] : []),
        c.discountMargin === undefined ? "" : (c.discountMargin * 100).toFixed(2), s.firstPrincipalDate ?? "", s.lastPrincipalDate ?? "",
      ]);
    }
  });
  return renderCsv(headers, rows);
}
