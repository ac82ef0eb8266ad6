/**
 * A deal file as data that travels with work: the deal's text, its amendment
 * files' texts and which amendments are left out, named by a content hash
 * (SHA-256 of all of it). A worker thread or a machine on the queue parses it
 * once per hash and needs no shared disk; a changed file is a new hash.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { CivilDate } from "../core/civil-date.js";
import { governingDeal, type AmendmentSelection } from "../deal/amendments.js";
import { findAmendmentFiles, resolveDealPath } from "../deal/load-deal.js";
import { parseDealText, type DealSourceText, type LoadedDeal } from "../deal/parse-deal.js";
import type { Deal, Rule } from "../deal/schema.js";
import { loadDealTape } from "../deal/tape/deal-tape-file.js";
import type { TapeLoan } from "../deal/tape/tape-builder.js";
import { useLoanTape } from "../engine/project.js";

export interface DealDocument {
  /** SHA-256 (hex) of the texts, file names and exclusions below. */
  readonly hash: string;
  readonly deal: DealSourceText;
  readonly amendments: readonly DealSourceText[];
  /** Amendments left out (`--without-amendment`). */
  readonly without: readonly string[];
  /** The loans of the tape file the deal names (`collateral.loanTape.file`), read and checked by the submitter. */
  readonly loans?: readonly TapeLoan[];
}

export function dealDocumentHash(deal: DealSourceText, amendments: readonly DealSourceText[], without: readonly string[], loans?: readonly TapeLoan[]): string {
  const h = createHash("sha256");
  const part = (s: string) => h.update(`${Buffer.byteLength(s)}:`).update(s);
  // File names by base name only, so the same files on two machines hash the same.
  const base = (p: string) => p.split(/[\\/]/).pop() ?? p;
  part(base(deal.fileName));
  part(deal.text);
  for (const a of amendments) {
    part(base(a.fileName));
    part(a.text);
  }
  for (const w of [...without].sort()) part(w);
  if (loans) part(JSON.stringify(loans));
  return h.digest("hex");
}

/**
 * Reads a deal (by id or path), the amendment files beside it and the loan tape
 * it names into a document, validated. Throws `DealFileError`,
 * `DealValidationError`, `AmendmentError` or the tape's `TapeError`.
 */
export async function readDealDocument(ref: string, without: readonly string[] = [], cwd?: string): Promise<DealDocument> {
  const path = resolveDealPath(ref, cwd);
  const deal = { fileName: path, text: readFileSync(path, "utf8") };
  const amendments = findAmendmentFiles(path).map((p) => ({ fileName: p, text: readFileSync(p, "utf8") }));
  const bare = { hash: dealDocumentHash(deal, amendments, without), deal, amendments, without: [...without] };
  const run = runOfDocument(bare, false);
  const tape = await loadDealTape(run.deal, path);
  if (tape === null) return bare;
  const loans = tape.loans;
  return { hash: dealDocumentHash(deal, amendments, without, loans), deal, amendments, without: [...without], loans };
}

/** What a run of a document needs: the deal and, when an amendment takes effect after the first date, the rules on each date. */
export interface DocumentRun {
  readonly loaded: LoadedDeal;
  readonly deal: Deal;
  readonly appliedAmendments: readonly string[];
  readonly rulesAt?: (date: string) => readonly Rule[];
}

const runs = new Map<string, DocumentRun>();

/** Parses (once per hash in this thread) and validates a document. Throws `DealValidationError`/`DealFileError`/`AmendmentError`. */
export function runOfDocument(doc: DealDocument, cache = true): DocumentRun {
  const hit = runs.get(doc.hash);
  if (hit) return hit;
  const selection: AmendmentSelection = doc.without.length ? { exclude: doc.without } : "all";
  const loaded = parseDealText(doc.deal.text, doc.deal.fileName, { amendments: doc.amendments, selection });
  if (doc.loans) useLoanTape(loaded.deal, doc.loans);
  const first = loaded.deal.dates.firstDistributionDate;
  let rulesAt: DocumentRun["rulesAt"];
  if (loaded.amendmentTimeline.some((t) => t.effectiveDate > first)) {
    const all = loaded.amendments.map((a) => a.amendment);
    const cache = new Map<string, readonly Rule[]>();
    rulesAt = (date) => {
      let rules = cache.get(date);
      if (!rules) {
        rules = governingDeal(loaded.base, all, date as CivilDate, selection).rules;
        cache.set(date, rules);
      }
      return rules;
    };
  }
  const run: DocumentRun = { loaded, deal: loaded.deal, appliedAmendments: loaded.appliedAmendments, rulesAt };
  if (!cache) return run;
  if (runs.size > 32) runs.clear();
  runs.set(doc.hash, run);
  return run;
}
