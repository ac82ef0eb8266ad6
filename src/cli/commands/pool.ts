/**
 * `tranche pool`: the standard cash flow with defaults of one level-pay pool
 * (SIFMA SF-17 to SF-22, STANDARDS.md §4), month by month, from the same
 * projection kernel a deal runs.
 *
 *   tranche pool --balance 100000000 --wac 8 --net 7.5 --term 360 --age 0 \
 *     --prepay 150psa --default 100sda --severity 20 --lag 12 [--no-advance] [--format table|json|csv]
 *
 * Speeds are a number or a period vector followed by the unit: `1smm`, `150psa`,
 * `6cpr`, `6,8,10x12,20cpr`; `1mdr`, `100sda`, `2cdr`. Interest columns are at the
 * net rate.
 *
 * Pricing (SIFMA SF-43 to SF-55; `pricePool`): `--price 99-16` or `--yield 7.6`
 * prices a pass-through of the pool at its net rate, per 100 of current face
 * (the starting balance), with `--delay` (actual delay, days; default 0) and a
 * settlement in the first accrual month: by default on its first day (no
 * accrued interest); `--settle-days N` N 30/360 days into it; `--dated
 * 2024-03-01 --settle 2024-03-21` with calendar dates. `--summary` prints the
 * pricing without the monthly rows.
 *
 * Yield table (`poolYieldTable`; the layout of `tranche yield-table`): `--prices
 * 98,99-16,100,101` (or `--yields 8.5,9,9.5` for a price table) and `--speeds
 * 0,100,150,200,300` in `--prepay`'s unit (`--prepay psa`, or `--prepay 150psa`,
 * whose 150 the speeds replace); without `--speeds`, one column at `--prepay`'s
 * speed, or the unit's usual grid for a bare unit. Every cell is what `--price P
 * --prepay S<unit>` gives; the other pool and settlement flags apply to every
 * cell. Table: quotes down, speeds across, then WAL, Mod dur at the middle quote
 * and the first and last principal months per speed; JSON: the engine's
 * `PoolYieldTable`; CSV: one row per (speed, quote).
 */
import type { Command } from "commander";
import { poolCashFlow, POOL_COLUMNS, type PoolCashFlow, type PoolCashFlowRow, type PoolSpec } from "../../collateral/index.js";
import type { DefaultUnit, PrepaymentUnit } from "../../core/scenario.js";
import { formatVector, parseVector, type PeriodVector } from "../../core/vector.js";
import { pricePool, type PoolAnalytics, type PoolPricingTerms, type PoolQuote } from "../../engine/price-pool.js";
import { describePool, poolPricingTerms } from "../../engine/pool-request.js";
import { poolYieldTable, type PoolSpeedUnit, type PoolYieldTable } from "../../engine/tables/pool-yield-table.js";
import { delayFromFlags, parsePrice, renderAnalyticsCsv, renderAnalyticsTable } from "../price-options.js";
import { defaultSpeeds, parseNumberList, parseSpeeds } from "../table-options.js";
import { money, renderCsv, renderTable, type Column } from "../text-table.js";
import { UserError } from "../user-error.js";
import { formatQuote, formatYears, yieldMatrix } from "../yield-matrix.js";

interface PoolFlags {
  balance?: string;
  wac?: string;
  net?: string;
  term?: string;
  age?: string;
  prepay?: string;
  default?: string;
  severity?: string;
  lag?: string;
  advance?: boolean;
  format: string;
  price?: string;
  yield?: string;
  delay?: string;
  dated?: string;
  settle?: string;
  settleDays?: string;
  summary?: boolean;
  prices?: string;
  yields?: string;
  speeds?: string;
}

/** A pricing request from the flags: the quote and the settlement terms. */
export interface PoolPricingRequest {
  readonly quote: PoolQuote;
  readonly terms: PoolPricingTerms;
}

/** A yield-table request from the flags: the quotes, the speeds in their unit, and the settlement terms. */
export interface PoolTableRequest {
  readonly quotes: { readonly kind: "price" | "yield"; readonly values: readonly number[] };
  readonly unit: PoolSpeedUnit;
  readonly speeds: readonly number[];
  /** The flag the speeds came from: --speeds, or --prepay when it gave the one speed. */
  readonly speedFlag: "--speeds" | "--prepay";
  readonly terms: PoolPricingTerms;
}

