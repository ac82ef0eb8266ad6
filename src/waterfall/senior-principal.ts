/**
 * §4.02(a)(ii)(y) / (iv)(y): paying a group's Senior Principal Distribution
 * Amount through its ordered list of payees, and §4.02(c): concurrently pro rata
 * by Class Certificate Balance on and after the Senior Credit Support Depletion Date.
 * Classes and groups are slots of the deal plan (`deal-plan.ts`).
 */
import type { PayeePlan } from "./deal-plan.js";
import type { PeriodBook } from "./period-book.js";

export interface SequenceContext {
  readonly book: PeriodBook;
  /** Class balances immediately before the Distribution Date (pro rata weights), by slot. */
  readonly begin: Float64Array;
  /** The Class Priority Amount for a payee with `limit: priorityAmount` naming `classId`, given what is left to pay. */
  classPriorityAmount(classId: string, left: number): number;
  /** The Planned (Targeted) Balance of principal schedule `schedule` for the date. */
  plannedBalance(schedule: number): number;
}

/**
 * Pays up to `amount` from `funds` pro rata by the classes' balances before the
 * date (capped at working balances; any excess re-shared). Returns paid.
 */
export function payProRata(ctx: SequenceContext, funds: Int32Array, classes: Int32Array, amount: number, rule: string): number {
  const book = ctx.book;
  // Share only what the funds can pay, so a short date stays pro rata.
  let left = Math.min(amount, book.remainingOf(funds));
  let paidTotal = 0;
  const live = book.slotScratch(classes.length);
  const weights = book.amountScratch(classes.length);
  for (let round = 0; round < classes.length + 1 && left > 1e-9; round++) {
    // Liveness and weights are read for the whole round before any class is paid.
    let n = 0;
    let total = 0;
    for (let k = 0; k < classes.length; k++) {
      const id = classes[k];
      if (book.balances[id] > 1e-9) {
        live[n] = id;
        weights[n] = ctx.begin[id] || book.balances[id];
        n++;
      }
    }
    for (let k = 0; k < n; k++) total += weights[k];
    if (total <= 0) break;
    const batch = left;
    let paidRound = 0;
    for (let k = 0; k < n; k++) paidRound += book.payPrincipal(funds, live[k], (batch * weights[k]) / total, rule);
    left -= paidRound;
    paidTotal += paidRound;
    if (paidRound <= 1e-9) break;
  }
  return paidTotal;
}

/**
 * Pays up to `amount` from `funds` through the payees in order. With a `prefix`
 * (a Transfer Payment, a retired group), each ledger citation reads
 * `prefix → payee citation`. Returns paid.
 */
export function paySequence(ctx: SequenceContext, funds: Int32Array, sequence: readonly PayeePlan[], amount: number, prefix: string | null): number {
  const book = ctx.book;
  let left = amount;
  for (const payee of sequence) {
    if (left <= 1e-9) break;
    let cap = payee.priorityLimited ? Math.min(left, ctx.classPriorityAmount(payee.firstClassId, left)) : left;
    if (payee.schedule >= 0) {
      // To the Planned (Targeted) Balance: what the payee's classes together exceed it by.
      let balance = 0;
      for (let k = 0; k < payee.classes.length; k++) balance += book.balances[payee.classes[k]];
      cap = Math.min(cap, Math.max(0, balance - ctx.plannedBalance(payee.schedule)));
    }
    const citation = prefix === null ? payee.citation : book.recording ? `${prefix} → ${payee.citation}` : "";
    let paid = 0;
    if (payee.proRata) {
      paid = payProRata(ctx, funds, payee.classes, cap, citation);
    } else {
      for (let k = 0; k < payee.classes.length; k++) {
        if (cap - paid <= 1e-9) break;
        paid += book.payPrincipal(funds, payee.classes[k], cap - paid, citation);
      }
    }
    left -= paid;
  }
  return amount - left;
}
