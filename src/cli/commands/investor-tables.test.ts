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