export function register(program: Command): void {
  program
    .command("pool")
    .description("the standard cash flow with defaults (SIFMA SF-17 to SF-22) of one level-pay pool, month by month")
    .requiredOption("--balance <dollars>", "pool balance at the start")
    .requiredOption("--wac <percent>", "gross (mortgage) rate: sets the level payment")
    .option("--net <percent>", "net (pass-through) rate for the interest columns (default: the WAC)")
    .requiredOption("--term <months>", "original term")
    .option("--age <months>", "loan age at the start (default 0)", "0")
    .option("--prepay <speed>", "voluntary prepayments: 1smm, 150psa, 6cpr or a vector like 6,8,10x12,20cpr (default 0cpr); with --prices/--yields, the speeds' unit: psa, or 150psa (--speeds replaces the 150)")
    .option("--default <speed>", "defaults: 1mdr, 100sda, 2cdr or a vector", "0cdr")
    .option("--severity <percent>", "loss severity, % of the balance at default (vector allowed)", "0")
    .option("--lag <months>", "months from default to liquidation", "0")
    .option("--advance", "the servicer advances P&I on defaulted loans until liquidation (default)")
    .option("--no-advance", "no advancing: interest on defaulted loans is lost, foreclosures do not amortize")
    .option("--price <price>", "price a pass-through of the pool: clean price per 100 of current face, decimal or 32nds (99-16, 99-16+)")
    .option("--yield <percent>", "or price it at a bond-equivalent (semiannual) yield, percent")
    .option("--delay <days>", "actual payment delay, days past the accrual month's end: GNMA I 14, GNMA II 19, FNMA 24, FHLMC 44 (default 0: paid on the 1st)")
    .option("--settle-days <n>", "settle n 30/360 days after the accrual start (0 to 29; default 0: settle on the accrual start, no accrued interest)")
    .option("--dated <date>", "first day of the pool's first accrual month, YYYY-MM-DD: gives the receipts calendar dates (no default; month 1 is then that month)")
    .option("--settle <date>", "settlement date YYYY-MM-DD in the first accrual month (needs --dated)")
    .option("--summary", "with --price/--yield: print the pool line and the pricing, not the monthly rows (a table never prints them)")
    .option("--prices <list>", "a yield table: clean prices per 100 of current face, e.g. 98,99-16,100,101 (not with --price/--yield)")
    .option("--yields <list>", "or a price table: bond-equivalent yields, percent, e.g. 8.5,9,9.5")
    .option("--speeds <list>", "the table's constant speeds in --prepay's unit, e.g. 0,100,150,200,300 with --prepay psa (default: --prepay's one speed; for a bare unit the usual grid)")
    .option("--format <format>", "table, json or csv (csv with a price: the rows, a blank line, then the pricing; --summary: the pricing only; a table: one row per speed and quote)", "table")
    .addHelpText(
      "after",
      `
Pricing (SIFMA SF-43 to SF-55): a pass-through of the pool at its net rate, per 100 of current face (the
starting balance). The holder receives the interest and principal the convention line states, month k
--delay days after the end of accrual month k. Settlement falls in the first accrual month: on its first
day by default; N 30/360 days into it with --settle-days N (accrued interest net × N/360, receipt k at
(30k + delay − N)/360 years); or on a calendar date with --dated and --settle (30/360 between dates).
Yields are bond-equivalent; the mortgage yield is the monthly-compounded equivalent.

Yield table (as SIFMA prints a GNMA pass-through's): --prices LIST (or --yields LIST for a price table) by
--speeds LIST in --prepay's unit, every cell priced as --price/--yield prices one, the other flags unchanged;
then the average life and the modified duration at the middle quote per speed, and the first and last months
paying principal. JSON has every cell's analytics; CSV one row per speed and quote.

  tranche pool --balance 1000000 --wac 7.5 --net 7 --term 360 --prepay 150psa --price 99-16 --delay 19 --settle-days 15
  tranche pool --balance 1000000 --wac 7.5 --net 7 --term 360 --prepay 150psa --yield 7.2 --delay 14 --dated 2024-03-01 --settle 2024-03-21 --summary
  tranche pool --balance 1000000 --wac 9.5 --net 9 --term 360 --prepay psa --prices 98,99-16,100,101 --speeds 0,100,150,200,300 --delay 14`,
    )
    .action((flags: PoolFlags) => {
      if (!["table", "json", "csv"].includes(flags.format)) throw new UserError(`--format: expected table, json or csv, got "${flags.format}"`);
      const table = poolTableFromFlags(flags);
      if (table) {
        process.stdout.write(renderPoolTable(poolTableFor(flags, table), flags.format));
        return;
      }
      const spec = poolSpecFromFlags(flags);
      const pricing = poolPricingFromFlags(flags);
      let result: PoolCashFlow;
      try {
        result = poolCashFlow(spec);
      } catch (error) {
        if (error instanceof RangeError) throw new UserError(asOptionMessage(error.message));
        throw error;
      }
      let analytics: PoolAnalytics | undefined;
      if (pricing) {
        try {
          analytics = pricePool(result, pricing.quote, pricing.terms);
        } catch (error) {
          if (error instanceof RangeError) throw new UserError(`${"price" in pricing.quote ? "--price" : "--yield"}: ${error.message}`);
          throw error;
        }
      }
      process.stdout.write(renderPool(result, flags.format, analytics, flags.summary === true));
    });
}

