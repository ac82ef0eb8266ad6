/**
 * §4.02 and Article I principal amounts of one loan group for one Distribution
 * Date: the PO Formula Principal Amount, the non-PO principal items, the Senior
 * Principal Distribution Amount and the Class Priority Amount.
 */
import type { GroupCollections } from "./collections.js";

export interface NonPoPrincipal {
  readonly scheduled: number;
  /** Prepayments in full, curtailments, repurchases and Subsequent Recoveries. */
  readonly unscheduled: number;
  /** Stated Principal Balance of the date's Liquidated Mortgage Loans (non-PO part). */
  readonly liquidatedBalance: number;
  /** Net liquidation proceeds allocable to principal (non-PO part). */
  readonly liquidationPrincipal: number;
  readonly total: number;
}

/** PO Formula Principal Amount: PO Percentage × each Discount loan's principal items. */
export function poFormulaPrincipalAmount(c: GroupCollections): number {
  return Math.max(0, c.poScheduledPrincipal + c.poPrepayments + c.poLiquidationPrincipal);
}

export function nonPoPrincipal(c: GroupCollections): NonPoPrincipal {
  return writeNonPoPrincipal({ scheduled: 0, unscheduled: 0, liquidatedBalance: 0, liquidationPrincipal: 0, total: 0 }, c);
}

/** `NonPoPrincipal` that the period step rewrites date after date. */
export type MutableNonPoPrincipal = { -readonly [K in keyof NonPoPrincipal]: NonPoPrincipal[K] };

/** `nonPoPrincipal(c)` written into `out`; returns `out`. */
export function writeNonPoPrincipal(out: MutableNonPoPrincipal, c: GroupCollections): MutableNonPoPrincipal {
  const scheduled = Math.max(0, c.scheduledPrincipal - c.poScheduledPrincipal);
  const unscheduled = Math.max(0, c.prepayments - c.poPrepayments + c.subsequentRecoveries);
  const liquidationPrincipal = Math.max(0, c.liquidationPrincipal - c.poLiquidationPrincipal);
  out.scheduled = scheduled;
  out.unscheduled = unscheduled;
  out.liquidatedBalance = Math.max(0, c.liquidatedBalance - c.poLiquidatedBalance);
  out.liquidationPrincipal = liquidationPrincipal;
  out.total = scheduled + unscheduled + liquidationPrincipal;
  return out;
}

/**
 * Senior Principal Distribution Amount = Senior % × non-PO scheduled principal
 * + Senior Prepayment % × non-PO unscheduled principal + for the liquidated loans
 * the lesser of Senior % × their non-PO Stated Principal Balance and Senior
 * Prepayment % × their non-PO net liquidation principal. (A projection's
 * liquidations come in aggregate; with one severity per rep line the lesser of
 * the sums equals the sum of the lessers.)
 */
export function seniorPrincipalDistributionAmount(p: NonPoPrincipal, seniorPct: number, seniorPrepaymentPct: number): number {
  const liquidation = Math.min(seniorPct * p.liquidatedBalance, seniorPrepaymentPct * p.liquidationPrincipal);
  return seniorPct * p.scheduled + seniorPrepaymentPct * p.unscheduled + liquidation;
}

/**
 * Class Priority Amount (the NAS class): the least of its balance, the Senior
 * Principal Distribution Amount left for it, and Priority Percentage × (non-PO
 * scheduled principal + Shift Percentage × (non-PO unscheduled + liquidation
 * principal)), Priority Percentage = class balance ÷ non-PO pool balance.
 */
export function priorityAmount(classBalance: number, seniorPrincipalLeft: number, nonPoPoolBalance: number, principal: NonPoPrincipal, shiftPercentage: number): number {
  const priorityPct = nonPoPoolBalance > 0 ? classBalance / nonPoPoolBalance : 0;
  const formula = priorityPct * (principal.scheduled + shiftPercentage * (principal.unscheduled + principal.liquidationPrincipal));
  return Math.max(0, Math.min(classBalance, seniorPrincipalLeft, formula));
}
