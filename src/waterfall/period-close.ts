/**
 * The end of a Distribution Date's distributions: the Class PO Deferred Amount
 * writedown and §4.04 Realized Losses (subordinates together, then each group's
 * seniors with senior support, then the excess of the classes over the pool),
 * Subsequent Recoveries written back up, and §4.08 the corridor contracts.
 */
import { corridorPayment, currentYieldSupplement } from "./corridor.js";
import type { RulesPlan } from "./deal-plan.js";
import { allocateToSeniors, allocateToSubordinates } from "./losses.js";
import type { CarriedState, PeriodWork } from "./period-work.js";
import { writeUps } from "./write-ups.js";

const EPS = 1e-6;

/** After the distributions: the PO deferred writedown and §4.04 losses. Returns the Class PO Deferred Amounts outstanding. */
export function allocateLosses(work: PeriodWork, carried: CarriedState, rules: RulesPlan): number {
  const plan = work.plan;
  const book = work.book;
  const spec = plan.deal.lossAllocation;
  const order = plan.lossSubordinateOrder;
  const nG = plan.groupCount;
  const ids = plan.groupIds;
  const recording = book.recording;
  if (work.poDeferredPaid > 0) {
    allocateToSubordinates(book, order, work.poDeferredPaid, recording ? `${rules.poDeferredSection} (Class PO Deferred Amount writedown)` : "", "poDeferredPaid");
  }
  let poDeferred = carried.poDeferred - work.poDeferredPaid;
  let realizedLoss = 0;
  // Non-PO losses: the subordinates absorb all groups' losses together; what they cannot
  // absorb is shared among the groups in proportion to their losses (independent of group
  // order), each part to that group's seniors (or, with them retired, the other groups').
  for (let g = 0; g < nG; g++) {
    const c = work.collections[g];
    realizedLoss += c.realizedLoss;
    const po = plan.poClass[g];
    if (po >= 0 && c.poRealizedLoss > 0) {
      poDeferred += book.writeDown(po, c.poRealizedLoss, recording ? `${spec.section} (PO Percentage of Realized Losses)` : "");
    }
    work.groupLoss[g] = Math.max(0, c.realizedLoss - c.poRealizedLoss);
  }
  work.realizedLoss = realizedLoss;
  let totalNonPoLoss = 0;
  for (let g = 0; g < nG; g++) totalNonPoLoss += work.groupLoss[g];
  const beyondSubordinates = allocateToSubordinates(book, order, totalNonPoLoss, spec.section);
  if (beyondSubordinates > EPS) {
    for (let g = 0; g < nG; g++) {
      let loss = (beyondSubordinates * work.groupLoss[g]) / totalNonPoLoss;
      if (loss <= EPS) continue;
      loss = allocateToSeniors(book, plan.seniorPrincipalClasses[g], loss, recording ? `${spec.section} (senior classes of group ${ids[g]})` : "");
      for (let other = 0; other < nG; other++) {
        if (loss <= EPS) break;
        if (other === g) continue;
        loss = allocateToSeniors(book, plan.seniorPrincipalClasses[other], loss, recording ? `${spec.section} (group ${ids[g]} loss to group ${ids[other]} seniors)` : "");
      }
    }
  }
  if (spec.excessWritedown) {
    let nonPoEnd = 0;
    for (const c of work.inputs!.groups) nonPoEnd += Math.max(0, c.endBalance - c.poEndBalance);
    let balances = 0;
    for (let k = 0; k < plan.nonPoClasses.length; k++) balances += book.balances[plan.nonPoClasses[k]];
    let excess = balances - nonPoEnd;
    if (excess > EPS) {
      const rule = recording ? `${spec.section} (excess of class balances over the pool)` : "";
      excess = allocateToSubordinates(book, order, excess, rule, "undercollateralization");
      if (excess > EPS) allocateToSeniors(book, plan.allSeniorPrincipalClasses, excess, rule, "undercollateralization");
    }
  }
  writeUpSubsequentRecoveries(work, carried);
  return poDeferred;
}

/**
 * Subsequent Recoveries: paid through as principal above, then each class that
 * bore Realized Losses is written back up, in the order of payment priority
 * (senior classes, then the subordinates in order of seniority), by up to the
 * losses allocated to it and not yet written up.
 */
function writeUpSubsequentRecoveries(work: PeriodWork, carried: CarriedState): void {
  let recovered = 0;
  for (const c of work.inputs!.groups) recovered += c.subsequentRecoveries;
  if (!(recovered > EPS)) return;
  const plan = work.plan;
  const book = work.book;
  const order = [...plan.allSeniorPrincipalClasses, ...plan.subordinateClasses];
  const ups = writeUps(
    recovered,
    order.map((i) => ({ id: String(i), unrecovered: carried.cumulativeWritedown[i] + book.writedown[i] - book.writeup[i] })),
  );
  const rule = book.recording ? `${plan.deal.lossAllocation.section} (Subsequent Recovery written up)` : "";
  for (const [slot, amount] of ups) book.writeUp(Number(slot), amount, rule);
}

/**
 * §4.08: each corridor contract's payment, the Yield Supplement Amount paid from
 * it, the release; written into the work's arrays by contract (`corridorOutcomes`
 * in period-result.ts reads them back as `CorridorOutcome`s).
 */
export function settleCorridors(work: PeriodWork, carried: CarriedState): void {
  const plan = work.plan;
  const book = work.book;
  const inputs = work.inputs!;
  const contracts = plan.contracts;
  const notionals = work.terms!.corridorNotional;
  for (let j = 0; j < contracts.length; j++) work.unpaidBefore[j] = carried.yieldSupplementUnpaid[contracts[j].unpaidSlot];
  for (let j = 0; j < contracts.length; j++) {
    const plannedContract = contracts[j];
    const contract = plannedContract.contract;
    const b = plannedContract.beneficiary;
    const indexRate = inputs.indices[contract.index];
    if (indexRate === undefined) throw new Error(`no ${contract.index} fixing for the corridor ${contract.id}`);
    const notional = notionals[j];
    const payment = notional > 0 ? corridorPayment(contract, notional, indexRate) : 0;
    const amount = currentYieldSupplement(contract, indexRate, plannedContract.margin, work.hasRate[b] ? work.rate[b] : 0, work.begin[b]) + work.unpaidBefore[j];
    const paid = Math.min(payment, amount);
    const released = payment - paid;
    work.corridorNotional[j] = notional;
    work.corridorPayment[j] = payment;
    work.yieldSupplementAmount[j] = amount;
    work.yieldSupplementPaid[j] = paid;
    work.corridorReleased[j] = released;
    carried.yieldSupplementUnpaid[plannedContract.unpaidSlot] = amount - paid;
    if (book.recording) {
      book.record(`counterparty:${contract.id}`, "corridorReserveFund", payment, contract.section, "corridor");
      book.record("corridorReserveFund", plan.classAccount[b], paid, `${contract.section} (Yield Supplement Amount)`, "yieldSupplement");
      book.record("corridorReserveFund", "corridorResidualHolder", released, `${contract.section} (release)`, "release");
    }
  }
}
