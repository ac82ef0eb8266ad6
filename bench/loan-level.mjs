/**
 * `npm run bench -- loan-level [--loans 4000] [--reps 20] [--rounds 5] [--json] [--min-ratio 0.25]`
 *
 * Runs the reference tape of shared/bench/README.md through the engine's real
 * loan-level collateral kernel (`projectCollateral` from dist/, the code every
 * projection runs), checks its month-by-month sums against the reference kernel's
 * (a line-by-line JavaScript transcription of reference-kernel.c, and the C
 * program's own checksum), then times both in the same run and prints
 * {loanMonthsPerSecond, referenceLoanMonthsPerSecond, ratio, checksum}.
 *
 * The reference's conventions, expressed as engine assumptions: 8% CPR and 2% CDR
 * (12-month conversion), 35% severity, lag 0 (loss and recovery at default), and
 * interest = (performing − new defaults) × rate, which is the SF "actual interest",
 * i.e. a run without advancing. Fees 0.
 *
 * Timing: JS and C rounds are interleaved (the machine may be shared); each side's
 * best round is its figure, the median is reported too. Loan-months = loans × 360 ×
 * repetitions, as the C program counts them.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { REFERENCE_CHECKSUM_4000, REFERENCE_MONTHS, referenceKernelSums, referenceLoan } from "./reference-tape.mjs";

const ASSUMPTIONS = {
  prepayment: { unit: "cpr", values: [8] },
  default: { unit: "cdr", values: [2] },
  severity: [35],
  recoveryLag: 0,
  advancing: false,
  indices: {},
};

export async function run(argv, context) {
  const { values } = parseArgs({
    args: argv,
    options: {
      loans: { type: "string", default: "4000" },
      reps: { type: "string", default: "20" },
      rounds: { type: "string", default: "5" },
      json: { type: "boolean", default: false },
      "min-ratio": { type: "string" },
    },
    strict: true,
  });
  const loans = positiveInt(values.loans, "--loans");
  const reps = positiveInt(values.reps, "--reps");
  const rounds = positiveInt(values.rounds, "--rounds");
  const log = (s) => process.stderr.write(s + "\n");

  context.ensureBuilt();
  const { loanTapeFromRecords, projectCollateral } = await context.importDist("collateral/index.js");

  const records = [];
  for (let i = 0; i < loans; i++) {
    const l = referenceLoan(i);
    records.push({ id: `B-${String(i + 1).padStart(6, "0")}`, groupId: "1", balance: l.balance, mortgageRate: l.rate, feeRate: 0, originalTerm: 360, age: 360 - l.remainingTerm, remainingTerm: l.remainingTerm });
  }
  const tape = loanTapeFromRecords(records);
  const project = () => projectCollateral(tape, ASSUMPTIONS, { periods: REFERENCE_MONTHS });

  // 1. Correctness: month by month against the reference kernel's sums.
  const flows = project().groups[0];
  const ref = referenceKernelSums(loans);
  const problems = [];
  let checksum = 0;
  let referenceChecksum = 0;
  const pairs = [
    ["scheduled principal", flows.scheduledPrincipal, ref.scheduled],
    ["prepayments", flows.prepayments, ref.prepayments],
    ["interest", flows.interest, ref.interest],
    ["realized loss", flows.realizedLoss, ref.loss],
    ["recovery", flows.liquidationPrincipal, ref.recovery],
  ];
  for (let t = 0; t < REFERENCE_MONTHS; t++) {
    checksum += flows.scheduledPrincipal[t] + flows.prepayments[t] + flows.interest[t];
    referenceChecksum += ref.scheduled[t] + ref.prepayments[t] + ref.interest[t];
    for (const [name, engine, reference] of pairs) {
      const tolerance = Math.max(1e-9 * Math.abs(reference[t]), 1e-6);
      if (!(Math.abs(engine[t] - reference[t]) <= tolerance)) problems.push(`month ${t + 1} ${name}: engine ${engine[t]} vs reference ${reference[t]}`);
    }
  }
  if (loans === 4000 && !(Math.abs(checksum / REFERENCE_CHECKSUM_4000 - 1) <= 1e-6)) {
    problems.push(`checksum ${checksum.toFixed(2)} vs the published ${REFERENCE_CHECKSUM_4000} (1e-6 relative)`);
  }

  // 2. The C reference kernel, compiled here.
  const reference = compileReference(context.repoRoot, log);

  // 3. Timing, interleaved.
  const warmUntil = performance.now() + 1500;
  for (let k = 0; k < 20 || performance.now() < warmUntil; k++) project();
  const engineRates = [];
  const referenceRates = [];
  let cChecksum = null;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let k = 0; k < reps; k++) project();
    const seconds = (performance.now() - t0) / 1000;
    engineRates.push((loans * REFERENCE_MONTHS * reps) / seconds);
    if (reference.binary) {
      const out = runReference(reference.binary, loans, reps);
      if (out.error) {
        log(`bench: reference kernel failed: ${out.error}`);
        reference.binary = null;
      } else {
        referenceRates.push(out.loanMonthsPerSecond);
        cChecksum = out.checksum / reps;
      }
    }
  }
  if (reference.dir) rmSync(reference.dir, { recursive: true, force: true });
  if (cChecksum !== null && !(Math.abs(checksum / cChecksum - 1) <= 1e-6)) {
    problems.push(`checksum ${checksum.toFixed(2)} vs the C kernel's ${cChecksum.toFixed(2)} (1e-6 relative)`);
  }

  const best = (xs) => (xs.length ? Math.max(...xs) : null);
  const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : null);
  const loanMonthsPerSecond = best(engineRates);
  const referenceLoanMonthsPerSecond = best(referenceRates);
  const ratio = referenceLoanMonthsPerSecond ? loanMonthsPerSecond / referenceLoanMonthsPerSecond : null;
  const result = {
    loanMonthsPerSecond,
    referenceLoanMonthsPerSecond,
    ratio,
    checksum: Math.round(checksum * 100) / 100,
    check: problems.length === 0 ? "ok" : "FAILED",
    referenceChecksum: Math.round(referenceChecksum * 100) / 100,
    cReferenceChecksum: cChecksum === null ? null : Math.round(cChecksum * 100) / 100,
    medianLoanMonthsPerSecond: median(engineRates),
    medianReferenceLoanMonthsPerSecond: median(referenceRates),
    medianRatio: referenceRates.length ? median(engineRates) / median(referenceRates) : null,
    loans,
    months: REFERENCE_MONTHS,
    reps,
    rounds,
    machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, node: process.version, cc: reference.compiler },
  };

  if (values.json) process.stdout.write(JSON.stringify(result, null, 2) + "\n");
  else {
    const f = (x) => (x === null ? "n/a" : x.toExponential(3));
    process.stdout.write(
      [
        `loan-level kernel, ${loans} loans × ${REFERENCE_MONTHS} months × ${reps} reps, best of ${rounds} rounds`,
        `  engine     ${f(loanMonthsPerSecond)} loan-months/s (median ${f(result.medianLoanMonthsPerSecond)})`,
        `  reference  ${f(referenceLoanMonthsPerSecond)} loan-months/s (median ${f(result.medianReferenceLoanMonthsPerSecond)})  [C, cc -O3 -march=native]`,
        `  ratio      ${ratio === null ? "n/a" : ratio.toFixed(3)} (median ${result.medianRatio === null ? "n/a" : result.medianRatio.toFixed(3)}; target ≥ 0.25)`,
        `  checksum   ${result.checksum.toFixed(2)} (scheduled + prepayments + interest, one repetition)`,
        `  check      ${result.check}: month by month against the reference kernel${loans === 4000 ? ", and the published 845,706,987.39" : ""}`,
        "",
      ].join("\n"),
    );
  }
  for (const p of problems.slice(0, 20)) log(`bench: ${p}`);
  if (problems.length) return 1;
  if (values["min-ratio"] !== undefined && ratio !== null && ratio < Number(values["min-ratio"])) {
    log(`bench: ratio ${ratio.toFixed(3)} is below --min-ratio ${values["min-ratio"]}`);
    return 1;
  }
  return 0;
}

function positiveInt(text, option) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${option}: expected a positive whole number, got "${text}"`);
  return n;
}

/** Finds shared/bench/reference-kernel.c (TRANCHE_SHARED_DIR, else ../shared beside the repo) and compiles it. */
function compileReference(repoRoot, log) {
  const candidates = [process.env.TRANCHE_SHARED_DIR, resolve(repoRoot, "..", "shared")].filter(Boolean).map((d) => join(d, "bench", "reference-kernel.c"));
  const source = candidates.find((p) => existsSync(p));
  if (source === undefined) {
    log(`bench: reference kernel not found (looked at ${candidates.join(", ")}); set TRANCHE_SHARED_DIR to the shared/ folder. Timing the engine only.`);
    return { binary: null, dir: null, compiler: null };
  }
  const cc = process.env.CC || "cc";
  const version = spawnSync(cc, ["--version"], { encoding: "utf8" });
  const compiler = version.status === 0 ? version.stdout.split("\n")[0] : null;
  const dir = mkdtempSync(join(tmpdir(), "tranche-bench-"));
  const binary = join(dir, "reference-kernel");
  const build = spawnSync(cc, ["-O3", "-march=native", "-o", binary, source, "-lm"], { encoding: "utf8" });
  if (build.status !== 0) {
    log(`bench: could not compile ${source} with "${cc} -O3 -march=native" (${build.error?.message ?? build.stderr.trim()}). Timing the engine only.`);
    rmSync(dir, { recursive: true, force: true });
    return { binary: null, dir: null, compiler };
  }
  return { binary, dir, compiler: `${compiler} (${source})` };
}

function runReference(binary, loans, reps) {
  const out = spawnSync(binary, [String(loans), String(reps)], { encoding: "utf8" });
  if (out.status !== 0) return { error: out.stderr || `exit ${out.status}` };
  const rate = /loan_months_per_s=([0-9.e+-]+)/.exec(out.stdout);
  const chk = /chk=([0-9.e+-]+)/.exec(out.stdout);
  if (!rate || !chk) return { error: `unexpected output: ${out.stdout.trim()}` };
  return { loanMonthsPerSecond: Number(rate[1]), checksum: Number(chk[1]) };
}
