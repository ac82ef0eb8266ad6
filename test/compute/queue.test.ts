/**
 * tranche grid --queue on a real redis-server with three `tranche worker`
 * processes: one is SIGKILLed mid-run; the rows must be byte-identical to
 * --workers 1 (none lost, none duplicated), and a second submission must reuse
 * every chunk (no job run again).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tranche } from "../support/cli.js";
import { redisServerInstalled, requireRedis, startRedis, type TestRedis } from "../support/redis.js";

const root = resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "tranche-queue-"));

interface WorkerProcess {
  child: ChildProcess;
  lines: string[];
  exited: Promise<unknown>;
}

function startWorker(url: string): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/run-cli.ts", "worker", "--queue", url, "--concurrency", "1", "--lock-ms", "1500", "--stalled-ms", "1000"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const w: WorkerProcess = { child, lines: [], exited: new Promise((r) => child.once("exit", r)) };
  let buf = "";
  child.stdout!.on("data", (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split("\n");
    buf = parts.pop()!;
    w.lines.push(...parts);
  });
  return w;
}

async function ready(w: WorkerProcess): Promise<void> {
  let err = "";
  w.child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  for (let i = 0; i < 300 && !err.includes("taking jobs"); i++) await new Promise((r) => setTimeout(r, 50));
  if (!err.includes("taking jobs")) throw new Error(`worker did not start: ${err}`);
}

const grid = ["grid", "cwalt-2007-12t1", "--cpr", "5,10,15,20,30,40", "--cdr", "0,1,2,3,4,6,8,10,12,15", "--severity", "20,30,40,50,60", "--lag", "12", "--class", "A-4,B-1,B-3", "--price", "B-1=90", "--chunk", "5"];

describe.runIf(redisServerInstalled || requireRedis)("tranche grid --queue with tranche worker processes", () => {
  let redis: TestRedis;
  const workers: WorkerProcess[] = [];
  beforeAll(async () => {
    if (!redisServerInstalled) throw new Error("redis-server is not installed (CI installs it: scripts/ci-redis.sh)");
    redis = await startRedis();
  }, 20_000);
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGTERM");
    await Promise.all(workers.map((w) => w.exited));
    await redis?.stop();
  }, 20_000);

  it("300 scenarios, three workers, one SIGKILLed mid-run: the rows of --workers 1; resubmitted, every chunk reused", async () => {
    const local = await tranche(...grid, "--workers", "1", "--out", join(dir, "local.csv"), "--quiet");
    expect(local.code, local.stderr).toBe(0);

    for (let i = 0; i < 3; i++) workers.push(startWorker(redis.url));
    await Promise.all(workers.map(ready));
    const victim = workers[0];
    const run = tranche(...grid, "--queue", redis.url, "--out", join(dir, "queue.csv"));
    // Kill the first worker as soon as it has finished one job (it has taken the next one by then).
    for (let i = 0; i < 600 && victim.lines.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    victim.child.kill("SIGKILL");
    await victim.exited;
    const queued = await run;
    expect(queued.code, queued.stderr).toBe(0);
    expect(queued.stderr).toContain("60 chunks");
    expect(readFileSync(join(dir, "queue.csv"), "utf8")).toBe(readFileSync(join(dir, "local.csv"), "utf8"));
    // Every job ran on some worker; any run twice was the one the killed worker held.
    const doneIds = (w: WorkerProcess) => w.lines.filter((l) => l.startsWith("job ")).map((l) => l.split(" ")[1]);
    const survivors = workers.slice(1);
    const all = new Set(workers.flatMap(doneIds));
    expect(all.size).toBe(60);
    const retried = survivors.flatMap((w) => w.lines).filter((l) => !/attempt 1\)$/.test(l));
    const before = survivors.map((w) => w.lines.length);

    const again = await tranche(...grid, "--queue", redis.url, "--out", join(dir, "again.csv"));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("60 reused, 0 run");
    expect(readFileSync(join(dir, "again.csv"), "utf8")).toBe(readFileSync(join(dir, "local.csv"), "utf8"));
    await new Promise((r) => setTimeout(r, 200));
    expect(survivors.map((w) => w.lines.length)).toEqual(before);
    // The killed worker's job went back to the queue by BullMQ's stalled-job check (a later attempt), unless it died between jobs.
    expect(retried.length).toBeLessThanOrEqual(1);
  }, 60_000);

  it("an unreachable Redis: a clear error, a non-zero exit, nothing at --out", async () => {
    const out = join(dir, "never.csv");
    const r = await tranche("grid", "cwalt-2007-12t1", "--cpr", "5", "--queue", "redis://127.0.0.1:1", "--out", out);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("cannot reach Redis at redis://127.0.0.1:1");
    expect(existsSync(out)).toBe(false);
  });
});
