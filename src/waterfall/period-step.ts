/**
 * §4.02: one Distribution Date on the slots of the deal plan. The defined
 * amounts the rules pay (Interest Distribution Amounts, the PO Formula
 * Principal Amount, the Senior Principal Distribution Amount, the Class Priority
 * Amount, the Subordinated Principal Distribution Amount) are computed first,
 * from the state at the start of the date; the compiled rules are then
 * interpreted in order by one exhaustive switch; losses (§4.04) and the corridor
 * (§4.08) follow the distributions.
 *
 * `stepDistributionDate` writes the date's figures into a `PeriodWork` and moves
 * the `CarriedState` to the end of the date. `distributePeriod` wraps it as the
 * pure step `(deal, state, inputs) → {state, ledger, report}`; a projection
 * calls it directly, date after date, on the same arrays.
 */
import { assertNever } from "../core/assert-never.js";
import type { GroupCollections, PeriodInputs } from "./collections.js";
import { dateTerms, RateKind, type DateTerms, type RuleStep, type RulesPlan } from "./deal-plan.js";
import { singleLane, type PeriodLanes } from "./lanes.js";
import { accruedCertificateInterest, allocateInterestShortfallOf, periodRateOf, subordinateNetWac } from "./interest.js";
import { allocateLosses, settleCorridors } from "./period-close.js";
import type { CarriedState, PeriodWork } from "./period-work.js";
import { poFormulaPrincipalAmount, writeNonPoPrincipal, seniorPrincipalDistributionAmount } from "./principal-amounts.js";
import { payProRata, paySequence } from "./senior-principal.js";
import { seniorPercentage, seniorPrepaymentPercentageIn, stepDownTestsIn } from "./shifting-interest.js";
import { subordinatePrincipalSharesOfSlots } from "./subordinate-principal.js";

const EPS = 1e-6;
const NO_CLASSES: readonly number[] = Object.freeze([]);

/** Available Funds of a group: interest less fees plus every principal item. */
export function availableFunds(c: GroupCollections): number {
  return c.interest - c.fees + c.scheduledPrincipal + c.prepayments + c.liquidationPrincipal + c.subsequentRecoveries;
}

/**
 * One Distribution Date over the active lanes of `lanes` (each lane one scenario,
 * its inputs in `lanes.inputs`): each phase of the date, and each rule in force,
 * is interpreted once and its body run lane by lane; whatever differs between
 * lanes (funds exhausted, a class retired, depletion reached, a corridor in the
 * money) is decided inside the body for that lane. A single scenario is a lane
 * set of one.
 */
export function stepLanes(lanes: PeriodLanes, rules: RulesPlan, recordLedger: boolean): void {
  const n = lanes.activeCount;
  const active = lanes.active;
  const works = lanes.work;
  const carried = lanes.carried;
  let terms: DateTerms | null = null;
  for (let k = 0; k < n; k++) {
    const l = active[k];
    const inputs = lanes.inputs[l]!;
    // The lanes of a batch step the same Distribution Date: its terms are looked up once.
    if (terms === null || works[active[0]].inputs!.distributionDate !== inputs.distributionDate) terms = dateTerms(works[l].plan, inputs.distributionDate);
    startDate(works[l], carried[l], inputs, terms, recordLedger);
  }
  for (let k = 0; k < n; k++) startAccretion(works[active[k]], rules);
  for (let k = 0; k < n; k++) accrueInterest(works[active[k]], carried[active[k]]);
  for (let k = 0; k < n; k++) shiftingInterest(works[active[k]], carried[active[k]]);
  runRules(lanes, rules);
  for (let k = 0; k < n; k++) {
    const l = active[k];
    const poDeferred = allocateLosses(works[l], carried[l], rules);
    settleCorridors(works[l], carried[l]);
    carry(works[l], carried[l], poDeferred);
  }
}

/** `stepLanes` on one scenario: the body of `distributePeriod`. */
export function stepDistributionDate(work: PeriodWork, carried: CarriedState, inputs: PeriodInputs, rules: RulesPlan, recordLedger: boolean): void {
  const lanes = singleLane(work, carried);
  lanes.inputs[0] = inputs;
  stepLanes(lanes, rules, recordLedger);
}

