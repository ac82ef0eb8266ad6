/**
 * Price/yield flags for the commands that project a deal (`project`, `pool`,
 * `yield-table`), and the text/CSV rendering of the resulting analytics.
 *
 *   --price A-3=99.5,A-1=100      clean price per 100 of current face (32nds: 99-16, 99-16+)
 *   --yield A-4=6.5               bond-equivalent yield, percent
 *   --settle 2007-04-30           settlement date (default: the Closing Date)
 *   --settle-days N               settlement N Business Days (Federal Reserve calendar) after the Closing Date
 *   --delay N                     override every priced class's actual delay, days
 *   --curve 1=4.9,2=4.8,10=4.9    benchmark curve (term in years = bond-equivalent %): each class's spread at its average life
 *   --benchmark 4.75              a flat benchmark yield instead
 *   --effective [bp]              effective duration and convexity: yield and index paths ±bp (default 25), deal re-projected
 *
 * A command calls `addPriceOptions(cmd)` (or only `addBenchmarkOptions(cmd)`
 * for --curve/--benchmark/--effective, as `yield-table` does), then after projecting
 * `result.analytics = priceForCli(result, deal, pricingRequestFromFlags(flags, deal), {reproject})`
 * when the request is not null (`reproject` re-runs the projection with its options, for --effective).
 */
import type { Command } from "commander";
import { addDays, type CivilDate, parseCivilDate } from "../core/civil-date.js";
import { isBusinessDay } from "../core/business-days.js";
import type { Deal } from "../deal/schema.js";
import { priceableClass, unknownClassMessage } from "../deal/priceable-classes.js";
import { flatCurve, yieldCurve, type CurvePoint, type YieldCurve } from "../analytics/yield-curve.js";
import { priceClasses, type PriceQuote, type PricingOptions, type PricingRequest } from "../engine/price-classes.js";
import type { ClassAnalytics, ProjectionResult, QuotedMeasures } from "../engine/result.js";
import { renderCsv, renderTable } from "./text-table.js";
import { UserError } from "./user-error.js";

export interface PriceFlags {
  price?: string[];
  yield?: string[];
  settle?: string;
  settleDays?: string;
  delay?: string;
  curve?: string;
  benchmark?: string;
  effective?: string | boolean;
}

/** Effective duration's default shift, basis points. */
export const DEFAULT_EFFECTIVE_SHIFT_BP = 25;

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function addPriceOptions(cmd: Command): Command {
  cmd
    .option("--price <class=price,...>", "price classes: clean price per 100 of current face, e.g. A-3=99.5,A-1=100 or A-3=99-16 (repeatable)", collect)
    .option("--yield <class=yield,...>", "price classes at a bond-equivalent yield, percent, e.g. A-4=6.5 (repeatable)", collect)
    .option("--settle <date>", "settlement date YYYY-MM-DD (default: the Closing Date)")
    .option("--settle-days <n>", "settle n Business Days after the Closing Date")
    .option("--delay <days>", "override each priced class's payment delay, days (default: the deal's, 24 or 0)");
  return addBenchmarkOptions(cmd);
}

/** --curve, --benchmark and --effective (`project` and `yield-table`); read them with `benchmarkFromFlags` and `effectiveShiftFromFlags`. */
export function addBenchmarkOptions(cmd: Command): Command {
  return cmd
    .option("--curve <term=yield,...>", "benchmark curve for spreads, e.g. 1=4.9,2=4.8,5=4.7,10=4.9,30=5.1: terms in years (or 6m, 2y), bond-equivalent yields %; the spread of each priced class (each cell of a yield table) is read at its average life (linear between points, flat beyond)")
    .option("--benchmark <yield>", "a flat benchmark yield, bond-equivalent %, for spreads instead of --curve")
    .option(
      "--effective [bp]",
      `effective duration and convexity: shift the yield and every index path by ±bp (default ${DEFAULT_EFFECTIVE_SHIFT_BP}) and re-project the deal (no rate-dependent prepayments: fixed-rate classes come out near their modified duration)`,
    );
}

