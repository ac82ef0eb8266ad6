/** `tranche decrement`, `yield-table` and `breakeven` end to end through the CLI. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { tranche } from "../../../test/support/cli.js";
import { renderBreakevenCsv, renderBreakevenText } from "./breakeven.js";

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { code, stdout, stderr } = await tranche(...args);
  return { code, out: stdout, err: stderr };
}

describe("tranche decrement", () => {
  afterEach(() => vi.restoreAllMocks());

  it("prints the prospectus table with dates, whole percents and WAL", async () => {
    const { code, out } = await run(["decrement", "cwalt-2007-12t1", "--speeds", "0,100", "--class", "A-3"]);
    expect(code).toBe(0);
    expect(out).toContain("Percent of Initial Class Certificate Balance Outstanding");
    expect(out).toMatch(/Initial\s+100\s+100/);
    expect(out).toMatch(/May 25, 2008\s+\d+\s+\d+/);
    expect(out).toMatch(/Weighted Average Life \(years\)\s+\d+\.\d\d\s+\d+\.\d\d/);
  });

  it("JSON and CSV carry the same numbers", async () => {
    const json = JSON.parse((await run(["decrement", "cwalt-2007-12t1", "--speeds", "100", "--class", "PO,X", "--include-notional", "--format", "json"])).out);
    expect(json.classes.map((c: { classId: string }) => c.classId)).toEqual(["PO", "X"]);
    expect(json.classes[1].notional).toBe(true);
    const csv = (await run(["decrement", "cwalt-2007-12t1", "--speeds", "100", "--class", "PO", "--format", "csv"])).out.trim().split("\n");
    expect(csv[0]).toBe("class,notional,row,100% PPC");
    expect(csv[1]).toBe("PO,false,initial,100");
    expect(csv.at(-1)).toBe(`PO,false,wal,${json.classes[0].weightedAverageLife[0].toFixed(2)}`);
  });

  it("bad input names the flag and the problem", async () => {
    const a = await run(["decrement", "cwalt-2007-12t1", "--speeds", "0,fast"]);
    expect(a.code).not.toBe(0);
    expect(a.err).toMatch(/--speeds: "fast" is not a non-negative number/);
    const b = await run(["decrement", "cwalt-2007-12t1", "--ppc", "100"]);
    expect(b.err).toMatch(/--ppc: this command varies the prepayment speed/);
    const c = await run(["decrement", "cwalt-2007-12t1", "--class", "Z"]);
    expect(c.err).toMatch(/no class "Z"/);
    const d = await run(["decrement", "cwalt-2006-hy12", "--unit", "ppc"]);
    expect(d.err).toMatch(/defines no Prepayment Assumption/);
  });
});

describe("tranche yield-table", () => {
  afterEach(() => vi.restoreAllMocks());

  it("prints yields by price and speed, with WAL, duration and principal window", async () => {
    const { code, out } = await run(["yield-table", "cwalt-2007-12t1", "--class", "A-4", "--prices", "99,100", "--speeds", "100,200"]);
    expect(code).toBe(0);
    expect(out).toMatch(/^99\.000\s+\d\.\d{3}\s+\d\.\d{3}$/m);
    expect(out).toMatch(/^WAL \(years\)/m);
    expect(out).toMatch(/^Mod dur @ 99\.000/m);
    expect(out).toMatch(/^First principal\s+2007-05-25/m);
  });

  it("CSV rows per speed and price; JSON round-trips a price table", async () => {
    const csv = (await run(["yield-table", "cwalt-2007-12t1", "--class", "A-1", "--prices", "100", "--speeds", "100", "--format", "csv"])).out.trim().split("\n");
    expect(csv).toHaveLength(2);
    const y = Number(csv[1].split(",")[3]);
    const json = JSON.parse((await run(["yield-table", "cwalt-2007-12t1", "--class", "A-1", "--yields", String(y), "--speeds", "100", "--format", "json"])).out);
    expect(json.rows[0].cells[0].price).toBeCloseTo(100, 5);
  });

  it("needs --class and exactly one of --prices and --yields", async () => {
    expect((await run(["yield-table", "cwalt-2007-12t1", "--prices", "100"])).err).toMatch(/--class/);
    expect((await run(["yield-table", "cwalt-2007-12t1", "--class", "A-4"])).err).toMatch(/--prices .* or --yields/);
    expect((await run(["yield-table", "cwalt-2007-12t1", "--class", "A-4", "--prices", "99-40"])).err).toMatch(/not a price/);
  });
});

describe("tranche yield-table --curve/--benchmark/--effective", () => {
  afterEach(() => vi.restoreAllMocks());

  /** The curve 6m=5.1,2=4.8,10=4.9 read by hand: linear between its points, flat beyond. */
  const byHand = (wal: number) => (wal <= 0.5 ? 5.1 : wal <= 2 ? 5.1 - (0.3 * (wal - 0.5)) / 1.5 : wal <= 10 ? 4.8 + (0.1 * (wal - 2)) / 8 : 4.9);

  it("JSON: every cell's spread at its average life on the curve; a fixed-rate class's effective duration is its modified duration", async () => {
    const { code, out, err } = await run([
      "yield-table", "cwalt-2007-12t1", "--class", "A-4", "--prices", "98,100,102", "--speeds", "0,100,400",
      "--curve", "6m=5.1,2=4.8,10=4.9", "--effective", "10", "--format", "json",
    ]);
    expect(err).toBe("");
    expect(code).toBe(0);
    const json = JSON.parse(out);
    const wals = json.bySpeed.map((s: { averageLife: number }) => s.averageLife);
    expect(wals.some((w: number) => w > 2 && w < 10)).toBe(true); // the curve's interpolated part is exercised
    for (const row of json.rows) {
      row.cells.forEach((cell: { yield: number; averageLife: number; modifiedDuration: number; effectiveDuration: number; effectiveShiftBp: number; spread: { benchmarkYield: number; spreadBp: number } }, j: number) => {
        expect(cell.averageLife).toBe(wals[j]);
        expect(cell.spread.benchmarkYield).toBeCloseTo(byHand(cell.averageLife), 12);
        expect(cell.spread.spreadBp).toBeCloseTo((cell.yield - byHand(cell.averageLife)) * 100, 9);
        expect(cell.effectiveShiftBp).toBe(10);
        // No rate-dependent prepayments: shifting the index paths leaves a fixed-rate class's flows as they were,
        // so only the central difference's O(Δ²) term separates the two (at 0 PPC, WAL 19.5: 6e-4 at ±10bp, 3.7e-3 at ±25bp).
        expect(Math.abs(cell.effectiveDuration - cell.modifiedDuration)).toBeLessThan(2e-3);
      });
    }
  });

  it("CSV: effective and spread columns on every row; the spread to a flat benchmark is (yield − benchmark) × 100", async () => {
    const { code, out } = await run(["yield-table", "cwalt-2007-12t1", "--class", "A-4", "--prices", "99-16,101", "--speeds", "100,300", "--benchmark", "4.5", "--effective", "10", "--format", "csv"]);
    expect(code).toBe(0);
    const [header, ...rows] = out.trim().split("\n").map((l) => l.split(","));
    expect(header).toEqual([
      "speed", "unit", "price", "yield", "mortgage_yield", "accrued", "average_life", "modified_duration", "convexity",
      "effective_duration", "effective_convexity", "effective_shift_bp", "benchmark_yield", "spread_bp",
      "discount_margin_bp", "first_principal", "last_principal",
    ]);
    expect(rows).toHaveLength(4);
    const col = (row: string[], name: string) => Number(row[header.indexOf(name)]);
    for (const r of rows) {
      expect(col(r, "benchmark_yield")).toBe(4.5);
      expect(col(r, "effective_shift_bp")).toBe(10);
      // As printed: yield to 1e-6 % (1e-4 bp), spread to 0.01 bp.
      expect(Math.abs(col(r, "spread_bp") - (col(r, "yield") - 4.5) * 100)).toBeLessThanOrEqual(0.005 + 1e-4 + 1e-9);
      expect(Math.abs(col(r, "effective_duration") - col(r, "modified_duration"))).toBeLessThan(2e-3);
    }
    // Without the flags, the columns are not there.
    const plain = (await run(["yield-table", "cwalt-2007-12t1", "--class", "A-4", "--prices", "100", "--speeds", "100", "--format", "csv"])).out;
    expect(plain.split("\n")[0]).not.toMatch(/spread|effective/);
  });

  it("table: effective rows at the reference price under Mod dur, then the spread block by price", async () => {
    const { code, out } = await run(["yield-table", "cwalt-2007-12t1", "--class", "A-4", "--prices", "99,100", "--speeds", "100,200", "--benchmark", "4.5", "--effective"]);
    expect(code).toBe(0);
    expect(out).toContain("Spread: (yield − benchmark) in bp, to a flat benchmark of 4.500% read at each speed's average life");
    expect(out).toContain("yield and every index path shifted ±25bp");
    const line = (label: RegExp) => out.split("\n").find((l) => label.test(l))!;
    const numbers = (l: string) => l.trim().split(/\s{2,}/).slice(1).map(Number);
    const mod = numbers(line(/^Mod dur @ 99\.000/));
    const eff = numbers(line(/^Eff dur @ 99\.000 \(±25bp\)/));
    expect(eff).toHaveLength(2);
    eff.forEach((e, j) => expect(Math.abs(e - mod[j])).toBeLessThanOrEqual(0.01 + 1e-9));
    expect(line(/^Eff cvx @ 99\.000/)).toBeDefined();
    const lines = out.split("\n");
    const block = lines.findIndex((l) => l.startsWith("Spread (bp) by price"));
    expect(block).toBeGreaterThan(lines.findIndex((l) => l.startsWith("Last principal")));
    expect(numbers(lines[block + 1])).toEqual([4.5, 4.5]);
    const yields = numbers(lines.find((l) => l.startsWith("99.000 "))!);
    const spreads = numbers(lines[block + 2]);
    expect(lines[block + 2]).toMatch(/^99\.000 /);
    spreads.forEach((s, j) => expect(Math.abs(s - (yields[j] - 4.5) * 100)).toBeLessThanOrEqual(0.05 + 0.05 + 1e-9)); // spread to 0.1 bp, yield to 0.001%
  });

  it("bad values name the flag, as project's do", async () => {
    const base = ["yield-table", "cwalt-2007-12t1", "--class", "A-4", "--prices", "99", "--speeds", "100"];
    const cases: [string[], RegExp][] = [
      [["--benchmark", "4.5%"], /--benchmark: "4\.5%" is not a yield in percent/],
      [["--curve", "ten=4.9"], /--curve: "ten=4\.9" is not TERM=YIELD/],
      [["--curve", "2=4.8,2=4.9"], /--curve: curve has two points at term 2/],
      [["--curve", "2=4.8", "--benchmark", "4.5"], /give --curve or --benchmark, not both/],
      [["--effective", "0"], /--effective: expected a shift in basis points above 0 and at most 500, got "0"/],
      [["--effective", "fast"], /--effective: .*got "fast"/],
    ];
    for (const [flags, message] of cases) {
      const { code, err } = await run([...base, ...flags]);
      expect(code).toBe(2);
      expect(err).toMatch(message);
    }
  });
});

