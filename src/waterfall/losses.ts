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
import type { PeriodBook } from "./period-book.js";

/** Writes `amount` down the subordinate classes (slots, most junior first). Returns what is left. */
export function allocateToSubordinates(book: PeriodBook, order: Int32Array, amount: number, rule: string, from = "realizedLoss"): number {
  let left = amount;
  for (let k = 0; k < order.length; k++) {
    if (left <= 1e-9) break;
    left -= book.writeDown(order[k], left, rule, from);
  }
  return Math.max(0, left);
}

/**
 * Writes `amount` down the given senior classes (slots) pro rata by working
 * balance, moving a super senior's share to its support class while the support
 * class has balance. Returns what could not be allocated (no balance left).
 */
export function allocateToSeniors(book: PeriodBook, seniors: Int32Array, amount: number, rule: string, from = "realizedLoss"): number {
  const plan = book.plan;
  const balances = book.balances;
  let left = amount;
  const live = book.slotScratch(seniors.length);
  const shares = book.amountScratch(seniors.length);
  for (let round = 0; round < 8 && left > 1e-9; round++) {
    let n = 0;
    let total = 0;
    for (let k = 0; k < seniors.length; k++) {
      if (balances[seniors[k]] > 1e-9) live[n++] = seniors[k];
    }
    for (let k = 0; k < n; k++) total += balances[live[k]];
    if (total <= 1e-9) break;
    const batch = Math.min(left, total);
    // Every share is set from the balances before this round's writedowns.
    for (let k = 0; k < n; k++) shares[k] = (batch * balances[live[k]]) / total;
    // A support class takes its own share before a super senior's share moves onto it, so the
    // super senior's share never crowds out the support class's own and spills onto others.
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < n; k++) {
        const id = live[k];
        if ((pass === 0) !== supportsAnother(plan.seniorSupportOf, seniors, id)) continue;
        const share = shares[k];
        let rest = share;
        const support = plan.seniorSupportOf[id];
        if (support >= 0 && balances[support] > 1e-9) {
          const citation = book.recording ? `${rule} (senior support: ${plan.classIds[support]} for ${plan.classIds[id]})` : "";
          rest -= book.writeDown(support, rest, citation, from);
        }
        rest -= book.writeDown(id, rest, rule, from);
        left -= share - rest;
      }
    }
  }
  return Math.max(0, left);
}

/** Whether `id` is the support class of another of the senior classes. */
function supportsAnother(seniorSupportOf: Int32Array | readonly number[], seniors: Int32Array, id: number): boolean {
  for (let k = 0; k < seniors.length; k++) if (seniorSupportOf[seniors[k]] === id) return true;
  return false;
}
