/**
 * A projection's collections for one period and group, from the collateral
 * layer's arrays: the cash that reaches the trust (interest net of the scenario's
 * Net Prepayment Interest Shortfall and Relief Act Reductions), and, on the date
 * of an Optional Termination (§9.01), the purchase of every remaining loan at par.
 */
import type { Scenario } from "../core/scenario.js";
import type { GroupCollateralFlows } from "../collateral/flows.js";
import type { Deal } from "../deal/schema.js";
import type { GroupCollections } from "../waterfall/collections.js";

export function projectedCollections(input: {
  deal: Deal;
  scenario: Scenario;
  flows: GroupCollateralFlows;
  /** 0-based index into the flow arrays (period − 1). */
  index: number;
  terminate: boolean;
}): GroupCollections {
  const { deal, scenario, flows: f, index: i } = input;
  const begin = f.beginBalance[i];
  const grossWac = begin > 0 ? f.grossRateWeightedBalance[i] / begin : 0;
  // Prepayment Interest Shortfall: the scenario's share of a month's interest on prepayments,
  // less Compensating Interest (up to 1/12 of the rate on the pool, capped by the Master Servicing Fee).
  const ppisPct = (scenario.prepaymentInterestShortfall ?? 0) / 100;
  const ppis = (f.prepayments[i] * grossWac) / 1200 * ppisPct;
  const compensatingCap = Math.min(deal.collateral.compensatingInterestRate, deal.collateral.masterServicingFeeRate) / 1200 * begin;
  const netPpis = Math.max(0, ppis - Math.min(ppis, compensatingCap));
  const relief = ((scenario.reliefActReduction ?? 0) / 100) * f.interest[i];
  const nonDiscountEnd = i + 1 < f.periods ? f.nonDiscountBeginBalance[i + 1] : 0;
  const base: GroupCollections = {
    groupId: f.groupId,
    beginBalance: begin,
    endBalance: f.endBalance[i],
    scheduledPrincipal: f.scheduledPrincipal[i],
    prepayments: f.prepayments[i],
    liquidatedBalance: f.liquidatedBalance[i],
    liquidationPrincipal: f.liquidationPrincipal[i],
    realizedLoss: f.realizedLoss[i],
    subsequentRecoveries: 0,
    interest: f.interest[i] - netPpis - relief,
    fees: f.fees[i],
    netPrepaymentInterestShortfall: netPpis,
    reliefActReduction: relief,
    delinquent60PlusBalance: f.foreclosureBalance[i],
    netWac: begin > 0 ? f.netRateWeightedBalance[i] / begin : 0,
    poBeginBalance: f.poBeginBalance[i],
    poEndBalance: f.poEndBalance[i],
    poScheduledPrincipal: f.poScheduledPrincipal[i],
    poPrepayments: f.poPrepayments[i],
    poLiquidatedBalance: f.poLiquidatedBalance[i],
    poLiquidationPrincipal: f.poLiquidationPrincipal[i],
    poRealizedLoss: f.poRealizedLoss[i],
    nonDiscountBeginBalance: f.nonDiscountBeginBalance[i],
    premiumStripInterest: f.premiumStripInterest[i],
    nonDiscountEndBalance: nonDiscountEnd,
  };
  if (!input.terminate) return base;
  // §9.01: every remaining loan (and REO) bought at par; the purchase price is principal.
  return {
    ...base,
    prepayments: base.prepayments + base.endBalance,
    poPrepayments: base.poPrepayments + base.poEndBalance,
    endBalance: 0,
    poEndBalance: 0,
    nonDiscountEndBalance: 0,
    delinquent60PlusBalance: 0,
  };
}
