/**
 * Runs a grid's chunks on a runner — in this thread, or on the worker-thread
 * pool (one `WorkerPool` implementation for the CLI and the API) — and hands
 * back every chunk's cells in chunk order, whatever order they finish in.
 */
import { availableParallelism } from "node:os";
import { runGridChunk, type GridCell, type GridChunk } from "./grid.js";
import type { WorkItem } from "./work.js";
import { TaskFailure, WorkerPool } from "./worker-pool.js";

export interface GridRunner {
  /** How many chunks it runs at once. */
  readonly concurrency: number;
  run(chunk: GridChunk): Promise<GridCell[][]>;
  close(): Promise<void>;
}

/** Chunks one after another in this thread. */
export function inProcessRunner(): GridRunner {
  return {
    concurrency: 1,
    run: async (chunk) => runGridChunk(chunk),
    close: async () => {},
  };
}

/** The grid worker beside this module: `.ts` under tsx/vitest, `.js` from dist. */
export function gridWorkerUrl(): URL {
  const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
  return new URL(`./grid-worker.${ext}`, import.meta.url);
}

/** A pool of `size` worker threads running `WorkItem`s; each parses a deal document once. */
export function workPool(size: number): WorkerPool {
  return new WorkerPool({ workerUrl: gridWorkerUrl(), size, timeoutMs: Infinity, maxQueue: Number.MAX_SAFE_INTEGER });
}

/** A pool of `size` worker threads; each parses a deal document once. */
export function poolRunner(size: number): GridRunner {
  const pool = workPool(size);
  return {
    concurrency: size,
    run: (chunk) => {
      const { deal, ...payload } = chunk;
      const item: WorkItem<"gridChunk"> = { kind: "gridChunk", deal, payload };
      return pool.run<GridCell[][]>(item);
    },
    close: () => pool.close(),
  };
}

export function defaultWorkerCount(): number {
  return availableParallelism();
}

/**
 * Runs every chunk (at most `runner.concurrency` at a time, plus one queued per
 * worker so none idles), calls `onChunk` as each finishes, and returns the
 * cells by chunk index. The first failure stops the run and is thrown.
 */
export async function runChunks(
  chunks: readonly GridChunk[],
  runner: GridRunner,
  onChunk: (index: number, cells: GridCell[][]) => void = () => {},
): Promise<GridCell[][][]> {
  const out: GridCell[][][] = new Array(chunks.length);
  let next = 0;
  let failed: unknown;
  const lane = async () => {
    while (failed === undefined && next < chunks.length) {
      const i = next++;
      try {
        out[i] = await runner.run(chunks[i]);
        onChunk(i, out[i]);
      } catch (e) {
        failed ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(runner.concurrency * 2, chunks.length)) }, lane));
  if (failed !== undefined) throw failed;
  return out;
}

export { TaskFailure };
