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
 */
import { cpus } from "node:os";
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
    },
    strict: true,
  });
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
