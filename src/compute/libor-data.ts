/**
 * The published LIBOR fixings shipped in `data/libor/` (FRED daily series, see
 * data/libor/README.md), read once from the installation, and the resolver the
 * scenario syntax's `history` uses (`LIBOR history[,VECTOR]`).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { IndexPath } from "../core/scenario.js";
import { parseDailySeries, seriesFileForIndex, type DailySeries } from "../engine/libor-fixings.js";
import { historyIndexPath } from "../engine/libor-history.js";
import { installedDirectory } from "../deal/load-deal.js";
import type { Deal } from "../deal/schema.js";

const cache = new Map<string, DailySeries>();

/** A FRED daily series shipped in data/libor/ (e.g. "USD1MTD156N-daily.csv"); throws naming the file if missing or malformed. */
export function shippedSeries(file: string): DailySeries {
  let s = cache.get(file);
  if (!s) {
    const path = join(installedDirectory("data"), "libor", file);
    if (!existsSync(path)) throw new Error(`cannot find data/libor/${file} in the installation`);
    s = parseDailySeries(readFileSync(path, "utf8"), path);
    cache.set(file, s);
  }
  return s;
}

/** The published series an index follows; throws if none is shipped for it. */
export function shippedSeriesForIndex(index: string): DailySeries {
  const file = seriesFileForIndex(index);
  if (!file) throw new Error(`no published fixings for ${index} (LIBOR_1M and LIBOR_1Y have them)`);
  return shippedSeries(file);
}

/** `history` for `deal`: `index` on its published fixings, then `after` (the last fixing held if empty). */
export function shippedHistory(deal: Deal): (index: string, after: readonly number[]) => IndexPath {
  return (index, after) => historyIndexPath(deal, index, shippedSeriesForIndex(index), after);
}
