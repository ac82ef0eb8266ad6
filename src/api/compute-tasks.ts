/**
 * The work the API runs off the event loop. Each task is plain data (it crosses
 * a worker boundary by structured clone) naming a deal file, not a deal: the
 * worker loads and caches the deal itself (a generic pool needs no deal: its
 * task carries the `PoolSpec`). `runComputeTask` is pure apart from
 * reading deal files, so tests can call it directly and compare with the worker.
 */
import { yieldCurve } from "../analytics/yield-curve.js";
import type { CivilDate } from "../core/civil-date.js";
import type { PrepaymentUnit, Scenario } from "../core/scenario.js";
import type { Deal } from "../deal/schema.js";
import { amendmentDiff, type AmendmentDiff } from "../engine/amendment-diff.js";
import { breakeven } from "../engine/tables/breakeven.js";
import { decrementTable } from "../engine/tables/decrement-table.js";
import type { Projector } from "../engine/tables/projector.js";
import { yieldTable } from "../engine/tables/yield-table.js";
import { poolYieldTable, type PoolSpeedUnit, type PoolYieldTable } from "../engine/tables/pool-yield-table.js";
import type { PoolSpec } from "../collateral/pool-cash-flow.js";
import type { PoolQuote } from "../engine/price-pool.js";
import { poolPricingTerms, poolReport, type PoolReport, type PoolSettlementInput } from "../engine/pool-request.js";
import { loadDeal } from "../deal/load-deal.js";
import type { LoadedDeal } from "../deal/parse-deal.js";
import { project } from "../engine/project.js";
import type { ProjectionResult } from "../engine/result.js";
import { dealLoadError, fileStamp, selectionOf, type AmendmentsChoice } from "./catalog.js";
import { dealRun } from "./deal-runs.js";
import { loadDealTape } from "../deal/tape/deal-tape-file.js";
import { TapeError } from "../deal/tape/problems.js";
import { hasLoanTape, useLoanTape } from "../engine/project.js";
import { ApiError } from "./errors.js";
import { runWork, type WorkItem } from "../compute/work.js";

export interface DealRef {
  /** Absolute path of the deal file (amendments are found beside it). */
  readonly path: string;
  readonly id: string;
  readonly amendments: AmendmentsChoice;
}

export type ComputeTask =
  | { readonly kind: "work"; readonly item: WorkItem }
  | { readonly kind: "project"; readonly deal: DealRef; readonly scenario: Scenario; readonly ledger: boolean }
  | { readonly kind: "amendmentDiff"; readonly deal: DealRef; readonly scenario: Scenario }
  | {
      readonly kind: "decrementTable";
      readonly deal: DealRef;
      readonly scenario: Scenario;
      readonly speeds: readonly number[];
      readonly unit: PrepaymentUnit;
      readonly classes?: readonly string[];
      readonly includeNotional: boolean;
    }
  | {
      readonly kind: "yieldTable";
      readonly deal: DealRef;
      readonly scenario: Scenario;
      readonly classId: string;
      readonly speeds: readonly number[];
      readonly unit: PrepaymentUnit;
      readonly quotes: { readonly kind: "price" | "yield"; readonly values: readonly number[] };
      readonly settlement?: string;
      /** Benchmark curve points (a flat benchmark is one point). */
      readonly curve?: readonly { readonly term: number; readonly yield: number }[];
      readonly effectiveBp?: number;
    }
  | {
      readonly kind: "breakeven";
      readonly deal: DealRef;
      readonly scenario: Scenario;
      readonly classId: string;
      readonly lossThreshold?: number;
      readonly maxCdr?: number;
    }
  | {
      readonly kind: "pool";
      readonly spec: PoolSpec;
      /** A pass-through of the pool priced at this quote and settlement. */
      readonly pricing?: { readonly quote: PoolQuote } & PoolSettlementInput;
    }
  | {
      readonly kind: "poolYieldTable";
      /** The pool without its speed: the table supplies one per column. */
      readonly pool: Omit<PoolSpec, "prepayment">;
      readonly unit: PoolSpeedUnit;
      readonly speeds: readonly number[];
      readonly quotes: { readonly kind: "price" | "yield"; readonly values: readonly number[] };
      readonly settlement: PoolSettlementInput;
    };

