/**
 * `runOas(deal, options)`: option-adjusted spreads of a deal's classes over a
 * Hull–White Monte Carlo of the curve.
 *
 * Every path is a full projection of the deal (`projectBatch`): the path's
 * 1M/12M LIBOR as the deal's indices, the prepayment model's SMM vector on the
 * path's mortgage rate (or the base scenario's prepayment with no model). A
 * class's cash flows (per 100 of current face at settlement, at their receipt
 * times) are discounted along the path's short rate plus a continuously
 * compounded spread s; the OAS is the s at which the mean over paths equals the
 * full price (clean + accrued). Its standard error is the standard error of that
 * mean (over antithetic pairs) divided by the price's sensitivity to s.
 *
 * OAD/OAC: the curve's input yields shifted ±shift bp, refitted and simulated
 * with the same random numbers, each path re-projected, priced at the OAS:
 * OAD = (P₋ − P₊)/(2P₀Δ), OAC = (P₊ + P₋ − 2P₀)/(P₀Δ²), P₀ the full price.
 * Z-spread: the same spread on the curve's forward path alone (its projection,
 * discounted on the curve). With σ = 0 every path is the forward path, so the
 * OAS is the Z-spread.
 *
 * Corridors (§4.08 contracts): on the model's monthly grid a Distribution Date
 * of period p fixes at month p−1 and pays at month p; the Monte Carlo value is
 * the mean of the path-discounted payments, the analytic value the Hull–White
 * strip of caplet spreads (Cap Rate I less Cap Rate II) on the notional schedule.
 */
import { accruedInterest } from "../analytics/accrued-interest.js";
import { monthsBetween } from "../core/civil-date.js";
import type { CivilDate } from "../core/civil-date.js";
import type { Scenario } from "../core/scenario.js";
import type { CorridorContract, Deal } from "../deal/schema.js";
import { MONTH_ACT360, shiftCurve, type DiscountCurve } from "../rates/curve.js";
import { caplet, hullWhite, type HullWhiteModel } from "../rates/hull-white.js";
import type { PrepaymentModel } from "../rates/prepayment-model.js";
import { antitheticMeanSe, discountsAt, forwardPath, simulatePaths, type RatePaths } from "../rates/simulate.js";
import { corridorPayment } from "../waterfall/corridor.js";
import { classCashFlows } from "./class-cash-flows.js";
import { projectBatch, type BatchOptions } from "./project-batch.js";
import { classFlowColumns } from "./result-columns.js";
import { pathScenario, pathScenarioContext, simulationMonths, type PathScenarioContext } from "./rate-scenarios.js";
import type { ProjectionResult } from "./result.js";

export interface OasQuote {
  readonly classId: string;
  /** Clean price per 100 of current face. */
  readonly price: number;
}

export interface OasOptions {
  readonly curve: DiscountCurve;
  /** Where the curve came from (echoed in the result). */
  readonly curveSource?: string;
  readonly quotes: readonly OasQuote[];
  /** Default 1000 (even: antithetic pairs). */
  readonly paths?: number;
  /** Default 1. */
  readonly seed?: number;
  /** Normal volatility of the short rate, percent (1 = 100 bp a year). Default 1. */
  readonly volatility?: number;
  /** Mean reversion per year. Default 0.05. */
  readonly meanReversion?: number;
  /** null: the base scenario's prepayment on every path. */
  readonly prepaymentModel: PrepaymentModel | null;
  /** Defaults, severity, lag, advancing, call; its prepayment when there is no model. */
  readonly baseScenario: Scenario;
  /** Default 25; 0 skips OAD/OAC. */
  readonly shiftBp?: number;
  /** Default: the Closing Date. */
  readonly settlement?: CivilDate;
  /** Paths per projectBatch call (default 50). */
  readonly batchSize?: number;
  readonly projectOptions?: BatchOptions;
  /** Called after each batch with the projections done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface OasClassResult {
  readonly price: number;
  readonly fullPrice: number;
  /** bp. */
  readonly oas: number;
  readonly oasStandardError: number;
  /** bp, on the forward path. */
  readonly zSpread: number;
  readonly oad: number | null;
  readonly oadStandardError: number | null;
  readonly oac: number | null;
  readonly oacStandardError: number | null;
  /** Mean over the paths of the class's WAL, years (null for a notional class). */
  readonly averageLife: number | null;
  readonly averageLifeStandardError: number | null;
}

