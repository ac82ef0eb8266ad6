/**
 * The balance identities a deal must satisfy at closing, to the cent:
 * - the offered classes add up to the filed offered amount;
 * - with a Required Coupon (Article I): the non-PO classes add up to the non-PO
 *   pool balance, and Class PO to the PO portion of the Discount Mortgage Loans
 *   (PO Percentage = 1 − Adjusted Net Mortgage Rate ÷ Required Coupon for loans
 *   whose net rate is below it); otherwise all classes add up to the pool;
 * - in each loan group the senior classes do not exceed the group's loans.
 */
import { formatCents, toCents, type Cents } from "../core/money.js";
import type { DealIssue, PartialDeal } from "./deal-issue.js";
import type { ClassSpec, CollateralSpec, RepLine } from "./schema.js";

/** Cents as "$1,234.56" or "−$0.01". */
const dollars = (amount: number): string => `${amount < 0 ? "−" : ""}$${formatCents(Math.abs(amount) as Cents)}`;
const sumCents = (amounts: readonly number[]): number => amounts.reduce((a, b) => a + toCents(b), 0);

/** PO Percentage of a rep line's loans (Article I, "PO Percentage"); 0 without a Required Coupon. */
export function poPercentage(collateral: CollateralSpec, repLine: RepLine): number {
  const required = collateral.requiredCoupon;
  if (required === undefined || required <= 0) return 0;
  const net = repLine.mortgageRate - collateral.masterServicingFeeRate - collateral.trusteeFeeRate;
  return net < required ? 1 - net / required : 0;
}

/** The PO portion of one group's Discount Mortgage Loans at the Cut-off Date, in cents. */
export function poPortionCents(collateral: CollateralSpec, repLines: readonly RepLine[]): number {
  return repLines.reduce((sum, r) => sum + toCents(r.statedPrincipalBalance * poPercentage(collateral, r)), 0);
}

const isPo = (c: ClassSpec): boolean => c.types.includes("principalOnly");

export function checkOfferedAmount(deal: PartialDeal): DealIssue[] {
  if (!deal.classes || deal.offeredAmount === undefined) return [];
  const offered = deal.classes.filter((c) => c.offered);
  const total = sumCents(offered.map((c) => c.initialBalance));
  const filed = toCents(deal.offeredAmount);
  if (total === filed) return [];
  return [
    {
      path: ["offeredAmount"],
      message: `the offered classes (${offered.map((c) => c.id).join(", ")}) sum to ${dollars(total)}, not the filed ${dollars(filed)} (difference ${dollars(total - filed)})`,
    },
  ];
}

export function checkPoolBalance(deal: PartialDeal): DealIssue[] {
  if (!deal.classes || !deal.collateral) return [];
  const collateral = deal.collateral;
  const pool = sumCents(collateral.groups.flatMap((g) => g.repLines.map((r) => r.statedPrincipalBalance)));
  const issues: DealIssue[] = [];
  if (collateral.requiredCoupon === undefined) {
    deal.classes.forEach((c, i) => {
      if (isPo(c)) issues.push({ path: ["classes", i, "types"], message: `principal-only class ${c.id} needs collateral.requiredCoupon to define the PO portion` });
    });
    const total = sumCents(deal.classes.map((c) => c.initialBalance));
    if (total !== pool) {
      issues.push({ path: ["classes"], message: `the class balances sum to ${dollars(total)}, not the pool balance ${dollars(pool)} (difference ${dollars(total - pool)})` });
    }
    return issues;
  }
  const poPortion = collateral.groups.reduce((sum, g) => sum + poPortionCents(collateral, g.repLines), 0);
  const nonPo = deal.classes.filter((c) => !isPo(c));
  const nonPoTotal = sumCents(nonPo.map((c) => c.initialBalance));
  if (nonPoTotal !== pool - poPortion) {
    issues.push({
      path: ["classes"],
      message: `the non-PO class balances sum to ${dollars(nonPoTotal)}, not the non-PO pool balance ${dollars(pool - poPortion)} (pool ${dollars(pool)} − PO portion ${dollars(poPortion)}; difference ${dollars(nonPoTotal - (pool - poPortion))})`,
    });
  }
  const poIndex = deal.classes.findIndex(isPo);
  const poTotal = sumCents(deal.classes.filter(isPo).map((c) => c.initialBalance));
  if (poTotal !== poPortion) {
    issues.push({
      path: poIndex >= 0 ? ["classes", poIndex, "initialBalance"] : ["classes"],
      message:
        poIndex >= 0
          ? `the PO class balance ${dollars(poTotal)} must equal the PO portion of the Discount Mortgage Loans, ${dollars(poPortion)} (Required Coupon ${collateral.requiredCoupon}%)`
          : `the Discount Mortgage Loans have a PO portion of ${dollars(poPortion)} but no class has type principalOnly`,
    });
  }
  return issues;
}

/** Per group: Σ senior (non-PO) class balances ≤ the group's non-PO loan balance; multi-group seniors name their group. */
export function checkGroupSeniors(deal: PartialDeal): DealIssue[] {
  if (!deal.classes || !deal.collateral) return [];
  const collateral = deal.collateral;
  const issues: DealIssue[] = [];
  if (collateral.groups.length > 1) {
    deal.classes.forEach((c, i) => {
      if (c.types.includes("senior") && c.group === undefined) {
        issues.push({ path: ["classes", i], message: `senior class ${c.id} must name its loan group (the deal has ${collateral.groups.length} groups)` });
      }
    });
  }
  collateral.groups.forEach((group, gi) => {
    const loans = sumCents(group.repLines.map((r) => r.statedPrincipalBalance)) - poPortionCents(collateral, group.repLines);
    const seniors = deal.classes!.filter((c) => c.types.includes("senior") && !isPo(c) && (c.group === group.id || (c.group === undefined && collateral.groups.length === 1)));
    const total = sumCents(seniors.map((c) => c.initialBalance));
    if (total > loans) {
      issues.push({
        path: ["collateral", "groups", gi],
        message: `the senior classes of group ${group.id} (${seniors.map((c) => c.id).join(", ")}) total ${dollars(total)}, more than the group's non-PO loans ${dollars(loans)}`,
      });
    }
  });
  return issues;
}
