/**
 * The public result of one Distribution Date (`PeriodResult`: the new
 * `WaterfallState`, the ledger entries, the `PeriodReport`), built from the
 * period step's working arrays (`period-work.ts`) after `stepDistributionDate`.
 */
import type { PeriodWork, CarriedState } from "./period-work.js";
import { waterfallStateOf } from "./period-work.js";
import { poFormulaPrincipalAmount } from "./principal-amounts.js";
import type { CorridorOutcome } from "./corridor.js";
import type { ClassPeriodReport, GroupPeriodReport, PeriodResult } from "./report.js";
import type { WaterfallState } from "./state.js";

/** `previous` is the state the date started from (unpaid Yield Supplement Amounts of other contracts are kept). */
export function periodResult(work: PeriodWork, carried: CarriedState, previous: WaterfallState): PeriodResult {
  const plan = work.plan;
  const deal = plan.deal;
  const book = work.book;
  const inputs = work.inputs!;
  const state = waterfallStateOf(plan, carried, previous);
  const classReports: Record<string, ClassPeriodReport> = {};
  for (let i = 0; i < plan.classCount; i++) {
    const spec = deal.classes[i];
    const notional = plan.notional[i] === 1;
    let corridorPaid = 0;
    for (const j of plan.contractsOfClass[i]) corridorPaid += work.yieldSupplementPaid[j];
    classReports[spec.id] = {
      beginBalance: notional ? work.notionalBegin[i] : work.begin[i],
      endBalance: notional ? work.notionalEnd[i] : work.endBalance[i],
      notional: spec.notional !== undefined,
      passThroughRate: work.hasRate[i] ? work.rate[i] : null,
      interestAccrued: book.interestAccrued[i],
      interestShortfall: book.interestShortfall[i],
      interestDue: book.interestDue[i],
      interestPaid: book.interestPaid[i],
      unpaidInterest: work.unpaidInterestAfter[i],
      principal: book.principal[i],
      writedown: book.writedown[i],
      writeup: book.writeup[i],
      accretion: book.accretion[i],
      poDeferredPaid: plan.principalOnly[i] ? work.poDeferredPaid : 0,
      yieldSupplementPaid: corridorPaid,
    };
  }
  const groupReports: Record<string, GroupPeriodReport> = {};
  for (let g = 0; g < plan.groupCount; g++) {
    groupReports[plan.groupIds[g]] = {
      availableFunds: work.availableFunds[g],
      seniorPercentage: work.seniorPercentage[g],
      originalSeniorPercentage: plan.view.groups[g].originalSeniorPercentage,
      seniorPrepaymentPercentage: work.seniorPrepaymentPercentage[g],
      poFormulaPrincipalAmount: poFormulaPrincipalAmount(work.collections[g]),
      seniorPrincipalDistributionAmount: work.seniorPrincipalDistributionAmount[g],
      seniorPrincipalPaid: work.seniorPaid[g],
      proRataAfterDepletion: work.proRataAfter[g] === 1,
      transferIn: work.transferIn[g],
      transferOut: work.transferOut[g],
    };
  }
  return {
    state,
    ledger: book.entries ?? [],
    report: {
      period: work.period,
      distributionDate: inputs.distributionDate,
      classes: classReports,
      groups: groupReports,
      tests: { ...work.tests },
      subordinatedPrincipalDistributionAmount: work.subordinatedAmount,
      restrictedClasses: work.restricted.map((s) => plan.classIds[s]),
      poDeferredPaid: work.poDeferredPaid,
      poDeferredOutstanding: state.poDeferred,
      realizedLoss: work.realizedLoss,
      cumulativeRealizedLoss: state.cumulativeRealizedLoss,
      corridor: corridorOutcomes(work),
      residual: work.residual,
      totalAvailableFunds: work.totalAvailable,
      totalDistributed: work.totalAvailable - book.totalRemaining(),
      depleted: work.depleted,
      terminated: state.terminated,
    },
  };
}

/** The date's corridor settlements as objects, one per contract of the plan. */
export function corridorOutcomes(work: PeriodWork): CorridorOutcome[] {
  return work.plan.contracts.map((k, j) => ({
    contractId: k.contract.id,
    notional: work.corridorNotional[j],
    payment: work.corridorPayment[j],
    yieldSupplementAmount: work.yieldSupplementAmount[j],
    yieldSupplementPaid: work.yieldSupplementPaid[j],
    unpaidAfter: work.yieldSupplementAmount[j] - work.yieldSupplementPaid[j],
    released: work.corridorReleased[j],
  }));
}
