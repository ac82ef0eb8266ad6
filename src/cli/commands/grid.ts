/**
 * `tranche grid <deal> [<deal>...]` with scenario flags as lists
 * (`--cpr 5,10,20 --cdr 0,2,5 --severity 30,50 --lag 12`) or `--scenarios FILE.csv`
 * (a scenario a row, columns named as the flags): one row per (deal, scenario,
 * class) with WAL, principal, interest, writedown, loss % of original balance,
 * first writedown period, depletion period and, with `--price`, the yield (and
 * with `--curve`/`--benchmark` the spread). `--out FILE.csv|.jsonl|.xlsx`
 * (written to a temporary file and renamed), a table on stdout otherwise.
 * Rows come out in grid order whatever order the workers finish in.
 */
import type { Command } from "commander";
import { SingleBar } from "cli-progress";
import { readDealDocument, runOfDocument, type DealDocument } from "../../compute/deal-document.js";
import { gridClasses, type GridCell, type GridChunk, type GridPricing } from "../../compute/grid.js";
import type { WorkItem } from "../../compute/work.js";
import { defaultWorkerCount, inProcessRunner, poolRunner, runChunks, TaskFailure, type GridRunner } from "../../compute/run-grid.js";
import { AmendmentError } from "../../deal/amendments.js";
import { priceableClass } from "../../deal/priceable-classes.js";
import { DealFileError, DealValidationError } from "../../deal/problems.js";
import { TapeError } from "../../deal/tape/problems.js";
import { gridAxesFromFlags, gridScenarios, readScenarioCsv, type GridAxisFlags, type ScenarioRow } from "../grid-scenarios.js";
import { gridOutputFormat, renderGridTable, renderGridText, writeGridOutput, type GridDealRows } from "../grid-output.js";
import { benchmarkFromFlags, parsePrice } from "../price-options.js";
import { UserError } from "../user-error.js";

export interface GridFlags extends GridAxisFlags {
  scenarios?: string;
  price?: string[];
  curve?: string;
  benchmark?: string;
  class?: string;
  out?: string;
  format?: string;
  workers?: string;
  queue?: string;
  chunk?: string;
  quiet?: boolean;
  withoutAmendment?: string[];
}

/** Scenarios a chunk carries (fixed, so a queue's chunk ids do not depend on the worker count). */
export const DEFAULT_CHUNK_SIZE = 20;

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function register(program: Command): void {
  program
    .command("grid")
    .description("a scenario grid: the cartesian product of scenario lists (or a CSV of scenarios), one row per deal, scenario and class")
    .argument("<deals...>", "deal ids (e.g. cwalt-2007-12t1) or paths to deal files")
    .option("--ppc <list>", "prepayment speeds, % of the deal's Prepayment Assumption, e.g. 50,100,200")
    .option("--cpr <list>", "prepayment speeds, CPR %, e.g. 5,10,20")
    .option("--psa <list>", "prepayment speeds, % PSA")
    .option("--smm <list>", "prepayment speeds, SMM %")
    .option("--cdr <list>", "default rates, CDR %, e.g. 0,2,5")
    .option("--mdr <list>", "default rates, MDR %")
    .option("--sda <list>", "default rates, % SDA")
    .option("--severity <list>", "loss severities, %, e.g. 30,50")
    .option("--lag <list>", "months from default to liquidation, e.g. 6,12")
    .option("--libor <list>", "flat levels of the deal's LIBOR, %, e.g. 4,5.32,7")
    .option("--no-advance", "the servicer does not advance P&I (every scenario)")
    .option("--call", "exercise the Optional Termination (every scenario)")
    .option("--scenarios <file.csv>", "one scenario a row; columns named as the flags (cpr, cdr, severity, lag, libor, ppc, psa, smm, mdr, sda, advance, call, pis, relief)")
    .option("--price <class=price,...>", "yield (and with --curve/--benchmark, spread) per cell at these clean prices, e.g. A-4=99-16,B-1=95 (repeatable)", collect)
    .option("--curve <term=yield,...>", "benchmark curve for a spread per priced cell, e.g. 1=4.9,10=4.9,30=5.1")
    .option("--benchmark <yield>", "a flat benchmark yield for the spread instead of --curve")
    .option("--class <ids>", "only these classes, comma-separated, in this order (default every class)")
    .option("--out <file>", "write the rows to FILE.csv, FILE.jsonl or FILE.xlsx (one sheet a deal)")
    .option("--format <format>", "without --out: table, csv or jsonl on stdout (default table)")
    .option("--workers <n>", "worker threads (default: the machine's cores; 1 runs in this process)")
    .option("--queue <redis-url>", "put the chunks on a BullMQ queue in Redis (redis://HOST:PORT) for `tranche worker` processes on any machine")
    .option("--chunk <n>", `scenarios per unit of work (default ${DEFAULT_CHUNK_SIZE})`)
    .option("--quiet", "no progress bar")
    .option("--without-amendment <id>", "run the PSA without this amendment (repeatable)", collect)
    .action(async (dealRefs: string[], flags: GridFlags) => {
      await runGridCommand(dealRefs, flags);
    });
}

