/**
 * Loads a deal for a command: by id or path, with all its amendments or without
 * the named ones, turning every load failure into a `UserError` that lists the
 * file, line and field of each problem.
 */
import type { CivilDate } from "../core/civil-date.js";
import { AmendmentError, governingDeal, type AmendmentSelection } from "../deal/amendments.js";
import { loadDeal } from "../deal/load-deal.js";
import type { LoadedDeal } from "../deal/parse-deal.js";
import { DealFileError, DealValidationError } from "../deal/problems.js";
import type { Deal, Rule } from "../deal/schema.js";
import { loadDealTape } from "../deal/tape/deal-tape-file.js";
import { TapeError } from "../deal/tape/problems.js";
import { useLoanTape } from "../engine/project.js";
import { UserError } from "./user-error.js";

/** Reads the tape file a deal names (if any) and gives it to the deal's projections; its problems are a UserError. */
export async function attachDealTape(deal: Deal, dealPath: string): Promise<number | null> {
  try {
    const tape = await loadDealTape(deal, dealPath);
    if (tape === null) return null;
    useLoanTape(deal, tape.loans);
    return tape.loans.length;
  } catch (e) {
    if (e instanceof TapeError) throw new UserError(e.message, 1);
    throw e;
  }
}

export interface CliDeal {
  readonly deal: Deal;
  readonly loaded: LoadedDeal;
  readonly appliedAmendments: readonly string[];
  /** The rules in force on a Distribution Date, when an amendment takes effect after the first one; else undefined. */
  readonly rulesAt?: (date: string) => readonly Rule[];
}

export async function loadDealForCli(ref: string, withoutAmendments: readonly string[] = []): Promise<CliDeal> {
  const selection: AmendmentSelection = withoutAmendments.length ? { exclude: withoutAmendments } : "all";
  let loaded: LoadedDeal;
  try {
    loaded = loadDeal(ref, { amendments: selection });
  } catch (e) {
    if (e instanceof DealValidationError) throw new UserError(e.message, 1);
    if (e instanceof DealFileError) throw new UserError(e.message, 2);
    if (e instanceof AmendmentError) throw new UserError(e.message, 1);
    throw e;
  }
  await attachDealTape(loaded.deal, loaded.path);
  const known = new Set(loaded.amendments.map((a) => a.amendment.id));
  for (const id of withoutAmendments) {
    if (!known.has(id)) {
      throw new UserError(`--without-amendment: ${loaded.deal.id} has no amendment "${id}"${known.size ? ` (amendments: ${[...known].join(", ")})` : " (it has none)"}`);
    }
  }
  const first = loaded.deal.dates.firstDistributionDate;
  const later = loaded.amendmentTimeline.some((t) => t.effectiveDate > first);
  let rulesAt: CliDeal["rulesAt"];
  if (later) {
    const cache = new Map<string, readonly Rule[]>();
    const all = loaded.amendments.map((a) => a.amendment);
    rulesAt = (date: string) => {
      let rules = cache.get(date);
      if (!rules) {
        rules = governingDeal(loaded.base, all, date as CivilDate, selection).rules;
        cache.set(date, rules);
      }
      return rules;
    };
  }
  return { deal: loaded.deal, loaded, appliedAmendments: loaded.appliedAmendments, rulesAt };
}
