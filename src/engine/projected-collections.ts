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

/** The series of a group's collateral flows that a projection reads each date. */
export type ProjectedSeries = Pick<
  GroupCollateralFlows,
  | "groupId"
  | "periods"
  | "beginBalance"
  | "endBalance"
  | "scheduledPrincipal"
  | "prepayments"
  | "newDefaults"
  | "liquidatedBalance"
  | "liquidationPrincipal"
  | "realizedLoss"
  | "foreclosureBalance"
  | "interest"
  | "fees"
  | "netRateWeightedBalance"
  | "grossRateWeightedBalance"
  | "poBeginBalance"
  | "poEndBalance"
  | "poScheduledPrincipal"
  | "poPrepayments"
  | "poLiquidatedBalance"
  | "poLiquidationPrincipal"
  | "poRealizedLoss"
  | "nonDiscountBeginBalance"
  | "premiumStripInterest"
>;

/**
 * Those series as one object of a fixed shape, for the period loop. (The
 * collateral's flows object has more fields, added one by one, than V8 keeps in
 * fast mode; each named read of it is a dictionary lookup.)
 */
export function projectedSeries(f: GroupCollateralFlows): ProjectedSeries {
  return {
    groupId: f.groupId,
    periods: f.periods,
    beginBalance: f.beginBalance,
    endBalance: f.endBalance,
    scheduledPrincipal: f.scheduledPrincipal,
    prepayments: f.prepayments,
    newDefaults: f.newDefaults,
    liquidatedBalance: f.liquidatedBalance,
    liquidationPrincipal: f.liquidationPrincipal,
    realizedLoss: f.realizedLoss,
    foreclosureBalance: f.foreclosureBalance,
    interest: f.interest,
    fees: f.fees,
    netRateWeightedBalance: f.netRateWeightedBalance,
    grossRateWeightedBalance: f.grossRateWeightedBalance,
    poBeginBalance: f.poBeginBalance,
    poEndBalance: f.poEndBalance,
    poScheduledPrincipal: f.poScheduledPrincipal,
    poPrepayments: f.poPrepayments,
    poLiquidatedBalance: f.poLiquidatedBalance,
    poLiquidationPrincipal: f.poLiquidationPrincipal,
    poRealizedLoss: f.poRealizedLoss,
    nonDiscountBeginBalance: f.nonDiscountBeginBalance,
    premiumStripInterest: f.premiumStripInterest,
  };
}

export interface ProjectedCollectionsInput {
  readonly deal: Deal;
  readonly scenario: Scenario;
  readonly flows: ProjectedSeries;
  /** 0-based index into the flow arrays (period − 1). */
  readonly index: number;
  readonly terminate: boolean;
}

/** GroupCollections whose fields a projection overwrites from date to date. */
export type MutableGroupCollections = { -readonly [K in keyof GroupCollections]: GroupCollections[K] };

export function projectedCollections(input: ProjectedCollectionsInput): GroupCollections {
  return writeProjectedCollections({} as MutableGroupCollections, input.deal, input.scenario, input.flows, input.index, input.terminate);
}

/** `projectedCollections` written into `out` (every field); returns `out`. Positional, so a projection's date allocates no input object. */
export function writeProjectedCollections(
  out: MutableGroupCollections,
  deal: Deal,
  scenario: Scenario,
  f: ProjectedSeries,
  i: number,
  terminate: boolean,
): MutableGroupCollections {
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
  out.groupId = f.groupId;
  out.beginBalance = begin;
  out.endBalance = f.endBalance[i];
  out.scheduledPrincipal = f.scheduledPrincipal[i];
  out.prepayments = f.prepayments[i];
  out.liquidatedBalance = f.liquidatedBalance[i];
  out.liquidationPrincipal = f.liquidationPrincipal[i];
  out.realizedLoss = f.realizedLoss[i];
  out.subsequentRecoveries = 0;
  out.interest = f.interest[i] - netPpis - relief;
  out.fees = f.fees[i];
  out.netPrepaymentInterestShortfall = netPpis;
  out.reliefActReduction = relief;
  out.delinquent60PlusBalance = f.foreclosureBalance[i];
  out.netWac = begin > 0 ? f.netRateWeightedBalance[i] / begin : 0;
  out.poBeginBalance = f.poBeginBalance[i];
  out.poEndBalance = f.poEndBalance[i];
  out.poScheduledPrincipal = f.poScheduledPrincipal[i];
  out.poPrepayments = f.poPrepayments[i];
  out.poLiquidatedBalance = f.poLiquidatedBalance[i];
  out.poLiquidationPrincipal = f.poLiquidationPrincipal[i];
  out.poRealizedLoss = f.poRealizedLoss[i];
  out.nonDiscountBeginBalance = f.nonDiscountBeginBalance[i];
  out.premiumStripInterest = f.premiumStripInterest[i];
  out.nonDiscountEndBalance = nonDiscountEnd;
  if (!terminate) return out;
  // §9.01: every remaining loan (and REO) bought at par; the purchase price is principal.
  out.prepayments = out.prepayments + out.endBalance;
  out.poPrepayments = out.poPrepayments + out.poEndBalance;
  out.endBalance = 0;
  out.poEndBalance = 0;
  out.nonDiscountEndBalance = 0;
  out.delinquent60PlusBalance = 0;
  return out;
}