/** The engine's comparison plus what each amendment changed, for display. */
export interface AmendmentDiffResponse extends AmendmentDiff {
  amendmentDetails: { id: string; title: string; effectiveDate: string; changes: string[] }[];
}

const loadedCache = new Map<string, { stamp: string; loaded: LoadedDeal }>();

function load(ref: DealRef): LoadedDeal {
  const stamp = fileStamp(ref.path);
  const key = `${ref.path}\u0000${ref.amendments}`;
  const hit = loadedCache.get(key);
  if (hit && hit.stamp === stamp) return hit.loaded;
  let loaded: LoadedDeal;
  try {
    loaded = loadDeal(ref.path, { amendments: selectionOf(ref.amendments) });
  } catch (error) {
    dealLoadError(error, ref.id);
  }
  loadedCache.set(key, { stamp, loaded });
  return loaded;
}

/**
 * Reads the loan tape a task's deal names (a deal saved with its tape), once per
 * loaded deal, before the task runs: the run itself stays synchronous.
 */
export async function prepareComputeTask(task: ComputeTask): Promise<void> {
  if (!("deal" in task)) return;
  const refs = task.kind === "amendmentDiff" ? [{ ...task.deal, amendments: "signed" as const }, { ...task.deal, amendments: "amended" as const }] : [task.deal];
  for (const ref of refs) {
    const loaded = load(ref);
    for (const deal of [loaded.deal, loaded.base]) {
      if (hasLoanTape(deal)) continue;
      try {
        const tape = await loadDealTape(deal, loaded.path);
        if (tape) useLoanTape(deal, tape.loans);
      } catch (error) {
        if (error instanceof TapeError) throw new ApiError(422, "invalid_tape", error.message.split("\n")[0], error.problems);
        throw error;
      }
    }
  }
}

export function runProjection(ref: DealRef, scenario: Scenario, ledger: boolean): ProjectionResult {
  const run = dealRun(load(ref), ref.amendments);
  const result = project(run.deal, scenario, { ledger, rulesAt: run.rulesAt, amendments: run.appliedAmendments });
  const { reports: _reports, ...plain } = result;
  return plain;
}

/** The deal run on the PSA as signed and as amended, class by class (`amendmentDiff`). */
export function runAmendmentDiff(ref: DealRef, scenario: Scenario): AmendmentDiffResponse {
  const signedLoaded = load({ ...ref, amendments: "signed" });
  const amendedLoaded = load({ ...ref, amendments: "amended" });
  const signed = dealRun(signedLoaded, "signed");
  const amended = dealRun(amendedLoaded, "amended");
  const diff = amendmentDiff({
    signed: signed.deal,
    amended: amended.deal,
    amendments: amended.appliedAmendments,
    scenario,
    amendedRulesAt: amended.rulesAt,
  });
  return {
    ...diff,
    amendmentDetails: amendedLoaded.amendmentTimeline.map((t) => ({
      id: t.amendmentId,
      title: t.title,
      effectiveDate: t.effectiveDate,
      changes: t.patches.map((p) =>
        p.op === "delete" ? `${p.section} deleted ("${p.replacementText}")` : p.op === "replace" ? `${p.section} replaced` : `rule inserted after ${p.after}`,
      ),
    })),
  };
}

/** `project` with the amendment timeline of the run, as the investor tables need it. */
function projectorOf(ref: DealRef): { deal: Deal; projector: Projector } {
  const run = dealRun(load(ref), ref.amendments);
  return {
    deal: run.deal,
    projector: (deal, scenario) => project(deal, scenario, { rulesAt: run.rulesAt, amendments: run.appliedAmendments }),
  };
}

/**
 * The engine's field names as `POST /api/pool` body paths:
 * `scenario.default (cdr)[period 2]` → `default.values[1]`, `scenario.recoveryLag` → `lag`, `price` → `pricing.price`.
 */
const POOL_FIELDS: readonly [RegExp, (...m: string[]) => string][] = [
  [/^scenario\.(prepayment|default)(?: \([a-z]+\))?\[period (\d+)\]/, (_, f, k) => `${f}.values[${Number(k) - 1}]`],
  [/^scenario\.severity\[period (\d+)\]/, (_, k) => `severity[${Number(k) - 1}]`],
  [/^scenario\.(prepayment|default|severity)(?: \([a-z]+\))?/, (_, f) => f],
  [/^scenario\.recoveryLag/, () => "lag"],
  [/^(price|yield)\b/, (_, f) => `pricing.${f}`],
];

