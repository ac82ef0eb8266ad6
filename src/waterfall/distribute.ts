/**
 * §4.02: one Distribution Date, as a pure step
 * `(deal, state, inputs) → {state, ledger, report}`.
 *
 * The deal's `rules` are interpreted in order by one exhaustive switch; the
 * defined amounts they pay (Interest Distribution Amounts, the PO Formula
 * Principal Amount, the Senior Principal Distribution Amount, the Class Priority
 * Amount, the Subordinated Principal Distribution Amount) are computed first,
 * from the state at the start of the date. Losses (§4.04) and the corridor
 * (§4.08) follow the distributions.
 */
import { assertNever } from "../core/assert-never.js";
import { depletionGroups, type Rule } from "../deal/schema.js";
import type { GroupCollections, PeriodInputs } from "./collections.js";
import { settleCorridor, type CorridorOutcome } from "./corridor.js";
import { buildDealView, type DealView } from "./deal-view.js";
import { accruedCertificateInterest, allocateInterestShortfall, passThroughRate, type RateContext } from "./interest.js";
import { allocateToSeniors, allocateToSubordinates } from "./losses.js";
import { PeriodBook } from "./period-book.js";
import { nonPoPrincipal, poFormulaPrincipalAmount, priorityAmount, seniorPrincipalDistributionAmount, type NonPoPrincipal } from "./principal-amounts.js";
import type { ClassPeriodReport, GroupPeriodReport, PeriodResult } from "./report.js";
import { paySequence, payProRata, type SequenceContext } from "./senior-principal.js";
import { evaluateStepDownTests, scheduleValue, seniorPercentage, seniorPrepaymentPercentage } from "./shifting-interest.js";
import type { ClassState, WaterfallState } from "./state.js";
import { subordinatePrincipalShares } from "./subordinate-principal.js";

const EPS = 1e-6;

export interface DistributeOptions {
  /** The rules governing this date (the deal's, or the amended text in force on the date). */
  readonly rules?: readonly Rule[];
}

const viewCache = new WeakMap<object, DealView>();

export function dealView(deal: DealView["deal"]): DealView {
  let v = viewCache.get(deal);
  if (!v) {
    v = buildDealView(deal);
    viewCache.set(deal, v);
  }
  return v;
}

/** Classes §4.02(c) pays pro rata for a group, or null when no such rule governs the date. */
function afterDepletionClasses(rules: readonly Rule[], groupId: string): readonly string[] | null {
  for (const rule of rules) {
    if (rule.kind !== "seniorPrincipalAfterDepletion") continue;
    const entry = depletionGroups(rule).find((g) => g.group === groupId);
    if (entry) return entry.classes;
  }
  return null;
}

function availableFunds(c: GroupCollections): number {
  return c.interest - c.fees + c.scheduledPrincipal + c.prepayments + c.liquidationPrincipal + c.subsequentRecoveries;
}

