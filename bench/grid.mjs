/**
 * `npm run bench -- grid [--deal cwalt-2007-12t1] [--rounds 5] [--loan-level] [--json]`
 *
 * A scenario grid over a deal, as a sensitivity table or a breakeven search runs
 * it: 6 prepayment speeds (PPC) × 5 CDRs × 3 loss severities, 12-month recovery
 * lag, rep-line 2007-12T1 by default; every cell a full `project(deal, scenario)`
 * (its own collateral projection, waterfall and result, from dist/). One round
 * runs the whole grid once; the best round is the figure, the median is reported
 * too.
 *
 * Prints {runsPerSecond, msPerRun, msPerGrid, cells, ...}; `checksum` (Σ over the
 * grid of the principal and writedowns of the classes) shows the runs did the work.
 *
 * `npm run bench -- grid --workers 1,2 [--queue] [--scenarios 1000] [--rounds 3]`
 * instead times the `tranche grid` command end to end (dist/, --quiet, --out a
 * .csv) on a 1,000-scenario grid over 2007-12T1 with each worker count, rounds
 * interleaved, and prints each count's best time and its speed-up over the
 * first. With `--queue` it also starts a redis-server on a free port and two
 * `tranche worker --concurrency 1` processes and times the same grid through
 * the queue (Redis flushed before each round, so no chunk is reused) against
 * `--workers 2`: the overhead is queue / local − 1. Every run's CSV must be
 * byte-identical to the first.
 */
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { positiveInt } from "./deal.mjs";

export const SPEEDS_PPC = [25, 50, 100, 150, 200, 300];
export const CDRS = [0, 1, 2, 5, 10];
export const SEVERITIES = [25, 40, 60];

export async function run(argv, context) {
  if (argv.includes("--workers")) return runCommandBench(argv, context);
  const { values } = parseArgs({
    args: argv,
    options: {
      deal: { type: "string", default: "cwalt-2007-12t1" },
      rounds: { type: "string", default: "5" },
      "loan-level": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
    strict: true,
  });
  const rounds = positiveInt(values.rounds, "--rounds");
  const loanLevel = values["loan-level"];

  context.ensureBuilt();
  const { loadDeal } = await context.importDist("deal/load-deal.js");
  const { project } = await context.importDist("engine/project.js");
  const { DEFAULT_SCENARIO } = await context.importDist("core/scenario.js");
  const { deal } = loadDeal(values.deal);
  const scenarios = [];
  for (const ppc of SPEEDS_PPC) {
    for (const cdr of CDRS) {
      for (const severity of SEVERITIES) {
        scenarios.push({
          ...DEFAULT_SCENARIO,
          prepayment: { unit: "ppc", values: [ppc] },
          default: { unit: "cdr", values: [cdr] },
          severity: [severity],
          recoveryLag: 12,
        });
      }
    }
  }

  const grid = () => {
    let checksum = 0;
    for (const s of scenarios) {
      const r = project(deal, s, { loanLevel });
      for (const c of Object.values(r.classes)) for (const f of c.flows) checksum += f.principal + f.writedown;
    }
    return checksum;
  };
  const checksum = grid();
  const warmUntil = performance.now() + 1000;
  while (performance.now() < warmUntil) grid();
  const gridMs = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    grid();
    gridMs.push(performance.now() - t0);
  }
  const best = Math.min(...gridMs);
  const median = [...gridMs].sort((a, b) => a - b)[Math.floor(gridMs.length / 2)];
  const cells = scenarios.length;
  const result = {
    deal: values.deal,
    tape: loanLevel ? "loan-level" : "rep-line",
    grid: `${SPEEDS_PPC.length} speeds (PPC ${SPEEDS_PPC.join(", ")}) × ${CDRS.length} CDRs (${CDRS.join(", ")}) × ${SEVERITIES.length} severities (${SEVERITIES.join(", ")}%), 12-month lag`,
    cells,
    runsPerSecond: (cells * 1000) / best,
    msPerRun: best / cells,
    msPerGrid: best,
    medianRunsPerSecond: (cells * 1000) / median,
    checksum: Math.round(checksum * 100) / 100,
    rounds,
    machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, node: process.version },
  };
  if (values.json) process.stdout.write(JSON.stringify(result, null, 2) + "\n");
  else {
    process.stdout.write(
      [
        `${values.deal} ${result.tape}, grid of ${cells}: ${result.grid}; best of ${rounds} rounds`,
        `  ${result.runsPerSecond.toFixed(0)} runs/s, ${result.msPerRun.toFixed(3)} ms a run, ${best.toFixed(1)} ms the grid (median ${result.medianRunsPerSecond.toFixed(0)} runs/s)`,
        `  checksum ${result.checksum.toFixed(2)} (Σ principal + writedowns over the grid)`,
        "",
      ].join("\n"),
    );
  }
  return 0;
}