export interface OasCorridorResult {
  readonly id: string;
  readonly monteCarloValue: number;
  readonly standardError: number;
  readonly analyticValue: number;
  readonly payments: number;
}

export interface OasResult {
  readonly deal: string;
  readonly curve: { readonly source: string; readonly basis: string; readonly points: readonly { term: number; yield: number }[] };
  readonly model: {
    readonly rateModel: "hull-white-1f";
    readonly volatility: number;
    readonly meanReversion: number;
    readonly prepaymentModel: string;
    readonly mortgageRateSpread: number | null;
    readonly antithetic: true;
  };
  readonly paths: number;
  readonly seed: number;
  readonly shiftBp: number;
  readonly settlement: CivilDate;
  readonly classes: Record<string, OasClassResult>;
  readonly corridors: OasCorridorResult[];
  readonly projections: number;
  runSeconds: number;
}

/** Per class: the mean over paths of its discounted flows at each receipt, and per-pair path values. */
interface ClassSet {
  readonly times: Float64Array;
  /** Σ_p flow × D_p(t) / paths, by receipt. */
  readonly meanDiscounted: Float64Array;
  /** Per path: discounted flows by receipt (row-major paths × receipts), for the standard errors. */
  readonly pathDiscounted: Float64Array;
  readonly wal: Float64Array;
}

const pvAt = (times: Float64Array, g: Float64Array, s: number, offset = 0) => {
  let v = 0;
  for (let i = 0; i < times.length; i++) v += g[offset + i] * Math.exp(-s * times[i]);
  return v;
};
const dPvAt = (times: Float64Array, g: Float64Array, s: number) => {
  let v = 0;
  for (let i = 0; i < times.length; i++) v -= times[i] * g[i] * Math.exp(-s * times[i]);
  return v;
};

/** The spread s (decimal, continuous) with Σ g_i e^{−s t_i} = price; Newton from 0, bisection if it strays. */
function solveSpread(times: Float64Array, g: Float64Array, price: number, classId: string): number {
  let lo = -0.5;
  let hi = 2;
  const f = (s: number) => pvAt(times, g, s) - price;
  if (f(lo) < 0 || f(hi) > 0) throw new RangeError(`class ${classId}: no spread from -5000 to 20000 bp prices it at ${price.toFixed(6)} (the paths' value at 0 spread is ${pvAt(times, g, 0).toFixed(6)})`);
  let s = 0;
  for (let it = 0; it < 100; it++) {
    const v = f(s);
    if (v > 0) lo = s;
    else hi = s;
    if (Math.abs(v) < 1e-12 * price) return s;
    const d = dPvAt(times, g, s);
    let next = s - v / d;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = (lo + hi) / 2;
    s = next;
  }
  return s;
}


function checkQuotes(deal: Deal, quotes: readonly OasQuote[]): void {
  if (quotes.length === 0) throw new RangeError("give at least one class to price (--price CLASS=PRICE,...)");
  for (const q of quotes) {
    if (!deal.classes.some((c) => c.id === q.classId)) throw new RangeError(`${deal.id} has no class "${q.classId}" (classes: ${deal.classes.map((c) => c.id).join(", ")})`);
    if (!Number.isFinite(q.price) || q.price <= 0) throw new RangeError(`class ${q.classId}: price must be a positive number, got ${q.price}`);
  }
}

interface SetRun {
  readonly classes: Map<string, ClassSet>;
}

