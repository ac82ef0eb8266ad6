/**
 * The store's tables, as kysely sees them. Amounts are integer cents; dates are
 * `YYYY-MM-DD` text. `ledger_entries`, `statements` and `snapshots` are
 * append-only (database triggers refuse updates and deletes); a posting's only
 * change after it is written is being superseded by a restatement.
 */
import type { Generated } from "kysely";

export type PostingStatus = "posted" | "superseded";

export interface PostingsTable {
  id: Generated<number>;
  deal_id: string;
  distribution_date: string;
  period: number;
  /** 1 for the first posting of the date, +1 for each restatement. */
  revision: number;
  remittance_sha256: string;
  remittance_file: string;
  status: PostingStatus;
  /** The posting this one restates (null for a first posting). */
  supersedes_id: number | null;
  superseded_by_id: number | null;
  /** JSON object of the index fixings used. */
  index_fixings: string;
  /** Why the posting was made: "remittance" (a file was posted) or "cascade" (re-derived after an earlier restatement). */
  origin: "remittance" | "cascade";
  /** ISO timestamp, for the history only (never in a statement). */
  created_at: string;
}

export interface LedgerEntriesTable {
  id: Generated<number>;
  posting_id: number;
  deal_id: string;
  distribution_date: string;
  seq: number;
  account_from: string;
  account_to: string;
  class_id: string | null;
  /** bigint in PostgreSQL (read back as a string), integer in SQLite. */
  amount_cents: number | string;
  kind: string;
  rule: string;
  remittance_sha256: string;
}

export interface StatementsTable {
  posting_id: number;
  deal_id: string;
  distribution_date: string;
  /** The statement as canonical JSON. */
  body: string;
}

export interface SnapshotsTable {
  posting_id: number;
  deal_id: string;
  distribution_date: string;
  /** `TrustState` as JSON: waterfall state, loan book, class balances. */
  trust_state: string;
}

export interface RemittancesTable {
  deal_id: string;
  sha256: string;
  file_name: string;
  /** The file's text as received. */
  content: string;
}

/** One row per deal, written first in every posting transaction to serialize posts to a deal. */
export interface DealLocksTable {
  deal_id: string;
  posts: number;
}

/** A deal file saved from the workbench: one row a version, never rewritten. */
export interface DealVersionsTable {
  deal_id: string;
  version: number;
  file_name: string;
  yaml: string;
  yaml_sha256: string;
  tape_name: string | null;
  tape_base64: string | null;
  map_name: string | null;
  map_yaml: string | null;
  created_at: string;
}

export interface Database {
  postings: PostingsTable;
  ledger_entries: LedgerEntriesTable;
  statements: StatementsTable;
  snapshots: SnapshotsTable;
  remittances: RemittancesTable;
  deal_locks: DealLocksTable;
  deal_versions: DealVersionsTable;
}
