import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tranche } from "../../test/support/cli.js";
import { loadDeal } from "../deal/load-deal.js";
import { parseDailySeries } from "../engine/libor-fixings.js";
import { historyIndexPath } from "../engine/libor-history.js";

const series = (file: string) => parseDailySeries(readFileSync(`data/libor/${file}`, "utf8"), file);

describe("tranche project on the published LIBOR", () => {
  it("--libor history, --scenario \"… LIBOR history\" and --index NAME=history give the same path", async () => {
    const deal = loadDeal("cwalt-2006-hy12").deal;
    const expected = historyIndexPath(deal, "LIBOR_1Y", series("USD12MD156N-daily.csv"), [6]).values;
    for (const args of [["--libor", "history,6"], ["--scenario", "25 CPR, LIBOR history,6"], ["--index", "LIBOR_1Y=history,6"]]) {
      const r = await tranche("project", "cwalt-2006-hy12", ...args, "--format", "json");
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.scenario.indices.LIBOR_1Y.values, args.join(" ")).toEqual(expected);
      expect(out.scenario.prepayment).toEqual({ unit: "cpr", values: [25] }); // the deal's pricing speed, also under --scenario text
      if (args[0] === "--libor") {
        // Once per deal, index and continuation: where the published fixings stop and what follows.
        const first = expected.findIndex((_, k) => expected.slice(k).every((v) => v === 6)) + 1;
        expect(r.stderr).toBe(`note: cwalt-2006-hy12 LIBOR_1Y follows the published fixings, the fixing 45 days before each ARM Change Date, for periods 1 to ${first - 1}; from period ${first} (Change Date 2018-02-01, past the series' end 2017-11-24) the given vector 6\n`);
      }
    }
  });

  it("a scenario file takes `libor: history,VECTOR` and `indices: {NAME: history}`", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tranche-libor-"));
    try {
      const deal = loadDeal("cwalt-2007-12t1").deal;
      const expected = historyIndexPath(deal, "LIBOR_1M", series("USD1MTD156N-daily.csv"), [3]).values;
      writeFileSync(join(dir, "a.yaml"), "ppc: 150\nlibor: history,3\n");
      writeFileSync(join(dir, "b.yaml"), "ppc: 150\nindices: {LIBOR_1M: \"history,3\"}\n");
      for (const f of ["a.yaml", "b.yaml"]) {
        const r = await tranche("project", "cwalt-2007-12t1", "--scenario", join(dir, f), "--format", "json");
        expect(r.code, r.stderr).toBe(0);
        expect(JSON.parse(r.stdout).scenario.indices.LIBOR_1M.values, f).toEqual(expected);
      }
      writeFileSync(join(dir, "c.yaml"), "indices: {LIBOR_1M: \"history,zz\"}\n");
      const bad = await tranche("project", "cwalt-2007-12t1", "--scenario", join(dir, "c.yaml"));
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain(`${join(dir, "c.yaml")}: indices.LIBOR_1M history,VECTOR: "zz" is not a number or NUMBERxCOUNT`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("bad input names the flag and the problem", async () => {
    const bad = await tranche("project", "cwalt-2007-12t1", "--libor", "history,xx");
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--libor history,VECTOR: "xx" is not a number or NUMBERxCOUNT/);
    const notRead = await tranche("project", "cwalt-2007-12t1", "--index", "LIBOR_1Y=history");
    expect(notRead.code).not.toBe(0);
    expect(notRead.stderr).toMatch(/--index LIBOR_1Y history: LIBOR_1Y is not read by this deal/);
    const text = await tranche("project", "cwalt-2007-12t1", "--scenario", "LIBOR history,100 PPC");
    expect(text.code).not.toBe(0);
    expect(text.stderr).toMatch(/put a space after the comma/);
  });
});