/**
 * The quote and settlement the pricing flags ask for; null without --price or
 * --yield. Throws a UserError naming the flag for a bad or contradictory one.
 */
export function poolPricingFromFlags(flags: Pick<PoolFlags, "price" | "yield" | "delay" | "dated" | "settle" | "settleDays" | "summary">): PoolPricingRequest | null {
  if (flags.price !== undefined && flags.yield !== undefined) throw new UserError("give --price or --yield, not both");
  if (flags.price === undefined && flags.yield === undefined) {
    const given = (["delay", "dated", "settle", "settleDays", "summary"] as const).filter((k) => flags[k] !== undefined);
    if (given.length) {
      const names = given.map((k) => (k === "settleDays" ? "--settle-days" : `--${k}`)).join(", ");
      throw new UserError(`${names}: price the pool to use ${given.length > 1 ? "them" : "it"}: add --price PRICE or --yield YIELD (or --prices/--yields LIST for a table)`);
    }
    return null;
  }
  const quote: PoolQuote = flags.price !== undefined ? { price: parsePrice(flags.price, "--price") } : { yield: parseYield(flags.yield!, "--yield") };
  return { quote, terms: poolTermsFromFlags(flags) };
}

/** A bond-equivalent yield in percent (above −200, at most 1000). */
function parseYield(text: string, flag: string): number {
  const t = text.trim();
  const y = /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
  if (!Number.isFinite(y) || y <= -200 || y > 1000) throw new UserError(`${flag}: "${text}" is not a yield in percent (bond-equivalent, e.g. 7.25)`);
  return y;
}

/** What the settlement rules (`poolPricingTerms`, shared with the HTTP API) call each field here. */
const SETTLEMENT_FLAGS = { settleDays: "--settle-days", dated: "--dated", settlement: "--settle" } as const;

/** The delay and settlement flags (--delay, --settle-days, --dated, --settle), checked by the rules the API uses too. */
function poolTermsFromFlags(flags: Pick<PoolFlags, "delay" | "dated" | "settle" | "settleDays">): PoolPricingTerms {
  let settleDays: number | undefined;
  if (flags.settleDays !== undefined) {
    const n = Number(flags.settleDays);
    if (flags.settleDays.trim() === "" || !Number.isInteger(n)) {
      throw new UserError(`--settle-days: expected a whole number of 30/360 days from 0 to 29 (settlement in the first accrual month), got "${flags.settleDays}"`);
    }
    settleDays = n;
  }
  try {
    return poolPricingTerms({ delayDays: delayFromFlags(flags) ?? 0, settleDays, dated: flags.dated, settlement: flags.settle }, SETTLEMENT_FLAGS);
  } catch (error) {
    if (error instanceof RangeError) throw new UserError(error.message);
    throw error;
  }
}

const PREPAY_UNITS: Readonly<Record<string, PoolSpeedUnit>> = { smm: "smm", cpr: "cpr", psa: "psa" };

/**
 * The yield table the flags ask for: null without --prices or --yields. Throws
 * a UserError naming the flag for a bad list, a bad speed, or a flag that
 * contradicts a table (--price/--yield, a --prepay vector).
 */
