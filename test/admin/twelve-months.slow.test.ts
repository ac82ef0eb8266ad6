/**
 * The acceptance run: twelve simulated months of each deal posted from
 * simulator output through the CLI, every statement balancing, and the same
 * files replayed into a fresh store giving byte-identical statements in every
 * format — on SQLite, and on PostgreSQL when TRANCHE_TEST_PG_URL is set.
 */
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Statement } from "../../src/admin/statement/statement.js";
import { DIALECTS } from "../store/support.js";
import { tranche } from "../support/cli.js";

const FORMATS = ["text", "json", "csv", "html", "pdf"] as const;

describe.each(DIALECTS)("twelve months through the CLI on $name", (dialect) => {
  it.each(["cwalt-2007-12t1", "cwalt-2006-hy12"])("%s: posts, balances, and replays byte for byte", async (dealId) => {
    const dir = mkdtempSync(join(tmpdir(), `tranche-12-${dealId}-`));
    const out = join(dir, "remittances");
    expect((await tranche("simulate-servicing", dealId, "--months", "12", "--seed", "1", "--out", out)).code).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(12);

    const render = async (db: string): Promise<Map<string, Buffer | string>> => {
      for (const f of files) {
        const r = await tranche("distribute", dealId, "--remittance", join(out, f), "--db", db, "--quiet");
        expect(r.stderr).toMatch(/revision 1 posted/);
        expect(r.code).toBe(0);
      }
      const rendered = new Map<string, Buffer | string>();
      for (const f of files) {
        const date = f.replace(".json", "");
        for (const format of FORMATS) {
          const target = join(dir, `${db.length}-${date}.${format}`);
          const r = await tranche("statement", dealId, "--date", date, "--format", format, "--db", db, "--out", target);
          expect(r.code).toBe(0);
          rendered.set(`${date}.${format}`, format === "pdf" ? readFileSync(target) : readFileSync(target, "utf8"));
        }
      }
      return rendered;
    };
    const first = await render(dialect.fresh());
    const replay = await render(dialect.fresh());
    for (const [key, value] of first) expect(replay.get(key), key).toEqual(value);

    let cumulativeLoss = 0;
    for (const f of files) {
      const s = JSON.parse(first.get(`${f.replace(".json", "")}.json`) as string) as Statement;
      expect(s.totalSources).toBe(s.totalUses);
      expect(s.balanceCheck.ties).toBe(true);
      cumulativeLoss += s.pool[0].realizedLosses;
      expect(s.cumulativeRealizedLosses).toBe(cumulativeLoss);
    }
  }, 600_000);
});
