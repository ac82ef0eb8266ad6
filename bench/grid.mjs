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
 */
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { positiveInt } from "./deal.mjs";

export const SPEEDS_PPC = [25, 50, 100, 150, 200, 300];
export const CDRS = [0, 1, 2, 5, 10];
export const SEVERITIES = [25, 40, 60];

export async function run(argv, context) {
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
