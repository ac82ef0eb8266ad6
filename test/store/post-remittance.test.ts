import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { RemittanceError } from "../../src/admin/remittance/problems.js";
import { remittanceToJson } from "../../src/admin/remittance/write.js";
import type { Remittance } from "../../src/admin/remittance/schema.js";
import { openStore, resolveStoreLocation } from "../../src/store/open-store.js";
import { postRemittances } from "../../src/store/post-remittance.js";
import { ledgerOf, livePostings, postingHistory, statementFor } from "../../src/store/postings.js";
import { DIALECTS, fixture, LOANS_PER_REP_LINE, rowCounts, withFreshStore } from "./support.js";

const fx = await fixture(4);
const post = (store: Parameters<typeof postRemittances>[0], files: typeof fx.files) => postRemittances(store, { deal: fx.deal, loans: fx.loans, files });

/** A copy of a remittance with one loan's interest collected raised by `delta` cents (totals kept tied). */
function withInterest(r: Remittance, delta: number): Remittance {
  const k = r.loans.findIndex((l) => l.interestCollected > 0);
  const loans = r.loans.map((l, i) => (i === k ? { ...l, interestCollected: (l.interestCollected + delta) as never } : l));
  return { ...r, loans, header: { ...r.header, totals: { ...r.header.totals, interestCollected: (r.header.totals.interestCollected + delta) as never } } };
}

async function expectRefused(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RemittanceError);
  expect((error as Error).message).toMatch(message);
}

