/**
 * §4.02(a)(ii)(y) / (iv)(y): paying a group's Senior Principal Distribution
 * Amount through its ordered list of payees, and §4.02(c): concurrently pro rata
 * by Class Certificate Balance on and after the Senior Credit Support Depletion Date.
 */
import type { PrincipalPayee } from "../deal/schema.js";
import type { PeriodBook } from "./period-book.js";

export interface SequenceContext {
  readonly book: PeriodBook;
  /** Whose Available Funds pay (in order). */
  readonly funds: readonly string[];
  /** Class balances immediately before the Distribution Date (pro rata weights). */
  readonly beginBalances: ReadonlyMap<string, number>;
  /** The Class Priority Amount for a payee with `limit: priorityAmount`, given what is left to pay. */
  readonly priorityAmount: (classId: string, left: number) => number;
}

/** Pays up to `amount` pro rata by `weights` (capped at working balances; any excess re-shared). Returns paid. */
export function payProRata(ctx: SequenceContext, classes: readonly string[], amount: number, rule: string): number {
  // Share only what the funds can pay, so a short date stays pro rata.
  let left = Math.min(amount, ctx.funds.reduce((s, g) => s + ctx.book.remaining(g), 0));
  let paidTotal = 0;
  for (let round = 0; round < classes.length + 1 && left > 1e-9; round++) {
    const live = classes.filter((id) => ctx.book.balance(id) > 1e-9);
    const weights = live.map((id) => ctx.beginBalances.get(id) || ctx.book.balance(id));
    const total = weights.reduce((a, b) => a + b, 0);
    if (total <= 0) break;
    const batch = left;
    let paidRound = 0;
    live.forEach((id, i) => {
      paidRound += ctx.book.payPrincipal(ctx.funds, id, (batch * weights[i]) / total, rule);
    });
    left -= paidRound;
    paidTotal += paidRound;
    if (paidRound <= 1e-9) break;
  }
  return paidTotal;
}

export function paySequence(ctx: SequenceContext, sequence: readonly PrincipalPayee[], amount: number): number {
  let left = amount;
  for (const payee of sequence) {
    if (left <= 1e-9) break;
    const cap = payee.limit === "priorityAmount" ? Math.min(left, ctx.priorityAmount(payee.classes[0], left)) : left;
    let paid = 0;
    if (payee.share === "proRata") {
      paid = payProRata(ctx, payee.classes, cap, payee.citation);
    } else {
      for (const id of payee.classes) {
        if (cap - paid <= 1e-9) break;
        paid += ctx.book.payPrincipal(ctx.funds, id, cap - paid, payee.citation);
      }
    }
    left -= paid;
  }
  return amount - left;
}
