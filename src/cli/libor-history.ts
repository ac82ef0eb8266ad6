/**
 * `--libor history[,VECTOR]` on the CLI: the deal's LIBOR on the published
 * fixings shipped in data/libor/ (see src/engine/libor-history.ts for the rule).
 */
import { shippedSeriesForIndex } from "../compute/libor-data.js";
import type { IndexPath } from "../core/scenario.js";
import type { Deal } from "../deal/schema.js";
import { historyPath, type HistoryPath } from "../engine/libor-history.js";
import { UserError } from "./user-error.js";

const noted = new Set<string>();

/** What the path is made of, once per deal and index on stderr: how far the published fixings go and what follows. */
export function historyNote(deal: Deal, index: string, path: HistoryPath, seriesEnd: string, after: readonly number[]): string {
  const rule = path.rule.kind === "armLookback" ? `the fixing ${path.rule.lookbackDays} days before each ARM Change Date` : `the LIBOR Determination Date fixing (${path.rule.reader})`;
  const first = path.firstContinuedPeriod;
  const tail =
    first === undefined
      ? ""
      : `; from period ${first} (${path.rule.kind === "armLookback" ? "Change Date" : "accrual from"} ${path.fixings[first - 1].periodDate}, past the series' end ${seriesEnd}) ${after.length ? `the given vector ${after.join(",")}` : `the last fixing ${path.fixings[first - 1].rate} held`}`;
  return `note: ${deal.id} ${index} follows the published fixings, ${rule}, for periods 1 to ${(first ?? path.fixings.length + 1) - 1}${tail}\n`;
}

/** The resolver for `INDEX history[,VECTOR]` on the CLI: the shipped fixings, with a note on stderr (once per deal, index and continuation). */
export function cliHistory(deal: Deal): (index: string, after: readonly number[]) => IndexPath {
  return (index, after) => {
    const series = shippedSeriesForIndex(index);
    const path = historyPath(deal, index, series, after);
    const key = `${deal.id}|${index}|${after.join(",")}`;
    if (!noted.has(key)) {
      noted.add(key);
      process.stderr.write(historyNote(deal, index, path, series.lastDay, after));
    }
    return { values: path.fixings.map((f) => f.rate) };
  };
}

/** `history` / `history,VECTOR` for `index`: the path from the published fixings; null if `text` is not a history spec. */
export function historyIndexPath(deal: Deal, index: string, text: string, after: (v: string) => number[], flag = "--libor"): IndexPath | null {
  const m = /^\s*history\s*(?:,(.*))?$/i.exec(text);
  if (!m) return null;
  const rest = m[1] === undefined ? [] : after(m[1]);
  try {
    return cliHistory(deal)(index, rest);
  } catch (e) {
    throw new UserError(`${flag} history: ${(e as Error).message}`);
  }
}
