/**
 * Average life (SIFMA SF-47 to SF-55; STANDARDS.md §5):
 *
 *     AL = Σ T_k × principal_k / Σ principal_k,
 *
 * T_k the receipt time (delay included) in years from settlement. A class that
 * accretes (a Z bond) shows accretion as negative principal, which is left out
 * by default; a negatively amortizing pass-through includes it
 * (`negativePrincipal: "include"`).
 *
 * @example averageLife([{time: 1, interest: 0, principal: 50}, {time: 3, interest: 0, principal: 50}]) // 2
 */
import type { CashFlow } from "./cash-flow.js";

export interface AverageLifeOptions {
  /** "exclude" (default): only positive principal counts; "include": all of it. */
  readonly negativePrincipal?: "exclude" | "include";
}

/** Years; null when no principal is received (an interest-only class). */
export function averageLife(flows: readonly CashFlow[], options: AverageLifeOptions = {}): number | null {
  const include = options.negativePrincipal === "include";
  let weighted = 0;
  let total = 0;
  for (const flow of flows) {
    if (!include && flow.principal <= 0) continue;
    weighted += flow.time * flow.principal;
    total += flow.principal;
  }
  return total > 0 ? weighted / total : null;
}
