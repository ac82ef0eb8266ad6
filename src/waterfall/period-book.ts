/**
 * The working book of one Distribution Date: what is left of each group's
 * Available Funds, the classes' working balances and activity (by class slot,
 * see `deal-plan.ts`), and the ledger entries the date's rules emit. Local to
 * the period step; a projection reuses one book from date to date (`start`).
 *
 * With `recordLedger` off the book keeps every amount but writes no ledger
 * entry, so callers may pass an empty `rule` string (a citation is only text
 * for the ledger).
 */
import type { LedgerEntry, LedgerKind } from "../core/ledger.js";
import type { DealPlan } from "./deal-plan.js";
import type { LaneAllocator } from "./lanes.js";

const EPS = 1e-9;

export class PeriodBook {
  period = 0;
  /** The date's ledger entries, or null when not recording. */
  entries: LedgerEntry[] | null = null;
  readonly available: Float64Array;
  readonly balances: Float64Array;
  readonly interestAccrued: Float64Array;
  /** Share of Net Prepayment Interest Shortfalls and Relief Act Reductions. */
  readonly interestShortfall: Float64Array;
  readonly interestDue: Float64Array;
  readonly interestPaid: Float64Array;
  readonly principal: Float64Array;
  readonly writedown: Float64Array;
  /** Write-ups for Subsequent Recoveries. */
  readonly writeup: Float64Array;
  /** Accrued interest of an accrual class added to its balance. */
  readonly accretion: Float64Array;

  private slots = new Int32Array(16);
  private amounts = new Float64Array(16);

  /** The date's activity arrays (interestAccrued … writeup), one buffer so `start` clears them in one call. */
  private readonly activity: Float64Array;

  constructor(readonly plan: DealPlan, alloc: LaneAllocator = { f64: (n) => new Float64Array(n), u8: (n) => new Uint8Array(n) }) {
    this.available = alloc.f64(plan.groupCount);
    const n = plan.slotCount;
    this.balances = alloc.f64(n);
    this.activity = alloc.f64(8 * n);
    this.interestAccrued = this.activity.subarray(0, n);
    this.interestShortfall = this.activity.subarray(n, 2 * n);
    this.interestDue = this.activity.subarray(2 * n, 3 * n);
    this.interestPaid = this.activity.subarray(3 * n, 4 * n);
    this.principal = this.activity.subarray(4 * n, 5 * n);
    this.writedown = this.activity.subarray(5 * n, 6 * n);
    this.writeup = this.activity.subarray(6 * n, 7 * n);
    this.accretion = this.activity.subarray(7 * n, 8 * n);
  }

  /** Opens a Distribution Date with the groups' Available Funds and the balances at its start. */
  start(period: number, availableFunds: Float64Array, balances: Float64Array, recordLedger: boolean): void {
    this.period = period;
    this.entries = recordLedger ? [] : null;
    for (let g = 0; g < this.available.length; g++) this.available[g] = availableFunds[g];
    this.balances.set(balances);
    this.activity.fill(0);
  }

  /** Scratch slots, at least n, for one allocation pass (valid until the next call). */
  slotScratch(n: number): Int32Array {
    if (this.slots.length < n) this.slots = new Int32Array(n);
    return this.slots;
  }

  /** Scratch amounts, at least n, for one allocation pass (valid until the next call). */
  amountScratch(n: number): Float64Array {
    if (this.amounts.length < n) this.amounts = new Float64Array(n);
    return this.amounts;
  }

  get recording(): boolean {
    return this.entries !== null;
  }

  totalRemaining(): number {
    let s = 0;
    for (let g = 0; g < this.available.length; g++) s += this.available[g];
    return s;
  }

  /** The remaining Available Funds of the given groups, summed in that order. */
  remainingOf(groups: Int32Array): number {
    let s = 0;
    for (let k = 0; k < groups.length; k++) s += this.available[groups[k]];
    return s;
  }

  /**
   * Pays `amount` to class `cls` out of the named groups' remaining Available
   * Funds (in that order), as far as they go. Returns what was paid.
   */
  pay(groups: Int32Array, cls: number, amount: number, rule: string, kind: LedgerKind): number {
    let want = amount;
    if (!(want > EPS)) return 0;
    let paid = 0;
    for (let k = 0; k < groups.length; k++) {
      const g = groups[k];
      const have = this.available[g];
      if (have <= 0) continue;
      const take = Math.min(have, want);
      this.available[g] = have - take;
      if (this.entries) this.entries.push({ period: this.period, from: this.plan.fundsAccount[g], to: this.plan.classAccount[cls], amount: take, rule, kind });
      paid += take;
      want -= take;
      if (want <= EPS) break;
    }
    return paid;
  }

  /** Moves Available Funds from one group to another (Transfer Payments). */
  transfer(from: number, to: number, amount: number, rule: string): number {
    const take = Math.min(this.available[from], amount);
    if (!(take > EPS)) return 0;
    this.available[from] = this.available[from] - take;
    this.available[to] = this.available[to] + take;
    if (this.entries) {
      this.entries.push({ period: this.period, from: this.plan.fundsAccount[from], to: this.plan.fundsAccount[to], amount: take, rule, kind: "transfer" });
    }
    return take;
  }

  payInterest(groups: Int32Array, cls: number, amount: number, rule: string): number {
    const paid = this.pay(groups, cls, amount, rule, "interest");
    this.interestPaid[cls] += paid;
    return paid;
  }

  /** Pays principal, never above the class's working balance. */
  payPrincipal(groups: Int32Array, cls: number, amount: number, rule: string): number {
    const capped = Math.min(amount, this.balances[cls]);
    const paid = this.pay(groups, cls, capped, rule, "principal");
    this.balances[cls] = this.balances[cls] - paid;
    this.principal[cls] += paid;
    return paid;
  }

  /** Reduces a class balance without cash (losses, excess writedowns, PO deferred writedowns). */
  writeDown(cls: number, amount: number, rule: string, from = "realizedLoss"): number {
    const take = Math.min(amount, this.balances[cls]);
    if (!(take > EPS)) return 0;
    this.balances[cls] = this.balances[cls] - take;
    this.writedown[cls] += take;
    if (this.entries) this.entries.push({ period: this.period, from, to: this.plan.writedownAccount[cls], amount: take, rule, kind: "writedown" });
    return take;
  }

  /** Raises a class balance without cash (a Subsequent Recovery written back up). */
  writeUp(cls: number, amount: number, rule: string): number {
    if (!(amount > EPS)) return 0;
    this.balances[cls] = this.balances[cls] + amount;
    this.writeup[cls] += amount;
    if (this.entries) this.entries.push({ period: this.period, from: "subsequentRecovery", to: this.plan.writedownAccount[cls], amount, rule, kind: "writeup" });
    return amount;
  }

  /** Adds an accrual class's accrued interest to its balance (no cash moves; the funds stay for its Accrual Distribution Amount). */
  accrete(cls: number, amount: number, rule: string): number {
    if (!(amount > EPS)) return 0;
    this.balances[cls] = this.balances[cls] + amount;
    this.accretion[cls] += amount;
    if (this.entries) this.entries.push({ period: this.period, from: "accrual", to: this.plan.classAccount[cls], amount, rule, kind: "accretion" });
    return amount;
  }

  /** Records a movement outside Available Funds (corridor receipts, releases). */
  record(from: string, to: string, amount: number, rule: string, kind: LedgerKind): void {
    if (this.entries && amount > EPS) this.entries.push({ period: this.period, from, to, amount, rule, kind });
  }
}
