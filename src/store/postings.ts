/**
 * Reading the store: postings (live and superseded), statements, ledger entries
 * and the trust state a posting left.
 */
import type { Kysely, Selectable, Transaction } from "kysely";
import { parseTrustState, type TrustState } from "../admin/distribution/trust-state.js";
import type { Database, PostingStatus, PostingsTable } from "./database.js";

export interface Posting {
  readonly id: number;
  readonly dealId: string;
  readonly distributionDate: string;
  readonly period: number;
  readonly revision: number;
  readonly remittanceSha256: string;
  readonly remittanceFile: string;
  readonly status: PostingStatus;
  readonly supersedesId: number | null;
  readonly supersededById: number | null;
  readonly indexFixings: Readonly<Record<string, number>>;
  readonly origin: "remittance" | "cascade";
  readonly createdAt: string;
}

type Db = Kysely<Database> | Transaction<Database>;

function toPosting(row: Selectable<PostingsTable>): Posting {
  return {
    id: Number(row.id),
    dealId: row.deal_id,
    distributionDate: row.distribution_date,
    period: Number(row.period),
    revision: Number(row.revision),
    remittanceSha256: row.remittance_sha256,
    remittanceFile: row.remittance_file,
    status: row.status,
    supersedesId: row.supersedes_id === null ? null : Number(row.supersedes_id),
    supersededById: row.superseded_by_id === null ? null : Number(row.superseded_by_id),
    indexFixings: JSON.parse(row.index_fixings) as Record<string, number>,
    origin: row.origin,
    createdAt: row.created_at,
  };
}

/** Every posting of the deal, live and superseded, by Distribution Date then revision. */
export async function postingHistory(db: Db, dealId: string): Promise<Posting[]> {
  const rows = await db.selectFrom("postings").selectAll().where("deal_id", "=", dealId).orderBy("distribution_date").orderBy("revision").execute();
  return rows.map((r) => toPosting(r));
}

/** The live (not superseded) postings of the deal, by Distribution Date. */
export async function livePostings(db: Db, dealId: string): Promise<Posting[]> {
  const rows = await db
    .selectFrom("postings")
    .selectAll()
    .where("deal_id", "=", dealId)
    .where("status", "=", "posted")
    .orderBy("distribution_date")
    .execute();
  return rows.map((r) => toPosting(r));
}

export async function postingsWithHash(db: Db, dealId: string, sha256: string): Promise<Posting[]> {
  const rows = await db.selectFrom("postings").selectAll().where("deal_id", "=", dealId).where("remittance_sha256", "=", sha256).orderBy("id").execute();
  return rows.map((r) => toPosting(r));
}

export async function trustStateAfter(db: Db, postingId: number): Promise<TrustState> {
  const row = await db.selectFrom("snapshots").select("trust_state").where("posting_id", "=", postingId).executeTakeFirst();
  if (!row) throw new Error(`the store has no trust state for posting ${postingId}`);
  return parseTrustState(row.trust_state);
}

export async function remittanceText(db: Db, dealId: string, sha256: string): Promise<{ fileName: string; content: string }> {
  const row = await db.selectFrom("remittances").select(["file_name", "content"]).where("deal_id", "=", dealId).where("sha256", "=", sha256).executeTakeFirst();
  if (!row) throw new Error(`the store has no remittance ${sha256} for ${dealId}`);
  return { fileName: row.file_name, content: row.content };
}

export interface StoredStatement {
  readonly posting: Posting;
  /** The statement's canonical JSON, as stored. */
  readonly body: string;
}

/**
 * The statement of a Distribution Date: the live posting's, or the given
 * revision's (superseded ones included). Null when nothing matches.
 */
export async function statementFor(db: Db, dealId: string, date: string, revision?: number): Promise<StoredStatement | null> {
  let query = db
    .selectFrom("postings")
    .innerJoin("statements", "statements.posting_id", "postings.id")
    .selectAll("postings")
    .select("statements.body")
    .where("postings.deal_id", "=", dealId)
    .where("postings.distribution_date", "=", date);
  query = revision === undefined ? query.where("postings.status", "=", "posted") : query.where("postings.revision", "=", revision);
  const row = await query.executeTakeFirst();
  if (!row) return null;
  const { body, ...posting } = row;
  return { posting: toPosting(posting), body };
}

export interface StoredLedgerEntry {
  readonly seq: number;
  readonly from: string;
  readonly to: string;
  readonly classId: string | null;
  readonly amount: number;
  readonly kind: string;
  readonly rule: string;
}

export async function ledgerOf(db: Db, postingId: number): Promise<StoredLedgerEntry[]> {
  const rows = await db.selectFrom("ledger_entries").selectAll().where("posting_id", "=", postingId).orderBy("seq").execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    from: r.account_from,
    to: r.account_to,
    classId: r.class_id,
    amount: Number(r.amount_cents),
    kind: r.kind,
    rule: r.rule,
  }));
}
