/**
 * A resolved, read-only view of a deal for the waterfall: classes by role and
 * group, original percentages, the rules by kind. Computed once per deal.
 */
import type { ClassSpec, Deal, Rule } from "../deal/schema.js";

export interface GroupView {
  readonly id: string;
  /** Senior classes of the group that carry principal (not notional, not PO), in deal order. */
  readonly seniorPrincipalClasses: readonly string[];
  /** Every senior class of the group (incl. notional and PO). */
  readonly seniorClasses: readonly string[];
  readonly poClass: string | null;
  /** Stated Principal Balance of the group's loans at the Cut-off Date. */
  readonly cutoffBalance: number;
  /** Original Senior Percentage: non-PO senior balance ÷ non-PO group balance at closing. */
  readonly originalSeniorPercentage: number;
}

export interface DealView {
  readonly deal: Deal;
  readonly classById: ReadonlyMap<string, ClassSpec>;
  readonly groups: readonly GroupView[];
  readonly groupById: ReadonlyMap<string, GroupView>;
  /** Subordinate classes in order of seniority (M first). */
  readonly subordinateClasses: readonly string[];
  readonly originalSubordinateBalance: number;
  /** Aggregate original Subordinated Percentage (non-PO subordinate ÷ non-PO pool). */
  readonly originalSubordinatedPercentage: number;
  /** Original Applicable Credit Support Percentage by subordinate class. */
  readonly originalCreditSupport: ReadonlyMap<string, number>;
  readonly cutoffPoolBalance: number;
  readonly residualClass: string | null;
}

export function isNotional(spec: ClassSpec): boolean {
  return spec.notional !== undefined;
}

export function isPrincipalOnly(spec: ClassSpec): boolean {
  return spec.types.includes("principalOnly");
}

export function isSubordinate(spec: ClassSpec): boolean {
  return spec.types.includes("subordinate");
}

function rulesOfKind<K extends Rule["kind"]>(deal: Deal, kind: K): Extract<Rule, { kind: K }>[] {
  return deal.rules.filter((r): r is Extract<Rule, { kind: K }> => r.kind === kind);
}

/** Non-PO Percentage of a rep line's loans (Article I), 1 for deals without a Required Coupon. */
export function nonPoPercentage(deal: Deal, mortgageRate: number): number {
  const required = deal.collateral.requiredCoupon;
  if (required === undefined) return 1;
  const net = mortgageRate - deal.collateral.masterServicingFeeRate - deal.collateral.trusteeFeeRate;
  return net < required ? net / required : 1;
}

export function buildDealView(deal: Deal): DealView {
  const classById = new Map(deal.classes.map((c) => [c.id, c]));
  const subordinateRule = rulesOfKind(deal, "subordinates")[0];
  const subordinateClasses = subordinateRule
    ? subordinateRule.classes
    : deal.classes.filter(isSubordinate).map((c) => c.id);
  const originalSubordinateBalance = subordinateClasses.reduce((s, id) => s + (classById.get(id)?.initialBalance ?? 0), 0);

  let cutoffPoolBalance = 0;
  let nonPoPool = 0;
  const groups: GroupView[] = deal.collateral.groups.map((g) => {
    let balance = 0;
    let nonPo = 0;
    for (const line of g.repLines) {
      balance += line.statedPrincipalBalance;
      nonPo += line.statedPrincipalBalance * nonPoPercentage(deal, line.mortgageRate);
    }
    cutoffPoolBalance += balance;
    nonPoPool += nonPo;
    const members = deal.classes.filter((c) => c.group === g.id && !isSubordinate(c));
    const seniorPrincipalClasses = members.filter((c) => !isNotional(c) && !isPrincipalOnly(c)).map((c) => c.id);
    const poClass = members.find(isPrincipalOnly)?.id ?? null;
    const seniorBalance = seniorPrincipalClasses.reduce((s, id) => s + classById.get(id)!.initialBalance, 0);
    return {
      id: g.id,
      seniorPrincipalClasses,
      seniorClasses: members.map((c) => c.id),
      poClass,
      cutoffBalance: balance,
      originalSeniorPercentage: nonPo > 0 ? Math.min(1, seniorBalance / nonPo) : 0,
    };
  });

  const nonPoClassTotal = deal.classes
    .filter((c) => !isNotional(c) && !isPrincipalOnly(c))
    .reduce((s, c) => s + c.initialBalance, 0);
  const originalCreditSupport = new Map<string, number>();
  let below = 0;
  for (let i = subordinateClasses.length - 1; i >= 0; i--) {
    below += classById.get(subordinateClasses[i])!.initialBalance;
    originalCreditSupport.set(subordinateClasses[i], nonPoClassTotal > 0 ? below / nonPoClassTotal : 0);
  }
  const residual = rulesOfKind(deal, "residual")[0];
  return {
    deal,
    classById,
    groups,
    groupById: new Map(groups.map((g) => [g.id, g])),
    subordinateClasses,
    originalSubordinateBalance,
    originalSubordinatedPercentage: nonPoPool > 0 ? originalSubordinateBalance / nonPoPool : 0,
    originalCreditSupport,
    cutoffPoolBalance,
    residualClass: residual ? residual.class : null,
  };
}