export function poolTableFromFlags(
  flags: Pick<PoolFlags, "prices" | "yields" | "speeds" | "price" | "yield" | "prepay" | "delay" | "dated" | "settle" | "settleDays">,
): PoolTableRequest | null {
  const list = flags.prices !== undefined ? "--prices" : flags.yields !== undefined ? "--yields" : undefined;
  if (list === undefined) {
    if (flags.speeds !== undefined) throw new UserError("--speeds: a table needs its quotes: add --prices LIST (a yield table) or --yields LIST (a price table)");
    return null;
  }
  if (flags.prices !== undefined && flags.yields !== undefined) throw new UserError("give --prices (a yield table) or --yields (a price table), not both");
  const single = flags.price !== undefined ? "--price" : flags.yield !== undefined ? "--yield" : undefined;
  if (single !== undefined) throw new UserError(`${list} and ${single}: give a table's quotes (${list} LIST) or one quote (${single}), not both`);
  const quotes =
    list === "--prices"
      ? { kind: "price" as const, values: parseNumberList(flags.prices!, list, (p) => parsePrice(p, list)) }
      : { kind: "yield" as const, values: parseNumberList(flags.yields!, list, (y) => parseYield(y, list)) };
  // --prepay gives the unit, and the one speed when there is no --speeds: "psa" (a bare unit) or "150psa".
  const prepay = flags.prepay ?? "0cpr";
  const bare = /^\s*([a-z]+)\s*$/i.exec(prepay);
  let unit: PoolSpeedUnit;
  let values: readonly number[] | null;
  if (bare && PREPAY_UNITS[bare[1].toLowerCase()] !== undefined) {
    unit = PREPAY_UNITS[bare[1].toLowerCase()];
    values = null;
  } else {
    ({ unit, values } = speed(prepay, "--prepay", PREPAY_UNITS));
  }
  if (values !== null && values.length > 1) {
    throw new UserError(`--prepay: "${prepay}" is a vector; a table's speeds are constant: give the unit (e.g. --prepay ${unit}) and the speeds with --speeds`);
  }
  let speeds: readonly number[];
  let speedFlag: PoolTableRequest["speedFlag"] = "--speeds";
  if (flags.speeds !== undefined) speeds = parseSpeeds(flags.speeds, unit);
  else if (values === null) speeds = defaultSpeeds(unit);
  else {
    speeds = values;
    speedFlag = "--prepay";
  }
  return { quotes, unit, speeds, speedFlag, terms: poolTermsFromFlags(flags) };
}

/** Runs the table, turning the engine's RangeErrors into UserErrors that name the flag. */
function poolTableFor(flags: PoolFlags, request: PoolTableRequest): PoolYieldTable {
  const { prepayment: _speed, ...pool } = poolSpecFromFlags({ ...flags, prepay: `0${request.unit}` });
  try {
    return poolYieldTable({ pool, unit: request.unit, speeds: request.speeds, quotes: request.quotes, terms: request.terms });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const message = error.message
      .replace(/^speeds:/, `${request.speedFlag}:`)
      .replace(/^prices:/, "--prices:")
      .replace(/^yields:/, "--yields:");
    throw new UserError(asOptionMessage(message));
  }
}

export function poolSpecFromFlags(flags: PoolFlags): PoolSpec {
  const wac = number(flags.wac, "--wac");
  return {
    balance: number(flags.balance, "--balance"),
    wac,
    net: flags.net === undefined ? wac : number(flags.net, "--net"),
    term: integer(flags.term, "--term"),
    age: integer(flags.age ?? "0", "--age"),
    prepayment: speed(flags.prepay ?? "0cpr", "--prepay", { smm: "smm", cpr: "cpr", psa: "psa" }),
    default: speed(flags.default ?? "0cdr", "--default", { mdr: "mdr", cdr: "cdr", sda: "sda" }),
    severity: vector(flags.severity ?? "0", "--severity"),
    lag: integer(flags.lag ?? "0", "--lag"),
    advancing: flags.advance !== false,
  };
}

