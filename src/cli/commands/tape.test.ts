import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tranche } from "../../../test/support/cli.js";

const TAPE = "examples/own-pool/tapes/servicer-tape.csv";
const MAP = "examples/own-pool/tapes/servicer-tape.map.yaml";

/** The hand-written tape's rows, read independently of the importer (a plain split: the file quotes only the balances). */
function handTape(): { id: string; pool: string; upb: number; rate: number }[] {
  const lines = readFileSync(TAPE, "utf8").trim().split("\n").slice(1);
  return lines.map((line) => {
    const cells = line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, "").replace(/"/g, ""));
    return { id: cells[0], pool: cells[1], upb: Number(cells[2].replace(/,/g, "")), rate: Number(cells[4]) };
  });
}

describe("tranche tape import", () => {
  it("reads the hand-written servicer tape through its map; totals match the file's own sums", async () => {
    const r = await tranche("tape", "import", TAPE, "--map", MAP, "--format", "json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const rows = handTape();
    const total = rows.reduce((a, x) => a + x.upb, 0);
    expect(out.total.loans).toBe(rows.length);
    expect(out.total.balance).toBeCloseTo(total, 6);
    expect(out.total.waRate).toBeCloseTo(rows.reduce((a, x) => a + x.upb * x.rate, 0) / total, 10);
    const groups = out.stratifications.find((s: { name: string }) => s.name === "group").rows;
    expect(groups.map((g: { bucket: string; balance: number }) => [g.bucket, Math.round(g.balance * 100)])).toEqual(
      ["1", "2"].map((p) => [p, Math.round(rows.filter((x) => x.pool === p).reduce((a, x) => a + x.upb, 0) * 100)]),
    );
  });

  it("without the map, names the missing columns and exits 1; writes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tape-cli-"));
    const r = await tranche("tape", "import", TAPE, "--write", join(dir, "out.csv"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${TAPE}:1  missing column currentBalance`);
    expect(existsSync(join(dir, "out.csv"))).toBe(false);
  });

  it("a bad row anywhere: every problem with row and column, nothing written", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tape-cli-"));
    const lines = readFileSync(TAPE, "utf8").split("\n");
    lines[3] = lines[3].replace('"175,904.12"', "n/a");
    lines[6] = lines[6].replace("06/01/2022", "2022-06-01");
    lines[8] = lines[8].replace(/^100277/, "100234");
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, lines.join("\n"));
    const r = await tranche("tape", "import", bad, "--map", MAP, "--write", join(dir, "out.csv"), "--format", "xlsx", "--out", join(dir, "s.xlsx"));
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n").slice(1, 4)).toEqual([
      `${bad}:4  Curr UPB: "n/a" is not a number`,
      `${bad}:7  1st Pmt Date: "2022-06-01" is not a date in MM/DD/YYYY`,
      `${bad}:9  Loan #: duplicate loan id "100234" (first at row 2)`,
    ]);
    expect(existsSync(join(dir, "out.csv"))).toBe(false);
    expect(existsSync(join(dir, "s.xlsx"))).toBe(false);
  });

  it("--write keeps the tape in the standard headings, which read back without a map to the same summary; XLSX summary has a sheet per stratification", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tape-cli-"));
    const canonical = join(dir, "tape.csv");
    const first = await tranche("tape", "import", TAPE, "--map", MAP, "--write", canonical, "--format", "csv");
    expect(first.code).toBe(0);
    const again = await tranche("tape", "import", canonical, "--format", "csv");
    expect(again.stderr).toBe("");
    expect(again.stdout).toBe(first.stdout);
    const x = await tranche("tape", "import", canonical, "--format", "xlsx", "--out", join(dir, "s.xlsx"));
    expect(x.code).toBe(0);
    const { default: ExcelJS } = await import("exceljs");
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, "s.xlsx"));
    expect(book.worksheets.map((w) => w.name)).toEqual(["Summary", "Loan group", "Note rate (%)", "Remaining term (months)", "Product", "Property state", "FICO", "LTV (%)", "Delinquency"]);
  });
});
