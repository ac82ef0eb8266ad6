import { allocateCents, toCents, type Cents } from "../core/money.js";
import type { CollateralSpec, RepLine } from "../deal/schema.js";
import { deriveSeed, seededRandom } from "./prng.js";

/**
 * The deal's synthetic loan-level tape (generator "synthetic-v1", 2007-12T1 §3): each
 * rep line splits into `loanCount` loans that share its rate, terms and age; their
 * balances vary uniformly between 50% and 150% of the mean (antithetic pairs,
 * shuffled) and sum to the rep
 * line's Stated Principal Balance exactly in cents (largest-remainder allocation).
 * Deterministic: the stream of each rep line is seeded from `loanTape.seed` and the
 * rep line id, so the tape is the same on every machine.
 *
 * Reused by the trustee administration to simulate servicing: each loan has a
 * stable id `<rep line>-<6-digit serial>` (e.g. `R2-000123`, serials from 1) and its group.
 */
export interface SyntheticLoan {
  readonly id: string;
  readonly groupId: string;
  readonly repLineId: string;
  /** Stated Principal Balance at the Cut-off Date, integer cents. */
  readonly balanceCents: Cents;
}

export const SYNTHETIC_BALANCE_SPREAD = 0.5;

export function syntheticLoanId(repLineId: string, serial: number): string {
  return `${repLineId}-${String(serial).padStart(6, "0")}`;
}

/** The cents balances of one rep line's synthetic loans, in serial order. */
export function syntheticBalancesCents(repLine: Pick<RepLine, "id" | "statedPrincipalBalance" | "loanCount">, seed: number): Cents[] {
  const next = seededRandom(deriveSeed(seed, repLine.id));
  const n = repLine.loanCount;
  // Antithetic pairs 1 ± spread·u average exactly 1, so every balance is within ±50% of the mean;
  // a shuffle then spreads the pairs over the serials.
  const weights = new Array<number>(n).fill(1);
  for (let k = 0; k + 1 < n; k += 2) {
    const u = SYNTHETIC_BALANCE_SPREAD * next();
    weights[k] = 1 + u;
    weights[k + 1] = 1 - u;
  }
  for (let k = n - 1; k > 0; k--) {
    const j = Math.floor(next() * (k + 1));
    const w = weights[k];
    weights[k] = weights[j];
    weights[j] = w;
  }
  return allocateCents(toCents(repLine.statedPrincipalBalance), weights);
}

/** Every synthetic loan of the collateral, group by group, rep line by rep line. */
export function syntheticLoans(collateral: Pick<CollateralSpec, "groups" | "loanTape">): SyntheticLoan[] {
  const tape = collateral.loanTape;
  if (!("seed" in tape)) throw new RangeError(`the deal's loan tape is the file ${tape.file}, not the synthetic generator: read it with loadDealTape`);
  const out: SyntheticLoan[] = [];
  for (const group of collateral.groups) {
    for (const repLine of group.repLines) {
      const balances = syntheticBalancesCents(repLine, tape.seed);
      for (let k = 0; k < balances.length; k++) {
        out.push({ id: syntheticLoanId(repLine.id, k + 1), groupId: group.id, repLineId: repLine.id, balanceCents: balances[k] });
      }
    }
  }
  return out;
}
