/**
 * The working book of one Distribution Date: what is left of each group's
 * Available Funds, the classes' working balances, and the ledger entries the
 * date's rules emit. Local to `distributePeriod`; never escapes it mutable.
 */
import type { LedgerEntry, LedgerKind } from "../core/ledger.js";

export interface ClassActivity {
  interestAccrued: number;
  /** Share of Net Prepayment Interest Shortfalls and Relief Act Reductions. */
  interestShortfall: number;
  interestDue: number;
  interestPaid: number;
  principal: number;
  writedown: number;
}

const EPS = 1e-9;

export class PeriodBook {
  readonly entries: LedgerEntry[] = [];
  readonly activity = new Map<string, ClassActivity>();
  private readonly available: Map<string, number>;

  constructor(
    readonly period: number,
    availableFunds: ReadonlyMap<string, number>,
    readonly balances: Map<string, number>,
  ) {
    this.available = new Map(availableFunds);
  }

  remaining(groupId: string): number {
    return this.available.get(groupId) ?? 0;
  }

  totalRemaining(): number {
    let s = 0;
    for (const v of this.available.values()) s += v;
    return s;
  }

  act(classId: string): ClassActivity {
    let a = this.activity.get(classId);
    if (!a) {
      a = { interestAccrued: 0, interestShortfall: 0, interestDue: 0, interestPaid: 0, principal: 0, writedown: 0 };
      this.activity.set(classId, a);
    }
    return a;
  }

  balance(classId: string): number {
    return this.balances.get(classId) ?? 0;
  }

  /**
   * Pays `amount` to `to` out of the named groups' remaining Available Funds (in
   * that order), as far as they go. Returns what was paid.
   */
  pay(options: { groups: readonly string[]; to: string; amount: number; rule: string; kind: LedgerKind }): number {
    let want = options.amount;
    if (!(want > EPS)) return 0;
    let paid = 0;
    for (const g of options.groups) {
      const have = this.remaining(g);
      if (have <= 0) continue;
      const take = Math.min(have, want);
      this.available.set(g, have - take);
      this.entries.push({ period: this.period, from: `availableFunds:${g}`, to: options.to, amount: take, rule: options.rule, kind: options.kind });
      paid += take;
      want -= take;
      if (want <= EPS) break;
    }
    return paid;
  }

  /** Moves Available Funds from one group to another (Transfer Payments). */
  transfer(options: { from: string; to: string; amount: number; rule: string }): number {
    const take = Math.min(this.remaining(options.from), options.amount);
    if (!(take > EPS)) return 0;
    this.available.set(options.from, this.remaining(options.from) - take);
    this.available.set(options.to, this.remaining(options.to) + take);
    this.entries.push({ period: this.period, from: `availableFunds:${options.from}`, to: `availableFunds:${options.to}`, amount: take, rule: options.rule, kind: "transfer" });
    return take;
  }

  payInterest(groups: readonly string[], classId: string, amount: number, rule: string): number {
    const paid = this.pay({ groups, to: `class:${classId}`, amount, rule, kind: "interest" });
    this.act(classId).interestPaid += paid;
    return paid;
  }

  /** Pays principal, never above the class's working balance. */
  payPrincipal(groups: readonly string[], classId: string, amount: number, rule: string): number {
    const capped = Math.min(amount, this.balance(classId));
    const paid = this.pay({ groups, to: `class:${classId}`, amount: capped, rule, kind: "principal" });
    this.balances.set(classId, this.balance(classId) - paid);
    this.act(classId).principal += paid;
    return paid;
  }

  /** Reduces a class balance without cash (losses, excess writedowns, PO deferred writedowns). */
  writeDown(classId: string, amount: number, rule: string, from = "realizedLoss"): number {
    const take = Math.min(amount, this.balance(classId));
    if (!(take > EPS)) return 0;
    this.balances.set(classId, this.balance(classId) - take);
    this.act(classId).writedown += take;
    this.entries.push({ period: this.period, from, to: `writedown:${classId}`, amount: take, rule, kind: "writedown" });
    return take;
  }

  /** Records a movement outside Available Funds (corridor receipts, releases). */
  record(entry: Omit<LedgerEntry, "period">): void {
    if (entry.amount > EPS) this.entries.push({ period: this.period, ...entry });
  }
}