/** The kernel's checks name fields (`balance: …`, `scenario.severity[period 3]: …`); say which option instead. */
function asOptionMessage(message: string): string {
  const options: Array<[RegExp, string]> = [
    [/^scenario\.prepayment/, "--prepay"],
    [/^scenario\.default/, "--default"],
    [/^scenario\.severity/, "--severity"],
    [/^scenario\.recoveryLag/, "--lag"],
    [/^(balance|wac|net|term|age)\b/, "--$1"],
  ];
  for (const [pattern, option] of options) if (pattern.test(message)) return message.replace(pattern, option);
  return message;
}

function number(text: string | undefined, option: string): number {
  const value = Number(text);
  if (text === undefined || text.trim() === "" || !Number.isFinite(value)) throw new UserError(`${option}: expected a number, got "${text ?? ""}"`);
  return value;
}

function integer(text: string | undefined, option: string): number {
  const value = number(text, option);
  if (!Number.isInteger(value) || value < 0) throw new UserError(`${option}: expected a whole number of months, got "${text}"`);
  return value;
}

function vector(text: string, option: string): PeriodVector {
  try {
    return parseVector(text, option);
  } catch (error) {
    throw new UserError((error as Error).message);
  }
}

function speed<U extends PrepaymentUnit | DefaultUnit>(
  text: string,
  option: string,
  units: Readonly<Record<string, U>>,
): { unit: U; values: PeriodVector } {
  const m = /^\s*(.*?)\s*([a-z]+)\s*$/i.exec(text);
  const names = Object.keys(units).join(", ");
  if (!m) throw new UserError(`${option}: expected a number or vector followed by a unit (${names}), e.g. "150${Object.keys(units)[2]}", got "${text}"`);
  const unit = units[m[2].toLowerCase()];
  if (unit === undefined) {
    const extra = m[2].toLowerCase() === "ppc" ? " (a pool has no deal Prepayment Assumption; use psa or cpr)" : "";
    throw new UserError(`${option}: unknown unit "${m[2]}" in "${text}": expected ${names}${extra}`);
  }
  if (m[1] === "") {
    const table = option === "--prepay" ? " (a bare unit is for a table: add --prices or --yields)" : "";
    throw new UserError(`${option}: "${text}" has no speed: put a number or vector before the unit, e.g. "150${m[2].toLowerCase()}"${table}`);
  }
  return { unit, values: vector(m[1], option) };
}

const HEADERS: Readonly<Record<keyof PoolCashFlowRow, string>> = {
  month: "Month",
  performingBalance: "Performing",
  newDefaults: "NewDefaults",
  inForeclosure: "Foreclosure",
  expectedAmortization: "ExpAmort",
  voluntaryPrepayments: "Prepay",
  amortizationFromDefaults: "AmortDef",
  actualAmortization: "ActAmort",
  expectedInterest: "ExpInterest",
  lostInterest: "LostInterest",
  actualInterest: "ActInterest",
  principalRecovery: "Recovery",
  principalLoss: "Loss",
  adb: "ADB",
};

const POOL_TABLE = { label: "security", discountMargin: false } as const;

export function renderPool(result: PoolCashFlow, format: string, analytics?: PoolAnalytics, summary = false): string {
  const rowsShown = !(summary && analytics);
  if (format === "json") {
    const out: Record<string, unknown> = { pool: describePool(result.spec) };
    if (rowsShown) Object.assign(out, { rows: result.rows, totals: result.totals });
    if (analytics) out.analytics = analytics;
    return JSON.stringify(out, null, 2) + "\n";
  }
  if (format === "csv") {
    const pricing = analytics ? renderAnalyticsCsv({ pool: analytics }, POOL_TABLE) : "";
    if (!rowsShown) return pricing;
    const rows: (number | string | null)[][] = result.rows.map((r) => POOL_COLUMNS.map((k) => r[k]));
    rows.push(POOL_COLUMNS.map((k) => (k === "month" ? "total" : result.totals[k])));
    return renderCsv(POOL_COLUMNS, rows) + (analytics ? "\n" + pricing : "");
  }
  const s = result.spec;
  const out = poolHeader(s, `${formatVector(s.prepayment.values)} ${s.prepayment.unit.toUpperCase()}`);
  if (rowsShown) {
    const columns: Column[] = POOL_COLUMNS.map((k) => ({ header: HEADERS[k], align: "right" }));
    const dollars = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const cells = result.rows.map((r) => POOL_COLUMNS.map((k) => (k === "month" ? String(r.month) : dollars.format(r[k]))));
    cells.push(POOL_COLUMNS.map((k) => (k === "month" ? "Total" : result.totals[k] === null ? "" : dollars.format(result.totals[k] as number))));
    out.push(renderTable(columns, cells), "");
  }
  if (analytics) {
    const a = analytics;
    out.push(
      `Pricing a pass-through at the ${a.coupon}% net rate, per 100 of current face; ${settleText(a)}; ${a.delayDays}-day delay; ` +
        "bond-equivalent yields, 30/360 receipt times:",
    );
    out.push(renderAnalyticsTable({ pool: a }, POOL_TABLE), "");
  }
  return out.join("\n");
}