describe.each(DIALECTS)("the store on $name", (dialect) => {
  it("posts Distribution Dates in order, one transaction each, and keeps statements, ledger and state", async () => {
    await withFreshStore(dialect, async (store) => {
      const posted = await post(store, fx.files.slice(0, 2));
      expect(posted.map((p) => [p.distributionDate, p.revision, p.origin])).toEqual([
        ["2007-05-25", 1, "remittance"],
        ["2007-06-25", 1, "remittance"],
      ]);
      const stored = await statementFor(store.db, fx.deal.id, "2007-06-25");
      expect(JSON.parse(stored!.body)).toEqual(posted[1].statement);
      const ledger = await ledgerOf(store.db, posted[1].postingId);
      const cash = ledger.filter((e) => e.from.startsWith("availableFunds:") && !e.to.startsWith("availableFunds:")).reduce((s, e) => s + e.amount, 0);
      expect(cash).toBe(posted[1].statement.pool[0].availableFunds);
      expect(await rowCounts(store)).toEqual({ postings: 2, ledger_entries: expect.any(Number), statements: 2, snapshots: 2, remittances: 2 });
    });
  });

  it("refuses the same remittance twice, and writes nothing", async () => {
    await withFreshStore(dialect, async (store) => {
      await post(store, fx.files.slice(0, 2));
      const before = await rowCounts(store);
      await expectRefused(post(store, [fx.files[1]]), /was already posted: posting 2, 2007-06-25 revision 1 \(posted\); a duplicate is refused/);
      await expectRefused(post(store, [fx.files[2], fx.files[2]]), /the same remittance is given twice in this call/);
      expect(await rowCounts(store)).toEqual(before);
    });
  });

  it("refuses a date out of order and a bad file, and writes nothing", async () => {
    await withFreshStore(dialect, async (store) => {
      await post(store, [fx.files[0]]);
      const before = await rowCounts(store);
      await expectRefused(post(store, [fx.files[2]]), /date out of order: the last posted Distribution Date is 2007-05-25, so the next one to post is 2007-06-25, not 2007-07-25/);
      const bad = fx.files[1].text.replace(/"loanCount": (\d+)/, (_m, n) => `"loanCount": ${Number(n) + 1}`);
      await expectRefused(post(store, [{ name: "bad.json", text: bad }]), /bad.json:\d+ {2}header.totals.loanCount: states \d+ loans but the file has \d+ loan rows/);
      // A good file then a bad one in the same call: neither is posted.
      await expectRefused(post(store, [fx.files[1], { name: "bad.json", text: bad }]), /loanCount/);
      expect(await rowCounts(store)).toEqual(before);
    });
  });

  it("restates a posted date: the correction supersedes (never overwrites) it and later dates are re-derived", async () => {
    await withFreshStore(dialect, async (store) => {
      const original = await post(store, fx.files.slice(0, 3));
      const corrected = remittanceToJson(withInterest(fx.remittances[1], 10_000));
      const restated = await post(store, [{ name: "2007-06-25-corrected.json", text: corrected }]);
      expect(restated.map((p) => [p.distributionDate, p.revision, p.origin, p.supersededId])).toEqual([
        ["2007-06-25", 2, "remittance", original[1].postingId],
        ["2007-07-25", 2, "cascade", original[2].postingId],
      ]);
      const history = await postingHistory(store.db, fx.deal.id);
      expect(history.map((p) => [p.distributionDate, p.revision, p.status])).toEqual([
        ["2007-05-25", 1, "posted"],
        ["2007-06-25", 1, "superseded"],
        ["2007-06-25", 2, "posted"],
        ["2007-07-25", 1, "superseded"],
        ["2007-07-25", 2, "posted"],
      ]);
      // The superseded statement is kept byte for byte; the live one carries the $100.00 more interest.
      const old = await statementFor(store.db, fx.deal.id, "2007-06-25", 1);
      expect(JSON.parse(old!.body)).toEqual(original[1].statement);
      const live = JSON.parse((await statementFor(store.db, fx.deal.id, "2007-06-25"))!.body);
      expect(live.revision).toBe(2);
      expect(live.pool[0].interestCollected).toBe(original[1].statement.pool[0].interestCollected + 10_000);
      expect(live.totalSources).toBe(original[1].statement.totalSources + 10_000);
      // Posting continues after the restated dates.
      const next = await post(store, [fx.files[3]]);
      expect(next[0]).toMatchObject({ distributionDate: "2007-08-27", revision: 1 });
    });
  });

  it("refuses a restatement whose later dates no longer validate, unless their corrections come in the same call", async () => {
    await withFreshStore(dialect, async (store) => {
      await post(store, fx.files.slice(0, 3));
      const before = await rowCounts(store);
      // Move $10.00 of one loan's June balance from scheduled principal to curtailment... and $0.01 more: its July row no longer ties.
      const june = fx.remittances[1];
      const k = june.loans.findIndex((l) => l.endingBalance > 100 && l.payoff === 0 && !l.liquidated);
      const bump = (r: Remittance, i: number, f: (l: Remittance["loans"][number]) => Remittance["loans"][number]): Remittance => {
        const loans = r.loans.map((l, j) => (j === i ? f(l) : l));
        const totals = { ...r.header.totals };
        for (const key of ["endingBalance", "curtailment", "beginningBalance"] as const) totals[key] = loans.reduce((s, l) => s + l[key], 0) as never;
        return { ...r, loans, header: { ...r.header, totals } };
      };
      const juneFixed = bump(june, k, (l) => ({ ...l, curtailment: (l.curtailment + 1) as never, endingBalance: (l.endingBalance - 1) as never }));
      const id = june.loans[k].loanId;
      await expectRefused(
        post(store, [{ name: "june.json", text: remittanceToJson(juneFixed) }]),
        new RegExp(`restating 2007-06-25 changes the figures the posted 2007-07-25 remittance was checked against[\\s\\S]*loans\\[${id}\\]\\.beginningBalance: .* does not tie`),
      );
      expect(await rowCounts(store)).toEqual(before);
      const july = fx.remittances[2];
      const j = july.loans.findIndex((l) => l.loanId === id);
      const julyFixed = bump(july, j, (l) => ({ ...l, beginningBalance: (l.beginningBalance - 1) as never, endingBalance: (l.endingBalance - 1) as never }));
      const done = await post(store, [
        { name: "june.json", text: remittanceToJson(juneFixed) },
        { name: "july.json", text: remittanceToJson(julyFixed) },
      ]);
      expect(done.map((p) => [p.distributionDate, p.revision, p.origin])).toEqual([
        ["2007-06-25", 2, "remittance"],
        ["2007-07-25", 2, "remittance"],
      ]);
    });
  });

  it("keeps the ledger, statements and snapshots append-only", async () => {
    await withFreshStore(dialect, async (store) => {
      await post(store, [fx.files[0]]);
      await expect(sql`update ledger_entries set amount_cents = 0`.execute(store.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from ledger_entries`.execute(store.db)).rejects.toThrow(/append-only/);
      await expect(sql`update statements set body = '{}'`.execute(store.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from snapshots`.execute(store.db)).rejects.toThrow(/append-only/);
    });
  });

  it("gives byte-identical statements when the same files are replayed into a fresh store", async () => {
    const bodies = async (): Promise<string[]> =>
      withFreshStore(dialect, async (store) => {
        for (const f of fx.files) await post(store, [f]);
        const live = await livePostings(store.db, fx.deal.id);
        return Promise.all(live.map(async (p) => (await statementFor(store.db, fx.deal.id, p.distributionDate))!.body));
      });
    const first = await bodies();
    expect(first).toHaveLength(4);
    expect(await bodies()).toEqual(first);
  });

  it("survives kill -9 inside the posting transaction: the store is as before, and posting resumes", async () => {
    await withFreshStore(dialect, async (store, location) => {
      await post(store, [fx.files[0]]);
      const before = await rowCounts(store);
      const dir = mkdtempSync(join(tmpdir(), "tranche-kill-"));
      const file = join(dir, "2007-06-25.json");
      writeFileSync(file, fx.files[1].text);
      const marker = join(dir, "in-transaction");
      const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "fixtures", "post-child.ts"), location, file, String(LOANS_PER_REP_LINE)], {
        env: { ...process.env, TRANCHE_TEST_PAUSE_BEFORE_COMMIT_MS: "60000", TRANCHE_TEST_PAUSE_MARKER: marker },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
      const deadline = Date.now() + 30_000;
      while (!existsSync(marker)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the child never reached the transaction's end: ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      // Inside the transaction, every row is written but not committed: another connection sees none of it.
      expect(await rowCounts(store)).toEqual(before);
      child.kill("SIGKILL");
      expect(await exited).toEqual({ code: null, signal: "SIGKILL" });

      const reopened = await openStore(location);
      try {
        expect(await rowCounts(reopened)).toEqual(before);
        expect((await livePostings(reopened.db, fx.deal.id)).map((p) => p.distributionDate)).toEqual(["2007-05-25"]);
        const resumed = await post(reopened, [fx.files[1]]);
        expect(resumed[0]).toMatchObject({ distributionDate: "2007-06-25", revision: 1 });
      } finally {
        await reopened.close();
      }
    });
  }, 60_000);
});

describe("store location", () => {
  it("takes --db, else TRANCHE_DB, else .tranche/tranche.db under the working directory", () => {
    expect(resolveStoreLocation("x/y.db", {}, "/w")).toBe("/w/x/y.db");
    expect(resolveStoreLocation(undefined, { TRANCHE_DB: "/abs/t.db" }, "/w")).toBe("/abs/t.db");
    expect(resolveStoreLocation(undefined, {}, "/w")).toBe("/w/.tranche/tranche.db");
    expect(resolveStoreLocation("postgres://u:p@h/db", {}, "/w")).toBe("postgres://u:p@h/db");
  });
});