/** A RangeError whose message starts with the engine's field name, as a 422 naming the body field (rules tried in order). */
function poolFieldError(error: RangeError, rules: readonly [RegExp, (...m: string[]) => string][]): ApiError {
  let message = error.message;
  const rule = rules.find(([pattern]) => pattern.test(message));
  if (rule) message = message.replace(rule[0], rule[1] as (...m: string[]) => string);
  const m = /^([A-Za-z][\w.[\]]*): /.exec(message);
  const details = m ? [{ in: "body", path: m[1], message: message.slice(m[0].length) }] : undefined;
  return new ApiError(422, "unprocessable", message, details);
}

/**
 * The pool's cash flow (and pricing): `poolReport`, its RangeErrors answered as
 * 422 naming the body field (`default.values[1]: …`, `pricing.settlement: …`).
 */
export function runPool(task: Extract<ComputeTask, { kind: "pool" }>): PoolReport {
  try {
    const pricing = task.pricing
      ? {
          quote: task.pricing.quote,
          terms: poolPricingTerms(task.pricing, { settleDays: "pricing.settleDays", dated: "pricing.dated", settlement: "pricing.settlement" }),
        }
      : undefined;
    return poolReport(task.spec, pricing);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw poolFieldError(error, POOL_FIELDS);
  }
}

/**
 * The pass-through's yield table (`poolYieldTable`, what `tranche pool --prices …
 * --format json` prints), its RangeErrors answered as 422 naming the body field:
 * `speeds[2]: …`, `quotes.values[0]: at 0% PSA, price 0.001: …`, `settlement: …`,
 * and the pool's fields as `POST /api/pool` names them.
 */
export function runPoolYieldTable(task: Extract<ComputeTask, { kind: "poolYieldTable" }>): PoolYieldTable {
  const at = (values: readonly number[], text: string) => {
    const i = values.indexOf(Number(text));
    return i >= 0 ? `[${i}]` : "";
  };
  const rules: readonly [RegExp, (...m: string[]) => string][] = [
    [/^speeds: (-?[\d.e+-]+)/, (_, s) => `speeds${at(task.speeds, s)}: ${s}`],
    [/^(?:prices|yields): at ([^,]+), (price|yield) (-?[\d.e+-]+)/, (_, label, kind, q) => `quotes.values${at(task.quotes.values, q)}: at ${label}, ${kind} ${q}`],
    [/^(?:prices|yields):/, () => "quotes.values:"],
    ...POOL_FIELDS,
  ];
  try {
    const terms = poolPricingTerms(task.settlement);
    return poolYieldTable({ pool: task.pool, unit: task.unit, speeds: task.speeds, quotes: task.quotes, terms });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw poolFieldError(error, rules);
  }
}

export function runComputeTask(task: ComputeTask): unknown {
  switch (task.kind) {
    case "work":
      return runWork(task.item);
    case "project":
      return runProjection(task.deal, task.scenario, task.ledger);
    case "amendmentDiff":
      return runAmendmentDiff(task.deal, task.scenario);
    case "decrementTable": {
      const { deal, projector } = projectorOf(task.deal);
      return decrementTable({
        deal,
        baseScenario: task.scenario,
        speeds: task.speeds,
        unit: task.unit,
        classes: task.classes,
        includeNotional: task.includeNotional,
        projector,
      });
    }
    case "yieldTable": {
      const { deal, projector } = projectorOf(task.deal);
      return yieldTable({
        deal,
        baseScenario: task.scenario,
        classId: task.classId,
        speeds: task.speeds,
        unit: task.unit,
        quotes: task.quotes,
        settlement: task.settlement as CivilDate | undefined,
        projector,
        ...(task.curve !== undefined ? { curve: yieldCurve(task.curve) } : {}),
        ...(task.effectiveBp !== undefined ? { effectiveShiftBp: task.effectiveBp } : {}),
      });
    }
    case "breakeven": {
      const { deal, projector } = projectorOf(task.deal);
      return breakeven({
        deal,
        baseScenario: task.scenario,
        classId: task.classId,
        lossThreshold: task.lossThreshold,
        maxCdr: task.maxCdr,
        projector,
      });
    }
    case "pool":
      return runPool(task);
    case "poolYieldTable":
      return runPoolYieldTable(task);
  }
}
