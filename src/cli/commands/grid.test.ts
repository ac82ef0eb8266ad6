import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDeal } from "../../deal/load-deal.js";
import { project } from "../../engine/project.js";
import { priceClasses } from "../../engine/price-classes.js";
import { scenarioFromFlags } from "../scenario-options.js";
import { tranche } from "../../../test/support/cli.js";

const dir = mkdtempSync(join(tmpdir(), "tranche-grid-"));

function csvRows(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trimEnd().split("\n");
  const cols = head.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i], v])));
}

describe("tranche grid", () => {
  it("gives one row per (scenario, class) in grid order, each the deal projected alone at that scenario", async () => {
    const r = await tranche("grid", "cwalt-2007-12t1", "--cpr", "5,20", "--cdr", "0,8", "--severity", "40", "--lag", "12", "--class", "A-4,B-1", "--price", "B-1=90", "--format", "csv", "--workers", "1");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const rows = csvRows(r.stdout);
    expect(rows.map((x) => [x.scenario, x.cpr, x.cdr, x.class])).toEqual([
      ["1", "5", "0", "A-4"], ["1", "5", "0", "B-1"], ["2", "5", "8", "A-4"], ["2", "5", "8", "B-1"],
      ["3", "20", "0", "A-4"], ["3", "20", "0", "B-1"], ["4", "20", "8", "A-4"], ["4", "20", "8", "B-1"],
    ]);
    const { deal } = loadDeal("cwalt-2007-12t1");
    for (const row of rows) {
      const scenario = scenarioFromFlags({ cpr: row.cpr, cdr: row.cdr, severity: "40", lag: "12" }, deal);
      const result = project(deal, scenario);
      const c = result.classes[row.class];
      const sum = (k: "principal" | "interest" | "writedown") => c.flows.reduce((s, f) => s + f[k], 0);
      expect(row.principal).toBe(sum("principal").toFixed(2));
      expect(row.interest).toBe(sum("interest").toFixed(2));
      expect(row.writedown).toBe(sum("writedown").toFixed(2));
      expect(row.loss_pct).toBe(((sum("writedown") / c.initialBalance) * 100).toFixed(6));
      expect(row.wal).toBe(c.wal === null ? "" : c.wal.toFixed(4));
      const first = c.flows.find((f) => f.writedown >= 0.005);
      expect(row.first_writedown_period).toBe(first ? String(first.period) : "");
      expect(row.depletion_period).toBe(result.depletionPeriod === null ? "" : String(result.depletionPeriod));
      if (row.class === "B-1") expect(row.yield).toBe(priceClasses(result, deal, { quotes: [{ classId: "B-1", price: 90 }] })["B-1"].yield.toFixed(6));
      else expect(row.yield).toBe("");
    }
    // the stress writes B-1 down
    expect(Number(rows[3].loss_pct)).toBeGreaterThan(50);
  });

  it("the same rows from two worker threads and small chunks as from one thread; .jsonl and .xlsx carry the same rows", async () => {
    const args = ["grid", "cwalt-2007-12t1", "cwalt-2006-hy12", "--cpr", "10,30", "--cdr", "0,4", "--severity", "40", "--lag", "12", "--quiet"];
    const one = await tranche(...args, "--out", join(dir, "one.csv"), "--workers", "1");
    expect(one.code, one.stderr).toBe(0);
    const two = await tranche(...args, "--out", join(dir, "two.csv"), "--workers", "2", "--chunk", "1");
    expect(two.code, two.stderr).toBe(0);
    const a = readFileSync(join(dir, "one.csv"), "utf8");
    expect(readFileSync(join(dir, "two.csv"), "utf8")).toBe(a);
    const rows = csvRows(a);
    const hy = loadDeal("cwalt-2006-hy12").deal;
    expect(rows.filter((r) => r.deal === "cwalt-2006-hy12").length).toBe(4 * hy.classes.length);

    expect((await tranche(...args, "--out", join(dir, "g.jsonl"), "--workers", "1")).code).toBe(0);
    const json = readFileSync(join(dir, "g.jsonl"), "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(json.length).toBe(rows.length);
    expect(json.map((j) => (j.writedown as number).toFixed(2))).toEqual(rows.map((r) => r.writedown));

    expect((await tranche(...args, "--out", join(dir, "g.xlsx"), "--workers", "1")).code).toBe(0);
    const { default: ExcelJS } = await import("exceljs");
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, "g.xlsx"));
    expect(book.worksheets.map((s) => s.name)).toEqual(["cwalt-2007-12t1", "cwalt-2006-hy12"]);
    const sheet = book.getWorksheet("cwalt-2006-hy12")!;
    expect(sheet.rowCount).toBe(1 + 4 * hy.classes.length);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const wd = header.indexOf("writedown") + 1;
    const fromSheet = Array.from({ length: sheet.rowCount - 1 }, (_, i) => Number(sheet.getRow(i + 2).getCell(wd).value).toFixed(2));
    expect(fromSheet).toEqual(rows.filter((r) => r.deal === "cwalt-2006-hy12").map((r) => r.writedown));
  });

  it("--scenarios CSV: a scenario a row, the same rows as the equivalent lists", async () => {
    const file = join(dir, "s.csv");
    writeFileSync(file, "cpr,cdr,severity,lag\n10,0,40,12\n10,4,40,12\n30,0,40,12\n30,4,40,12\n");
    const fromFile = await tranche("grid", "cwalt-2007-12t1", "--scenarios", file, "--class", "B-1", "--format", "csv", "--workers", "1");
    const fromLists = await tranche("grid", "cwalt-2007-12t1", "--cpr", "10,30", "--cdr", "0,4", "--severity", "40", "--lag", "12", "--class", "B-1", "--format", "csv", "--workers", "1");
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(fromFile.stdout).toBe(fromLists.stdout);
  });

  it("bad input: an unknown CSV column, a bad value (by line), a deal that does not validate; non-zero exit and nothing at --out", async () => {
    const out = join(dir, "never.csv");
    const unknown = join(dir, "unknown.csv");
    writeFileSync(unknown, "cpr,cdrr\n10,2\n");
    let r = await tranche("grid", "cwalt-2007-12t1", "--scenarios", unknown, "--out", out);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`${unknown}:1: unknown column "cdrr"`);

    const badValue = join(dir, "bad-value.csv");
    writeFileSync(badValue, "cpr,cdr\n10,2\n\n10,abc\n");
    r = await tranche("grid", "cwalt-2007-12t1", "--scenarios", badValue, "--out", out);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(new RegExp(`${badValue.replace(/[.]/g, "\\.")}:4: .*cdr`));

    r = await tranche("grid", "test/fixtures/deals/missing-field.yaml", "--cpr", "10", "--out", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("missing-field.yaml");

    r = await tranche("grid", "cwalt-2007-12t1", "--cpr", "10,x", "--out", out);
    expect(r.stderr).toContain('--cpr "10,x": "x" is not a number');

    r = await tranche("grid", "cwalt-2007-12t1", "--cpr", "10", "--class", "Z-9", "--out", out);
    expect(r.stderr).toContain('has no class "Z-9"');

    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes(".tmp"))).toEqual([]);
  });
});

