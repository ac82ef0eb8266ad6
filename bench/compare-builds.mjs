/**
 * `node bench/compare-builds.mjs DIST_A DIST_B [--rounds 16]`: two builds of the
 * engine (each a `dist/` folder inside this checkout, so `node_modules` resolves)
 * timed in ONE process, rounds interleaved, CPU time per `project()` of rep-line
 * 2007-12T1 at the pricing speed. This machine's speed wanders by up to 2×
 * between processes and between rounds; comparing builds in the same process,
 * round by round, is the least noisy way to see a change of 10–20%.
 *
 * Make a build of an older commit beside the tree:
 *   git archive REV src tsconfig.json tsconfig.build.json package.json | tar -x -C /tmp/old
 *   ln -s "$PWD/node_modules" /tmp/old/node_modules
 *   (cd /tmp/old && npx tsc -p tsconfig.build.json --outDir "$OLDPWD/.bench-ab/old")
 *   node bench/compare-builds.mjs .bench-ab/old dist
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { rounds: { type: "string", default: "16" } } });
if (positionals.length !== 2) {
  process.stderr.write("usage: node bench/compare-builds.mjs DIST_A DIST_B [--rounds 16]\n");
  process.exit(2);
}
const rounds = Number(values.rounds);
const dealFile = resolve(import.meta.dirname ?? new URL(".", import.meta.url).pathname, "../deals/cwalt-2007-12t1.yaml");

async function load(dir) {
  const url = (p) => pathToFileURL(resolve(dir, p)).href;
  const { loadDeal } = await import(url("deal/load-deal.js"));
  const { project } = await import(url("engine/project.js"));
  const { DEFAULT_SCENARIO } = await import(url("core/scenario.js"));
  const { deal } = loadDeal(dealFile);
  let sink = 0;
  return () => {
    sink += project(deal, DEFAULT_SCENARIO).classes["A-3"].wal ?? 0;
    return sink;
  };
}

const builds = [await load(positionals[0]), await load(positionals[1])];
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
for (const f of builds) {
  const until = performance.now() + 1500;
  while (performance.now() < until) f();
}
const times = [[], []];
for (let r = 0; r < rounds; r++) {
  builds.forEach((f, k) => {
    let n = 0;
    const t0 = cpu();
    let t1 = t0;
    while (t1 - t0 < 150) {
      f();
      n++;
      t1 = cpu();
    }
    times[k].push((t1 - t0) / n);
  });
}
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { best: s[0], median: s[s.length >> 1] };
};
const [a, b] = times.map(stats);
process.stdout.write(
  `A ${positionals[0]}: best ${a.best.toFixed(3)} ms, median ${a.median.toFixed(3)} ms\n` +
    `B ${positionals[1]}: best ${b.best.toFixed(3)} ms, median ${b.median.toFixed(3)} ms\n` +
    `B/A: best ${(b.best / a.best).toFixed(3)}, median ${(b.median / a.median).toFixed(3)} (CPU time a projection, ${rounds} interleaved rounds)\n`,
);
