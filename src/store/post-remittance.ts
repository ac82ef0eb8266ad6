/**
 * Posting remittances: each file is read and checked, distributed from the
 * stored trust state, and written — posting, ledger entries, statement, trust
 * state snapshot and the file itself — in ONE transaction with every other file
 * of the same call. Any problem rolls everything back: nothing already stored
 * is lost or half-written.
 *
 * Rules:
 * - Distribution Dates are posted in order: the next date after the last live
 *   posting (the deal's first Distribution Date for an empty store), or
 * - a restatement of a date already posted: a corrected remittance creates a new
 *   posting (revision + 1) that supersedes the earlier one, which stays in the
 *   store marked superseded. Every later live date is then re-derived from its
 *   own remittance (or from a corrected file for it given in the same call) on
 *   top of the corrected state, as a restatement of its own.
 * - The same remittance (same SHA-256) is never posted twice.
 */
import { createHash } from "node:crypto";
import type { Transaction } from "kysely";
import type { Deal, Rule } from "../deal/schema.js";
import { distributionDate } from "../engine/schedule.js";
import { initialTrustState, serializeTrustState, type TrustState } from "../admin/distribution/trust-state.js";
import { runDistribution, type Distribution } from "../admin/distribution/run-distribution.js";
import type { TrustLoans } from "../admin/loans/trust-loans.js";
import { RemittanceError } from "../admin/remittance/problems.js";
import { readRemittance, type ReadRemittance } from "../admin/remittance/read.js";
import type { Statement } from "../admin/statement/statement.js";
import type { Database } from "./database.js";
import type { Store } from "./open-store.js";
import { livePostings, postingsWithHash, remittanceText, trustStateAfter, type Posting } from "./postings.js";
import { pauseBeforeCommitForTests } from "./test-hooks.js";

export interface RemittanceFile {
  readonly name: string;
  readonly text: string;
}

export interface PostInput {
  readonly deal: Deal;
  readonly loans: TrustLoans;
  /** Posted in this order, all in one transaction. */
  readonly files: readonly RemittanceFile[];
  /** Index fixings that complete or override each file's header. */
  readonly indexOverrides?: Readonly<Record<string, number>>;
  /** The rules in force on a date, when an amendment takes effect after the first Distribution Date. */
  readonly rulesAt?: (date: string) => readonly Rule[];
}

export interface PostedDistribution {
  readonly postingId: number;
  readonly distributionDate: string;
  readonly revision: number;
  readonly origin: "remittance" | "cascade";
  readonly supersededId: number | null;
  readonly fileName: string;
  readonly statement: Statement;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Canonical statement JSON, as stored and as `tranche statement --format json` prints it. */
export function statementJson(statement: Statement): string {
  return `${JSON.stringify(statement, null, 2)}\n`;
}

interface Parsed {
  readonly file: RemittanceFile;
  readonly sha: string;
  readonly read: ReadRemittance;
}

export async function postRemittances(store: Store, input: PostInput): Promise<PostedDistribution[]> {
  // Parse outside the transaction: a bad file never holds a lock.
  const queue: Parsed[] = input.files.map((file) => ({ file, sha: sha256(file.text), read: readRemittance(file.name, file.text) }));
  const shas = new Set<string>();
  for (const p of queue) {
    if (shas.has(p.sha)) throw new RemittanceError(p.file.name, [{ line: 0, path: "", message: "the same remittance is given twice in this call" }]);
    shas.add(p.sha);
  }
  const dealId = input.deal.id;
  return store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("deal_locks")
      .values({ deal_id: dealId, posts: 1 })
      .onConflict((oc) => oc.column("deal_id").doUpdateSet((eb) => ({ posts: eb("deal_locks.posts", "+", 1) })))
      .execute();
    const posted: PostedDistribution[] = [];
    const pending = [...queue];
    while (pending.length > 0) {
      const item = pending.shift()!;
      const earlier = await postingsWithHash(trx, dealId, item.sha);
      if (earlier.length > 0) {
        const e = earlier[0];
        throw new RemittanceError(item.file.name, [
          { line: 0, path: "", message: `this remittance (sha256 ${item.sha.slice(0, 12)}…) was already posted: posting ${e.id}, ${e.distributionDate} revision ${e.revision} (${e.status}); a duplicate is refused` },
        ]);
      }
      const date = item.read.remittance.header.distributionDate;
      const live = await livePostings(trx, dealId);
      const current = live.find((p) => p.distributionDate === date);
      if (current) {
        posted.push(...(await restate(trx, input, item, current, live, pending)));
      } else {
        const last = live[live.length - 1];
        const before = last ? await trustStateAfter(trx, last.id) : initialTrustState(input.deal, input.loans);
        const expected = distributionDate(input.deal, before.period + 1);
        if (date !== expected) {
          throw new RemittanceError(item.file.name, [
            {
              line: item.read.lines.header.get("header.distributionDate") ?? 0,
              path: "header.distributionDate",
              message: `date out of order: ${last ? `the last posted Distribution Date is ${last.distributionDate}` : "nothing is posted yet"}, so the next one to post is ${expected}, not ${date} (a posted date may be restated)`,
            },
          ]);
        }
        posted.push(await write(trx, input, { item, before, revision: 1, supersedes: null, origin: "remittance", overrides: input.indexOverrides }));
      }
    }
    await pauseBeforeCommitForTests();
    return posted;
  });
}