describe("tranche breakeven", () => {
  afterEach(() => vi.restoreAllMocks());

  it("finds the CDR to 0.01 with the default 40% severity and 12-month lag; JSON and CSV agree", async () => {
    const json = JSON.parse((await run(["breakeven", "cwalt-2007-12t1", "--class", "M", "--format", "json"])).out);
    expect(json.scenario.severity).toEqual([40]);
    expect(json.scenario.recoveryLag).toBe(12);
    expect(json.scenario.prepayment).toEqual({ unit: "ppc", values: [100] });
    expect(json.breakevenCdr).toBeGreaterThan(0);
    expect(json.highestCdrWithoutLoss).toBeCloseTo(json.breakevenCdr - 0.01, 10);
    expect(json.loss.totalWritedown).toBeGreaterThanOrEqual(1);
    // The CSV of the same result (rendered directly: a second search would double the test's time).
    const csv = renderBreakevenCsv(json).trim().split("\n");
    expect(csv[0].split(",")[6]).toBe("breakeven_cdr");
    expect(csv[1].split(",")[6]).toBe(json.breakevenCdr.toFixed(2));
    expect(renderBreakevenText(json)).toContain(`Breakeven CDR:      ${json.breakevenCdr.toFixed(2)}`);
  });

  it("refuses a default rate flag and a notional class", async () => {
    expect((await run(["breakeven", "cwalt-2007-12t1", "--class", "M", "--cdr", "2"])).err).toMatch(/searches the CDR itself/);
    expect((await run(["breakeven", "cwalt-2007-12t1", "--class", "X"])).err).toMatch(/notional class/);
  });
});