/** Collections by group, balances and notionals at the start of the date, Available Funds, depletion. */
function startDate(work: PeriodWork, carried: CarriedState, inputs: PeriodInputs, terms: DateTerms, recordLedger: boolean): void {
  const plan = work.plan;
  const nG = plan.groupCount;
  const period = inputs.period;
  work.period = period;
  work.terms = terms;
  work.inputs = inputs;
  const coll = work.collections as (GroupCollections | undefined)[];
  for (let g = 0; g < nG; g++) coll[g] = undefined;
  for (let k = 0; k < inputs.groups.length; k++) {
    const c = inputs.groups[k];
    // Collections usually come in the plan's group order; else they are found by id.
    const g = k < nG && plan.groupIds[k] === c.groupId ? k : plan.groupIndex.get(c.groupId);
    if (g !== undefined) coll[g] = c;
  }
  for (let g = 0; g < nG; g++) {
    if (coll[g] === undefined) throw new Error(`period ${period}: no collections for loan group ${plan.groupIds[g]}`);
  }

  const begin = work.begin;
  begin.set(carried.balance);
  // Notionals: zero but for the notional classes.
  for (let k = 0; k < plan.notionalClasses.length; k++) {
    const i = plan.notionalClasses[k];
    let n = 0;
    if (plan.notionalOfClass[i] >= 0) n = begin[plan.notionalOfClass[i]];
    else if (plan.ownGroup[i] === -1) for (const c of inputs.groups) n += c.nonDiscountBeginBalance;
    else n = work.collections[plan.ownGroup[i]].nonDiscountBeginBalance;
    work.notionalBegin[i] = n;
  }
  let total = 0;
  for (let g = 0; g < nG; g++) {
    work.availableFunds[g] = Math.max(0, availableFunds(work.collections[g]));
    total += work.availableFunds[g];
  }
  work.totalAvailable = total;
  work.book.start(period, work.availableFunds, begin, recordLedger);

  let subordinateBegin = 0;
  for (let k = 0; k < plan.subordinateClasses.length; k++) subordinateBegin += begin[plan.subordinateClasses[k]];
  work.subordinateBegin = subordinateBegin;
  // "On and after" the Senior Credit Support Depletion Date: once reached, it stays reached
  // (a later write-up of a subordinate class does not undo it).
  work.depleted = plan.subordinateClasses.length > 0 && (carried.depletionPeriod !== null || subordinateBegin <= EPS);
  work.depletionPeriod = carried.depletionPeriod ?? (work.depleted ? period : null);
}

/**
 * Which accrual classes accrete on the date: before the Accretion Termination Date
 * (the first date on which every accretion-directed class is retired at the start of
 * the date, or the Senior Credit Support Depletion Date) and with a balance.
 */
function startAccretion(work: PeriodWork, rules: RulesPlan): void {
  work.accreting.fill(0);
  work.accrualDistributionAmount.fill(0);
  if (work.depleted) return;
  const begin = work.begin;
  for (const a of rules.accruals) {
    if (!(begin[a.cls] > EPS)) continue;
    let directedOutstanding = false;
    for (let k = 0; k < a.directed.length; k++) if (begin[a.directed[k]] > EPS) directedOutstanding = true;
    if (directedOutstanding) work.accreting[a.cls] = 1;
  }
}