/** A corrected remittance for a posted date, then every later live date re-derived on top of it. */
async function restate(
  trx: Transaction<Database>,
  input: PostInput,
  item: Parsed,
  current: Posting,
  live: readonly Posting[],
  pending: Parsed[],
): Promise<PostedDistribution[]> {
  const index = live.indexOf(current);
  const previous = index > 0 ? live[index - 1] : null;
  let before = previous ? await trustStateAfter(trx, previous.id) : initialTrustState(input.deal, input.loans);
  const out: PostedDistribution[] = [];
  const first = await write(trx, input, { item, before, revision: current.revision + 1, supersedes: current, origin: "remittance", overrides: input.indexOverrides });
  out.push(first);
  before = await trustStateAfter(trx, first.postingId);
  for (const later of live.slice(index + 1)) {
    const corrected = pending.findIndex((p) => p.read.remittance.header.distributionDate === later.distributionDate);
    let next: Parsed;
    let origin: "remittance" | "cascade";
    let overrides: Readonly<Record<string, number>> | undefined;
    if (corrected >= 0) {
      next = pending.splice(corrected, 1)[0];
      const dup = await postingsWithHash(trx, input.deal.id, next.sha);
      if (dup.length > 0) throw new RemittanceError(next.file.name, [{ line: 0, path: "", message: `this remittance was already posted (posting ${dup[0].id}); a duplicate is refused` }]);
      origin = "remittance";
      overrides = input.indexOverrides;
    } else {
      const stored = await remittanceText(trx, input.deal.id, later.remittanceSha256);
      next = { file: { name: stored.fileName, text: stored.content }, sha: later.remittanceSha256, read: readRemittance(stored.fileName, stored.content) };
      origin = "cascade";
      overrides = later.indexFixings;
    }
    try {
      const result = await write(trx, input, { item: next, before, revision: later.revision + 1, supersedes: later, origin, overrides });
      out.push(result);
      before = await trustStateAfter(trx, result.postingId);
    } catch (error) {
      if (error instanceof RemittanceError && origin === "cascade") {
        throw new RemittanceError(error.file, [
          {
            line: 0,
            path: "",
            message: `restating ${current.distributionDate} changes the figures the posted ${later.distributionDate} remittance was checked against, and it no longer validates; give a corrected file for ${later.distributionDate} (and each later date that needs one) in the same call, after this one. Its problems:`,
          },
          ...error.problems,
        ]);
      }
      throw error;
    }
  }
  return out;
}

async function write(
  trx: Transaction<Database>,
  input: PostInput,
  options: {
    item: Parsed;
    before: TrustState;
    revision: number;
    supersedes: Posting | null;
    origin: "remittance" | "cascade";
    overrides: Readonly<Record<string, number>> | undefined;
  },
): Promise<PostedDistribution> {
  const { item, before } = options;
  const dealId = input.deal.id;
  const date = item.read.remittance.header.distributionDate;
  const rules = input.rulesAt?.(date);
  const distribution: Distribution = runDistribution({
    deal: input.deal,
    loans: input.loans,
    before,
    remittance: item.read.remittance,
    lines: item.read.lines,
    file: item.file.name,
    remittanceSha256: item.sha,
    revision: options.revision,
    ...(options.overrides ? { indexOverrides: options.overrides } : {}),
    ...(rules ? { rules } : {}),
  });
  if (options.supersedes) {
    // Free the live-date and live-hash slots first (partial unique indexes), then link both ways below.
    await trx.updateTable("postings").set({ status: "superseded" }).where("id", "=", options.supersedes.id).execute();
  }
  const inserted = await trx
    .insertInto("postings")
    .values({
      deal_id: dealId,
      distribution_date: date,
      period: distribution.period,
      revision: options.revision,
      remittance_sha256: item.sha,
      remittance_file: item.file.name,
      status: "posted",
      supersedes_id: options.supersedes?.id ?? null,
      superseded_by_id: null,
      index_fixings: JSON.stringify(distribution.indexFixings),
      origin: options.origin,
      created_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const postingId = Number(inserted.id);
  if (options.supersedes) {
    await trx.updateTable("postings").set({ superseded_by_id: postingId }).where("id", "=", options.supersedes.id).execute();
  }
  const known = await trx.selectFrom("remittances").select("sha256").where("deal_id", "=", dealId).where("sha256", "=", item.sha).executeTakeFirst();
  if (!known) await trx.insertInto("remittances").values({ deal_id: dealId, sha256: item.sha, file_name: item.file.name, content: item.file.text }).execute();
  const rows = distribution.ledger.map((e, seq) => ({
    posting_id: postingId,
    deal_id: dealId,
    distribution_date: date,
    seq,
    account_from: e.from,
    account_to: e.to,
    class_id: e.classId,
    amount_cents: e.amount,
    kind: e.kind,
    rule: e.rule,
    remittance_sha256: item.sha,
  }));
  for (let i = 0; i < rows.length; i += 500) await trx.insertInto("ledger_entries").values(rows.slice(i, i + 500)).execute();
  await trx.insertInto("statements").values({ posting_id: postingId, deal_id: dealId, distribution_date: date, body: statementJson(distribution.statement) }).execute();
  await trx.insertInto("snapshots").values({ posting_id: postingId, deal_id: dealId, distribution_date: date, trust_state: serializeTrustState(distribution.after) }).execute();
  return {
    postingId,
    distributionDate: date,
    revision: options.revision,
    origin: options.origin,
    supersededId: options.supersedes?.id ?? null,
    fileName: item.file.name,
    statement: distribution.statement,
  };
}
