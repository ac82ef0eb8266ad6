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

describe("tranche tape import of a workbook", () => {
  it("the same tape typed into a spreadsheet (numbers as numbers, dates as dates) gives the CSV's stratification", async () => {
    const { default: ExcelJS } = await import("exceljs");
    const lines = readFileSync(TAPE, "utf8").trim().split("\n");
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Tape");
    const dateColumns = new Set([7, 14]);
    lines.forEach((line, i) => {
      const cells = line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((c) => c.replace(/,$/, "").replace(/"/g, "")).slice(0, 20);
      if (i === 0) return void sheet.addRow(cells);
      sheet.addRow(
        cells.map((c, j) => {
          if (c === "") return null;
          if (dateColumns.has(j)) {
            const [m, d, y] = c.split("/").map(Number);
            return new Date(Date.UTC(y, m - 1, d));
          }
          const n = Number(c.replace(/,/g, ""));
          return j > 1 && Number.isFinite(n) ? n : c;
        }),
      );
    });
    const dir = mkdtempSync(join(tmpdir(), "tape-xlsx-"));
    const file = join(dir, "servicer-tape.xlsx");
    await book.xlsx.writeFile(file);
    const fromXlsx = await tranche("tape", "import", file, "--map", MAP, "--format", "csv");
    expect(fromXlsx.stderr).toBe("");
    expect(fromXlsx.stdout).toBe((await tranche("tape", "import", TAPE, "--map", MAP, "--format", "csv")).stdout);
  });
});

const DEAL = "examples/own-pool/own-pool-2024-1.yaml";

/** The hand tape's loans with what the first month's level payment needs, read from the file, not by the importer. */
function handLoans(): { upb: number; rate: number; term: number; firstPay: string; io: number }[] {
  const lines = readFileSync(TAPE, "utf8").trim().split("\n").slice(1);
  return lines.map((line) => {
    const c = line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((x) => x.replace(/,$/, "").replace(/"/g, ""));
    return { upb: Number(c[2].replace(/,/g, "")), rate: Number(c[4]), term: Number(c[6]), firstPay: c[7], io: Number(c[15]) };
  });
}

describe("a deal naming a loan tape", () => {
  it("projects the tape loan by loan: month 1 interest and scheduled principal are the loans' own level-pay figures", async () => {
    const r = await tranche("project", DEAL, "--cpr", "0", "--format", "json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const first = JSON.parse(r.stdout).collateral[0];
    const loans = handLoans();
    const cutoff = { y: 2024, m: 6 };
    let interest = 0;
    let principal = 0;
    for (const l of loans) {
      const [mm, , yyyy] = l.firstPay.split("/").map(Number);
      const age = (cutoff.y - yyyy) * 12 + (cutoff.m - mm) + 1;
      const i = l.rate / 1200;
      interest += l.upb * i;
      if (age >= l.io) {
        const n = l.term - age;
        principal += (l.upb * i) / (1 - (1 + i) ** -n) - l.upb * i;
      }
    }
    expect(first.beginBalance).toBeCloseTo(loans.reduce((a, l) => a + l.upb, 0), 6);
    expect(first.interest).toBeCloseTo(interest, 6);
    expect(first.scheduledPrincipal).toBeCloseTo(principal, 6);
  });

  it("validate reads the tape; a tape that disagrees with the rep lines is refused, naming the group and both balances", async () => {
    expect((await tranche("validate", DEAL)).code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), "tape-deal-"));
    const text = readFileSync(DEAL, "utf8").replace("file: tapes/servicer-tape.csv, map: tapes/servicer-tape.map.yaml", `file: short.csv, map: ${join(process.cwd(), MAP)}`);
    writeFileSync(join(dir, "deal.yaml"), text);
    const lines = readFileSync(TAPE, "utf8").trim().split("\n");
    writeFileSync(join(dir, "short.csv"), [...lines.slice(0, -1), lines.at(-1)!.replace(/^200163,2,/, "200163,3,")].join("\n"));
    const r = await tranche("project", join(dir, "deal.yaml"), "--cpr", "10");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(dir, "short.csv")}:31  group: group "3" is not a loan group of own-pool-2024-1 (groups: 1, 2)`);
    expect(r.stderr).toContain("group 2: the tape's loans sum to $4,615,637.70, the deal's rep lines (the Cut-off Date balance) to $4,773,888.03 (difference −$158,250.33)");
    const v = await tranche("validate", join(dir, "deal.yaml"));
    expect(v.code).toBe(1);
  });

  it("tape replines: each group's lines add up to the group's loans to the cent", async () => {
    const r = await tranche("tape", "replines", TAPE, "--map", MAP, "--format", "json", "--rate-step", "0.5");
    expect(r.code).toBe(0);
    const { groups } = JSON.parse(r.stdout);
    const rows = handTape();
    for (const g of groups) {
      const cents = g.repLines.reduce((a: number, l: { statedPrincipalBalance: number }) => a + Math.round(l.statedPrincipalBalance * 100), 0);
      expect(cents).toBe(Math.round(rows.filter((x) => x.pool === g.id).reduce((a, x) => a + x.upb, 0) * 100));
      expect(g.repLines.reduce((a: number, l: { loanCount: number }) => a + l.loanCount, 0)).toBe(rows.filter((x) => x.pool === g.id).length);
    }
  });
});