/** Where a class's receipts are: fixed by the dates, the same on every path (from the forward path's cash flows). */
interface ClassLayout {
  readonly firstPeriod: number;
  /** Years from settlement to the first receipt (30/360 with the delay); each later one a month on. */
  readonly firstTime: number;
  /** 100 ÷ the face (or notional) outstanding at settlement. */
  readonly scale: number;
}

/** Projects every path of a simulation in batches (`projectBatch`) and keeps each quoted class's discounted flows. */
function runSet(
  deal: Deal,
  ctx: PathScenarioContext,
  sim: RatePaths,
  model: HullWhiteModel,
  layouts: ReadonlyMap<string, ClassLayout>,
  opts: { batchSize: number; projectOptions: BatchOptions; tick: (n: number) => void },
): SetRun {
  const n = sim.paths;
  const acc = new Map<string, { layout: ClassLayout; times: Float64Array; discounts: Float64Array; g: Float64Array; mean: Float64Array; wal: Float64Array }>();
  for (const [id, layout] of layouts) {
    const count = ctx.periods - layout.firstPeriod + 1;
    const times = new Float64Array(count);
    for (let k = 0; k < count; k++) times[k] = layout.firstTime + k / 12;
    acc.set(id, { layout, times, discounts: discountsAt(sim, model, times), g: new Float64Array(n * count), mean: new Float64Array(count), wal: new Float64Array(n) });
  }
  for (let start = 0; start < n; start += opts.batchSize) {
    const end = Math.min(n, start + opts.batchSize);
    const scenarios: Scenario[] = [];
    for (let p = start; p < end; p++) scenarios.push(pathScenario(ctx, sim, p).scenario);
    const results = projectBatch(deal, scenarios, opts.projectOptions);
    results.forEach((result, i) => addPath(result, start + i));
    opts.tick(end - start);
  }
  function addPath(result: ProjectionResult, p: number): void {
    for (const [id, a] of acc) {
      const cls = result.classes[id];
      const cols = classFlowColumns(cls);
      const count = a.times.length;
      const first = a.layout.firstPeriod - 1;
      const last = Math.min(cols.count, first + count);
      const row = p * count;
      for (let i = first; i < last; i++) {
        const k = i - first;
        const v = (cols.interest[i] + cols.principal[i]) * a.layout.scale * a.discounts[row + k];
        a.g[row + k] = v;
        a.mean[k] += v / n;
      }
      a.wal[p] = cls.wal === null ? Number.NaN : cls.wal;
    }
  }
  const classes = new Map<string, ClassSet>();
  for (const [id, a] of acc) classes.set(id, { times: a.times, meanDiscounted: a.mean, pathDiscounted: a.g, wal: a.wal });
  return { classes };
}

function pathValues(set: ClassSet, s: number, paths: number): Float64Array {
  const count = set.times.length;
  const out = new Float64Array(paths);
  for (let p = 0; p < paths; p++) out[p] = pvAt(set.times, set.pathDiscounted, s, p * count);
  return out;
}

/** The period of a Distribution Date (1 = the first). */
function periodOf(deal: Deal, date: string): number {
  return monthsBetween(deal.dates.firstDistributionDate as CivilDate, date as CivilDate) + 1;
}

