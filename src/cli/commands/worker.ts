/**
 * `tranche worker --queue redis://HOST:PORT [--concurrency N]`: takes chunks of
 * work (grid chunks) from the BullMQ queue and returns their rows, on any
 * machine that can reach Redis (no shared disk: deal documents come from Redis
 * by content hash). Runs until SIGINT/SIGTERM, then finishes its jobs and exits.
 */
import type { Command } from "commander";
import { defaultWorkerCount, workPool } from "../../compute/run-grid.js";
import { UserError } from "../user-error.js";

interface WorkerFlags {
  queue?: string;
  concurrency?: string;
  lockMs?: string;
  stalledMs?: string;
  quiet?: boolean;
}

function positive(text: string | undefined, flag: string, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UserError(`${flag}: expected a whole number from 1 to ${max}, got "${text}"`);
  return n;
}

export function register(program: Command): void {
  program
    .command("worker")
    .description("take chunks of work (tranche grid --queue) from a BullMQ queue in Redis and return their rows; runs until stopped")
    .option("--queue <redis-url>", "the Redis holding the queue, e.g. redis://10.0.0.5:6379 (required)")
    .option("--concurrency <n>", "jobs at once, each in its own worker thread (default: the machine's cores)")
    .option("--lock-ms <ms>", "job lock; a killed worker's job is taken back after this (default 30000)")
    .option("--stalled-ms <ms>", "how often stalled jobs are looked for (default 15000)")
    .option("--quiet", "no line per finished job")
    .action(async (flags: WorkerFlags) => {
      if (flags.queue === undefined) throw new UserError("--queue: name the Redis, e.g. --queue redis://127.0.0.1:6379");
      const concurrency = positive(flags.concurrency, "--concurrency", defaultWorkerCount(), 256);
      const lockMs = positive(flags.lockMs, "--lock-ms", 30_000, 3_600_000);
      const stalledMs = positive(flags.stalledMs, "--stalled-ms", 15_000, 3_600_000);
      const { startQueueWorker, QueueConnectionError } = await import("../../compute/queue.js");
      const pool = workPool(concurrency);
      let worker;
      try {
        worker = await startQueueWorker({
          url: flags.queue,
          concurrency,
          pool,
          lockMs,
          stalledCheckMs: stalledMs,
          log: flags.quiet ? undefined : (line) => process.stdout.write(`${line}\n`),
        });
      } catch (e) {
        await pool.close();
        if (e instanceof QueueConnectionError) throw new UserError(e.message, 3);
        throw e;
      }
      process.stderr.write(`tranche worker: taking jobs from ${flags.queue} (concurrency ${concurrency}); Ctrl-C to stop\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await worker.close();
      await pool.close();
    });
}
