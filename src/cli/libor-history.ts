/**
 * `--libor history[,VECTOR]` on the CLI: the deal's LIBOR on the published
 * fixings shipped in data/libor/ (see src/engine/libor-history.ts for the rule).
 */
import { shippedHistory } from "../compute/libor-data.js";
import type { IndexPath } from "../core/scenario.js";
import type { Deal } from "../deal/schema.js";
import { UserError } from "./user-error.js";

/** `history` / `history,VECTOR` for `index`: the path from the published fixings; null if `text` is not a history spec. */
export function historyIndexPath(deal: Deal, index: string, text: string, after: (v: string) => number[], flag = "--libor"): IndexPath | null {
  const m = /^\s*history\s*(?:,(.*))?$/i.exec(text);
  if (!m) return null;
  const rest = m[1] === undefined ? [] : after(m[1]);
  try {
    return shippedHistory(deal)(index, rest);
  } catch (e) {
    throw new UserError(`${flag} history: ${(e as Error).message}`);
  }
}