/** The pool line (with `prepayment` for the speed clause), the convention line and a blank line. */
function poolHeader(s: Omit<PoolSpec, "prepayment">, prepayment: string): string[] {
  const principal = s.advancing
    ? "principal = actual amortization + amortization from defaults (advanced) + prepayments + recovery; interest paid = expected interest"
    : "principal = actual amortization + prepayments + recovery; interest paid = actual interest (nothing advanced)";
  return [
    `Pool ${money(s.balance)} at ${s.wac}% WAC / ${s.net}% net, ${s.term}-month term, age ${s.age}: ` +
      `${prepayment}, ${formatVector(s.default.values)} ${s.default.unit.toUpperCase()}, ` +
      `${formatVector(s.severity)}% severity, ${s.lag}-month lag, ${s.advancing ? "advancing" : "no advancing"}`,
    `Interest at the net rate. With this convention ${principal}.`,
    "",
  ];
}

function settleText(a: { settlementDate?: string; accrualStartDate?: string; accruedDays: number }): string {
  return a.settlementDate !== undefined
    ? `settling ${a.settlementDate}, ${a.accruedDays} days (30/360) after the accrual start ${a.accrualStartDate}`
    : a.accruedDays === 0
      ? "settling on the first day of the first accrual month"
      : `settling ${a.accruedDays} days (30/360) after the start of the first accrual month`;
}

/**
 * The yield (or price) table: the pool and convention lines, the pricing terms, then
 * `yieldMatrix`'s rows (as `tranche yield-table` prints them) and the principal months.
 * JSON is the engine's `PoolYieldTable`; CSV one row per speed and quote.
 */
export function renderPoolTable(table: PoolYieldTable, format: string): string {
  if (format === "json") return JSON.stringify(table, null, 2) + "\n";
  if (format === "csv") {
    const headers = [
      "speed", "unit", "price", "yield", "mortgage_yield", "accrued", "average_life", "macaulay_duration", "modified_duration", "convexity",
      "first_principal_month", "last_principal_month",
    ];
    const rows: (string | number)[][] = [];
    table.speeds.forEach((speed, j) => {
      const s = table.bySpeed[j];
      for (const r of table.rows) {
        const c = r.cells[j];
        rows.push([
          speed, table.unit, c.price.toFixed(6), c.yield.toFixed(6), c.mortgageYield.toFixed(6), c.accruedInterest.toFixed(6), formatYears(c.averageLife),
          c.macaulayDuration.toFixed(4), c.modifiedDuration.toFixed(4), c.convexity.toFixed(4), s.firstPrincipalMonth ?? "", s.lastPrincipalMonth ?? "",
        ]);
      }
    });
    return renderCsv(headers, rows);
  }
  const byPrice = table.quotedBy === "price";
  const out = poolHeader(table.pool, `${table.unit.toUpperCase()} speeds by column`);
  out.splice(
    out.length - 1,
    0,
    `${byPrice ? "Yield" : "Price"} table of a pass-through at the ${table.coupon}% net rate, per 100 of current face; ${settleText(table)}; ` +
      `${table.delayDays}-day delay${table.accruedDays > 0 ? `, accrued interest ${table.rows[0].cells[0].accruedInterest.toFixed(6)}` : ""}; yields bond-equivalent %`,
  );
  const { columns, rows } = yieldMatrix(table);
  const month = (m: number | null) => (m === null ? "-" : String(m));
  rows.push(["First principal (month)", ...table.bySpeed.map((s) => month(s.firstPrincipalMonth))]);
  rows.push(["Last principal (month)", ...table.bySpeed.map((s) => month(s.lastPrincipalMonth))]);
  out.push(renderTable(columns, rows));
  return out.join("\n") + "\n";
}