describe("tranche grid on a deal with its own loan tape", () => {
  it("ships the tape's loans with the work: worker threads give the rows of one thread, and the rows of tranche project", async () => {
    const deal = "examples/own-pool/own-pool-2024-1.yaml";
    const args = ["grid", deal, "--cpr", "5,25", "--cdr", "0,6", "--severity", "35", "--lag", "6", "--format", "csv", "--quiet"];
    const one = await tranche(...args, "--workers", "1");
    expect(one.code, one.stderr).toBe(0);
    const two = await tranche(...args, "--workers", "2", "--chunk", "1");
    expect(two.stdout).toBe(one.stdout);
    const rows = csvRows(one.stdout);
    const p = await tranche("project", deal, "--cpr", "25", "--cdr", "6", "--severity", "35", "--lag", "6", "--format", "json");
    expect(p.code, p.stderr).toBe(0);
    const result = JSON.parse(p.stdout) as { classes: Record<string, { flows: { writedown: number; principal: number }[] }> };
    for (const row of rows.filter((r) => r.cpr === "25" && r.cdr === "6")) {
      const flows = result.classes[row.class].flows;
      expect(row.principal).toBe(flows.reduce((s, f) => s + f.principal, 0).toFixed(2));
      expect(row.writedown).toBe(flows.reduce((s, f) => s + f.writedown, 0).toFixed(2));
    }
  });
});
