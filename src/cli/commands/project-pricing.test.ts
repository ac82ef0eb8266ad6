/** `tranche project --price/--yield` with --effective, --curve and --benchmark, through the CLI. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { tranche } from "../../../test/support/cli.js";

describe("tranche project: effective duration and spreads", () => {
  afterEach(() => vi.restoreAllMocks());

  it("CSV gains the effective and spread columns; the spread to a flat benchmark is (yield − benchmark) × 100", async () => {
    const { code, stdout, stderr } = await tranche("project", "cwalt-2007-12t1", "--price", "A-3=99-16,A-1=100", "--effective", "10", "--benchmark", "4.5", "--format", "csv");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const [header, ...rows] = stdout.trim().split("\n").map((l) => l.split(","));
    expect(header).toEqual([
      "class", "price", "accrued", "full_price", "yield", "mortgage_yield", "avg_life", "Macaulay_dur", "modified_dur", "convexity",
      "effective_duration", "effective_convexity", "effective_shift_bp", "benchmark_yield", "spread_bp", "DM_bp", "coupon", "delay", "settle", "accrual_start",
    ]);
    const col = (row: string[], name: string) => row[header.indexOf(name)];
    expect(rows.map((r) => r[0])).toEqual(["A-3", "A-1"]);
    for (const r of rows) {
      expect(col(r, "effective_shift_bp")).toBe("10");
      // As printed: spread to 0.1 bp, yield to 0.0001% (0.01 bp); the exact identity is in price-classes-effective.test.ts.
      expect(Math.abs(Number(col(r, "spread_bp")) - (Number(col(r, "yield")) - 4.5) * 100)).toBeLessThanOrEqual(0.05 + 0.005 + 1e-9);
    }
    const [a3, a1] = rows;
    expect(Number(col(a3, "effective_duration"))).toBeCloseTo(Number(col(a3, "modified_dur")), 2);
    expect(Math.abs(Number(col(a1, "effective_duration")))).toBeLessThan(0.2);
  });

  it("JSON: analytics carry spread {benchmarkYield, spreadBp} and effectiveDuration/Convexity/ShiftBp; the table says how", async () => {
    const json = await tranche("project", "cwalt-2007-12t1", "--yield", "A-4=6.5", "--effective", "--curve", "1=4.9,2=4.8,5=4.7,10=4.9,30=5.1", "--format", "json");
    const a = JSON.parse(json.stdout).analytics["A-4"];
    expect(a.effectiveShiftBp).toBe(25);
    expect(typeof a.effectiveDuration).toBe("number");
    expect(typeof a.effectiveConvexity).toBe("number");
    expect(Object.keys(a.spread)).toEqual(["benchmarkYield", "spreadBp"]);
    const table = await tranche("project", "cwalt-2007-12t1", "--yield", "A-4=6.5", "--effective", "--benchmark", "4.5");
    expect(table.stdout).toContain("effective: yield and index paths ±25bp, deal re-projected; spread: to the benchmark at the average life");
    expect(table.stdout).toMatch(/effective dur\s+effective cvx\s+shift bp\s+benchmark\s+spread bp/);
  });

  it("names the flag for a bad curve", async () => {
    const { code, stderr } = await tranche("project", "cwalt-2007-12t1", "--price", "A-3=99", "--curve", "ten=4.9");
    expect(code).toBe(2);
    expect(stderr).toMatch(/--curve: "ten=4.9" is not TERM=YIELD/);
  });
});