/** The grid command timed end to end per worker count (and through the queue). */
async function runCommandBench(argv, context) {
  const { spawnSync, spawn } = await import("node:child_process");
  const { mkdtempSync, readFileSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { createServer } = await import("node:net");
  const { values } = parseArgs({
    args: argv,
    options: {
      workers: { type: "string", default: "1,2" },
      queue: { type: "boolean", default: false },
      scenarios: { type: "string", default: "1000" },
      rounds: { type: "string", default: "3" },
      json: { type: "boolean", default: false },
    },
    strict: true,
  });
  context.ensureBuilt();
  const counts = values.workers.split(",").map((w) => positiveInt(w, "--workers"));
  const rounds = positiveInt(values.rounds, "--rounds");
  const n = positiveInt(values.scenarios, "--scenarios");
  // 10 speeds x 10 CDRs x (n/100) severities
  const sev = Math.max(1, Math.round(n / 100));
  const list = (k, step, from = 0) => Array.from({ length: k }, (_, i) => from + i * step).join(",");
  const grid = ["grid", "cwalt-2007-12t1", "--cpr", list(10, 3, 2), "--cdr", list(10, 1), "--severity", list(sev, 1, 20), "--lag", "12", "--quiet"];
  const cells = 100 * sev;
  const bin = join(context.repoRoot ?? process.cwd(), "bin", "tranche");
  const dir = mkdtempSync(join(tmpdir(), "tranche-bench-grid-"));
  let reference;
  const timeRun = (extra, label) => {
    const out = join(dir, `${label}.csv`);
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [bin, ...grid, "--out", out, ...extra], { stdio: ["ignore", "ignore", "pipe"] });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`tranche grid ${extra.join(" ")} failed: ${r.stderr}`);
    const text = readFileSync(out, "utf8");
    reference ??= text;
    if (text !== reference) throw new Error(`tranche grid ${extra.join(" ")}: the rows differ from the first run's`);
    return ms;
  };
  const modes = counts.map((w) => ({ label: `workers ${w}`, extra: ["--workers", String(w)], ms: [] }));
  let redis, workers = [], url;
  if (values.queue) {
    const port = await new Promise((res) => { const s = createServer(); s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => res(p)); }); });
    url = `redis://127.0.0.1:${port}`;
    redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: "ignore" });
    await new Promise((r) => setTimeout(r, 500));
    for (let i = 0; i < 2; i++) workers.push(spawn(process.execPath, [bin, "worker", "--queue", url, "--concurrency", "1", "--quiet"], { stdio: "ignore" }));
    await new Promise((r) => setTimeout(r, 2000));
    modes.push({ label: "queue, 2 workers", extra: ["--queue", url], ms: [], flush: true });
  }
  try {
    for (let r = 0; r < rounds; r++) {
      for (const m of modes) {
        if (m.flush) spawnSync("redis-cli", ["-u", url, "flushall"], { stdio: "ignore" });
        m.ms.push(timeRun(m.extra, m.label.replace(/\W+/g, "-")));
      }
    }
  } finally {
    for (const w of workers) w.kill("SIGTERM");
    redis?.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
  const best = (m) => Math.min(...m.ms);
  const base = best(modes[0]);
  const local2 = modes.find((m) => m.label === "workers 2");
  const result = {
    cells,
    rounds,
    modes: modes.map((m) => ({ mode: m.label, bestMs: best(m), scenariosPerSecond: (cells * 1000) / best(m), speedupOverFirst: base / best(m), runsMs: m.ms })),
    ...(values.queue && local2 ? { queueOverhead: best(modes[modes.length - 1]) / best(local2) - 1 } : {}),
    machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, node: process.version },
  };
  if (values.json) process.stdout.write(JSON.stringify(result, null, 2) + "\n");
  else {
    const lines = [`tranche grid, ${cells} scenarios over cwalt-2007-12t1 (13 classes), end to end (process start, deal load, CSV written); best of ${rounds} interleaved rounds`];
    for (const m of result.modes) lines.push(`  ${m.mode.padEnd(17)} ${m.bestMs.toFixed(0).padStart(6)} ms  ${m.scenariosPerSecond.toFixed(0).padStart(5)} scenarios/s  x${m.speedupOverFirst.toFixed(2)} vs ${modes[0].label}`);
    if (result.queueOverhead !== undefined) lines.push(`  queue overhead vs workers 2: ${(result.queueOverhead * 100).toFixed(1)}%`);
    process.stdout.write(lines.join("\n") + "\n");
  }
  return 0;
}
