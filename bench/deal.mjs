/**
 * `npm run bench -- deal [--deal cwalt-2007-12t1] [--seconds 5] [--rounds 5] [--loan-level] [--json]`
 *
 * Whole-deal projections: `project(deal, scenario)` (collateral + waterfall +
 * result assembly, from dist/) of rep-line 2007-12T1 at the pricing speed (the
 * default scenario: 100 PPC, no defaults), run back to back for a fixed time;
 * each run reads every class's WAL (what a pricing or grid run reads; the
 * figures are in columns, see src/engine/result-columns.ts). In the same run:
 * the same projection with every row of the result built (`classes[id].flows`,
 * `collateral`, `tests`: what JSON output or a UI reads), and the collateral-only
 * projection (`projectCollateralFor`, what every `project()` starts with), so
 * the waterfall's share is visible. Rounds of the first and the last are
 * interleaved (the machine may be shared), the row-building rounds follow them;
 * each side's best round is its figure, the median is reported too.
 *
 * Prints {runsPerSecond, msPerRun, withRowsMsPerRun, collateralMsPerRun,
 * waterfallMsPerRun, waterfallShare, ...}; `checksum` (Σ principal paid to the
 * classes, one run) shows the projections did the work.
 *
 * `--batch 1,64,1024`: scenario lanes. For each batch size B, `projectBatch(deal,
 * B scenarios)` timed beside `project()` over the same B scenarios one at a time
 * (today's path), rounds interleaved in the same process; each reads every
 * class's WAL of every result. The scenarios cycle through a fixed mix (PPC
 * 50–300 × CDR 0/2/8 × severity 30–60%, 12-month lag, LIBOR 4–8%), so lanes branch
 * apart (depletion in some, the corridor in the money in some); any 56 consecutive
 * scenarios have distinct collateral, so no lane set shares a collateral projection. Figures are
 * scenario-runs per second per core: scenarios ÷ CPU seconds of the process (one
 * thread; `process.cpuUsage`, so other jobs on a shared machine do not count),
 * with wall-clock runs/s beside them, and the ratio batch ÷ project() of the
 * same run. The batch's results are checked equal to project()'s (every class's
 * Σ principal and WAL) before timing.
 */
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";

export async function run(argv, context) {
  const { values } = parseArgs({
    args: argv,
    options: {
      deal: { type: "string", default: "cwalt-2007-12t1" },
      seconds: { type: "string", default: "5" },
      rounds: { type: "string", default: "5" },
      "loan-level": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      batch: { type: "string" },
    },
    strict: true,
  });
  if (values.batch !== undefined) return runBatches(values, context);
  const seconds = positiveNumber(values.seconds, "--seconds");
  const rounds = positiveInt(values.rounds, "--rounds");
  const loanLevel = values["loan-level"];

  context.ensureBuilt();
  const { loadDeal } = await context.importDist("deal/load-deal.js");
  const { project, projectCollateralFor } = await context.importDist("engine/project.js");
  const { DEFAULT_SCENARIO } = await context.importDist("core/scenario.js");
  const { deal } = loadDeal(values.deal);
  const scenario = DEFAULT_SCENARIO;

  let sink = 0;
  const full = () => {
    const r = project(deal, scenario, { loanLevel });
    for (const id in r.classes) sink += r.classes[id].wal ?? 0;
  };
  const withRows = () => {
    const r = project(deal, scenario, { loanLevel });
    for (const id in r.classes) sink += r.classes[id].flows.length;
    sink += r.collateral.length + r.tests.length;
  };
  const collateralOnly = () => {
    const f = projectCollateralFor(deal, scenario, loanLevel);
    sink += f.periods;
  };
  const checksum = principalPaid(project(deal, scenario, { loanLevel }));

  // Warm up both (JIT), then interleave timed rounds of equal length.
  const warmUntil = performance.now() + 1000;
  while (performance.now() < warmUntil) {
    full();
    collateralOnly();
  }
  const roundMs = (seconds * 1000) / rounds;
  const fullMs = [];
  const withRowsMs = [];
  const collateralMs = [];
  for (let r = 0; r < rounds; r++) {
    fullMs.push(timeRound(full, roundMs));
    collateralMs.push(timeRound(collateralOnly, roundMs / 2));
  }
  // After the others: building every row allocates thousands of objects, whose
  // collection would otherwise land in the rounds above.
  const rowsWarmUntil = performance.now() + 500;
  while (performance.now() < rowsWarmUntil) withRows();
  for (let r = 0; r < rounds; r++) withRowsMs.push(timeRound(withRows, roundMs / 2));
  const best = (xs) => Math.min(...xs);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const msPerRun = best(fullMs);
  const collateralMsPerRun = best(collateralMs);
  const waterfallMsPerRun = Math.max(0, msPerRun - collateralMsPerRun);
  const result = {
    deal: values.deal,
    tape: loanLevel ? "loan-level" : "rep-line",
    scenario: "pricing speed (100 PPC, no defaults)",
    runsPerSecond: 1000 / msPerRun,
    msPerRun,
    withRowsMsPerRun: best(withRowsMs),
    collateralMsPerRun,
    waterfallMsPerRun,
    waterfallShare: waterfallMsPerRun / msPerRun,
    medianMsPerRun: median(fullMs),
    medianCollateralMsPerRun: median(collateralMs),
    checksum: Math.round(checksum * 100) / 100,
    seconds,
    rounds,
    machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, node: process.version },
  };
  if (sink < 0) process.stderr.write("");
  if (values.json) process.stdout.write(JSON.stringify(result, null, 2) + "\n");
  else {
    const ms = (x) => `${x.toFixed(3)} ms`;
    process.stdout.write(
      [
        `${values.deal} ${result.tape}, ${result.scenario}: best of ${rounds} rounds (${seconds} s of full projections)`,
        `  project()        ${ms(msPerRun)} a run, ${result.runsPerSecond.toFixed(0)} runs/s (median ${ms(result.medianMsPerRun)})`,
        `  with every row   ${ms(result.withRowsMsPerRun)} a run (classes' flows, collateral and tests rows built)`,
        `  collateral only  ${ms(collateralMsPerRun)} a run (median ${ms(result.medianCollateralMsPerRun)})`,
        `  waterfall + result assembly  ${ms(waterfallMsPerRun)} (${(100 * result.waterfallShare).toFixed(0)}% of a run)`,
        `  checksum         ${result.checksum.toFixed(2)} (Σ principal paid to the classes, one run)`,
        "",
      ].join("\n"),
    );
  }
  return 0;
}

