/**
 * Test support: a Distribution Date's collections written by hand, and the
 * cash-conservation checks every waterfall test applies.
 */
import type { Deal } from "../deal/schema.js";
import type { GroupCollections, PeriodInputs } from "./collections.js";
import type { PeriodResult } from "./report.js";

export function groupCollections(overrides: Partial<GroupCollections> & { groupId: string }): GroupCollections {
  return {
    beginBalance: 0,
    endBalance: 0,
    scheduledPrincipal: 0,
    prepayments: 0,
    liquidatedBalance: 0,
    liquidationPrincipal: 0,
    realizedLoss: 0,
    subsequentRecoveries: 0,
    interest: 0,
    fees: 0,
    netPrepaymentInterestShortfall: 0,
    reliefActReduction: 0,
    delinquent60PlusBalance: 0,
    netWac: 0,
    poBeginBalance: 0,
    poEndBalance: 0,
    poScheduledPrincipal: 0,
    poPrepayments: 0,
    poLiquidatedBalance: 0,
    poLiquidationPrincipal: 0,
    poRealizedLoss: 0,
    nonDiscountBeginBalance: 0,
    nonDiscountEndBalance: 0,
    premiumStripInterest: 0,
    ...overrides,
  };
}

export function periodInputs(period: number, distributionDate: string, groups: GroupCollections[], indices: Record<string, number> = {}): PeriodInputs {
  return { period, distributionDate, groups, indices, optionalTermination: false };
}

/** Sum of ledger amounts leaving Available Funds (to classes; transfers between groups excluded). */
export function distributedFromAvailableFunds(result: PeriodResult): number {
  return result.ledger.filter((e) => e.from.startsWith("availableFunds:") && !e.to.startsWith("availableFunds:")).reduce((s, e) => s + e.amount, 0);
}

/** Cash conservation and the balance identities every Distribution Date must satisfy. */
export function periodInvariantViolations(deal: Deal, inputs: PeriodInputs, result: PeriodResult, tolerance = 1e-4): string[] {
  const out: string[] = [];
  const r = result.report;
  const af = inputs.groups.reduce((s, c) => s + Math.max(0, c.interest - c.fees + c.scheduledPrincipal + c.prepayments + c.liquidationPrincipal + c.subsequentRecoveries), 0);
  const paid = distributedFromAvailableFunds(result);
  if (Math.abs(af - paid) > tolerance * Math.max(1, af / 1e6)) out.push(`period ${r.period}: Available Funds ${af} but ${paid} distributed`);
  for (const [id, c] of Object.entries(r.classes)) {
    if (c.endBalance < -tolerance) out.push(`period ${r.period}: class ${id} ends negative (${c.endBalance})`);
    if (!c.notional && Math.abs(c.beginBalance + c.accretion - c.principal - c.writedown + c.writeup - c.endBalance) > tolerance) {
      out.push(`period ${r.period}: class ${id} begin + accretion − principal − writedown + writeup ≠ end`);
    }
    if (c.interestPaid + c.accretion > c.interestDue + tolerance) out.push(`period ${r.period}: class ${id} paid (or accreted) more interest than due`);
  }
  // Losses allocated in full while any class has balance to take them.
  const nonPoClasses = deal.classes.filter((c) => !c.notional && !c.types.includes("principalOnly"));
  const nonPoEnd = nonPoClasses.reduce((s, c) => s + r.classes[c.id].endBalance, 0);
  const nonPoPoolEnd = inputs.groups.reduce((s, c) => s + c.endBalance - c.poEndBalance, 0);
  if (nonPoEnd > nonPoPoolEnd + tolerance * Math.max(1, nonPoPoolEnd / 1e6)) {
    out.push(`period ${r.period}: non-PO class balances ${nonPoEnd} exceed the non-PO pool ${nonPoPoolEnd}`);
  }
  for (const c of deal.classes) {
    if (!c.notional) continue;
    const n = c.notional;
    if (n.of === "class" && Math.abs(r.classes[c.id].endBalance - r.classes[n.class].endBalance) > tolerance) out.push(`period ${r.period}: ${c.id} notional does not follow ${n.class}`);
  }
  return out;
}