/** Pass-Through Rates, Accrued Certificate Interest, the shortfall shares, the Interest Distribution Amounts. */
function accrueInterest(work: PeriodWork, carried: CarriedState): void {
  const plan = work.plan;
  const classes = plan.deal.classes;
  const inputs = work.inputs!;
  const begin = work.begin;
  for (let g = 0; g < plan.groupCount; g++) {
    const c = work.collections[g];
    const pool = Math.max(0, c.beginBalance - c.poBeginBalance);
    const seniors = plan.seniorPrincipalClasses[g];
    let senior = 0;
    for (let k = 0; k < seniors.length; k++) senior += begin[seniors[k]];
    work.nonPoPool[g] = pool;
    work.nonPoSenior[g] = senior;
    work.subordinatePortion[g] = pool - senior;
    work.netWac[g] = c.netWac;
  }
  for (let k = 0; k < plan.groupCount; k++) {
    work.wacsInRecordOrder[k] = work.netWac[plan.groupRecordOrder[k]];
    work.portionsInRecordOrder[k] = work.subordinatePortion[plan.groupRecordOrder[k]];
  }
  const subordinateWac = subordinateNetWac(work.portionsInRecordOrder, work.wacsInRecordOrder, work.wacsInRecordOrder);
  const book = work.book;
  const nC = plan.classCount;
  const rateKind = plan.rateKind;
  const notional = plan.notional;
  const notionalBegin = work.notionalBegin;
  const rates = work.rate;
  const hasRate = work.hasRate;
  const accrued = book.interestAccrued;
  let totalAccrued = 0;
  for (let i = 0; i < nC; i++) {
    // Fixed and rateless coupons are resolved in the plan; the others are worked out for the date.
    const kind = rateKind[i];
    let rate = 0;
    let has = 0;
    if (kind === RateKind.fixed) {
      rate = plan.fixedRate[i];
      has = 1;
    } else if (kind === RateKind.ofPeriod) {
      const group = plan.couponGroup[i];
      rate = periodRateOf(classes[i], inputs.indices, group >= 0 ? work.netWac[group] : 0, subordinateWac);
      has = Number.isNaN(rate) ? 0 : 1;
      if (!has) rate = 0;
    }
    hasRate[i] = has;
    rates[i] = rate;
    let interest = 0;
    if (kind === RateKind.premiumStrip) {
      if (plan.ownGroup[i] === -1) for (const c of inputs.groups) interest += c.premiumStripInterest;
      else interest = work.collections[plan.ownGroup[i]].premiumStripInterest;
    } else if (has) {
      interest = accruedCertificateInterest(rate, notional[i] ? notionalBegin[i] : begin[i]);
    }
    const a = interest > 0 ? interest : 0;
    accrued[i] = a;
    totalAccrued += a;
  }
  let shortfall = 0;
  for (const c of inputs.groups) shortfall = shortfall + c.netPrepaymentInterestShortfall + c.reliefActReduction;
  // The book opened the date with every share at zero; with no shortfall they stay so.
  if (shortfall > 0 && totalAccrued > 0) allocateInterestShortfallOf(accrued, shortfall, book.interestShortfall);
  const unpaid = carried.unpaidInterest;
  const share = book.interestShortfall;
  const due = book.interestDue;
  for (let i = 0; i < nC; i++) due[i] = accrued[i] - share[i] + unpaid[i];
}

/** Senior Percentages, the step-down tests, Senior Prepayment Percentages, Senior Principal Distribution Amounts. */
function shiftingInterest(work: PeriodWork, carried: CarriedState): void {
  const plan = work.plan;
  const deal = plan.deal;
  const view = plan.view;
  const nG = plan.groupCount;
  const month = work.terms!.shiftingInterest;
  let delinquent = 0;
  for (const c of work.inputs!.groups) delinquent += c.delinquent60PlusBalance;
  // The last delinquencyAverageMonths (at least 1) of the history with this date's appended.
  const before = carried.delinquencyHistory;
  const length = Math.min(before.length + 1, Math.max(1, deal.shiftingInterest.stepDownTests.delinquencyAverageMonths));
  // The histories are never written after they are made, so when the new window holds
  // the same numbers as the last (a run of equal delinquencies, zero in most projections)
  // the last one serves again.
  let history = before;
  if (!(length === before.length && shiftLeavesUnchanged(before, delinquent))) {
    const fresh = new Array<number>(length);
    for (let k = 0; k < length - 1; k++) fresh[k] = before[before.length - (length - 1) + k];
    fresh[length - 1] = delinquent;
    history = fresh;
  }
  work.delinquencyHistory = history;
  let pool = 0;
  let senior = 0;
  for (let g = 0; g < nG; g++) pool += work.nonPoPool[g];
  for (let g = 0; g < nG; g++) senior += work.nonPoSenior[g];
  work.totalNonPoPool = pool;
  work.totalNonPoSenior = senior;
  // The step-down inputs are rewritten in place (one object a projection, not one a date).
  const inputs = work.stepDownInputs;
  inputs.month = month.month;
  inputs.delinquencyHistory = history;
  inputs.subordinateBalance = work.subordinateBegin;
  inputs.originalSubordinateBalance = view.originalSubordinateBalance;
  // Cumulative Realized Losses through this date (this date's included, as its delinquencies are).
  inputs.cumulativeRealizedLoss = carried.cumulativeRealizedLoss + thisDateLoss(work);
  inputs.subordinatedPercentage = 1 - seniorPercentage(senior, pool);
  inputs.originalSubordinatedPercentage = view.originalSubordinatedPercentage;
  const tests = stepDownTestsIn(deal.shiftingInterest, month, inputs, work.tests);
  let anyAbove = false;
  for (let g = 0; g < nG; g++) {
    work.seniorPercentage[g] = seniorPercentage(work.nonPoSenior[g], work.nonPoPool[g]);
    if (work.nonPoSenior[g] > 0 && work.seniorPercentage[g] > view.groups[g].originalSeniorPercentage + 1e-12) anyAbove = true;
  }
  for (let g = 0; g < nG; g++) {
    const sp = work.seniorPercentage[g];
    const sppInputs = work.seniorPrepaymentInputs;
    sppInputs.seniorPercentage = sp;
    sppInputs.originalSeniorPercentage = view.groups[g].originalSeniorPercentage;
    sppInputs.anySeniorAboveOriginal = anyAbove;
    sppInputs.tests = tests;
    const spp = seniorPrepaymentPercentageIn(deal.shiftingInterest, month, sppInputs);
    work.seniorPrepaymentPercentage[g] = spp;
    const p = writeNonPoPrincipal(work.principal[g], work.collections[g]);
    work.seniorPrincipalDistributionAmount[g] = seniorPrincipalDistributionAmount(p, sp, spp);
  }
}

