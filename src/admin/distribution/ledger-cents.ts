/**
 * From the waterfall's float ledger to the trustee's ledger in integer cents.
 *
 * The rounding rule (STYLE.md "Two number worlds"; `allocateCents` in
 * src/core/money.ts):
 * 1. Available Funds in cents are exact: they are sums of the remittance's cents
 *    less the Expense Fees, each rounded to the cent half away from zero.
 * 2. Every cash payment out of Available Funds (§4.02 interest, principal, Class
 *    PO Deferred Amounts, the residual) gets its cents by largest remainder in two
 *    levels: first the Available Funds (all groups together) are split among the
 *    kinds of payment in proportion to the waterfall's dollar totals of each kind;
 *    then each kind's cents among its payments in proportion to their dollar
 *    amounts. Each level hands out floor(share) and then the leftover cents one
 *    each to the largest fractional remainders (ties to the earlier payment). So
 *    the payments add up exactly to the Available Funds in cents, and the
 *    principal paid adds up exactly to the principal collected whenever the
 *    waterfall paid all of it as principal (so class balances keep tying to the
 *    pool). Anything the waterfall left undistributed is a use of its own.
 * 3. Writedowns (§4.04, not cash) are rounded per source (Realized Losses, Class
 *    PO Deferred writedowns, undercollateralization): the source's total to the
 *    cent, then split among the classes by largest remainder. The
 *    undercollateralization writedown exists to make the class balances equal the
 *    pool, so its total is instead the cents by which the classes (after the
 *    date's principal and other writedowns) exceed the pool's ending balance,
 *    when that is within 2 cents of the rounded dollar figure.
 *    Two cent-level ties close the rule, because the PO class's balance is a
 *    fraction of the Discount loans' balances and so is never whole cents:
 *    (a) the PO class's principal is moved by up to 2 cents against the largest
 *    other principal payment so that the PO class ends at its dollar balance
 *    rounded to the cent; (b) if the classes would still end above the pool's
 *    balance, the excess cents are written off the most junior class with a
 *    balance (§4.04, the undercollateralization writedown at the cent).
 * 4. Each Corridor Contract payment (§4.08) is rounded to the cent and split by
 *    largest remainder between the Yield Supplement Amount paid and the release.
 * 5. Transfer Payments between loan groups are rounded to the cent each.
 * 6. Accretion (an accrual class's Accrual Distribution Amount added to its Class
 *    Certificate Balance instead of paid, §4.02(a)(ii)) is not cash: each entry is
 *    rounded to the cent and raises the class's balance. Its cash counterpart, the
 *    principal paid to the accretion-directed classes, is part of rule 2, so the
 *    two may differ by a cent; rule 3's ties keep the classes at the pool.
 */
import type { LedgerEntry, LedgerKind } from "../../core/ledger.js";
import { allocateCents, cents, sumCents, toCents, type Cents } from "../../core/money.js";
import type { Deal } from "../../deal/schema.js";
import type { PeriodReport } from "../../waterfall/report.js";

/** One movement of money on the trustee's ledger, in cents. */
export interface CentsLedgerEntry {
  readonly from: string;
  readonly to: string;
  /** The class the entry pays or writes down, when it concerns one. */
  readonly classId: string | null;
  readonly amount: Cents;
  readonly kind: LedgerKind | "undistributed";
  readonly rule: string;
}

export class RoundingError extends Error {
  constructor(message: string) {
    super(`cents conversion: ${message}`);
    this.name = "RoundingError";
  }
}

const classOf = (account: string): string | null => {
  const m = /^(?:class|writedown|writeup):(.+)$/.exec(account);
  return m ? m[1] : null;
};

const UNDERCOLLATERALIZATION = "undercollateralization";

/** Σ class balances after the cents entries so far (principal and writedowns reduce, write-ups raise). */
function classTotalAfter(before: Readonly<Record<string, Cents>>, entries: readonly CentsLedgerEntry[]): number {
  let total = Object.values(before).reduce((s, v) => s + v, 0);
  for (const e of entries) {
    if (e.classId === null || before[e.classId] === undefined) continue;
    if (e.kind === "principal" || e.kind === "writedown") total -= e.amount;
    if (e.kind === "writeup" || e.kind === "accretion") total += e.amount;
  }
  return total;
}

