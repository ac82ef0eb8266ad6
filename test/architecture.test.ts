/**
 * STYLE.md §9: layers point one way. core ← deal ← collateral ← waterfall ←
 * engine ← admin ← store ← {cli, api}; analytics and rates depend on core only. An upward
 * import fails this test, naming the file and the import.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");

/** What each layer may import (besides itself). */
const allowed: Record<string, readonly string[]> = {
  core: [],
  analytics: ["core"],
  rates: ["core"],
  deal: ["core"],
  collateral: ["core", "deal"],
  waterfall: ["core", "deal", "collateral"],
  engine: ["core", "deal", "collateral", "waterfall", "analytics", "rates"],
  admin: ["core", "deal", "collateral", "waterfall", "engine", "analytics", "rates"],
  store: ["core", "deal", "collateral", "waterfall", "engine", "analytics", "rates", "admin"],
  compute: ["core", "deal", "collateral", "waterfall", "engine", "analytics", "rates"],
  cli: ["core", "deal", "collateral", "waterfall", "engine", "analytics", "rates", "admin", "store", "compute", "api"],
  api: ["core", "deal", "collateral", "waterfall", "engine", "analytics", "rates", "admin", "store", "compute"],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(p) ? [p] : [];
  });
}

const importPattern = /(?:import|export)\s[^'"]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

describe("architecture: layers point one way", () => {
  it("every top-level folder of src/ is a known layer", () => {
    const layers = readdirSync(src).filter((n) => statSync(join(src, n)).isDirectory());
    expect(layers.filter((l) => !(l in allowed))).toEqual([]);
  });

  it("no module imports a layer above its own", () => {
    const violations: string[] = [];
    for (const file of files(src)) {
      const layer = relative(src, file).split(/[\\/]/)[0];
      if (!(layer in allowed)) continue;
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(importPattern)) {
        const spec = m[1] ?? m[2];
        if (!spec.startsWith(".")) continue;
        const target = relative(src, resolve(dirname(file), spec)).split(/[\\/]/)[0];
        if (target === layer || target.startsWith("..")) continue;
        if (!allowed[layer].includes(target)) violations.push(`${relative(root, file)} imports ${spec} (${layer} → ${target})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("the web UI imports no code from src/ (type-only imports are erased at build)", () => {
    let webFiles: string[] = [];
    try {
      webFiles = files(join(root, "web", "src"));
    } catch {
      return;
    }
    const valueImport = /^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+["']([^"']+)["']/gm;
    const violations = webFiles.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(valueImport)]
        .map((m) => m[1])
        .filter((spec) => spec.startsWith(".") && resolve(dirname(file), spec).startsWith(src))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(violations).toEqual([]);
  });
});
