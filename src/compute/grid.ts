/**
 * A scenario grid's unit of work: one deal document, a chunk of its scenarios,
 * the classes to report and the prices to read yields at → one row per
 * (scenario, class), in the chunk's order. The same function runs in-process,
 * in a worker thread of the pool and on a queue worker, so the three give the
 * same rows. Every chunk goes through `projectBatch`, the engine's entry point
 * for many scenarios.
 */
import { yieldCurve, type CurvePoint } from "../analytics/yield-curve.js";
import type { Scenario } from "../core/scenario.js";
import type { Deal } from "../deal/schema.js";
import { priceableClasses } from "../deal/priceable-classes.js";
import { priceClasses, type PriceQuote } from "../engine/price-classes.js";
import { projectBatch } from "../engine/project-batch.js";
import { classFlowColumns } from "../engine/result-columns.js";
import type { ProjectionResult } from "../engine/result.js";
import { runOfDocument, type DealDocument } from "./deal-document.js";

export interface GridPricing {
  /** Clean prices per 100 of current face, by class. */
  readonly quotes: readonly { readonly classId: string; readonly price: number }[];
  /** Benchmark for a spread per cell (a flat benchmark is one point). */
  readonly curve?: readonly CurvePoint[];
}

export interface GridChunk {
  readonly deal: DealDocument;
  readonly scenarios: readonly Scenario[];
  /** Classes to report, in this order; null = every class of the deal. */
  readonly classes: readonly string[] | null;
  readonly pricing?: GridPricing;
}

/** One (scenario, class) of a grid: the class's totals over the projection. */
export interface GridCell {
  readonly classId: string;
  /** Weighted average life, years (null: notional or no principal). */
  readonly wal: number | null;
  readonly principal: number;
  readonly interest: number;
  readonly writedown: number;
  /** Writedowns, % of the class's original balance (notional classes: 0). */
  readonly lossPercent: number;
  /** First period with a writedown of at least a cent, or null. */
  readonly firstWritedownPeriod: number | null;
  /** The projection's Senior Credit Support Depletion period, or null. */
  readonly depletionPeriod: number | null;
  /** Bond-equivalent yield at the class's --price (null: not priced, or no yield solves). */
  readonly yield: number | null;
  /** Yield − benchmark at the class's average life, basis points (null without a curve). */
  readonly spreadBp: number | null;
}

/** The classes a chunk reports on a deal; throws a RangeError naming an unknown class. */
export function gridClasses(deal: Deal, wanted: readonly string[] | null): string[] {
  const ids = priceableClasses(deal).map((c) => c.id);
  if (wanted === null) return ids;
  for (const id of wanted) {
    if (!ids.includes(id)) throw new RangeError(`--class: ${deal.id} has no class "${id}" (classes: ${ids.join(", ")})`);
  }
  return [...wanted];
}

function cellsOf(result: ProjectionResult, deal: Deal, classes: readonly string[], pricing: GridPricing | undefined): GridCell[] {
  const priced = new Map<string, { yield: number | null; spreadBp: number | null }>();
  if (pricing) {
    const curve = pricing.curve ? yieldCurve(pricing.curve) : undefined;
    for (const q of pricing.quotes) {
      if (!classes.includes(q.classId)) continue;
      try {
        const a = priceClasses(result, deal, { quotes: [{ classId: q.classId, price: q.price } as PriceQuote], curve })[q.classId];
        priced.set(q.classId, { yield: a.yield, spreadBp: a.spread?.spreadBp ?? null });
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        priced.set(q.classId, { yield: null, spreadBp: null }); // no cash flows to solve a yield on
      }
    }
  }
  return classes.map((classId) => {
    const c = result.classes[classId];
    const cols = classFlowColumns(c);
    let principal = 0;
    let interest = 0;
    let writedown = 0;
    let firstWritedown: number | null = null;
    for (let i = 0; i < cols.count; i++) {
      principal += cols.principal[i];
      interest += cols.interest[i];
      writedown += cols.writedown[i];
      if (firstWritedown === null && cols.writedown[i] >= 0.005) firstWritedown = i + 1;
    }
    const p = priced.get(classId);
    return {
      classId,
      wal: c.wal,
      principal,
      interest,
      writedown,
      lossPercent: !c.notional && c.initialBalance > 0 ? (writedown / c.initialBalance) * 100 : 0,
      firstWritedownPeriod: firstWritedown,
      depletionPeriod: result.depletionPeriod,
      yield: p?.yield ?? null,
      spreadBp: p?.spreadBp ?? null,
    };
  });
}

/** Runs a chunk: `cells[s]` are scenario s's rows, one per class. */
export function runGridChunk(chunk: GridChunk): GridCell[][] {
  const run = runOfDocument(chunk.deal);
  const classes = gridClasses(run.deal, chunk.classes);
  const results = projectBatch(run.deal, chunk.scenarios, { rulesAt: run.rulesAt, amendments: run.appliedAmendments });
  return results.map((r) => cellsOf(r, run.deal, classes, chunk.pricing));
}