/** Splits `total` over entries by their dollar amounts (largest remainder). */
function split<T extends { amount: number }>(total: Cents, entries: readonly T[]): Cents[] {
  if (entries.length === 0) {
    if (total !== 0) throw new RoundingError(`${total} cents have no payment to go to`);
    return [];
  }
  if (entries.every((e) => e.amount <= 0)) {
    if (total !== 0) throw new RoundingError(`${total} cents split over zero amounts`);
    return entries.map(() => cents(0));
  }
  return allocateCents(total, entries.map((e) => Math.max(0, e.amount)));
}

export function ledgerToCents(input: {
  readonly deal: Deal;
  readonly ledger: readonly LedgerEntry[];
  readonly report: PeriodReport;
  /** Σ of the groups' Available Funds in cents, from the remittance. */
  readonly availableFunds: Cents;
  /** Class Certificate Balances in cents before the date (non-notional classes). */
  readonly classBalancesBefore: Readonly<Record<string, Cents>>;
  /** The pool's Stated Principal Balance after the date, cents. */
  readonly poolEndBalance: Cents;
}): CentsLedgerEntry[] {
  const { ledger, report } = input;
  const out: CentsLedgerEntry[] = [];

  // 2. Cash out of Available Funds.
  const cash = ledger.filter((e) => e.from.startsWith("availableFunds:") && !e.to.startsWith("availableFunds:"));
  const undistributed = Math.max(0, report.totalAvailableFunds - report.totalDistributed);
  const paid = cash.reduce((s, e) => s + e.amount, 0);
  if (Math.abs(paid + undistributed - input.availableFunds / 100) > 0.005) {
    throw new RoundingError(
      `the waterfall distributed ${(paid + undistributed).toFixed(6)} but Available Funds are ${(input.availableFunds / 100).toFixed(2)}`,
    );
  }
  type Cash = { entry: LedgerEntry | null; amount: number; kind: CentsLedgerEntry["kind"] };
  const items: Cash[] = cash.map((entry) => ({ entry, amount: entry.amount, kind: entry.kind }));
  if (undistributed > 0) items.push({ entry: null, amount: undistributed, kind: "undistributed" });
  const kinds = [...new Set(items.map((i) => i.kind))];
  const byKind = kinds.map((k) => items.filter((i) => i.kind === k));
  const kindCents = split(input.availableFunds, byKind.map((group) => ({ amount: group.reduce((s, i) => s + i.amount, 0) })));
  byKind.forEach((group, k) => {
    const parts = split(kindCents[k], group);
    group.forEach((item, j) => {
      if (item.entry === null) {
        out.push({ from: "availableFunds", to: "undistributed", classId: null, amount: parts[j], kind: "undistributed", rule: "§4.02 (not distributed)" });
      } else {
        out.push({ from: item.entry.from, to: item.entry.to, classId: classOf(item.entry.to), amount: parts[j], kind: item.kind, rule: item.entry.rule });
      }
    });
  });

  // 5. Transfer Payments.
  for (const e of ledger) {
    if (e.from.startsWith("availableFunds:") && e.to.startsWith("availableFunds:")) {
      out.push({ from: e.from, to: e.to, classId: null, amount: toCents(e.amount), kind: e.kind, rule: e.rule });
    }
  }

  // 6. Accretion of accrual classes (before the writedowns, whose undercollateralization tie counts it).
  for (const e of ledger) {
    if (e.kind === "accretion") out.push({ from: e.from, to: e.to, classId: classOf(e.to), amount: toCents(e.amount), kind: "accretion", rule: e.rule });
  }

  // 3. Writedowns and write-ups, per source (undercollateralization last, to tie the classes to the pool).
  for (const kind of ["writedown", "writeup"] as const) {
    const entries = ledger.filter((e) => e.kind === kind);
    const sources = [...new Set(entries.map((e) => e.from))].sort((a, b) => Number(a === UNDERCOLLATERALIZATION) - Number(b === UNDERCOLLATERALIZATION));
    for (const source of sources) {
      const group = entries.filter((e) => e.from === source);
      let total = toCents(group.reduce((s, e) => s + e.amount, 0));
      if (kind === "writedown" && source === UNDERCOLLATERALIZATION) {
        const excess = classTotalAfter(input.classBalancesBefore, out) - input.poolEndBalance;
        if (excess >= 0 && Math.abs(excess - total) <= 2) total = cents(excess);
      }
      const parts = split(total, group);
      group.forEach((e, j) => out.push({ from: e.from, to: e.to, classId: classOf(e.to), amount: parts[j], kind, rule: e.rule }));
    }
  }

  // 4. Corridor Contracts.
  for (const outcome of report.corridor) {
    const contract = input.deal.contracts.find((k) => k.id === outcome.contractId);
    if (!contract) throw new RoundingError(`unknown corridor contract ${outcome.contractId}`);
    const payment = toCents(outcome.payment);
    const [ys, released] = payment === 0 ? [cents(0), cents(0)] : split(payment, [{ amount: outcome.yieldSupplementPaid }, { amount: outcome.released }]);
    out.push({ from: `counterparty:${contract.id}`, to: "corridorReserveFund", classId: null, amount: payment, kind: "corridor", rule: contract.section });
    out.push({ from: "corridorReserveFund", to: `class:${contract.beneficiary}`, classId: contract.beneficiary, amount: ys, kind: "yieldSupplement", rule: `${contract.section} (Yield Supplement Amount)` });
    out.push({ from: "corridorReserveFund", to: "corridorResidualHolder", classId: null, amount: released, kind: "release", rule: `${contract.section} (release)` });
  }

  // The other kinds the waterfall may record outside Available Funds must not be lost silently.
  const handled = new Set<LedgerKind>(["interest", "principal", "poDeferred", "residual", "transfer", "writedown", "writeup", "corridor", "yieldSupplement", "release", "accretion"]);
  const unknown = ledger.filter((e) => !handled.has(e.kind) && !e.from.startsWith("availableFunds:"));
  if (unknown.length > 0) throw new RoundingError(`ledger entries of kind ${unknown[0].kind} (${unknown[0].rule}) have no cents rule`);

  tieToPool(input, out);

  const cashOut = sumCents(out.filter((e) => e.from.startsWith("availableFunds") && !e.to.startsWith("availableFunds:")).map((e) => e.amount));
  if (cashOut !== input.availableFunds) throw new RoundingError(`payments add up to ${cashOut} cents, Available Funds are ${input.availableFunds}`);
  return out.filter((e) => e.amount !== 0);
}