/** The corridor's payments on each path, discounted (per path), and its Hull–White closed form. */
export function corridorValues(
  deal: Deal,
  contract: CorridorContract,
  sim: RatePaths,
  model: HullWhiteModel,
  asOf: string,
): { pathValues: Float64Array; analyticValue: number; payments: number } {
  const asOfPeriod = periodOf(deal, asOf);
  const schedule = contract.notionalSchedule.filter((e) => e.date > asOf && e.notional > 0);
  const width = sim.months + 1;
  const entries = schedule.map((e) => ({ notional: e.notional, k: periodOf(deal, e.date) - Math.max(0, asOfPeriod) }));
  for (const e of entries) if (e.k < 1 || e.k > sim.months) throw new RangeError(`corridor ${contract.id}: a payment at month ${e.k} is outside the simulated ${sim.months} months`);
  const times = entries.map((e) => e.k / 12);
  const discounts = discountsAt(sim, model, times);
  const values = new Float64Array(sim.paths);
  for (let p = 0; p < sim.paths; p++) {
    let v = 0;
    entries.forEach((e, i) => {
      const libor = sim.libor1m[p * width + e.k - 1];
      v += corridorPayment(contract, e.notional, libor) * discounts[p * entries.length + i];
    });
    values[p] = v;
  }
  let analytic = 0;
  for (const e of entries) {
    const fix = (e.k - 1) / 12;
    const pay = e.k / 12;
    analytic +=
      e.notional *
      (caplet(model, fix, pay, contract.strikeRate / 100, MONTH_ACT360, 1 / 12) - caplet(model, fix, pay, contract.ceilingRate / 100, MONTH_ACT360, 1 / 12));
  }
  return { pathValues: values, analyticValue: analytic, payments: entries.length };
}