/** `--curve 1=4.9,2=4.8,6m=5.0`: terms in years (a trailing y) or months (m), yields in percent. */
export function parseCurve(text: string): YieldCurve {
  const points: CurvePoint[] = [];
  for (const entry of text.split(",")) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([ym])?\s*=\s*(-?\d+(?:\.\d+)?)\s*$/i.exec(entry);
    if (!m) throw new UserError(`--curve: "${entry.trim()}" is not TERM=YIELD (e.g. 2=4.8 for a 2-year yield of 4.8%, or 6m=5.1)`);
    const term = m[2]?.toLowerCase() === "m" ? Number(m[1]) / 12 : Number(m[1]);
    points.push({ term, yield: Number(m[3]) });
  }
  try {
    return yieldCurve(points);
  } catch (e) {
    throw new UserError(`--curve: ${(e as Error).message}`);
  }
}

/** The benchmark from --curve or --benchmark (not both); undefined when neither is given. */
export function benchmarkFromFlags(flags: Pick<PriceFlags, "curve" | "benchmark">): YieldCurve | undefined {
  if (flags.curve !== undefined && flags.benchmark !== undefined) throw new UserError("give --curve or --benchmark, not both");
  if (flags.curve !== undefined) return parseCurve(flags.curve);
  if (flags.benchmark !== undefined) {
    const text = flags.benchmark.trim();
    const y = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isFinite(y)) throw new UserError(`--benchmark: "${flags.benchmark}" is not a yield in percent (e.g. 4.75)`);
    return flatCurve(y);
  }
  return undefined;
}

/** --effective (true: the default shift) or --effective BP; undefined when not given. */
export function effectiveShiftFromFlags(flags: Pick<PriceFlags, "effective">): number | undefined {
  if (flags.effective === undefined || flags.effective === false) return undefined;
  if (flags.effective === true) return DEFAULT_EFFECTIVE_SHIFT_BP;
  const bp = /^\d+(\.\d+)?$/.test(flags.effective.trim()) ? Number(flags.effective) : Number.NaN;
  if (!(bp > 0) || bp > 500) throw new UserError(`--effective: expected a shift in basis points above 0 and at most 500, got "${flags.effective}"`);
  return bp;
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
    const spec = priceableClass(deal, classId);
    if (!spec) throw new UserError(`${flag} ${entry}: ${unknownClassMessage(deal, classId)}`);
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
  const curve = benchmarkFromFlags(flags);
  const effectiveShiftBp = effectiveShiftFromFlags(flags);
  if (quotes.length === 0) {
    const given = (["settle", "settleDays", "delay", "curve", "benchmark", "effective"] as const).filter((k) => flags[k] !== undefined);
    if (given.length) {
      const names = given.map((k) => (k === "settleDays" ? "--settle-days" : `--${k}`)).join(", ");
      throw new UserError(`${names}: pricing options need a class to price: add --price CLASS=PRICE or --yield CLASS=YIELD`);
    }
    return null;
  }
  return {
    quotes,
    settlement,
    ...(delayDays !== undefined ? { delayDays } : {}),
    ...(curve !== undefined ? { curve } : {}),
    ...(effectiveShiftBp !== undefined ? { effectiveShiftBp } : {}),
  };
}

/** `priceClasses`, with its errors (unknown class, nothing outstanding at settlement, unreachable quote) as `UserError`s. */
export function priceForCli(result: ProjectionResult, deal: Deal, request: PricingRequest, options: PricingOptions = {}): Record<string, ClassAnalytics> {
  try {
    return priceClasses(result, deal, request, options);
  } catch (e) {
    if (e instanceof RangeError) throw new UserError(e.message);
    throw e;
  }
}

const fixed = (x: number | null | undefined, digits: number) => (x === null || x === undefined ? "-" : x.toFixed(digits));

/** What the analytics table shows of a priced security: a class's `ClassAnalytics` or a pool's (`PoolAnalytics`). */
export interface AnalyticsRowInput extends Omit<QuotedMeasures, "quotedBy"> {
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
