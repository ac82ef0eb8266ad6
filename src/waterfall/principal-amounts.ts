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
  const scheduled = Math.max(0, c.scheduledPrincipal - c.poScheduledPrincipal);
  const unscheduled = Math.max(0, c.prepayments - c.poPrepayments + c.subsequentRecoveries);
  const liquidatedBalance = Math.max(0, c.liquidatedBalance - c.poLiquidatedBalance);
  const liquidationPrincipal = Math.max(0, c.liquidationPrincipal - c.poLiquidationPrincipal);
  return { scheduled, unscheduled, liquidatedBalance, liquidationPrincipal, total: scheduled + unscheduled + liquidationPrincipal };
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
export function priorityAmount(input: {
  classBalance: number;
  seniorPrincipalLeft: number;
  nonPoPoolBalance: number;
  principal: NonPoPrincipal;
  shiftPercentage: number;
}): number {
  const priorityPct = input.nonPoPoolBalance > 0 ? input.classBalance / input.nonPoPoolBalance : 0;
  const formula =
    priorityPct * (input.principal.scheduled + input.shiftPercentage * (input.principal.unscheduled + input.principal.liquidationPrincipal));
  return Math.max(0, Math.min(input.classBalance, input.seniorPrincipalLeft, formula));
}
