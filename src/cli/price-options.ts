/**
 * Price/yield flags for the commands that project a deal (`project`, `pool`,
 * `yield-table`), and the text/CSV rendering of the resulting analytics.
 *
 *   --price A-3=99.5,A-1=100      clean price per 100 of current face (32nds: 99-16, 99-16+)
 *   --yield A-4=6.5               bond-equivalent yield, percent
 *   --settle 2007-04-30           settlement date (default: the Closing Date)
 *   --settle-days N               settlement N Business Days (Federal Reserve calendar) after the Closing Date
 *   --delay N                     override every priced class's actual delay, days
 *
 * A command calls `addPriceOptions(cmd)`, then after projecting
 * `result.analytics = priceForCli(result, deal, pricingRequestFromFlags(flags, deal))`
 * when the request is not null.
 */
import type { Command } from "commander";
import { addDays, type CivilDate, parseCivilDate } from "../core/civil-date.js";
import { isBusinessDay } from "../core/business-days.js";
import type { Deal } from "../deal/schema.js";
import { priceClasses, type PriceQuote, type PricingRequest } from "../engine/price-classes.js";
import type { ClassAnalytics, ProjectionResult } from "../engine/result.js";
import { renderCsv, renderTable } from "./text-table.js";
import { UserError } from "./user-error.js";

export interface PriceFlags {
  price?: string[];
  yield?: string[];
  settle?: string;
  settleDays?: string;
  delay?: string;
}

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function addPriceOptions(cmd: Command): Command {
  return cmd
    .option("--price <class=price,...>", "price classes: clean price per 100 of current face, e.g. A-3=99.5,A-1=100 or A-3=99-16 (repeatable)", collect)
    .option("--yield <class=yield,...>", "price classes at a bond-equivalent yield, percent, e.g. A-4=6.5 (repeatable)", collect)
    .option("--settle <date>", "settlement date YYYY-MM-DD (default: the Closing Date)")
    .option("--settle-days <n>", "settle n Business Days after the Closing Date")
    .option("--delay <days>", "override each priced class's payment delay, days (default: the deal's, 24 or 0)");
}

/**
 * A price written in decimal (99.5) or in 32nds: "99-16" is 99 16/32, "99-16+"
 * adds 1/64, "99-164" is 99 16.5/32 (a third digit counts eighths of a 32nd).
 */
export function parsePrice(text: string, what = "price"): number {
  const t = text.trim();
  const decimal = /^\d+(\.\d+)?$/.exec(t);
  if (decimal) {
    const value = Number(t);
    if (value > 0) return value;
  }
  const ticks = /^(\d+)-(\d{2})(\+|\d)?$/.exec(t);
  if (ticks) {
    const thirtySeconds = Number(ticks[2]);
    if (thirtySeconds < 32) {
      const extra = ticks[3] === undefined ? 0 : ticks[3] === "+" ? 0.5 : Number(ticks[3]) / 8;
      const value = Number(ticks[1]) + (thirtySeconds + extra) / 32;
      if (value > 0) return value;
    }
  }
  throw new UserError(`${what}: "${text}" is not a price (write 99.5, 99-16 or 99-16+)`);
}

function parseQuotes(entries: readonly string[], flag: "--price" | "--yield", deal: Deal): PriceQuote[] {
  const quotes: PriceQuote[] = [];
  for (const entry of entries.flatMap((e) => e.split(","))) {
    const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(entry);
    if (!m) throw new UserError(`${flag} "${entry}": write CLASS=VALUE, e.g. ${flag === "--price" ? "A-3=99.5" : "A-4=6.5"}`);
    const [, classId, value] = m;
    const spec = deal.classes.find((c) => c.id === classId);
    if (!spec) throw new UserError(`${flag} ${entry}: ${deal.id} has no class "${classId}" (classes: ${deal.classes.map((c) => c.id).join(", ")})`);
    if (flag === "--price") {
      quotes.push({ classId, price: parsePrice(value, `${flag} ${classId}`) });
    } else {
      const y = Number(value);
      if (!Number.isFinite(y) || y <= -200 || y > 1000) throw new UserError(`${flag} ${classId}: "${value}" is not a yield in percent`);
      quotes.push({ classId, yield: y });
    }
  }
  return quotes;
}