/** Whether dropping the first of `history` and appending `value` gives the same numbers. */
function shiftLeavesUnchanged(history: readonly number[], value: number): boolean {
  const n = history.length;
  if (n === 0 || history[n - 1] !== value) return false;
  for (let k = 0; k < n - 1; k++) if (history[k] !== history[k + 1]) return false;
  return true;
}

/** The rules in force, in order, each over the active lanes. */
function runRules(lanes: PeriodLanes, rules: RulesPlan): void {
  const n = lanes.activeCount;
  const active = lanes.active;
  const works = lanes.work;
  for (let k = 0; k < n; k++) startRules(works[active[k]]);
  for (const step of rules.steps) {
    switch (step.kind) {
      case "seniorInterest":
        for (let k = 0; k < n; k++) paySeniorInterest(works[active[k]], step);
        break;
      case "poPrincipal":
        for (let k = 0; k < n; k++) payPoPrincipal(works[active[k]], step);
        break;
      case "seniorPrincipal":
        for (let k = 0; k < n; k++) paySeniorPrincipalOfGroup(works[active[k]], rules, step);
        break;
      case "seniorPrincipalAfterDepletion":
        // Applied inside `seniorPrincipal` on and after the Senior Credit Support Depletion Date.
        break;
      case "accrualDistribution":
        for (let k = 0; k < n; k++) payAccrualDistributionAmount(works[active[k]], step);
        break;
      case "poDeferred":
        for (let k = 0; k < n; k++) payClassPoDeferredAmount(works[active[k]], lanes.carried[active[k]], step);
        break;
      case "crossCollateralization":
        for (let k = 0; k < n; k++) crossCollateralize(works[active[k]], rules);
        break;
      case "subordinates":
        for (let k = 0; k < n; k++) payPrincipalOfSubordinates(works[active[k]], rules, step.classes, step.section);
        break;
      case "residual":
        for (let k = 0; k < n; k++) payResidual(works[active[k]], step);
        break;
      default:
        assertNever(step.kind, "rule");
    }
  }
}

/** A lane's figures of the rules, zero before the first rule. */
function startRules(work: PeriodWork): void {
  for (let g = 0; g < work.plan.groupCount; g++) {
    work.seniorPaid[g] = 0;
    work.proRataAfter[g] = 0;
    work.transferIn[g] = 0;
    work.transferOut[g] = 0;
    work.redirected[g] = 0;
  }
  work.poDeferredPaid = 0;
  work.subordinatedAmount = 0;
  work.restricted = NO_CLASSES;
  work.residual = 0;
}

/**
 * §4.02(a)(ii)(x): the PO Formula Principal Amount. (x) and (y) are paid concurrently, so when
 * the funds left fall short of both, Class PO takes its proportionate part rather than being paid first in full.
 */
function payPoPrincipal(work: PeriodWork, step: RuleStep): void {
  const g = step.group;
  const book = work.book;
  const po = poFormulaPrincipalAmount(work.collections[g]);
  const both = po + work.seniorPrincipalDistributionAmount[g];
  const funds = book.available[g];
  const amount = both > funds && both > 0 ? (Math.max(0, funds) * po) / both : po;
  book.payPrincipal(work.plan.ownFunds[g], step.cls, amount, step.section);
}