function positiveInt(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 4096) throw new UserError(`${flag}: expected a whole number from 1, got "${text}"`);
  return n;
}

async function documentOf(ref: string, without: readonly string[]): Promise<DealDocument> {
  try {
    const doc = await readDealDocument(ref, without);
    runOfDocument(doc); // validates here, before any work is sent out
    return doc;
  } catch (e) {
    if (e instanceof DealValidationError || e instanceof AmendmentError || e instanceof TapeError) throw new UserError(e.message, 1);
    if (e instanceof DealFileError) throw new UserError(e.message, 2);
    throw e;
  }
}

function pricingOf(flags: GridFlags): GridPricing | undefined {
  const entries = (flags.price ?? []).flatMap((e) => e.split(",")).filter((e) => e.trim() !== "");
  if (entries.length === 0) {
    if (flags.curve !== undefined || flags.benchmark !== undefined) throw new UserError("--curve/--benchmark: give --price too (the spread is of a priced class's yield)");
    return undefined;
  }
  const quotes = entries.map((entry) => {
    const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(entry);
    if (!m) throw new UserError(`--price "${entry}": write CLASS=PRICE, e.g. A-4=99-16`);
    return { classId: m[1], price: parsePrice(m[2], `--price ${m[1]}`) };
  });
  const curve = benchmarkFromFlags(flags);
  return { quotes, ...(curve ? { curve: curve.points } : {}) };
}

async function runOnQueue(url: string, chunks: readonly GridChunk[], bar: SingleBar | undefined, quiet: boolean): Promise<GridCell[][][]> {
  const { submitWork, QueueConnectionError } = await import("../../compute/queue.js");
  const items: WorkItem<"gridChunk">[] = chunks.map(({ deal, ...payload }) => ({ kind: "gridChunk", deal, payload }));
  try {
    const outcome = await submitWork(url, items, { onResult: (i) => bar?.increment(chunks[i].scenarios.length) });
    bar?.stop();
    if (!quiet) process.stderr.write(`tranche grid: ${chunks.length} chunks on ${url}: ${outcome.reused} reused, ${chunks.length - outcome.reused} run\n`);
    return outcome.results;
  } catch (e) {
    bar?.stop();
    if (e instanceof QueueConnectionError) throw new UserError(e.message, 3);
    if (e instanceof Error && !(e instanceof UserError)) throw new UserError(`a chunk failed on the queue: ${e.message}`, 1);
    throw e;
  }
}