export function distributePeriod(deal: DealView["deal"], state: WaterfallState, inputs: PeriodInputs, options: DistributeOptions = {}): PeriodResult {
  const view = dealView(deal);
  const rules = options.rules ?? deal.rules;
  const period = inputs.period;
  const month = inputs.distributionDate.slice(0, 7);
  const collections = new Map(inputs.groups.map((g) => [g.groupId, g]));
  for (const g of view.groups) {
    if (!collections.has(g.id)) throw new Error(`period ${period}: no collections for loan group ${g.id}`);
  }

  // --- balances at the start of the date ----------------------------------
  const begin = new Map<string, number>();
  for (const c of deal.classes) begin.set(c.id, state.classes[c.id]?.balance ?? 0);
  const notionalBegin = new Map<string, number>();
  for (const c of deal.classes) {
    if (!c.notional) continue;
    const n = c.notional;
    if (n.of === "class") notionalBegin.set(c.id, begin.get(n.class) ?? 0);
    else notionalBegin.set(c.id, c.group ? collections.get(c.group)!.nonDiscountBeginBalance : inputs.groups.reduce((s, g) => s + g.nonDiscountBeginBalance, 0));
  }
  const af = new Map<string, number>();
  for (const g of view.groups) af.set(g.id, Math.max(0, availableFunds(collections.get(g.id)!)));
  const totalAvailable = [...af.values()].reduce((a, b) => a + b, 0);
  const book = new PeriodBook(period, af, new Map(begin));

  const subordinateBegin = view.subordinateClasses.reduce((s, id) => s + (begin.get(id) ?? 0), 0);
  const depleted = view.subordinateClasses.length > 0 && subordinateBegin <= EPS;
  const depletionPeriod = state.depletionPeriod ?? (depleted ? period : null);

  // --- Pass-Through Rates and Interest Distribution Amounts ---------------
  const nonPoPool = new Map<string, number>();
  const nonPoSenior = new Map<string, number>();
  const subordinatePortion: Record<string, number> = {};
  const groupNetWac: Record<string, number> = {};
  for (const g of view.groups) {
    const c = collections.get(g.id)!;
    nonPoPool.set(g.id, Math.max(0, c.beginBalance - c.poBeginBalance));
    const senior = g.seniorPrincipalClasses.reduce((s, id) => s + (begin.get(id) ?? 0), 0);
    nonPoSenior.set(g.id, senior);
    subordinatePortion[g.id] = nonPoPool.get(g.id)! - senior;
    groupNetWac[g.id] = c.netWac;
  }
  const rateCtx: RateContext = { indices: inputs.indices, groupNetWac, subordinatePortion };
  const rates = new Map<string, number | null>();
  const accrued = new Map<string, number>();
  for (const spec of deal.classes) {
    const rate = passThroughRate(spec, rateCtx);
    rates.set(spec.id, rate);
    let interest = 0;
    if (spec.coupon.kind === "premiumStrip") {
      interest = spec.group ? collections.get(spec.group)!.premiumStripInterest : inputs.groups.reduce((s, g) => s + g.premiumStripInterest, 0);
    } else if (rate !== null) {
      interest = accruedCertificateInterest(rate, spec.notional ? notionalBegin.get(spec.id)! : begin.get(spec.id)!);
    }
    accrued.set(spec.id, Math.max(0, interest));
  }
  const shortfall = inputs.groups.reduce((s, g) => s + g.netPrepaymentInterestShortfall + g.reliefActReduction, 0);
  const shortfallShare = allocateInterestShortfall(accrued, shortfall);
  const due = new Map<string, number>();
  for (const spec of deal.classes) {
    const a = book.act(spec.id);
    a.interestAccrued = accrued.get(spec.id)!;
    a.interestShortfall = shortfallShare.get(spec.id) ?? 0;
    a.interestDue = a.interestAccrued - a.interestShortfall + (state.classes[spec.id]?.unpaidInterest ?? 0);
    due.set(spec.id, a.interestDue);
  }

  // --- shifting interest ---------------------------------------------------
  const delinquent = inputs.groups.reduce((s, g) => s + g.delinquent60PlusBalance, 0);
  const delinquencyHistory = [...state.delinquencyHistory, delinquent].slice(-Math.max(1, deal.shiftingInterest.stepDownTests.delinquencyAverageMonths));
  const totalNonPoPool = [...nonPoPool.values()].reduce((a, b) => a + b, 0);
  const totalNonPoSenior = [...nonPoSenior.values()].reduce((a, b) => a + b, 0);
  const tests = evaluateStepDownTests(deal.shiftingInterest, {
    month,
    delinquencyHistory,
    subordinateBalance: subordinateBegin,
    originalSubordinateBalance: view.originalSubordinateBalance,
    cumulativeRealizedLoss: state.cumulativeRealizedLoss,
    subordinatedPercentage: 1 - seniorPercentage(totalNonPoSenior, totalNonPoPool),
    originalSubordinatedPercentage: view.originalSubordinatedPercentage,
  });
  const sp = new Map<string, number>();
  for (const g of view.groups) sp.set(g.id, seniorPercentage(nonPoSenior.get(g.id)!, nonPoPool.get(g.id)!));
  const anyAbove = view.groups.some((g) => nonPoSenior.get(g.id)! > 0 && sp.get(g.id)! > g.originalSeniorPercentage + 1e-12);
  const spp = new Map<string, number>();
  const principal = new Map<string, NonPoPrincipal>();
  const spda = new Map<string, number>();
  for (const g of view.groups) {
    spp.set(
      g.id,
      seniorPrepaymentPercentage(deal.shiftingInterest, {
        month,
        seniorPercentage: sp.get(g.id)!,
        originalSeniorPercentage: g.originalSeniorPercentage,
        anySeniorAboveOriginal: anyAbove,
        tests,
      }),
    );
    const p = nonPoPrincipal(collections.get(g.id)!);
    principal.set(g.id, p);
    spda.set(g.id, seniorPrincipalDistributionAmount(p, sp.get(g.id)!, spp.get(g.id)!));
  }

  // --- the rules -----------------------------------------------------------
  const allGroups = view.groups.map((g) => g.id);
  const seniorPaid = new Map<string, number>(allGroups.map((g) => [g, 0]));
  const proRataAfter = new Map<string, boolean>(allGroups.map((g) => [g, false]));
  const transferIn = new Map<string, number>(allGroups.map((g) => [g, 0]));
  const transferOut = new Map<string, number>(allGroups.map((g) => [g, 0]));
  const redirected = new Map<string, number>(allGroups.map((g) => [g, 0]));
  let poDeferredPaid = 0;
  let subordinatedAmount = 0;
  let restricted: string[] = [];
  let residual = 0;
  const otherGroupsFirst = (g: string) => [g, ...allGroups.filter((x) => x !== g)];

  const sequenceCtx = (funds: readonly string[]): SequenceContext => ({
    book,
    funds,
    beginBalances: begin,
    priorityAmount: (classId, left) => {
      const spec = deal.priorityAmount;
      if (!spec || spec.class !== classId) return left;
      const group = deal.classes.find((c) => c.id === classId)?.group ?? allGroups[0];
      const shift = (scheduleValue(spec.shiftPercentage, month)?.value ?? 0) / 100;
      return priorityAmount({
        classBalance: book.balance(classId),
        seniorPrincipalLeft: left,
        nonPoPoolBalance: nonPoPool.get(group)!,
        principal: principal.get(group)!,
        shiftPercentage: shift,
      });
    },
  });

  const seniorSequence = (groupId: string) => {
    const rule = rules.find((r) => r.kind === "seniorPrincipal" && r.group === groupId);
    return rule && rule.kind === "seniorPrincipal" ? rule.sequence : [];
  };

  /** Pays senior principal of `target` group from `funds`, by §4.02(c) when depleted and in force, else its sequence. */
  const paySeniorPrincipal = (target: string, funds: readonly string[], amount: number, citation?: string): number => {
    const after = depleted ? afterDepletionClasses(rules, target) : null;
    const ctx = sequenceCtx(funds);
    if (after) {
      proRataAfter.set(target, true);
      const rule = rules.find((r) => r.kind === "seniorPrincipalAfterDepletion")!;
      return payProRata(ctx, after, amount, citation ?? rule.section);
    }
    const seq = seniorSequence(target);
    const seqWithCitation = citation ? seq.map((p) => ({ ...p, citation: `${citation} → ${p.citation}` })) : seq;
    return paySequence(ctx, seqWithCitation, amount);
  };

  for (const rule of rules) {
    switch (rule.kind) {
      case "seniorInterest": {
        const total = rule.classes.reduce((s, id) => s + Math.max(0, due.get(id) ?? 0), 0);
        const payable = Math.min(total, book.remaining(rule.group));
        for (const id of rule.classes) {
          const d = Math.max(0, due.get(id) ?? 0);
          if (total > 0) book.payInterest([rule.group], id, (payable * d) / total, rule.section);
        }
        break;
      }
      case "poPrincipal": {
        const amount = poFormulaPrincipalAmount(collections.get(rule.group)!);
        book.payPrincipal([rule.group], rule.class, amount, rule.section);
        break;
      }
      case "seniorPrincipal": {
        const paid = paySeniorPrincipal(rule.group, [rule.group], spda.get(rule.group)!);
        seniorPaid.set(rule.group, seniorPaid.get(rule.group)! + paid);
        break;
      }
      case "seniorPrincipalAfterDepletion":
        // Applied inside `seniorPrincipal` on and after the Senior Credit Support Depletion Date.
        break;
      case "poDeferred": {
        if (depleted || state.poDeferred <= EPS) break;
        const g = rule.group;
        const subordinateBeforeDeferred = principal.get(g)!.total - Math.min(spda.get(g)!, principal.get(g)!.total);
        const amount = Math.min(state.poDeferred, subordinateBeforeDeferred);
        const paid = book.pay({ groups: [g], to: `class:${rule.class}`, amount, rule: rule.section, kind: "poDeferred" });
        poDeferredPaid += paid;
        break;
      }
      case "crossCollateralization": {
        crossCollateralize();
        break;
      }
      case "subordinates": {
        payPrincipalOfSubordinates(rule.classes, rule.section);
        break;
      }
      case "residual": {
        for (const g of allGroups) {
          const left = book.remaining(g);
          if (left > 0) residual += book.pay({ groups: [g], to: `class:${rule.class}`, amount: left, rule: rule.section, kind: "residual" });
        }
        break;
      }
      default:
        assertNever(rule, "rule");
    }
  }

  /** §4.02 transfer payments between groups (multi-group deals). */
  function crossCollateralize(): void {
    if (allGroups.length < 2) return;
    const section = rules.find((r) => r.kind === "crossCollateralization")!.section;
    const outstanding = (g: string) => view.groupById.get(g)!.seniorPrincipalClasses.reduce((s, id) => s + book.balance(id), 0);
    const seniorExcessOf = (g: string) => {
      const c = collections.get(g)!;
      return outstanding(g) - Math.max(0, c.endBalance - c.poEndBalance);
    };
    // Retired group: its principal goes to the other group's seniors.
    for (const g of allGroups) {
      const retiredAtStart = nonPoSenior.get(g)! <= EPS;
      if (!retiredAtStart) continue;
      for (const h of allGroups) {
        if (h === g || outstanding(h) <= EPS) continue;
        let amount: number;
        if (depleted) amount = principal.get(g)!.total;
        else if (tests.delinquencyTest && tests.lossTest && 1 - seniorPercentage(totalNonPoSenior, totalNonPoPool) >= 2 * view.originalSubordinatedPercentage) amount = 0;
        else amount = seniorPrincipalDistributionAmount(principal.get(g)!, sp.get(h)!, spp.get(h)!);
        const paid = paySeniorPrincipal(h, [g], Math.min(amount, book.remaining(g)), `${section} (retired group ${g} to group ${h})`);
        redirected.set(g, redirected.get(g)! + paid);
        transferOut.set(g, transferOut.get(g)! + paid);
        transferIn.set(h, transferIn.get(h)! + paid);
        seniorPaid.set(h, seniorPaid.get(h)! + paid);
      }
    }
    // Undercollateralized Group: senior balance above its loans after the date's principal.
    for (const g of allGroups) {
      const c = collections.get(g)!;
      const poolEnd = Math.max(0, c.endBalance - c.poEndBalance);
      const excess = outstanding(g) - poolEnd;
      if (excess <= EPS) continue;
      const need = excess + (excess * c.netWac) / 100 / 12;
      for (const h of allGroups) {
        // Only a group that is not itself undercollateralized pays a Transfer Payment.
        if (h === g || seniorExcessOf(h) > EPS) continue;
        const moved = book.transfer({ from: h, to: g, amount: need, rule: `${section} (Transfer Payment to Undercollateralized Group ${g})` });
        if (moved <= 0) continue;
        transferOut.set(h, transferOut.get(h)! + moved);
        transferIn.set(g, transferIn.get(g)! + moved);
        // Interest on the shortfall first to the group's seniors' unpaid interest, then principal.
        const interestPart = moved - Math.min(moved, excess);
        const unpaid = view.groupById.get(g)!.seniorClasses.map((id) => ({ id, owed: Math.max(0, due.get(id)! - book.act(id).interestPaid) }));
        const owed = unpaid.reduce((s, u) => s + u.owed, 0);
        if (owed > 0 && interestPart > 0) {
          for (const u of unpaid) book.payInterest([g], u.id, (Math.min(owed, interestPart) * u.owed) / owed, section);
        }
        const paid = paySeniorPrincipal(g, [g], Math.min(moved, excess), `${section} (Transfer Payment)`);
        seniorPaid.set(g, seniorPaid.get(g)! + paid);
      }
    }
  }

  /** §4.02(a)(iv): each subordinate class its interest, then its share of the Subordinated Principal Distribution Amount. */
  function payPrincipalOfSubordinates(classes: readonly string[], section: string): void {
    let scheduledPart = 0;
    let total = 0;
    for (const g of allGroups) {
      const p = principal.get(g)!;
      // Senior principal above what the group's seniors owe at the start of the date (retired, or
      // paid off during it) falls to the subordinates; principal unpaid because funds ran short does not.
      const seniorNotPaid = Math.max(0, spda.get(g)! - nonPoSenior.get(g)!);
      const groupSub = Math.max(0, p.total - spda.get(g)! + seniorNotPaid - redirected.get(g)!);
      scheduledPart += Math.min(groupSub, (1 - sp.get(g)!) * p.scheduled);
      total += groupSub;
    }
    total = Math.max(0, total - poDeferredPaid);
    scheduledPart = Math.min(scheduledPart, total);
    subordinatedAmount = total;
    const { shares, restricted: r } = subordinatePrincipalShares({
      classes: classes.map((id) => ({ id, balance: begin.get(id) ?? 0 })),
      nonPoClassBalance: deal.classes.filter((c) => !c.notional && !c.types.includes("principalOnly")).reduce((s, c) => s + (begin.get(c.id) ?? 0), 0),
      originalCreditSupport: view.originalCreditSupport,
      scheduledPart,
      unscheduledPart: total - scheduledPart,
    });
    restricted = [...r];
    const funds = allGroups;
    let shared = 0;
    for (const id of classes) {
      book.payInterest(funds, id, Math.max(0, due.get(id) ?? 0), section);
      const paid = book.payPrincipal(funds, id, shares.get(id) ?? 0, section);
      shared += paid;
    }
    // Subordinate principal with no subordinate class to take it: to the seniors,
    // the group whose senior balance most exceeds its loans first, each in its §4.02 order.
    let left = Math.min(total - shared, book.totalRemaining());
    if (left > EPS) {
      const order = [...allGroups].sort((a, b) => seniorExcess(b) - seniorExcess(a));
      for (const g of order) {
        if (left <= EPS) break;
        const paid = paySeniorPrincipal(g, otherGroupsFirst(g), left, `${section} (no subordinate class outstanding)`);
        left -= paid;
      }
    }
  }

  function seniorExcess(g: string): number {
    const c = collections.get(g)!;
    return view.groupById.get(g)!.seniorPrincipalClasses.reduce((s, id) => s + book.balance(id), 0) - (c.endBalance - c.poEndBalance);
  }

  // --- after the distributions: PO deferred writedown, losses, excess -------
  const lossSpec = deal.lossAllocation;
  if (poDeferredPaid > 0) {
    allocateToSubordinates(book, lossSpec, poDeferredPaid, `${rules.find((r) => r.kind === "poDeferred")?.section ?? "§4.02(a)(iii)"} (Class PO Deferred Amount writedown)`, "poDeferredPaid");
  }
  let poDeferred = state.poDeferred - poDeferredPaid;
  let realizedLoss = 0;
  // Non-PO losses: the subordinates absorb all groups' losses together; what they cannot
  // absorb is shared among the groups in proportion to their losses (independent of group
  // order), each part to that group's seniors (or, with them retired, the other groups').
  const groupLoss = new Map<string, number>();
  for (const g of view.groups) {
    const c = collections.get(g.id)!;
    realizedLoss += c.realizedLoss;
    if (g.poClass && c.poRealizedLoss > 0) {
      const w = book.writeDown(g.poClass, c.poRealizedLoss, `${lossSpec.section} (PO Percentage of Realized Losses)`);
      poDeferred += w;
    }
    groupLoss.set(g.id, Math.max(0, c.realizedLoss - c.poRealizedLoss));
  }
  const totalNonPoLoss = [...groupLoss.values()].reduce((a, b) => a + b, 0);
  const beyondSubordinates = allocateToSubordinates(book, lossSpec, totalNonPoLoss, lossSpec.section);
  if (beyondSubordinates > EPS) {
    for (const g of view.groups) {
      let loss = (beyondSubordinates * groupLoss.get(g.id)!) / totalNonPoLoss;
      if (loss <= EPS) continue;
      loss = allocateToSeniors(book, lossSpec, g.seniorPrincipalClasses, loss, `${lossSpec.section} (senior classes of group ${g.id})`);
      for (const other of view.groups) {
        if (loss <= EPS) break;
        if (other.id === g.id) continue;
        loss = allocateToSeniors(book, lossSpec, other.seniorPrincipalClasses, loss, `${lossSpec.section} (group ${g.id} loss to group ${other.id} seniors)`);
      }
    }
  }
  if (lossSpec.excessWritedown) {
    const nonPoEnd = inputs.groups.reduce((s, c) => s + Math.max(0, c.endBalance - c.poEndBalance), 0);
    const nonPoClasses = deal.classes.filter((c) => !c.notional && !c.types.includes("principalOnly"));
    let excess = nonPoClasses.reduce((s, c) => s + book.balance(c.id), 0) - nonPoEnd;
    if (excess > EPS) {
      const rule = `${lossSpec.section} (excess of class balances over the pool)`;
      excess = allocateToSubordinates(book, lossSpec, excess, rule, "undercollateralization");
      const seniors = view.groups.flatMap((g) => g.seniorPrincipalClasses);
      if (excess > EPS) allocateToSeniors(book, lossSpec, seniors, excess, rule, "undercollateralization");
    }
  }

  // --- §4.08 corridor --------------------------------------------------------
  const corridor: CorridorOutcome[] = [];
  const yieldSupplementUnpaid: Record<string, number> = { ...state.yieldSupplementUnpaid };
  for (const contract of deal.contracts) {
    const beneficiary = deal.classes.find((c) => c.id === contract.beneficiary)!;
    const margin = beneficiary.coupon.kind === "floater" ? beneficiary.coupon.margin : 0;
    const indexRate = inputs.indices[contract.index];
    if (indexRate === undefined) throw new Error(`no ${contract.index} fixing for the corridor ${contract.id}`);
    const outcome = settleCorridor({
      contract,
      distributionDate: inputs.distributionDate,
      indexRate,
      beneficiaryMargin: margin,
      beneficiaryRate: rates.get(beneficiary.id) ?? 0,
      beneficiaryBalance: begin.get(beneficiary.id) ?? 0,
      unpaidBefore: state.yieldSupplementUnpaid[contract.id] ?? 0,
    });
    corridor.push(outcome);
    yieldSupplementUnpaid[contract.id] = outcome.unpaidAfter;
    book.record({ from: `counterparty:${contract.id}`, to: "corridorReserveFund", amount: outcome.payment, rule: contract.section, kind: "corridor" });
    book.record({ from: "corridorReserveFund", to: `class:${beneficiary.id}`, amount: outcome.yieldSupplementPaid, rule: `${contract.section} (Yield Supplement Amount)`, kind: "yieldSupplement" });
    book.record({ from: "corridorReserveFund", to: "corridorResidualHolder", amount: outcome.released, rule: `${contract.section} (release)`, kind: "release" });
  }

  // --- the new state and the report -----------------------------------------
  const classes: Record<string, ClassState> = {};
  const classReports: Record<string, ClassPeriodReport> = {};
  for (const spec of deal.classes) {
    const a = book.act(spec.id);
    const before = state.classes[spec.id] ?? { balance: 0, unpaidInterest: 0, cumulativeWritedown: 0 };
    const end = Math.max(0, book.balance(spec.id));
    const unpaid = Math.max(0, a.interestDue - a.interestPaid);
    classes[spec.id] = { balance: spec.notional ? 0 : end, unpaidInterest: unpaid < 1e-9 ? 0 : unpaid, cumulativeWritedown: before.cumulativeWritedown + a.writedown };
    let notionalEnd = 0;
    if (spec.notional) {
      notionalEnd = spec.notional.of === "class" ? Math.max(0, book.balance(spec.notional.class)) : inputs.groups.filter((g) => !spec.group || g.groupId === spec.group).reduce((s, g) => s + g.nonDiscountEndBalance, 0);
    }
    const corridorPaid = corridor.filter((o) => deal.contracts.find((k) => k.id === o.contractId)?.beneficiary === spec.id).reduce((s, o) => s + o.yieldSupplementPaid, 0);
    classReports[spec.id] = {
      beginBalance: spec.notional ? notionalBegin.get(spec.id)! : begin.get(spec.id)!,
      endBalance: spec.notional ? notionalEnd : end,
      notional: spec.notional !== undefined,
      passThroughRate: rates.get(spec.id) ?? null,
      interestAccrued: a.interestAccrued,
      interestShortfall: a.interestShortfall,
      interestDue: a.interestDue,
      interestPaid: a.interestPaid,
      unpaidInterest: classes[spec.id].unpaidInterest,
      principal: a.principal,
      writedown: a.writedown,
      poDeferredPaid: spec.types.includes("principalOnly") ? poDeferredPaid : 0,
      yieldSupplementPaid: corridorPaid,
    };
  }
  const groupReports: Record<string, GroupPeriodReport> = {};
  for (const g of view.groups) {
    groupReports[g.id] = {
      availableFunds: af.get(g.id)!,
      seniorPercentage: sp.get(g.id)!,
      originalSeniorPercentage: g.originalSeniorPercentage,
      seniorPrepaymentPercentage: spp.get(g.id)!,
      poFormulaPrincipalAmount: poFormulaPrincipalAmount(collections.get(g.id)!),
      seniorPrincipalDistributionAmount: spda.get(g.id)!,
      seniorPrincipalPaid: seniorPaid.get(g.id)!,
      proRataAfterDepletion: proRataAfter.get(g.id)!,
      transferIn: transferIn.get(g.id)!,
      transferOut: transferOut.get(g.id)!,
    };
  }
  const cumulativeRealizedLoss = state.cumulativeRealizedLoss + realizedLoss;
  const newState: WaterfallState = {
    period,
    classes,
    poDeferred: poDeferred < 1e-9 ? 0 : poDeferred,
    yieldSupplementUnpaid,
    cumulativeRealizedLoss,
    delinquencyHistory,
    depletionPeriod,
    terminated: state.terminated || inputs.optionalTermination,
  };
  return {
    state: newState,
    ledger: book.entries,
    report: {
      period,
      distributionDate: inputs.distributionDate,
      classes: classReports,
      groups: groupReports,
      tests,
      subordinatedPrincipalDistributionAmount: subordinatedAmount,
      restrictedClasses: restricted,
      poDeferredPaid,
      poDeferredOutstanding: newState.poDeferred,
      realizedLoss,
      cumulativeRealizedLoss,
      corridor,
      residual,
      totalAvailableFunds: totalAvailable,
      totalDistributed: totalAvailable - book.totalRemaining(),
      depleted,
      terminated: newState.terminated,
    },
  };
}
