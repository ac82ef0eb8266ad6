/**
 * A fixed pool of `node:worker_threads` workers that run compute tasks off the
 * event loop, one task per worker at a time, with a bounded queue and a
 * deadline per task.
 *
 * - queue full → `PoolBusyError` at once (the API answers 503 with Retry-After);
 * - still queued at the deadline → `PoolBusyError` (503);
 * - still running at the deadline → the worker is terminated and replaced, and
 *   the task fails with `PoolTimeoutError` (504);
 * - the task throws a `TaskFailure` with a status → passed on as is (4xx);
 * - the worker dies → `TaskFailure` 500, and the worker is replaced.
 *
 * Under TypeScript sources (tests, `tsx`) the worker file is `.ts` and is
 * started with `--import tsx`; from `dist/` it is plain `.js`.
 */
import { Worker } from "node:worker_threads";
import { fileURLToPath } from "node:url";

export interface WorkerPoolOptions {
  /** The worker script: it must answer `{id, task}` messages with a `WorkerReply`. */
  readonly workerUrl: URL;
  readonly size: number;
  /** Deadline per task, from submission, in milliseconds (`Infinity`: none). */
  readonly timeoutMs: number;
  /** Tasks allowed to wait for a worker. */
  readonly maxQueue: number;
}

export interface TaskFailureInfo {
  /** HTTP status the caller should see (4xx for input problems, 500 otherwise). */
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly result: unknown; readonly ms: number }
  | { readonly id: number; readonly ok: false; readonly failure: TaskFailureInfo };

export class TaskFailure extends Error {
  constructor(readonly info: TaskFailureInfo) {
    super(info.message);
    this.name = "TaskFailure";
  }
}

export class PoolBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PoolBusyError";
  }
}

export class PoolTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the run took longer than the ${timeoutMs} ms limit and was stopped; try a shorter or simpler request`);
    this.name = "PoolTimeoutError";
  }
}

interface Job {
  readonly id: number;
  readonly task: unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  timer: NodeJS.Timeout | undefined;
  slot: Slot | undefined;
  settled: boolean;
}

interface Slot {
  worker: Worker;
  job: Job | undefined;
}

export interface PoolStats {
  readonly size: number;
  readonly busy: number;
  readonly queued: number;
  readonly completed: number;
  readonly timedOut: number;
  readonly restarts: number;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private completed = 0;
  private timedOut = 0;
  private restarts = 0;

  constructor(private readonly options: WorkerPoolOptions) {
    if (options.size < 1) throw new RangeError("worker pool size must be at least 1");
    for (let i = 0; i < options.size; i++) this.slots.push(this.spawn());
  }

  /** Runs one task; rejects with PoolBusyError, PoolTimeoutError or TaskFailure. */
  run<T>(task: unknown, timeoutMs = this.options.timeoutMs): Promise<T> {
    if (this.closed) return Promise.reject(new PoolBusyError("the server is shutting down"));
    const idle = this.slots.find((s) => s.job === undefined);
    if (!idle && this.queue.length >= this.options.maxQueue) {
      return Promise.reject(
        new PoolBusyError(`the server is busy (${this.options.size} runs in progress, ${this.queue.length} waiting); retry shortly`),
      );
    }
    return new Promise<T>((resolve, reject) => {
      const job: Job = {
        id: this.nextId++,
        task,
        resolve: resolve as (value: unknown) => void,
        reject,
        timer: undefined,
        slot: undefined,
        settled: false,
      };
      // An infinite deadline (a CLI grid) sets no timer.
      if (Number.isFinite(timeoutMs)) job.timer = setTimeout(() => this.expire(job, timeoutMs), timeoutMs);
      if (idle) this.dispatch(idle, job);
      else this.queue.push(job);
    });
  }

  stats(): PoolStats {
    return {
      size: this.slots.length,
      busy: this.slots.filter((s) => s.job !== undefined).length,
      queued: this.queue.length,
      completed: this.completed,
      timedOut: this.timedOut,
      restarts: this.restarts,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) this.settle(job, new PoolBusyError("the server is shutting down"));
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.job) this.settle(slot.job, new PoolBusyError("the server is shutting down"));
        await slot.worker.terminate();
      }),
    );
  }

  private spawn(): Slot {
    const url = this.options.workerUrl;
    const isTs = url.pathname.endsWith(".ts");
    // TypeScript sources: register tsx inside the worker, then load the script.
    const worker = isTs
      ? new Worker(
          `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`,
          { eval: true },
        )
      : new Worker(fileURLToPath(url));
    worker.unref();
    const slot: Slot = { worker, job: undefined };
    worker.on("message", (reply: WorkerReply) => this.onReply(slot, reply));
    worker.on("error", (error) => this.onDeath(slot, `the compute worker failed: ${error.message}`));
    worker.on("exit", (code) => {
      if (!this.closed) this.onDeath(slot, `the compute worker exited (code ${code})`);
    });
    return slot;
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    job.slot = slot;
    slot.worker.postMessage({ id: job.id, task: job.task });
  }

  private onReply(slot: Slot, reply: WorkerReply): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return; // a reply for a job that already timed out
    slot.job = undefined;
    this.completed++;
    if (reply.ok) this.settle(job, undefined, reply.result);
    else this.settle(job, new TaskFailure(reply.failure));
    this.next(slot);
  }

  private onDeath(slot: Slot, message: string): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return; // already replaced
    const job = slot.job;
    slot.job = undefined;
    if (job) this.settle(job, new TaskFailure({ status: 500, code: "worker_failed", message }));
    this.replace(index);
  }

  private expire(job: Job, timeoutMs: number): void {
    if (job.settled) return;
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(job, new PoolBusyError(`the server was too busy to start the run within ${timeoutMs} ms; retry shortly`));
      return;
    }
    const slot = job.slot;
    this.timedOut++;
    this.settle(job, new PoolTimeoutError(timeoutMs));
    if (slot && slot.job === job) {
      slot.job = undefined;
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.replace(index);
    }
  }

  /** Terminates the worker in slot `index` (if alive) and puts a fresh one in its place. */
  private replace(index: number): void {
    const old = this.slots[index];
    old.worker.removeAllListeners("exit");
    old.worker.removeAllListeners("message");
    void old.worker.terminate();
    if (this.closed) return;
    this.restarts++;
    const fresh = this.spawn();
    this.slots[index] = fresh;
    this.next(fresh);
  }

  private next(slot: Slot): void {
    const job = this.queue.shift();
    if (job) this.dispatch(slot, job);
  }

  private settle(job: Job, error: Error | undefined, result?: unknown): void {
    if (job.settled) return;
    job.settled = true;
    if (job.timer) clearTimeout(job.timer);
    if (error) job.reject(error);
    else job.resolve(result);
  }
}
