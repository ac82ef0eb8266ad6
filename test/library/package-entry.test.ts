/**
 * `import … from "tranche"`: package.json's entry points name files the build
 * produces (src/X.ts → dist/X.js), and the root module serves an embedding
 * program's first projection and pricing without reaching into the folders.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as tranche from "../../src/index.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const built = (distPath: string, ext: ".js" | ".d.ts") => distPath.replace(/^\.?\/?dist\//, "src/").replace(new RegExp(`\\${ext}$`), ".ts");

describe("the package entry", () => {
  it("main, types and exports['.'] point at the build of src/index.ts", () => {
    expect(existsSync(join(root, built(pkg.main, ".js")))).toBe(true);
    expect(existsSync(join(root, built(pkg.types, ".d.ts")))).toBe(true);
    expect(built(pkg.exports["."].default, ".js")).toBe("src/index.ts");
    expect(built(pkg.exports["."].types, ".d.ts")).toBe("src/index.ts");
    // The README's deep imports stay allowed.
    expect(pkg.exports["./dist/*"]).toBe("./dist/*");
  });

  it("a deal loads, projects and prices from the root module alone", () => {
    const { deal } = tranche.loadDeal("cwalt-2007-12t1");
    const result = tranche.project(deal, tranche.DEFAULT_SCENARIO);
    expect(result.classes["A-3"].wal).toBeGreaterThan(0);
    const analytics = tranche.priceClasses(result, deal, { quotes: [{ classId: "A-3", price: 99.5 }] });
    expect(analytics["A-3"].yield).toBeGreaterThan(0);
    // Standard formulas are there too: 6% CPR is 0.5143012832% SMM (STANDARDS.md §3).
    expect(tranche.cprToSmm(6)).toBeCloseTo(0.5143012832, 9);
  });
});
