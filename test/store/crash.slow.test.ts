/**
 * kill -9 at random moments of a posting (no test hook): whenever the child
 * dies, the store holds either everything of the posting or nothing of it —
 * never a posting without its statement, snapshot or ledger — and the next post
 * goes through. On SQLite, and on PostgreSQL when TRANCHE_TEST_PG_URL is set.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.js";
import { postRemittances } from "../../src/store/post-remittance.js";
import { ledgerOf, livePostings, statementFor } from "../../src/store/postings.js";
import { DIALECTS, fixture, LOANS_PER_REP_LINE, rowCounts } from "./support.js";

const fx = await fixture(8);

describe.each(DIALECTS)("random kill -9 while posting on $name", (dialect) => {
  it("leaves the store before or after each posting, never between", async () => {
    const location = dialect.fresh();
    const dir = mkdtempSync(join(tmpdir(), "tranche-crash-"));
    const outcomes = { before: 0, after: 0 };
    let next = 0;
    for (let attempt = 0; attempt < 10 && next < fx.files.length; attempt++) {
      const file = join(dir, fx.files[next].name);
      writeFileSync(file, fx.files[next].text);
      const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "fixtures", "post-child.ts"), location, file, String(LOANS_PER_REP_LINE)], { stdio: "ignore" });
      const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
      // Child start-up takes about a second; kill somewhere from before the transaction to after the commit.
      await new Promise((r) => setTimeout(r, 600 + Math.random() * 1400));
      child.kill("SIGKILL");
      await exited;
      const store = await openStore(location);
      try {
        const live = await livePostings(store.db, fx.deal.id);
        const counts = await rowCounts(store);
        expect(counts.statements).toBe(counts.postings);
        expect(counts.snapshots).toBe(counts.postings);
        if (live.length === next + 1) {
          outcomes.after++;
          const posting = live[next];
          const statement = JSON.parse((await statementFor(store.db, fx.deal.id, posting.distributionDate))!.body);
          const ledger = await ledgerOf(store.db, posting.id);
          const cash = ledger.filter((e) => e.from.startsWith("availableFunds:") && !e.to.startsWith("availableFunds:")).reduce((s, e) => s + e.amount, 0);
          expect(cash).toBe(statement.pool[0].availableFunds);
          next++;
        } else {
          expect(live).toHaveLength(next);
          outcomes.before++;
        }
      } finally {
        await store.close();
      }
    }
    // The store is usable afterwards: post what is left in-process.
    const store = await openStore(location);
    try {
      await postRemittances(store, { deal: fx.deal, loans: fx.loans, files: fx.files.slice(next) });
      expect(await livePostings(store.db, fx.deal.id)).toHaveLength(fx.files.length);
    } finally {
      await store.close();
    }
    expect(outcomes.before + outcomes.after).toBeGreaterThan(0);
  }, 300_000);
});