/** Step 3 (a) and (b): the PO class to its rounded dollar balance, then no class total above the pool. */
function tieToPool(
  input: { deal: Deal; report: PeriodReport; classBalancesBefore: Readonly<Record<string, Cents>>; poolEndBalance: Cents },
  out: CentsLedgerEntry[],
): void {
  const { deal, report } = input;
  const po = deal.lossAllocation.poClass;
  const endOf = (id: string): number => {
    let b: number = input.classBalancesBefore[id] ?? 0;
    for (const e of out) {
      if (e.classId !== id) continue;
      if (e.kind === "principal" || e.kind === "writedown") b -= e.amount;
      if (e.kind === "writeup" || e.kind === "accretion") b += e.amount;
    }
    return b;
  };
  if (po && input.classBalancesBefore[po] !== undefined && report.classes?.[po]) {
    const diff = endOf(po) - toCents(report.classes[po].endBalance);
    const poEntry = out.findIndex((e) => e.kind === "principal" && e.classId === po);
    const other = out.reduce((best, e, i) => (e.kind === "principal" && e.classId !== po && (best < 0 || e.amount > out[best].amount) ? i : best), -1);
    if (diff !== 0 && Math.abs(diff) <= 2 && poEntry >= 0 && other >= 0 && out[poEntry].amount + diff >= 0 && out[other].amount - diff >= 0) {
      out[poEntry] = { ...out[poEntry], amount: cents(out[poEntry].amount + diff) };
      out[other] = { ...out[other], amount: cents(out[other].amount - diff) };
    }
  }
  let excess = classTotalAfter(input.classBalancesBefore, out) - input.poolEndBalance;
  for (const id of deal.lossAllocation.subordinateOrder) {
    if (excess <= 0) break;
    const take = Math.min(excess, endOf(id));
    if (take <= 0) continue;
    out.push({ from: UNDERCOLLATERALIZATION, to: `writedown:${id}`, classId: id, amount: cents(take), kind: "writedown", rule: `${deal.lossAllocation.section} (excess of class balances over the pool, at the cent)` });
    excess -= take;
  }
}
