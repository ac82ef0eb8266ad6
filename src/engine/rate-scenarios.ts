/**
 * Rate paths → projection scenarios. A simulated path (`src/rates`) gives the
 * deal's indices by period (period p fixes at month p−1: One-Month LIBOR for
 * LIBOR_1M, Twelve-Month for LIBOR_1Y / LIBOR_12M) and, with a prepayment
 * model, the collateral's SMM vector by period from the path's mortgage rate;
 * without one (`none`) the base scenario's prepayment assumption is kept.
 * Everything else (defaults, severity, lag, advancing, call) is the base scenario's.
 */
import type { Scenario } from "../core/scenario.js";
import type { Deal } from "../deal/schema.js";
import { projectPrepayments, type ModelLoan, type ModelPath, type PrepaymentModel } from "../rates/prepayment-model.js";
import type { RatePaths } from "../rates/simulate.js";
import { indexNames } from "./indices.js";

type PathIndex = "libor1m" | "libor1y";

/** The path series a deal index is read from; undefined for one the rate model does not give. */
export function pathIndexOf(name: string): PathIndex | undefined {
  const n = name.toUpperCase();
  if (n === "LIBOR_1M") return "libor1m";
  if (n === "LIBOR_1Y" || n === "LIBOR_12M") return "libor1y";
  return undefined;
}

/** The deal's rep lines as the prepayment model's loans. */
export function modelLoans(deal: Deal): ModelLoan[] {
  const loans: ModelLoan[] = [];
  for (const g of deal.collateral.groups) {
    for (const l of g.repLines) {
      const armIndex = l.arm ? pathIndexOf(l.arm.index) : undefined;
      if (l.arm && !armIndex) throw new RangeError(`rep line ${l.id}: the rate model gives LIBOR_1M and LIBOR_1Y, not the ARM index ${l.arm.index}`);
      loans.push({
        balance: l.statedPrincipalBalance,
        rate: l.mortgageRate,
        age: l.age,
        remainingTerm: l.remainingTerm,
        interestOnlyMonths: Math.max(0, l.interestOnlyMonths - l.age),
        ...(l.arm && armIndex
          ? {
              arm: {
                index: armIndex,
                margin: l.arm.margin,
                firstResetAge: l.arm.firstResetAge,
                resetFrequency: l.arm.resetFrequency,
                initialCap: l.arm.initialCap,
                periodicCap: l.arm.periodicCap,
                lifetimeCap: l.arm.lifetimeCap,
                floor: l.arm.floor,
                rounding: l.arm.rounding,
              },
            }
          : {}),
      });
    }
  }
  return loans;
}

/** Periods a projection of the deal can run: its longest remaining term. */
export function dealPeriods(deal: Deal): number {
  let n = 1;
  for (const g of deal.collateral.groups) for (const l of g.repLines) n = Math.max(n, l.remainingTerm);
  return n;
}

/** Calendar month (1-12) of the first period's collections: the Cut-off Date's month. */
export function firstCollectionMonth(deal: Deal): number {
  return Number(deal.dates.cutoffDate.slice(5, 7));
}

export interface PathScenarioContext {
  readonly deal: Deal;
  readonly base: Scenario;
  readonly model: PrepaymentModel | null;
  readonly periods: number;
  readonly loans: readonly ModelLoan[];
  readonly indexNames: readonly { readonly name: string; readonly series: PathIndex }[];
  readonly firstMonth: number;
  /** Index paths that stay as the base scenario gives them (by period), not the rate path's. */
  readonly fixedIndices: Readonly<Record<string, readonly number[]>>;
}

/**
 * `keepBaseIndices`: an index the base scenario sets keeps its path (and the
 * model's ARM resets read it); `project --prepay-model` with `--libor`. The
 * Monte Carlo sets every index from its paths.
 */
export function pathScenarioContext(deal: Deal, base: Scenario, model: PrepaymentModel | null, keepBaseIndices = false): PathScenarioContext {
  const names = indexNames(deal).map((name) => {
    const series = pathIndexOf(name);
    if (!series) throw new RangeError(`${deal.id} reads the index ${name}; the rate model gives LIBOR_1M and LIBOR_1Y only`);
    return { name, series };
  });
  const periods = dealPeriods(deal);
  const fixedIndices: Record<string, number[]> = {};
  if (keepBaseIndices) {
    for (const [name, path] of Object.entries(base.indices)) {
      if (path.values.length) fixedIndices[name] = Array.from({ length: periods }, (_, k) => path.values[Math.min(k, path.values.length - 1)]);
    }
  }
  return { deal, base, model, periods, loans: modelLoans(deal), indexNames: names, firstMonth: firstCollectionMonth(deal), fixedIndices };
}

/** Months a simulation needs for the deal (its periods, the receipt delay and a margin). */
export function simulationMonths(deal: Deal): number {
  return dealPeriods(deal) + 3;
}

export interface PathScenario {
  readonly scenario: Scenario;
  /** The model's pool CPR by period (percent), when a model is used. */
  readonly cpr?: Float64Array;
}

/** The scenario of path `p`. */
export function pathScenario(ctx: PathScenarioContext, paths: RatePaths, p: number): PathScenario {
  const width = paths.months + 1;
  const row = p * width;
  if (paths.months < ctx.periods) throw new RangeError(`the simulation has ${paths.months} months; the deal needs ${ctx.periods}`);
  const slice = (series: Float64Array) => Array.from(series.subarray(row, row + ctx.periods));
  const indices: Record<string, { values: number[] }> = {};
  const series: Record<PathIndex, ArrayLike<number>> = {
    libor1m: paths.libor1m.subarray(row, row + ctx.periods),
    libor1y: paths.libor1y.subarray(row, row + ctx.periods),
  };
  for (const { name, series: s } of ctx.indexNames) {
    const fixed = ctx.fixedIndices[name];
    if (fixed) series[s] = fixed;
    indices[name] = { values: fixed ? [...fixed] : slice(paths[s]) };
  }
  if (!ctx.model) return { scenario: { ...ctx.base, indices } };
  const path: ModelPath = {
    mortgageRate: paths.mortgageRate.subarray(row, row + ctx.periods),
    libor1m: series.libor1m,
    libor1y: series.libor1y,
    firstMonth: ctx.firstMonth,
  };
  const { smm, cpr } = projectPrepayments(ctx.model, ctx.loans, path, ctx.periods);
  return { scenario: { ...ctx.base, indices, prepayment: { unit: "smm", values: Array.from(smm) } }, cpr };
}
