#!/usr/bin/env node
/**
 * Benchmark dispatcher: `npm run bench -- <target> [options]`.
 *
 * Targets are modules in this folder exporting `run(argv, context)`:
 *   loan-level  the engine's loan-level collateral kernel against the C reference kernel
 *               (shared/bench/reference-kernel.c), month-by-month checked   -> loan-level.mjs
 *   deal        a whole deal projection (collateral + waterfall)               -> deal.mjs (hook)
 *   grid        a grid of scenarios over a deal                                -> grid.mjs (hook)
 *
 * A target whose module is not written yet says so. `context` gives the repo root,
 * `ensureBuilt()` (compiles src/ to dist/ when dist/ is missing or older than src/)
 * and `importDist(path)` (imports a compiled module, e.g. "collateral/index.js").
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = dirname(benchDir);

const TARGETS = {
  "loan-level": { file: "loan-level.mjs", about: "loan-level collateral kernel vs the C reference kernel" },
  deal: { file: "deal.mjs", about: "a deal projection, rep-line and loan-level (hook: bench/deal.mjs)" },
  grid: { file: "grid.mjs", about: "a grid of scenarios over a deal (hook: bench/grid.mjs)" },
};

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds dist/ (npm run build) when it is missing or older than any source file. */
export function ensureBuilt() {
  const marker = join(repoRoot, "dist", "collateral", "index.js");
  const stale = !existsSync(marker) || statSync(marker).mtimeMs < newestMtime(join(repoRoot, "src"));
  if (!stale) return;
  process.stderr.write("bench: dist/ is missing or older than src/; building (npm run build)...\n");
  const result = spawnSync("npm", ["run", "--silent", "build"], { cwd: repoRoot, stdio: ["ignore", "inherit", "inherit"] });
  if (!existsSync(marker)) {
    process.stderr.write(`bench: the build did not produce ${marker} (exit ${result.status}); fix the build and retry\n`);
    process.exit(1);
  }
  if (result.status !== 0) process.stderr.write("bench: the build reported errors but emitted dist/; continuing\n");
}

export function importDist(path) {
  return import(pathToFileURL(join(repoRoot, "dist", path)).href);
}

function usage() {
  const lines = ["usage: npm run bench -- <target> [options]", "", "targets:"];
  for (const [name, t] of Object.entries(TARGETS)) lines.push(`  ${name.padEnd(11)} ${t.about}`);
  lines.push("", "e.g. npm run bench -- loan-level --loans 4000 --json");
  return lines.join("\n") + "\n";
}

const [target, ...argv] = process.argv.slice(2);
if (target === undefined || target === "--help" || target === "-h") {
  process.stdout.write(usage());
  process.exit(target === undefined ? 2 : 0);
}
const spec = TARGETS[target];
if (spec === undefined) {
  process.stderr.write(`bench: unknown target "${target}"\n\n${usage()}`);
  process.exit(2);
}
const modulePath = join(benchDir, spec.file);
if (!existsSync(modulePath)) {
  process.stderr.write(`bench: target "${target}" is not implemented yet: add bench/${spec.file} exporting run(argv, context)\n`);
  process.exit(2);
}
const module = await import(pathToFileURL(modulePath).href);
try {
  const code = await module.run(argv, { repoRoot, ensureBuilt, importDist });
  process.exit(typeof code === "number" ? code : 0);
} catch (error) {
  // Bad options (parseArgs, the target's own checks) are the user's to fix: no stack.
  const usageError = error instanceof TypeError && /^ERR_PARSE_ARGS/.test(error.code ?? "");
  if (usageError || error instanceof RangeError) {
    process.stderr.write(`bench ${target}: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}