/** The scenario mix of `--batch`: the i-th scenario of a batch. */
export function batchScenario(DEFAULT_SCENARIO, i) {
  const speeds = [50, 100, 150, 200, 300, 75, 125, 250];
  const cdrs = [0, 2, 8];
  const libors = [4, 5.32, 6.5, 8];
  return {
    ...DEFAULT_SCENARIO,
    prepayment: { unit: "ppc", values: [speeds[i % speeds.length]] },
    default: { unit: "cdr", values: [cdrs[Math.floor(i / speeds.length) % cdrs.length]] },
    severity: [30 + (i % 7) * 5],
    recoveryLag: 12,
    indices: { LIBOR_1M: { values: [libors[Math.floor(i / (speeds.length * cdrs.length)) % libors.length]] } },
  };
}

async function runBatches(values, context) {
  const sizes = values.batch.split(",").map((x) => positiveInt(x.trim(), "--batch"));
  const seconds = positiveNumber(values.seconds, "--seconds");
  const rounds = positiveInt(values.rounds, "--rounds");
  const loanLevel = values["loan-level"];
  context.ensureBuilt();
  const { loadDeal } = await context.importDist("deal/load-deal.js");
  const { project } = await context.importDist("engine/project.js");
  const { projectBatch } = await context.importDist("engine/project-batch.js");
  const { DEFAULT_SCENARIO } = await context.importDist("core/scenario.js");
  const { deal } = loadDeal(values.deal);
  if (values.deal !== "cwalt-2007-12t1") throw new RangeError("--batch: the scenario mix is written for cwalt-2007-12t1");
  let sink = 0;
  const rows = [];
  for (const size of sizes) {
    const scenarios = Array.from({ length: size }, (_, i) => batchScenario(DEFAULT_SCENARIO, i));
    checkBatch(deal, scenarios, project, projectBatch, loanLevel, size);
    const viaProject = () => {
      for (const scenario of scenarios) {
        const r = project(deal, scenario, { loanLevel });
        for (const id in r.classes) sink += r.classes[id].wal ?? 0;
      }
    };
    const viaBatch = () => {
      for (const r of projectBatch(deal, scenarios, { loanLevel })) for (const id in r.classes) sink += r.classes[id].wal ?? 0;
    };
    const warmUntil = performance.now() + 500;
    while (performance.now() < warmUntil) {
      viaBatch();
      viaProject();
    }
    const roundMs = (seconds * 1000) / rounds / 2;
    const projectRounds = [];
    const batchRounds = [];
    for (let r = 0; r < rounds; r++) {
      batchRounds.push(timeCpuRound(viaBatch, roundMs));
      projectRounds.push(timeCpuRound(viaProject, roundMs));
    }
    const bestBy = (xs, key) => xs.reduce((a, b) => (b[key] < a[key] ? b : a));
    const b = bestBy(batchRounds, "cpuMs");
    const p = bestBy(projectRounds, "cpuMs");
    rows.push({
      batch: size,
      batchRunsPerCpuSecond: (1000 * size) / b.cpuMs,
      projectRunsPerCpuSecond: (1000 * size) / p.cpuMs,
      ratio: p.cpuMs / b.cpuMs,
      batchRunsPerSecondWall: (1000 * size) / bestBy(batchRounds, "wallMs").wallMs,
      projectRunsPerSecondWall: (1000 * size) / bestBy(projectRounds, "wallMs").wallMs,
      batchMsPerScenario: b.cpuMs / size,
      projectMsPerScenario: p.cpuMs / size,
    });
  }
  const result = {
    deal: values.deal,
    tape: loanLevel ? "loan-level" : "rep-line",
    scenarios: "PPC 50-300 x CDR 0/2/8 x severity 30-60%, 12-month lag, LIBOR 4-8%, cycled",
    target: "≥ 5,000 runs/s per core at batch 1,024; batch 1 no slower than project()",
    rows,
    rounds,
    seconds,
    loadAverage: loadavg(),
    machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, node: process.version },
  };
  if (sink < 0) process.stderr.write("");
  if (values.json) process.stdout.write(JSON.stringify(result, null, 2) + "\n");
  else {
    const lines = [
      `${values.deal} ${result.tape}, ${result.scenarios}: best of ${rounds} interleaved rounds; runs/s per core = scenarios / CPU s`,
      `  ${"batch".padStart(6)} ${"projectBatch".padStart(13)} ${"project()".padStart(11)} ${"ratio".padStart(6)} ${"ms/scenario".padStart(12)}   wall runs/s (batch, project)`,
    ];
    for (const r of rows) {
      lines.push(
        `  ${String(r.batch).padStart(6)} ${r.batchRunsPerCpuSecond.toFixed(0).padStart(13)} ${r.projectRunsPerCpuSecond.toFixed(0).padStart(11)} ${r.ratio.toFixed(2).padStart(6)} ${r.batchMsPerScenario.toFixed(3).padStart(12)}   ${r.batchRunsPerSecondWall.toFixed(0)}, ${r.projectRunsPerSecondWall.toFixed(0)}`,
      );
    }
    lines.push(`  load average ${result.loadAverage.map((x) => x.toFixed(2)).join(" ")} (${result.machine.cores} cores, ${result.machine.cpu}, Node ${result.machine.node})`, "");
    process.stdout.write(lines.join("\n"));
  }
  return 0;
}