export function runOas(deal: Deal, options: OasOptions): OasResult {
  const started = performance.now();
  const paths = options.paths ?? 1000;
  const seed = options.seed ?? 1;
  const volPct = options.volatility ?? 1;
  const a = options.meanReversion ?? 0.05;
  const shiftBp = options.shiftBp ?? 25;
  const batchSize = options.batchSize ?? 50;
  const settlement = options.settlement ?? deal.dates.closingDate;
  if (!Number.isFinite(shiftBp) || shiftBp < 0 || shiftBp > 500) throw new RangeError(`shift must be from 0 to 500 bp, got ${shiftBp}`);
  checkQuotes(deal, options.quotes);
  const spread = options.prepaymentModel?.mortgageRateSpread ?? 0;
  const months = simulationMonths(deal);
  const ctx = pathScenarioContext(deal, options.baseScenario, options.prepaymentModel);
  const params = { meanReversion: a, volatility: volPct / 100 };
  const shifts = shiftBp > 0 ? [0, shiftBp, -shiftBp] : [0];
  const total = paths * shifts.length + 2;
  let done = 0;
  const tick = (k: number) => {
    done += k;
    options.onProgress?.(done, total);
  };
  const projectOptions = options.projectOptions ?? {};

  // The forward path: the Z-spread, and where each class's receipts are.
  const fwd = forwardPath(options.curve, months, spread);
  const fwdModel = hullWhite(options.curve, { meanReversion: a, volatility: 0 });
  const fwdResult = projectBatch(deal, [pathScenario(ctx, fwd, 0).scenario], projectOptions)[0];
  const layouts = new Map<string, ClassLayout>();
  const fullPrices = new Map<string, number>();
  for (const q of options.quotes) {
    const cash = classCashFlows(fwdResult, deal, q.classId, { settlement });
    if (!cash.flows.every((f, i) => f.period === cash.firstPeriod + i && Math.abs(f.time - (cash.flows[0].time + i / 12)) < 1e-9)) {
      throw new Error(`class ${q.classId}: receipts are not monthly from period ${cash.firstPeriod}`);
    }
    layouts.set(q.classId, { firstPeriod: cash.firstPeriod, firstTime: cash.flows[0].time, scale: 100 / cash.currentFace });
    fullPrices.set(q.classId, q.price + accruedInterest({ coupon: cash.coupon, accrualStart: cash.accrualStart, settlement }));
  }
  const fwdRun = runSet(deal, ctx, fwd, fwdModel, layouts, { batchSize, projectOptions, tick });

  const sets: { model: HullWhiteModel; sim: RatePaths; run: SetRun }[] = [];
  for (const bp of shifts) {
    const model = hullWhite(shiftCurve(options.curve, bp), params);
    const sim = simulatePaths(model, { paths, months, seed, mortgageSpread: spread });
    sets.push({ model, sim, run: runSet(deal, ctx, sim, model, layouts, { batchSize, projectOptions, tick }) });
  }
  const [base, up, down] = sets;

  const classes: Record<string, OasClassResult> = {};
  for (const q of options.quotes) {
    const fullPrice = fullPrices.get(q.classId)!;
    const b = base.run.classes.get(q.classId)!;
    const z = solveSpread(fwdRun.classes.get(q.classId)!.times, fwdRun.classes.get(q.classId)!.meanDiscounted, fullPrice, q.classId);
    const s = solveSpread(b.times, b.meanDiscounted, fullPrice, q.classId);
    const basePaths = pathValues(b, s, paths);
    const pvSe = antitheticMeanSe(basePaths).se;
    const slope = Math.abs(dPvAt(b.times, b.meanDiscounted, s));
    let oad: number | null = null;
    let oac: number | null = null;
    let oadSe: number | null = null;
    let oacSe: number | null = null;
    if (up && down) {
      const delta = shiftBp / 10_000;
      const u = up.run.classes.get(q.classId)!;
      const d = down.run.classes.get(q.classId)!;
      const pu = pvAt(u.times, u.meanDiscounted, s);
      const pd = pvAt(d.times, d.meanDiscounted, s);
      // Priced at the OAS: P₀ is the model's value at the OAS, the full price.
      oad = (pd - pu) / (2 * fullPrice * delta);
      oac = (pu + pd - 2 * fullPrice) / (fullPrice * delta * delta);
      const up_ = pathValues(u, s, paths);
      const dn = pathValues(d, s, paths);
      const diff = new Float64Array(paths);
      const curv = new Float64Array(paths);
      for (let p = 0; p < paths; p++) {
        diff[p] = (dn[p] - up_[p]) / (2 * fullPrice * delta);
        curv[p] = (up_[p] + dn[p] - 2 * basePaths[p]) / (fullPrice * delta * delta);
      }
      oadSe = antitheticMeanSe(diff).se;
      oacSe = antitheticMeanSe(curv).se;
    }
    const walOk = !Number.isNaN(b.wal[0]);
    const walStats = walOk ? antitheticMeanSe(b.wal) : null;
    classes[q.classId] = {
      price: q.price,
      fullPrice,
      oas: s * 10_000,
      oasStandardError: slope > 0 ? (pvSe / slope) * 10_000 : 0,
      zSpread: z * 10_000,
      oad,
      oadStandardError: oadSe,
      oac,
      oacStandardError: oacSe,
      averageLife: walStats ? walStats.mean : null,
      averageLifeStandardError: walStats ? walStats.se : null,
    };
  }
  const corridors: OasCorridorResult[] = [];
  for (const contract of deal.contracts) {
    if (contract.kind !== "corridor") continue;
    if (contract.index !== "LIBOR_1M") throw new RangeError(`corridor ${contract.id}: the rate model values One-Month LIBOR corridors, not ${contract.index}`);
    const v = corridorValues(deal, contract, base.sim, base.model, settlement);
    const st = antitheticMeanSe(v.pathValues);
    corridors.push({ id: contract.id, monteCarloValue: st.mean, standardError: st.se, analyticValue: v.analyticValue, payments: v.payments });
  }
  return {
    deal: deal.id,
    curve: { source: options.curveSource ?? "given", basis: options.curve.basis, points: options.curve.points.map((p) => ({ term: p.term, yield: p.yield })) },
    model: {
      rateModel: "hull-white-1f",
      volatility: volPct,
      meanReversion: a,
      prepaymentModel: options.prepaymentModel?.name ?? "none",
      mortgageRateSpread: options.prepaymentModel?.mortgageRateSpread ?? null,
      antithetic: true,
    },
    paths,
    seed,
    shiftBp,
    settlement,
    classes,
    corridors,
    projections: total,
    runSeconds: (performance.now() - started) / 1000,
  };
}
