/**
 * Subsequent Recoveries (Article I; §4.04): money received on a Liquidated
 * Mortgage Loan after its Realized Loss was allocated is distributed as
 * principal, and the Class Certificate Balance of each class to which Realized
 * Losses were allocated is increased, sequentially in the order of payment
 * priority (the senior classes, then M, B-1, …), by up to the losses allocated
 * to it and not yet written back up.
 */
export interface WriteUpCandidate {
  readonly id: string;
  /** Realized Losses allocated to the class and not yet written back up. */
  readonly unrecovered: number;
}

/** How much each class is written up, in order, out of `amount`. */
export function writeUps(amount: number, candidates: readonly WriteUpCandidate[]): Map<string, number> {
  const out = new Map<string, number>();
  let left = Math.max(0, amount);
  for (const c of candidates) {
    if (left <= 1e-9) break;
    const up = Math.min(left, Math.max(0, c.unrecovered));
    if (up > 0) {
      out.set(c.id, up);
      left -= up;
    }
  }
  return out;
}
