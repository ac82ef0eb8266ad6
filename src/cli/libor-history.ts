/**
 * The shipped LIBOR fixings (data/libor/) read from the installation, and the
 * deal's index path under `--libor history[,VECTOR]`.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { installedDirectory } from "../deal/load-deal.js";
import type { Deal } from "../deal/schema.js";
import { historicalIndexPath, parseDailySeries, seriesFileForIndex, type DailySeries } from "../engine/libor-fixings.js";
import { UserError } from "./user-error.js";

const cache = new Map<string, DailySeries>();

/** The FRED daily series shipped in data/libor/ (e.g. "USD1MTD156N-daily.csv"). */
export function shippedSeries(file: string): DailySeries {
  let s = cache.get(file);
  if (!s) {
    const path = join(installedDirectory("data"), "libor", file);
    if (!existsSync(path)) throw new UserError(`cannot find data/libor/${file} in the installation`);
    try {
      s = parseDailySeries(readFileSync(path, "utf8"), path);
    } catch (e) {
      throw new UserError((e as Error).message);
    }
    cache.set(file, s);
  }
  return s;
}

/**
 * Accrual period starts by period: the Closing Date for the first Distribution
 * Date, then the prior (unadjusted) Distribution Date — the 25th-to-24th
 * period of the deal's LIBOR classes.
 */
export function accrualStarts(deal: Deal, periods: number): string[] {
  const first = deal.dates.firstDistributionDate;
  const [y, m, d] = first.split("-").map(Number);
  const out: string[] = [deal.dates.closingDate];
  for (let t = 2; t <= periods; t++) {
    const months = y * 12 + (m - 1) + (t - 2);
    out.push(`${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
  }
  return out;
}

/** Enough periods for any loan of the deal (held past the end anyway). */
const HISTORY_PERIODS = 480;

/** `--libor history` / `history,VECTOR`: the index path for `index` from the published fixings; null if `text` is not a history spec. */
export function historyIndexPath(deal: Deal, index: string, text: string, after: (v: string) => number[]): number[] | null {
  const m = /^\s*history\s*(?:,(.*))?$/i.exec(text);
  if (!m) return null;
  const file = seriesFileForIndex(index);
  if (!file) throw new UserError(`--libor history: no published series for ${index} (LIBOR_1M and LIBOR_1Y have one)`);
  const rest = m[1] === undefined ? [] : after(m[1]);
  return historicalIndexPath(shippedSeries(file), accrualStarts(deal, HISTORY_PERIODS), rest);
}