/** §4.02(a)(ii)(y): the group's Senior Principal Distribution Amount. */
function paySeniorPrincipalOfGroup(work: PeriodWork, rules: RulesPlan, step: RuleStep): void {
  const g = step.group;
  const paid = paySeniorPrincipal(work, rules, g, work.plan.ownFunds[g], work.seniorPrincipalDistributionAmount[g], null);
  work.seniorPaid[g] = work.seniorPaid[g] + paid;
}

/**
 * The Accrual Distribution Amount (the interest accreted on the accrual class) as principal
 * to the accretion-directed classes in order, and what they cannot take to the accrual class.
 */
function payAccrualDistributionAmount(work: PeriodWork, step: RuleStep): void {
  const amount = work.accrualDistributionAmount[step.cls];
  if (!(amount > EPS)) return;
  const funds = work.plan.ownFunds[step.group];
  const paid = paySequence(work, funds, step.payees, amount, null);
  if (amount - paid > EPS) work.book.payPrincipal(funds, step.cls, amount - paid, step.section);
}

/** §4.02(a)(iii): the Class PO Deferred Amount, from what would go to the subordinates, before depletion. */
function payClassPoDeferredAmount(work: PeriodWork, carried: CarriedState, step: RuleStep): void {
  if (work.depleted || carried.poDeferred <= EPS) return;
  const g = step.group;
  const p = work.principal[g];
  const subordinateBeforeDeferred = p.total - Math.min(work.seniorPrincipalDistributionAmount[g], p.total);
  const amount = Math.min(carried.poDeferred, subordinateBeforeDeferred);
  work.poDeferredPaid += work.book.pay(work.plan.ownFunds[g], step.cls, amount, step.section, "poDeferred");
}

/** §4.02(a)(v): what is left of each group's Available Funds to the residual class. */
function payResidual(work: PeriodWork, step: RuleStep): void {
  const book = work.book;
  for (let g = 0; g < work.plan.groupCount; g++) {
    const left = book.available[g];
    if (left > 0) work.residual += book.pay(work.plan.ownFunds[g], step.cls, left, step.section, "residual");
  }
}

/**
 * §4.02(a)(i): the Interest Distribution Amounts of the step's classes,
 * concurrently, pro rata by what each is due when the group's funds fall short.
 * (Its own function, so the payments inline into it: V8's inlining budget of the
 * rule loop runs out, and a call it does not inline boxes every amount passed.)
 */
function paySeniorInterest(work: PeriodWork, step: RuleStep): void {
  const book = work.book;
  const due = book.interestDue;
  const classes = step.classes;
  let total = 0;
  for (let k = 0; k < classes.length; k++) total += Math.max(0, due[classes[k]]);
  if (!(total > 0)) return;
  const payable = Math.min(total, book.available[step.group]);
  const funds = work.plan.ownFunds[step.group];
  for (let k = 0; k < classes.length; k++) {
    const cls = classes[k];
    const d = Math.max(0, due[cls]);
    // An accrual class before its Accretion Termination Date: the interest is added to its
    // balance and the funds stay for its Accrual Distribution Amount.
    if (work.accreting[cls] === 1) work.accrualDistributionAmount[cls] += book.accrete(cls, (payable * d) / total, step.section);
    else book.payInterest(funds, cls, (payable * d) / total, step.section);
  }
}

/**
 * Pays senior principal of group `target` from `funds`: by §4.02(c) when
 * depleted and in force, else through its sequence. `citation` (ledger text
 * only) replaces the §4.02(c) section or prefixes each payee's citation.
 */
function paySeniorPrincipal(work: PeriodWork, rules: RulesPlan, target: number, funds: Int32Array, amount: number, citation: string | null): number {
  const after = work.depleted ? rules.afterDepletion[target] : null;
  if (after) {
    work.proRataAfter[target] = 1;
    return payProRata(work, funds, after, amount, citation ?? rules.afterDepletionSection);
  }
  return paySequence(work, funds, rules.seniorSequence[target], amount, citation);
}

/** The working balance of a group's senior principal classes. */
function outstanding(work: PeriodWork, g: number): number {
  const seniors = work.plan.seniorPrincipalClasses[g];
  let s = 0;
  for (let k = 0; k < seniors.length; k++) s += work.book.balances[seniors[k]];
  return s;
}