/** Settlement from --settle or --settle-days; the Closing Date when neither is given. */
export function settlementFromFlags(flags: Pick<PriceFlags, "settle" | "settleDays">, deal: Deal): CivilDate {
  if (flags.settle !== undefined && flags.settleDays !== undefined) throw new UserError("give --settle or --settle-days, not both");
  if (flags.settle !== undefined) {
    try {
      return parseCivilDate(flags.settle);
    } catch (e) {
      throw new UserError(`--settle: ${(e as Error).message}`);
    }
  }
  if (flags.settleDays !== undefined) {
    const n = Number(flags.settleDays);
    if (!Number.isInteger(n) || n < 0 || n > 3650) throw new UserError(`--settle-days: expected a whole number of Business Days from 0, got "${flags.settleDays}"`);
    let date = deal.dates.closingDate;
    for (let i = 0; i < n; ) {
      date = addDays(date, 1);
      if (isBusinessDay(date)) i++;
    }
    return date;
  }
  return deal.dates.closingDate;
}

export function delayFromFlags(flags: Pick<PriceFlags, "delay">): number | undefined {
  if (flags.delay === undefined) return undefined;
  const n = Number(flags.delay);
  if (!Number.isInteger(n) || n < 0 || n > 90) throw new UserError(`--delay: expected a whole number of days from 0 to 90, got "${flags.delay}"`);
  return n;
}

/** The pricing request the flags ask for, or null when no class is priced. */
export function pricingRequestFromFlags(flags: PriceFlags, deal: Deal): PricingRequest | null {
  const quotes = [...parseQuotes(flags.price ?? [], "--price", deal), ...parseQuotes(flags.yield ?? [], "--yield", deal)];
  const seen = new Set<string>();
  for (const q of quotes) {
    if (seen.has(q.classId)) throw new UserError(`class ${q.classId} is quoted twice (give one --price or --yield per class)`);
    seen.add(q.classId);
  }
  const settlement = settlementFromFlags(flags, deal);
  const delayDays = delayFromFlags(flags);
  if (quotes.length === 0) {
    if (flags.settle !== undefined || flags.settleDays !== undefined || flags.delay !== undefined) {
      throw new UserError("--settle, --settle-days and --delay need a class to price: add --price CLASS=PRICE or --yield CLASS=YIELD");
    }
    return null;
  }
  return { quotes, settlement, ...(delayDays !== undefined ? { delayDays } : {}) };
}

/** `priceClasses`, with its errors (unknown class, nothing outstanding at settlement, unreachable quote) as `UserError`s. */
export function priceForCli(result: ProjectionResult, deal: Deal, request: PricingRequest): Record<string, ClassAnalytics> {
  try {
    return priceClasses(result, deal, request);
  } catch (e) {
    if (e instanceof RangeError) throw new UserError(e.message);
    throw e;
  }
}

const fixed = (x: number | null | undefined, digits: number) => (x === null || x === undefined ? "-" : x.toFixed(digits));

/** What the analytics table shows of a priced security: a class's `ClassAnalytics` or a pool's (`PoolAnalytics`). */
export interface AnalyticsRowInput {
  price: number;
  accruedInterest: number;
  fullPrice: number;
  yield: number;
  mortgageYield: number;
  averageLife: number | null;
  macaulayDuration: number;
  modifiedDuration: number;
  convexity: number;
  coupon: number;
  delayDays: number;
  discountMargin?: number;
  settlementDate?: string;
  accrualStartDate?: string;
  spread?: { benchmarkYield: number; spreadBp: number };
  effectiveDuration?: number;
  effectiveConvexity?: number;
  effectiveShiftBp?: number;
}

interface AnalyticsColumn {
  header: string;
  csv: string;
  left?: boolean;
  value: (a: AnalyticsRowInput) => string;
}

