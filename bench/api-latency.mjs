#!/usr/bin/env node
/**
 * API latency: starts `tranche serve`'s server on loopback (compiled dist/, 2
 * compute workers), sends a bounded number of projection requests with varied
 * scenarios over HTTP, a few at a time, checks every answer, stops the server
 * and prints p50/p90/p99/max latency and throughput.
 *
 *   npm run build && node bench/api-latency.mjs [--requests 1000] [--concurrency 4] [--deal cwalt-2007-12t1]
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const serverModule = join(root, "dist", "api", "server.js");

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = process.argv[i + 1];
  if (v === undefined) throw new Error(`--${name} needs a value`);
  return v;
}

function positiveInt(text, what, max) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    process.stderr.write(`api-latency: --${what} must be a whole number from 1 to ${max}, not "${text}"\n`);
    process.exit(2);
  }
  return n;
}

const requests = positiveInt(option("requests", "1000"), "requests", 100_000);
const concurrency = positiveInt(option("concurrency", "4"), "concurrency", 256);
const dealId = option("deal", "cwalt-2007-12t1");

if (!existsSync(serverModule)) {
  process.stderr.write(`api-latency: ${serverModule} is missing; run npm run build first\n`);
  process.exit(2);
}
const { buildServer } = await import(pathToFileURL(serverModule).href);

/** Scenario i of the run: speeds, defaults, severities and lags vary; every 4th exercises the call. */
function scenarioText(i) {
  const speed = 50 + (i % 11) * 25;
  const cdr = (i % 7) * 0.5;
  const sev = 25 + (i % 5) * 5;
  const lag = i % 13;
  return `${speed} PPC, ${cdr} CDR, ${sev} sev, ${lag} lag${i % 4 === 0 ? ", call" : ""}`;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

const tmp = mkdtempSync(join(tmpdir(), "tranche-bench-"));
const app = await buildServer({ webRoot: null, workers: 2, token: "", store: join(tmp, "bench.db"), runTimeoutMs: 120_000, maxQueue: 1024 });
await app.listen({ port: 0, host: "127.0.0.1" });
const { port } = app.server.address();
const url = `http://127.0.0.1:${port}/api/deals/${dealId}/projection`;

async function one(i) {
  const t0 = performance.now();
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ scenario: scenarioText(i) }),
  });
  const text = await res.text();
  const body = JSON.parse(text);
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`request ${i} (${scenarioText(i)}): HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  if (!Array.isArray(body.collateral) || body.collateral.length === 0) throw new Error(`request ${i}: no collateral rows in the answer`);
  return { ms, bytes: text.length };
}

let exitCode = 0;
try {
  // Warm-up: each worker loads the deal and the engine once (not timed).
  await Promise.all([one(0), one(1)]);
  const latencies = [];
  let bytes = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const i = next++;
        const r = await one(i);
        latencies.push(r.ms);
        bytes += r.bytes;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const f = (x) => x.toFixed(1).padStart(8);
  process.stdout.write(
    [
      `api-latency: ${requests} projections of ${dealId} over HTTP on loopback, ${concurrency} in flight, 2 compute workers`,
      `  p50 ${f(percentile(latencies, 50))} ms`,
      `  p90 ${f(percentile(latencies, 90))} ms`,
      `  p99 ${f(percentile(latencies, 99))} ms`,
      `  max ${f(latencies[latencies.length - 1])} ms`,
      `  throughput ${(requests / seconds).toFixed(1)} projections/s, ${(bytes / requests / 1024).toFixed(0)} KiB per answer, ${seconds.toFixed(1)} s total`,
      "",
    ].join("\n"),
  );
} catch (error) {
  process.stderr.write(`api-latency: ${error.message}\n`);
  exitCode = 1;
} finally {
  await app.close();
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(exitCode);
