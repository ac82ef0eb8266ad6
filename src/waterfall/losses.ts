/**
 * §4.04: allocation of Realized Losses after the date's distributions.
 * 1. The PO Percentage of a Discount loan's loss to the PO class (and to Class PO
 *    Deferred Amounts) — done by the caller, which knows the PO amounts.
 * 2. The non-PO loss to the subordinate classes, most junior first, each to zero.
 * 3. Then to the group's non-PO senior classes pro rata by balance after the
 *    date's principal, a super senior's share borne by its support class until
 *    that class is zero. A group whose seniors are retired passes its loss on.
 * 4. If the non-PO class balances still exceed the non-PO pool balance, the most
 *    junior outstanding class is written down by the excess (seniors pro rata
 *    once no subordinate class is left).
 */
import type { LossAllocation } from "../deal/schema.js";
import type { PeriodBook } from "./period-book.js";

/** Writes `amount` down the subordinate classes, most junior first. Returns what is left. */
export function allocateToSubordinates(book: PeriodBook, spec: LossAllocation, amount: number, rule: string, from = "realizedLoss"): number {
  let left = amount;
  for (const id of spec.subordinateOrder) {
    if (left <= 1e-9) break;
    left -= book.writeDown(id, left, rule, from);
  }
  return Math.max(0, left);
}

/**
 * Writes `amount` down the given senior classes pro rata by working balance,
 * moving a super senior's share to its support class while the support class
 * has balance. Returns what could not be allocated (no balance left).
 */
export function allocateToSeniors(book: PeriodBook, spec: LossAllocation, seniors: readonly string[], amount: number, rule: string, from = "realizedLoss"): number {
  let left = amount;
  for (let round = 0; round < 8 && left > 1e-9; round++) {
    const live = seniors.filter((id) => book.balance(id) > 1e-9);
    const total = live.reduce((s, id) => s + book.balance(id), 0);
    if (total <= 1e-9) break;
    const batch = Math.min(left, total);
    const shares = live.map((id) => ({ id, share: (batch * book.balance(id)) / total }));
    for (const { id, share } of shares) {
      let rest = share;
      const support = spec.seniorSupport.find((p) => p.superSenior === id)?.support;
      if (support && book.balance(support) > 1e-9) rest -= book.writeDown(support, rest, `${rule} (senior support: ${support} for ${id})`, from);
      rest -= book.writeDown(id, rest, rule, from);
      left -= share - rest;
    }
  }
  return Math.max(0, left);
}