const BASE_COLUMNS: AnalyticsColumn[] = [
  { header: "price", csv: "price", value: (a) => a.price.toFixed(6) },
  { header: "accrued", csv: "accrued", value: (a) => a.accruedInterest.toFixed(6) },
  { header: "full price", csv: "full_price", value: (a) => a.fullPrice.toFixed(6) },
  { header: "yield", csv: "yield", value: (a) => a.yield.toFixed(4) },
  { header: "mortgage yield", csv: "mortgage_yield", value: (a) => a.mortgageYield.toFixed(4) },
  { header: "avg life", csv: "avg_life", value: (a) => fixed(a.averageLife, 2) },
  { header: "Macaulay dur", csv: "Macaulay_dur", value: (a) => a.macaulayDuration.toFixed(3) },
  { header: "modified dur", csv: "modified_dur", value: (a) => a.modifiedDuration.toFixed(3) },
  { header: "convexity", csv: "convexity", value: (a) => a.convexity.toFixed(2) },
];
const EFFECTIVE_COLUMNS: AnalyticsColumn[] = [
  { header: "effective dur", csv: "effective_duration", value: (a) => fixed(a.effectiveDuration, 3) },
  { header: "effective cvx", csv: "effective_convexity", value: (a) => fixed(a.effectiveConvexity, 2) },
  { header: "shift bp", csv: "effective_shift_bp", value: (a) => (a.effectiveShiftBp === undefined ? "-" : String(a.effectiveShiftBp)) },
];
const SPREAD_COLUMNS: AnalyticsColumn[] = [
  { header: "benchmark", csv: "benchmark_yield", value: (a) => fixed(a.spread?.benchmarkYield, 4) },
  { header: "spread bp", csv: "spread_bp", value: (a) => fixed(a.spread?.spreadBp, 1) },
];
const TAIL_COLUMNS: AnalyticsColumn[] = [
  { header: "DM bp", csv: "DM_bp", value: (a) => (a.discountMargin === undefined ? "-" : (a.discountMargin * 100).toFixed(1)) },
  { header: "coupon", csv: "coupon", value: (a) => a.coupon.toFixed(4) },
  { header: "delay", csv: "delay", value: (a) => String(a.delayDays) },
  { header: "settle", csv: "settle", left: true, value: (a) => a.settlementDate ?? "-" },
  { header: "accrual start", csv: "accrual_start", left: true, value: (a) => a.accrualStartDate ?? "-" },
];

export interface AnalyticsTableOptions {
  /** Heads the first column (default "class"). */
  readonly label?: string;
  /** Show the discount-margin column (default true: classes; a pool has no index). */
  readonly discountMargin?: boolean;
}

/** The columns: the effective and spread ones only when some row has them. */
function analyticsColumns(rows: readonly AnalyticsRowInput[], options: AnalyticsTableOptions): AnalyticsColumn[] {
  return [
    ...BASE_COLUMNS,
    ...(rows.some((a) => a.effectiveDuration !== undefined) ? EFFECTIVE_COLUMNS : []),
    ...(rows.some((a) => a.spread !== undefined) ? SPREAD_COLUMNS : []),
    ...TAIL_COLUMNS.filter((c) => options.discountMargin !== false || c.csv !== "DM_bp"),
  ];
}

/** The analytics as a text table: per 100 of current face, yields bond-equivalent percent, times in years. */
export function renderAnalyticsTable(analytics: Readonly<Record<string, AnalyticsRowInput>>, options: AnalyticsTableOptions = {}): string {
  const entries = Object.entries(analytics);
  const columns = analyticsColumns(entries.map(([, a]) => a), options);
  return renderTable(
    [{ header: options.label ?? "class", align: "left" as const }, ...columns.map((c) => ({ header: c.header, align: c.left ? ("left" as const) : ("right" as const) }))],
    entries.map(([id, a]) => [id, ...columns.map((c) => c.value(a))]),
  );
}

export function renderAnalyticsCsv(analytics: Readonly<Record<string, AnalyticsRowInput>>, options: AnalyticsTableOptions = {}): string {
  const entries = Object.entries(analytics);
  const columns = analyticsColumns(entries.map(([, a]) => a), options);
  return renderCsv([options.label ?? "class", ...columns.map((c) => c.csv)], entries.map(([id, a]) => [id, ...columns.map((c) => c.value(a))]));
}
