/**
 * A ledger entry: one movement of money on a Distribution Date, naming the PSA
 * rule that moved it. `from`/`to` are account names: "availableFunds",
 * "class:A-1", "loss:B-5", "corridorReserveFund", "poDeferred:PO", ...
 * Projections carry float64 dollars; the administration ledger stores cents.
 */
export interface LedgerEntry {
  readonly period: number;
  readonly from: string;
  readonly to: string;
  readonly amount: number;
  /** The PSA citation, e.g. "§4.02(a)(ii)(y)3". */
  readonly rule: string;
  /** What kind of money: interest, principal, writedown, fee, corridor, release, ... */
  readonly kind: LedgerKind;
}

export type LedgerKind =
  | "interest"
  | "principal"
  | "writedown"
  | "writeup"
  /** An accrual class's accrued interest added to its balance (no cash). */
  | "accretion"
  | "fee"
  | "corridor"
  | "yieldSupplement"
  | "release"
  | "poDeferred"
  | "residual"
  | "transfer"
  | "termination";