/** §4.02 transfer payments between groups (multi-group deals). */
function crossCollateralize(work: PeriodWork, rules: RulesPlan): void {
  const plan = work.plan;
  const nG = plan.groupCount;
  if (nG < 2) return;
  const book = work.book;
  const section = rules.crossCollateralizationSection;
  const ids = plan.groupIds;
  // Retired group: its principal goes to the other group's seniors.
  for (let g = 0; g < nG; g++) {
    const retiredAtStart = work.nonPoSenior[g] <= EPS;
    if (!retiredAtStart) continue;
    for (let h = 0; h < nG; h++) {
      if (h === g || outstanding(work, h) <= EPS) continue;
      let amount: number;
      if (work.depleted) amount = work.principal[g].total;
      else if (work.tests.delinquencyTest && work.tests.lossTest && 1 - seniorPercentage(work.totalNonPoSenior, work.totalNonPoPool) >= 2 * plan.view.originalSubordinatedPercentage) amount = 0;
      else amount = seniorPrincipalDistributionAmount(work.principal[g], work.seniorPercentage[h], work.seniorPrepaymentPercentage[h]);
      const citation = book.recording ? `${section} (retired group ${ids[g]} to group ${ids[h]})` : "";
      const paid = paySeniorPrincipal(work, rules, h, plan.ownFunds[g], Math.min(amount, book.available[g]), citation);
      work.redirected[g] = work.redirected[g] + paid;
      work.transferOut[g] = work.transferOut[g] + paid;
      work.transferIn[h] = work.transferIn[h] + paid;
      work.seniorPaid[h] = work.seniorPaid[h] + paid;
    }
  }
  // Undercollateralized Group: senior balance above its loans after the date's principal.
  for (let g = 0; g < nG; g++) {
    const c = work.collections[g];
    const poolEnd = Math.max(0, c.endBalance - c.poEndBalance);
    const excess = outstanding(work, g) - poolEnd;
    if (excess <= EPS) continue;
    const need = excess + (excess * c.netWac) / 100 / 12;
    for (let h = 0; h < nG; h++) {
      // Only a group that is not itself undercollateralized pays a Transfer Payment.
      if (h === g) continue;
      const ch = work.collections[h];
      if (outstanding(work, h) - Math.max(0, ch.endBalance - ch.poEndBalance) > EPS) continue;
      const moved = book.transfer(h, g, need, book.recording ? `${section} (Transfer Payment to Undercollateralized Group ${ids[g]})` : "");
      if (moved <= 0) continue;
      work.transferOut[h] = work.transferOut[h] + moved;
      work.transferIn[g] = work.transferIn[g] + moved;
      // Interest on the shortfall first to the group's seniors' unpaid interest, then principal.
      const interestPart = moved - Math.min(moved, excess);
      const seniors = plan.seniorClasses[g];
      const unpaid = book.amountScratch(seniors.length);
      let owed = 0;
      for (let k = 0; k < seniors.length; k++) {
        unpaid[k] = Math.max(0, book.interestDue[seniors[k]] - book.interestPaid[seniors[k]]);
        owed += unpaid[k];
      }
      if (owed > 0 && interestPart > 0) {
        for (let k = 0; k < seniors.length; k++) book.payInterest(plan.ownFunds[g], seniors[k], (Math.min(owed, interestPart) * unpaid[k]) / owed, section);
      }
      const paid = paySeniorPrincipal(work, rules, g, plan.ownFunds[g], Math.min(moved, excess), book.recording ? `${section} (Transfer Payment)` : "");
      work.seniorPaid[g] = work.seniorPaid[g] + paid;
    }
  }
}

