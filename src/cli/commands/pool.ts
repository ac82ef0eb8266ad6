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
 */
import type { Command } from "commander";
import { poolCashFlow, POOL_COLUMNS, type PoolCashFlow, type PoolCashFlowRow, type PoolSpec } from "../../collateral/index.js";
import { addMonths, type CivilDate, daysInMonth, parseCivilDate, toYmd, withDay } from "../../core/civil-date.js";
import type { DefaultUnit, PrepaymentUnit } from "../../core/scenario.js";
import { formatVector, parseVector, type PeriodVector } from "../../core/vector.js";
import { pricePool, type PoolAnalytics, type PoolPricingTerms, type PoolQuote } from "../../engine/price-pool.js";
import { delayFromFlags, parsePrice, renderAnalyticsCsv, renderAnalyticsTable } from "../price-options.js";
import { money, renderCsv, renderTable, type Column } from "../text-table.js";
import { UserError } from "../user-error.js";

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
}

/** A pricing request from the flags: the quote and the settlement terms. */
export interface PoolPricingRequest {
  readonly quote: PoolQuote;
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
    .option("--prepay <speed>", "voluntary prepayments: 1smm, 150psa, 6cpr or a vector like 6,8,10x12,20cpr", "0cpr")
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
    .option("--summary", "with --price/--yield: print the pool line and the pricing, not the monthly rows")
    .option("--format <format>", "table, json or csv (csv with a price: the rows, a blank line, then the pricing; --summary: the pricing only)", "table")
    .addHelpText(
      "after",
      `
Pricing (SIFMA SF-43 to SF-55): a pass-through of the pool at its net rate, per 100 of current face (the
starting balance). The holder receives the interest and principal the convention line states, month k
--delay days after the end of accrual month k. Settlement falls in the first accrual month: on its first
day by default; N 30/360 days into it with --settle-days N (accrued interest net × N/360, receipt k at
(30k + delay − N)/360 years); or on a calendar date with --dated and --settle (30/360 between dates).
Yields are bond-equivalent; the mortgage yield is the monthly-compounded equivalent.

  tranche pool --balance 1000000 --wac 7.5 --net 7 --term 360 --prepay 150psa --price 99-16 --delay 19 --settle-days 15
  tranche pool --balance 1000000 --wac 7.5 --net 7 --term 360 --prepay 150psa --yield 7.2 --delay 14 --dated 2024-03-01 --settle 2024-03-21 --summary`,
    )
    .action((flags: PoolFlags) => {
      if (!["table", "json", "csv"].includes(flags.format)) throw new UserError(`--format: expected table, json or csv, got "${flags.format}"`);
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

function parseDate(text: string, option: string): CivilDate {
  try {
    return parseCivilDate(text);
  } catch (e) {
    throw new UserError(`${option}: ${(e as Error).message}`);
  }
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
      throw new UserError(`${names}: price the pool to use ${given.length > 1 ? "them" : "it"}: add --price PRICE or --yield YIELD`);
    }
    return null;
  }
  let quote: PoolQuote;
  if (flags.price !== undefined) quote = { price: parsePrice(flags.price, "--price") };
  else {
    const text = flags.yield!.trim();
    const y = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(y) || y <= -200 || y > 1000) throw new UserError(`--yield: "${flags.yield}" is not a yield in percent (bond-equivalent, e.g. 7.25)`);
    quote = { yield: y };
  }
  const delayDays = delayFromFlags(flags) ?? 0;
  if (flags.settle !== undefined && flags.settleDays !== undefined) throw new UserError("give --settle or --settle-days, not both");
  let settleDays: number | undefined;
  if (flags.settleDays !== undefined) {
    const n = Number(flags.settleDays);
    if (flags.settleDays.trim() === "" || !Number.isInteger(n) || n < 0 || n > 29) {
      throw new UserError(`--settle-days: expected a whole number of 30/360 days from 0 to 29 (settlement in the first accrual month), got "${flags.settleDays}"`);
    }
    settleDays = n;
  }
  if (flags.dated === undefined) {
    if (flags.settle !== undefined) throw new UserError("--settle needs --dated: the first day of the pool's first accrual month (or give --settle-days N, 30/360 days after it)");
    return { quote, terms: { delayDays, accruedDays: settleDays ?? 0 } };
  }
  const accrualStart = parseDate(flags.dated, "--dated");
  if (toYmd(accrualStart).day !== 1) throw new UserError(`--dated: ${flags.dated} is not the first day of a month (a pass-through accrues over calendar months)`);
  let settlement: CivilDate;
  if (flags.settle !== undefined) {
    settlement = parseDate(flags.settle, "--settle");
    const end = addMonths(accrualStart, 1);
    if (settlement < accrualStart || settlement >= end) {
      throw new UserError(`--settle: ${flags.settle} is not in the first accrual month (${accrualStart} to the day before ${end}); the pool's balance is as of --dated`);
    }
  } else {
    const day = (settleDays ?? 0) + 1;
    const { year, month } = toYmd(accrualStart);
    if (day > daysInMonth(year, month)) throw new UserError(`--settle-days: ${settleDays} days after ${accrualStart} is past the month's end; give --settle with a date`);
    settlement = withDay(accrualStart, day);
  }
  return { quote, terms: { delayDays, dates: { accrualStart, settlement } } };
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
    const out: Record<string, unknown> = { pool: describe(result.spec) };
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
  const principal = s.advancing
    ? "principal = actual amortization + amortization from defaults (advanced) + prepayments + recovery; interest paid = expected interest"
    : "principal = actual amortization + prepayments + recovery; interest paid = actual interest (nothing advanced)";
  const out = [
    `Pool ${money(s.balance)} at ${s.wac}% WAC / ${s.net}% net, ${s.term}-month term, age ${s.age}: ` +
      `${formatVector(s.prepayment.values)} ${s.prepayment.unit.toUpperCase()}, ${formatVector(s.default.values)} ${s.default.unit.toUpperCase()}, ` +
      `${formatVector(s.severity)}% severity, ${s.lag}-month lag, ${s.advancing ? "advancing" : "no advancing"}`,
    `Interest at the net rate. With this convention ${principal}.`,
    "",
  ];
  if (rowsShown) {
    const columns: Column[] = POOL_COLUMNS.map((k) => ({ header: HEADERS[k], align: "right" }));
    const dollars = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    const cells = result.rows.map((r) => POOL_COLUMNS.map((k) => (k === "month" ? String(r.month) : dollars.format(r[k]))));
    cells.push(POOL_COLUMNS.map((k) => (k === "month" ? "Total" : result.totals[k] === null ? "" : dollars.format(result.totals[k] as number))));
    out.push(renderTable(columns, cells), "");
  }
  if (analytics) {
    const a = analytics;
    const settle =
      a.settlementDate !== undefined
        ? `settling ${a.settlementDate}, ${a.accruedDays} days (30/360) after the accrual start ${a.accrualStartDate}`
        : a.accruedDays === 0
          ? "settling on the first day of the first accrual month"
          : `settling ${a.accruedDays} days (30/360) after the start of the first accrual month`;
    out.push(
      `Pricing a pass-through at the ${a.coupon}% net rate, per 100 of current face; ${settle}; ${a.delayDays}-day delay; ` +
        "bond-equivalent yields, 30/360 receipt times:",
    );
    out.push(renderAnalyticsTable({ pool: a }, POOL_TABLE), "");
  }
  return out.join("\n");
}

function describe(s: PoolSpec) {
  return {
    balance: s.balance,
    wac: s.wac,
    net: s.net,
    term: s.term,
    age: s.age,
    prepayment: s.prepayment,
    default: s.default,
    severity: s.severity,
    lag: s.lag,
    advancing: s.advancing,
    interestRate: "net",
  };
}
