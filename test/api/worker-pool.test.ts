import { afterEach, describe, expect, it } from "vitest";
import { PoolBusyError, PoolTimeoutError, TaskFailure, WorkerPool } from "../../src/compute/worker-pool.js";

const workerUrl = new URL("./fixtures/test-worker.ts", import.meta.url);
let pool: WorkerPool | undefined;

afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe("WorkerPool", () => {
  it("runs tasks on worker threads and returns their results", async () => {
    pool = new WorkerPool({ workerUrl, size: 2, timeoutMs: 10_000, maxQueue: 10 });
    const results = await Promise.all([1, 2, 3, 4, 5].map((v) => pool!.run<{ value: number }>({ op: "echo", value: v })));
    expect(results.map((r) => r.value)).toEqual([1, 2, 3, 4, 5]);
    expect(pool.stats()).toMatchObject({ size: 2, busy: 0, queued: 0, completed: 5 });
  });

  it("stops a run past its deadline, replaces the worker and keeps serving", async () => {
    pool = new WorkerPool({ workerUrl, size: 1, timeoutMs: 10_000, maxQueue: 10 });
    await pool.run({ op: "echo", value: "warm" });
    const t0 = Date.now();
    await expect(pool.run({ op: "spin", ms: 60_000 }, 300)).rejects.toBeInstanceOf(PoolTimeoutError);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(pool.stats()).toMatchObject({ timedOut: 1, restarts: 1 });
    await expect(pool.run<{ value: string }>({ op: "echo", value: "after" })).resolves.toMatchObject({ value: "after" });
  });

  it("refuses work when the queue is full, and expires work that waits too long", async () => {
    pool = new WorkerPool({ workerUrl, size: 1, timeoutMs: 10_000, maxQueue: 1 });
    await pool.run({ op: "echo", value: "warm" });
    const running = pool.run({ op: "spin", ms: 700 });
    const waiting = pool.run({ op: "echo", value: "queued" }, 200);
    await expect(pool.run({ op: "echo", value: "third" })).rejects.toThrow(/busy \(1 runs in progress, 1 waiting\)/);
    await expect(waiting).rejects.toBeInstanceOf(PoolBusyError);
    await expect(running).resolves.toBe("spun");
  });

  it("passes task failures through with their status, and survives a dying worker", async () => {
    pool = new WorkerPool({ workerUrl, size: 1, timeoutMs: 10_000, maxQueue: 10 });
    const failure = await pool.run({ op: "fail", status: 422 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TaskFailure);
    expect((failure as TaskFailure).info).toMatchObject({ status: 422, message: "asked to fail" });
    const died = await pool.run({ op: "exit" }).catch((e: unknown) => e);
    expect((died as TaskFailure).info).toMatchObject({ status: 500, code: "worker_failed" });
    await expect(pool.run<{ value: number }>({ op: "echo", value: 7 })).resolves.toMatchObject({ value: 7 });
  });
});