export async function runGridCommand(dealRefs: readonly string[], flags: GridFlags): Promise<void> {
  const format = gridOutputFormat(flags.out, flags.format);
  if (flags.queue !== undefined && flags.workers !== undefined) throw new UserError("--workers: with --queue the `tranche worker` processes do the work; leave out --workers");
  const workers = positiveInt(flags.workers, "--workers", defaultWorkerCount());
  const chunkSize = positiveInt(flags.chunk, "--chunk", DEFAULT_CHUNK_SIZE);
  const wantedClasses = flags.class === undefined ? null : flags.class.split(",").map((s) => s.trim()).filter(Boolean);
  const pricing = pricingOf(flags);

  let rows: readonly ScenarioRow[];
  if (flags.scenarios !== undefined) {
    const given = gridAxesFromFlags(flags);
    if (given.length) throw new UserError(`--scenarios: the file gives every scenario; leave out ${given.map((a) => `--${a.flag}`).join(", ")}`);
    rows = readScenarioCsv(flags.scenarios);
  } else {
    rows = gridScenarios(gridAxesFromFlags(flags), { advance: flags.advance, ...(flags.call ? { call: true } : {}) });
  }

  const docs: DealDocument[] = [];
  for (const ref of dealRefs) docs.push(await documentOf(ref, flags.withoutAmendment ?? []));
  const deals: GridDealRows[] = [];
  const chunks: GridChunk[] = [];
  const chunkDeal: number[] = [];
  for (const [d, doc] of docs.entries()) {
    const run = runOfDocument(doc);
    const classes = (() => {
      try {
        return gridClasses(run.deal, wantedClasses);
      } catch (e) {
        throw new UserError((e as Error).message);
      }
    })();
    for (const q of pricing?.quotes ?? []) {
      if (!priceableClass(run.deal, q.classId)) throw new UserError(`--price ${q.classId}: ${run.deal.id} has no class "${q.classId}"`);
    }
    const scenarios = rows.map((r) => r.scenario(run.deal));
    deals.push({ dealId: run.deal.id, dealName: run.deal.name, classes, scenarios: rows, cells: [] });
    for (let s = 0; s < scenarios.length; s += chunkSize) {
      chunks.push({ deal: doc, scenarios: scenarios.slice(s, s + chunkSize), classes: wantedClasses, ...(pricing ? { pricing } : {}) });
      chunkDeal.push(d);
    }
  }

  const total = chunks.reduce((n, c) => n + c.scenarios.length, 0);
  const showBar = flags.quiet !== true && process.stderr.isTTY === true;
  const bar = showBar
    ? new SingleBar({ stream: process.stderr, format: "grid |{bar}| {percentage}% | {value}/{total} scenarios | ETA {eta_formatted}", hideCursor: true, etaBuffer: 20 })
    : undefined;
  bar?.start(total, 0);
  let results: GridCell[][][];
  if (flags.queue !== undefined) {
    results = await runOnQueue(flags.queue, chunks, bar, flags.quiet === true);
  } else {
    const runner: GridRunner = workers === 1 ? inProcessRunner() : poolRunner(Math.min(workers, chunks.length || 1));
    try {
      results = await runChunks(chunks, runner, (i) => bar?.increment(chunks[i].scenarios.length));
    } catch (e) {
      if (e instanceof TaskFailure || e instanceof RangeError) throw new UserError(e.message, 1);
      throw e;
    } finally {
      bar?.stop();
      await runner.close();
    }
  }
  results.forEach((cells, i) => deals[chunkDeal[i]].cells.push(...cells));

  if (flags.out !== undefined) {
    await writeGridOutput(flags.out, format, deals, pricing !== undefined, pricing?.curve !== undefined);
    if (flags.quiet !== true) process.stderr.write(`tranche grid: ${total} scenarios, ${deals.reduce((n, d) => n + d.cells.length * d.classes.length, 0)} rows → ${flags.out}\n`);
  } else if (format === "table") {
    process.stdout.write(renderGridTable(deals, pricing !== undefined, pricing?.curve !== undefined));
  } else {
    process.stdout.write(renderGridText(format as "csv" | "jsonl", deals, pricing !== undefined, pricing?.curve !== undefined));
  }
}