/** §4.02(a)(iv): each subordinate class its interest, then its share of the Subordinated Principal Distribution Amount. */
function payPrincipalOfSubordinates(work: PeriodWork, rules: RulesPlan, classes: Int32Array, section: string): void {
  const plan = work.plan;
  const book = work.book;
  const nG = plan.groupCount;
  let scheduledPart = 0;
  let total = 0;
  for (let g = 0; g < nG; g++) {
    const p = work.principal[g];
    const spda = work.seniorPrincipalDistributionAmount[g];
    // Senior principal above what the group's seniors owe at the start of the date (retired, or
    // paid off during it) falls to the subordinates; principal unpaid because funds ran short does not.
    const seniorNotPaid = Math.max(0, spda - work.nonPoSenior[g]);
    const groupSub = Math.max(0, p.total - spda + seniorNotPaid - work.redirected[g]);
    scheduledPart += Math.min(groupSub, (1 - work.seniorPercentage[g]) * p.scheduled);
    total += groupSub;
  }
  total = Math.max(0, total - work.poDeferredPaid);
  scheduledPart = Math.min(scheduledPart, total);
  work.subordinatedAmount = total;
  let nonPoClassBalance = 0;
  for (let k = 0; k < plan.nonPoClasses.length; k++) nonPoClassBalance += work.begin[plan.nonPoClasses[k]];
  const balances = book.amountScratch(classes.length);
  for (let k = 0; k < classes.length; k++) balances[k] = work.begin[classes[k]];
  work.restricted = subordinatePrincipalSharesOfSlots(
    classes,
    balances,
    nonPoClassBalance,
    plan.originalCreditSupport,
    scheduledPart,
    total - scheduledPart,
    work.shares,
    work.restrictedFlags,
  );
  const funds = plan.allGroups;
  let shared = 0;
  for (let k = 0; k < classes.length; k++) {
    const id = classes[k];
    book.payInterest(funds, id, Math.max(0, book.interestDue[id]), section);
    shared += book.payPrincipal(funds, id, work.shares[id], section);
  }
  // Subordinate principal with no subordinate class to take it: to the seniors,
  // the group whose senior balance most exceeds its loans first, each in its §4.02 order.
  let left = Math.min(total - shared, book.totalRemaining());
  if (left > EPS) {
    const excess = new Float64Array(nG);
    for (let g = 0; g < nG; g++) {
      const c = work.collections[g];
      excess[g] = outstanding(work, g) - (c.endBalance - c.poEndBalance);
    }
    const order = Array.from(plan.allGroups).sort((a, b) => excess[b] - excess[a]);
    const citation = book.recording ? `${section} (no subordinate class outstanding)` : "";
    for (const g of order) {
      if (left <= EPS) break;
      left -= paySeniorPrincipal(work, rules, g, plan.ownFundsFirst[g], left, citation);
    }
  }
}

/** The end of the date: balances, notionals and unpaid interest carried to the next. */
function carry(work: PeriodWork, carried: CarriedState, poDeferred: number): void {
  const plan = work.plan;
  const book = work.book;
  const inputs = work.inputs!;
  const nC = plan.classCount;
  const balances = book.balances;
  const due = book.interestDue;
  const paid = book.interestPaid;
  const writedown = book.writedown;
  const writeup = book.writeup;
  const accretion = book.accretion;
  const endBalance = work.endBalance;
  const unpaidAfter = work.unpaidInterestAfter;
  const carriedBalance = carried.balance;
  const carriedUnpaid = carried.unpaidInterest;
  const cumulativeWritedown = carried.cumulativeWritedown;
  for (let i = 0; i < nC; i++) {
    const end = balances[i] > 0 ? balances[i] : 0;
    const unpaid = due[i] - paid[i] - accretion[i];
    const unpaidInterest = unpaid < 1e-9 ? 0 : unpaid;
    endBalance[i] = end;
    unpaidAfter[i] = unpaidInterest;
    carriedBalance[i] = end;
    carriedUnpaid[i] = unpaidInterest;
    cumulativeWritedown[i] = cumulativeWritedown[i] + writedown[i] - writeup[i];
  }
  // Notional classes carry no balance of their own; their notional after the date is reported.
  for (let k = 0; k < plan.notionalClasses.length; k++) {
    const i = plan.notionalClasses[k];
    let notionalEnd = 0;
    if (plan.notionalOfClass[i] >= 0) notionalEnd = Math.max(0, balances[plan.notionalOfClass[i]]);
    else {
      const group = plan.deal.classes[i].group;
      for (const c of inputs.groups) if (!group || c.groupId === group) notionalEnd += c.nonDiscountEndBalance;
    }
    work.notionalEnd[i] = notionalEnd;
    carriedBalance[i] = 0;
  }
  carried.period = work.period;
  carried.poDeferred = poDeferred < 1e-9 ? 0 : poDeferred;
  carried.cumulativeRealizedLoss = carried.cumulativeRealizedLoss + work.realizedLoss;
  carried.delinquencyHistory = work.delinquencyHistory;
  carried.depletionPeriod = work.depletionPeriod;
  carried.terminated = carried.terminated || inputs.optionalTermination;
}

/** The Realized Losses of this date's collections, all groups. */
function thisDateLoss(work: PeriodWork): number {
  let loss = 0;
  for (const c of work.inputs!.groups) loss += c.realizedLoss;
  return loss;
}
