import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { tranche } from "../support/cli.js";
import { readRemittance } from "../../src/admin/remittance/read.js";
import { totalsOf } from "../../src/admin/remittance/totals.js";
import { remittanceToJson } from "../../src/admin/remittance/write.js";

describe("tranche simulate-servicing, distribute, statement, history, reconcile", () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "tranche-cli-"));
    db = join(dir, "store", "t.db");
  });
  afterEach(() => vi.restoreAllMocks());

  it("simulates, posts, refuses bad files with nothing written, and prints statements in every format", async () => {
    const sim = await tranche("simulate-servicing", "cwalt-2007-12t1", "--months", "3", "--seed", "4", "--out", join(dir, "rem"));
    expect(sim.code).toBe(0);
    expect(readdirSync(join(dir, "rem")).sort()).toEqual(["2007-05-25.json", "2007-06-25.json", "2007-07-25.json"]);
    const file = (d: string) => join(dir, "rem", `${d}.json`);

    const first = await tranche("distribute", "cwalt-2007-12t1", "--remittance", file("2007-05-25"), "--db", db);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^STATEMENT TO CERTIFICATEHOLDERS \(PSA §4\.06\)\nAlternative Loan Trust 2007-12T1, Distribution Date 2007-05-25/);
    expect(first.stderr).toMatch(/cwalt-2007-12t1 2007-05-25 revision 1 posted: posting 1/);

    const again = await tranche("distribute", "cwalt-2007-12t1", "--remittance", file("2007-05-25"), "--db", db);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/remittance rejected \(1 problem\); nothing was posted:\n.*2007-05-25\.json {2}this remittance .* was already posted: posting 1/);

    const skip = await tranche("distribute", "cwalt-2007-12t1", "--remittance", file("2007-07-25"), "--db", db);
    expect(skip.code).toBe(1);
    expect(skip.stderr).toMatch(/2007-07-25\.json:5 {2}header\.distributionDate: date out of order: the last posted Distribution Date is 2007-05-25, so the next one to post is 2007-06-25, not 2007-07-25/);

    // A loan dropped from June's file (totals re-tied): the missing loan is named.
    const june = readRemittance("june.json", readFileSync(file("2007-06-25"), "utf8")).remittance;
    const dropped = june.loans[7];
    const loans = june.loans.filter((_, i) => i !== 7);
    const missing = join(dir, "missing.json");
    writeFileSync(missing, remittanceToJson({ ...june, loans, header: { ...june.header, totals: totalsOf(loans) } }));
    const miss = await tranche("distribute", "cwalt-2007-12t1", "--remittance", missing, "--db", db);
    expect(miss.code).toBe(1);
    expect(miss.stderr).toContain(`loans: missing loan: ${dropped.loanId} (group 1, Stated Principal Balance`);

    const history0 = await tranche("history", "cwalt-2007-12t1", "--db", db, "--format", "json");
    expect(JSON.parse(history0.stdout)).toHaveLength(1);

    expect((await tranche("distribute", "cwalt-2007-12t1", "--remittance", file("2007-06-25"), file("2007-07-25"), "--db", db, "--quiet")).code).toBe(0);
    const history = await tranche("history", "cwalt-2007-12t1", "--db", db);
    expect(history.stdout.split("\n").filter((l) => /^\d+ /.test(l))).toHaveLength(3);

    const json = await tranche("statement", "cwalt-2007-12t1", "--date", "2007-06-25", "--format", "json", "--db", db);
    const statement = JSON.parse(json.stdout);
    expect(statement.totalSources).toBe(statement.totalUses);
    const csv = await tranche("statement", "cwalt-2007-12t1", "--date", "2007-06-25", "--format", "csv", "--db", db);
    expect(csv.stdout).toMatch(/^Distribution summary\nItem,Value\n/);
    const html = await tranche("statement", "cwalt-2007-12t1", "--date", "2007-06-25", "--format", "html", "--db", db);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    const pdf = join(dir, "s.pdf");
    expect((await tranche("statement", "cwalt-2007-12t1", "--date", "2007-06-25", "--format", "pdf", "--out", pdf, "--db", db)).code).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
    const none = await tranche("statement", "cwalt-2007-12t1", "--date", "2007-09-25", "--db", db);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no posting for 2007-09-25 \(posted dates: 2007-05-25, 2007-06-25, 2007-07-25\)/);

    const rec = await tranche("reconcile", "cwalt-2007-12t1", "--from", "2007-06-25", "--db", db);
    expect(rec.code).toBe(0);
    expect(rec.stdout).toMatch(/posted 2007-06-25 to 2007-07-25 against a projection/);
    expect(existsSync(join(dir, "store", "t.db"))).toBe(true);
  }, 60_000);
});