/** The batch's results are those of project(), scenario by scenario (its own scope: nothing of it stays reachable while timing). */
function checkBatch(deal, scenarios, project, projectBatch, loanLevel, size) {
  const batch = projectBatch(deal, scenarios, { loanLevel });
  scenarios.forEach((scenario, s) => {
    const alone = project(deal, scenario, { loanLevel });
    for (const id in alone.classes) {
      const a = alone.classes[id];
      const b = batch[s].classes[id];
      if (a.wal !== b.wal || Math.abs(principalOf(a) - principalOf(b)) > 0.005) throw new Error(`--batch ${size}: lane ${s} class ${id} differs from project()`);
    }
  });
}

function principalOf(c) {
  let s = 0;
  for (const f of c.flows) s += f.principal;
  return s;
}

/** Runs `f` back to back for about `ms` milliseconds of CPU time; returns CPU and wall milliseconds per call. */
export function timeCpuRound(f, ms) {
  let n = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let cpu = 0;
  while (cpu < ms) {
    f();
    n++;
    const c = process.cpuUsage(c0);
    cpu = (c.user + c.system) / 1000;
  }
  return { cpuMs: cpu / n, wallMs: (performance.now() - t0) / n };
}

/** Runs `f` back to back for about `ms` milliseconds; returns milliseconds per call. */
export function timeRound(f, ms) {
  let n = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < ms) {
    f();
    n++;
    t = performance.now();
  }
  return (t - t0) / n;
}

export function principalPaid(result) {
  let s = 0;
  for (const c of Object.values(result.classes)) for (const f of c.flows) s += f.principal;
  return s;
}

export function positiveInt(text, option) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${option}: expected a positive whole number, got "${text}"`);
  return n;
}

export function positiveNumber(text, option) {
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new RangeError(`${option}: expected a positive number, got "${text}"`);
  return n;
}
