/**
 * The deal resolved once for the period step: every class and loan group gets
 * an index (a slot), their roles become index arrays, and the rules are
 * compiled to the same indices, so a Distribution Date runs on plain and typed
 * arrays with no lookup by name. Built once per deal object (`dealPlan`) and
 * once per rules array (`rulesPlan`, for amended text), cached in WeakMaps;
 * read-only after construction.
 *
 * Class slots 0 … classCount − 1 are `deal.classes` in order. A name that a rule
 * or the loss allocation uses but that is not a class of the deal (validation
 * rejects it in deal files) resolves to one more slot, `nowhere`, that never has
 * a balance or an amount due, which is how a lookup by name with `?? 0` behaved.
 */
import { assertNever } from "../core/assert-never.js";
import { depletionGroups, type CorridorContract, type Deal, type PrincipalPayee, type Rule, type ScheduleStep } from "../deal/schema.js";
import { buildDealView, type DealView } from "./deal-view.js";
import { scheduleValue, shiftingInterestMonth, type ShiftingInterestMonth } from "./shifting-interest.js";

export interface SchedulePlan {
  readonly id: string;
  readonly classes: Int32Array;
  /** Planned (Targeted) Balance by Distribution Date month (YYYY-MM). */
  readonly plannedByMonth: ReadonlyMap<string, number>;
  /** The first and last months of the schedule: before the first the class's whole balance is planned, after the last zero. */
  readonly firstMonth: string;
  readonly lastMonth: string;
}

export interface ContractPlan {
  readonly contract: CorridorContract;
  readonly beneficiary: number;
  /** The beneficiary's margin over the index (0 unless it is a floater). */
  readonly margin: number;
  /** Slot of the contract's unpaid Yield Supplement Amount: the first contract with its id. */
  readonly unpaidSlot: number;
  /** Notional by Distribution Date month (YYYY-MM) within the contract window; absent = 0. */
  readonly notionalByMonth: ReadonlyMap<string, number>;
}

/** How a class's Pass-Through Rate is found each date: none (PO), stated (fixed), by `passThroughRateOf`, or none with premium strip interest (Class X). */
export const RateKind = { none: 0, fixed: 1, ofPeriod: 2, premiumStrip: 3 } as const;

export interface DealPlan {
  readonly deal: Deal;
  readonly view: DealView;
  readonly classCount: number;
  /** classCount + 1: the classes and `nowhere`. */
  readonly slotCount: number;
  readonly nowhere: number;
  /** Class id by slot. */
  readonly classIds: readonly string[];
  readonly slotOf: ReadonlyMap<string, number>;
  /** Ledger names by slot: `class:<id>` and `writedown:<id>`. */
  readonly classAccount: readonly string[];
  readonly writedownAccount: readonly string[];
  readonly notional: Uint8Array;
  readonly principalOnly: Uint8Array;
  /** Classes that are not notional, in deal order. */
  readonly nonNotionalClasses: Int32Array;
  /** The notional classes, in deal order. */
  readonly notionalClasses: Int32Array;
  /** Classes that are neither notional nor PO, in deal order. */
  readonly nonPoClasses: Int32Array;
  /** Notional of another class: that class's slot, else −1. */
  readonly notionalOfClass: Int32Array;
  /** A class's own loan group (premium strip, Non-Discount notional): group index, −1 for all groups. */
  readonly ownGroup: Int32Array;
  /** `groupNetWac` coupons: the group index, −1 when the group is unknown (rate 0). */
  readonly couponGroup: Int32Array;
  /** How the Pass-Through Rate is found, by class (`RateKind`), and the rate of a fixed coupon. */
  readonly rateKind: Uint8Array;
  readonly fixedRate: Float64Array;

  readonly groupCount: number;
  readonly groupIds: readonly string[];
  readonly groupIndex: ReadonlyMap<string, number>;
  /** Ledger names by group: `availableFunds:<id>`. */
  readonly fundsAccount: readonly string[];
  /** Group indices in the order a record keyed by group id enumerates them (integer-like ids first). */
  readonly groupRecordOrder: Int32Array;
  readonly allGroups: Int32Array;
  /** [g] for each group. */
  readonly ownFunds: readonly Int32Array[];
  /** [g, then the other groups] for each group. */
  readonly ownFundsFirst: readonly Int32Array[];
  readonly seniorPrincipalClasses: readonly Int32Array[];
  readonly seniorClasses: readonly Int32Array[];
  /** Every group's senior principal classes, group after group. */
  readonly allSeniorPrincipalClasses: Int32Array;
  readonly poClass: Int32Array;
  readonly subordinateClasses: Int32Array;
  /** Original Applicable Credit Support Percentage by slot (0 for a class that is not subordinate). */
  readonly originalCreditSupport: Float64Array;

  /** §4.04: subordinate classes most junior first, and each class's senior support class (or −1). */
  readonly lossSubordinateOrder: Int32Array;
  readonly seniorSupportOf: Int32Array;
  /** The Class Priority Amount's class, its group and Shift Percentage schedule, or null. */
  readonly priority: { readonly classId: string; readonly slot: number; readonly group: number; readonly shiftPercentage: readonly ScheduleStep[] } | null;
  readonly contracts: readonly ContractPlan[];
  /** Per class slot: the contracts whose Yield Supplement Amounts it receives. */
  readonly contractsOfClass: readonly Int32Array[];
  readonly unpaidSlotCount: number;
  /** PAC/TAC principal schedules (`deal.principalSchedules`, in order) and their index by id. */
  readonly schedules: readonly SchedulePlan[];
  readonly scheduleIndex: ReadonlyMap<string, number>;
  /** 1 for an accrual (Z) class (`coupon.accrual`). */
  readonly accrualClass: Uint8Array;
  /** Memo of `dateTerms` by Distribution Date (a pure function of the deal and the date). */
  readonly termsByDate: Map<string, DateTerms>;
}

/** What a Distribution Date's rules read from its date, worked out once per deal and date. */
export interface DateTerms {
  /** YYYY-MM. */
  readonly month: string;
  readonly shiftingInterest: ShiftingInterestMonth;
  /** Shift Percentage of the Class Priority Amount in force, a fraction (0 without one). */
  readonly shiftPercentage: number;
  /** Each corridor contract's notional for the date (0 outside its window). */
  readonly corridorNotional: Float64Array;
  /** Each principal schedule's Planned (Targeted) Balance for the date (Infinity before its first date, 0 after its last). */
  readonly plannedBalance: Float64Array;
}

export function dateTerms(plan: DealPlan, distributionDate: string): DateTerms {
  let terms = plan.termsByDate.get(distributionDate);
  if (!terms) {
    const month = distributionDate.slice(0, 7);
    const priority = plan.priority;
    terms = {
      month,
      shiftingInterest: shiftingInterestMonth(plan.deal.shiftingInterest, month),
      shiftPercentage: priority ? (scheduleValue(priority.shiftPercentage, month)?.value ?? 0) / 100 : 0,
      corridorNotional: Float64Array.from(plan.contracts, (k) => k.notionalByMonth.get(month) ?? 0),
      plannedBalance: Float64Array.from(plan.schedules, (x) => (month < x.firstMonth ? Infinity : month > x.lastMonth ? 0 : (x.plannedByMonth.get(month) ?? 0))),
    };
    plan.termsByDate.set(distributionDate, terms);
  }
  return terms;
}

/** A payee of a senior principal sequence, on slots. */
export interface PayeePlan {
  readonly classes: Int32Array;
  /** The name the Class Priority Amount is matched on. */
  readonly firstClassId: string;
  readonly proRata: boolean;
  readonly priorityLimited: boolean;
  /** `limit: schedule`: the index of its principal schedule in `DealPlan.schedules`, else −1. */
  readonly schedule: number;
  readonly citation: string;
}

/**
 * A rule with its names resolved to slots. Every kind has the same fields (−1 or
 * empty where a kind has none), so reading a step is monomorphic; `kind` is
 * still the discriminant the interpreter switches on.
 */
export interface RuleStep {
  readonly kind: Rule["kind"];
  readonly section: string;
  /** The loan group whose Available Funds pay (seniorInterest, poPrincipal, seniorPrincipal, poDeferred), else −1. */
  readonly group: number;
  /** The class paid (poPrincipal, poDeferred, residual), else −1. */
  readonly cls: number;
  /** The classes paid (seniorInterest, subordinates), else empty. */
  readonly classes: Int32Array;
  /** The payees in order (accrualDistribution: the accretion-directed classes), else empty. */
  readonly payees: readonly PayeePlan[];
}

/** An accrual class and its accretion-directed classes (an `accrualDistribution` rule). */
export interface AccrualPlan {
  readonly cls: number;
  /** Every class of the rule's sequence: the Accretion Termination Date is the first date on which all are retired. */
  readonly directed: Int32Array;
}

export interface RulesPlan {
  readonly steps: readonly RuleStep[];
  /** Per group: the first `seniorPrincipal` rule's sequence for it (empty without one). */
  readonly seniorSequence: readonly (readonly PayeePlan[])[];
  /** Per group: the classes §4.02(c) pays pro rata (first rule naming the group), or null. */
  readonly afterDepletion: readonly (Int32Array | null)[];
  readonly afterDepletionSection: string;
  /** The `accrualDistribution` rules' classes (first rule per accrual class). */
  readonly accruals: readonly AccrualPlan[];
  readonly crossCollateralizationSection: string;
  readonly poDeferredSection: string;
}

/**
 * The rule kinds as this module's own string literals: a deal's `kind` strings
 * come from parsing and are not interned, and the interpreter's switch compares
 * interned strings by identity.
 */
const RULE_KINDS: { readonly [K in Rule["kind"]]: K } = {
  seniorInterest: "seniorInterest",
  poPrincipal: "poPrincipal",
  seniorPrincipal: "seniorPrincipal",
  seniorPrincipalAfterDepletion: "seniorPrincipalAfterDepletion",
  accrualDistribution: "accrualDistribution",
  poDeferred: "poDeferred",
  crossCollateralization: "crossCollateralization",
  subordinates: "subordinates",
  residual: "residual",
};

const dealPlans = new WeakMap<Deal, DealPlan>();
const rulesPlans = new WeakMap<DealPlan, WeakMap<readonly Rule[], RulesPlan>>();

export function dealPlan(deal: Deal): DealPlan {
  let plan = dealPlans.get(deal);
  if (!plan) {
    plan = buildDealPlan(deal);
    dealPlans.set(deal, plan);
  }
  return plan;
}

export function rulesPlan(plan: DealPlan, rules: readonly Rule[]): RulesPlan {
  let byRules = rulesPlans.get(plan);
  if (!byRules) {
    byRules = new WeakMap();
    rulesPlans.set(plan, byRules);
  }
  let compiled = byRules.get(rules);
  if (!compiled) {
    compiled = compileRules(plan, rules);
    byRules.set(rules, compiled);
  }
  return compiled;
}

function buildDealPlan(deal: Deal): DealPlan {
  const view = buildDealView(deal);
  const classCount = deal.classes.length;
  const slotOf = new Map<string, number>();
  deal.classes.forEach((c, i) => {
    if (!slotOf.has(c.id)) slotOf.set(c.id, i);
  });
  const nowhere = classCount;
  const table = { slot: (id: string) => slotOf.get(id) ?? nowhere, slots: (ids: readonly string[]) => Int32Array.from(ids, (id) => slotOf.get(id) ?? nowhere) };
  const classIds = [...deal.classes.map((c) => c.id), "(none)"];
  const groupIds = view.groups.map((g) => g.id);
  const groupIndex = new Map(groupIds.map((id, i) => [id, i]));
  const notional = new Uint8Array(classCount);
  const principalOnly = new Uint8Array(classCount);
  const notionalOfClass = new Int32Array(classCount).fill(-1);
  const ownGroup = new Int32Array(classCount).fill(-1);
  const couponGroup = new Int32Array(classCount).fill(-1);
  const rateKind = new Uint8Array(classCount);
  const fixedRate = new Float64Array(classCount);
  deal.classes.forEach((c, i) => {
    const coupon = c.coupon;
    if (coupon.kind === "fixed") {
      rateKind[i] = RateKind.fixed;
      fixedRate[i] = coupon.rate;
    } else if (coupon.kind === "premiumStrip") rateKind[i] = RateKind.premiumStrip;
    else if (coupon.kind === "none") rateKind[i] = RateKind.none;
    else rateKind[i] = RateKind.ofPeriod;
    notional[i] = c.notional ? 1 : 0;
    principalOnly[i] = c.types.includes("principalOnly") ? 1 : 0;
    if (c.notional?.of === "class") notionalOfClass[i] = table.slot(c.notional.class);
    if (c.group) ownGroup[i] = groupIndex.get(c.group) ?? -2;
    if (c.coupon.kind === "groupNetWac") couponGroup[i] = groupIndex.get(c.coupon.group) ?? -1;
  });
  const nonNotionalClasses = Int32Array.from(deal.classes.flatMap((c, i) => (!c.notional ? [i] : [])));
  const notionalClasses = Int32Array.from(deal.classes.flatMap((c, i) => (c.notional ? [i] : [])));
  const nonPoClasses = Int32Array.from(deal.classes.flatMap((c, i) => (!c.notional && !c.types.includes("principalOnly") ? [i] : [])));

  const record: Record<string, number> = {};
  groupIds.forEach((id, i) => (record[id] = i));
  const groupRecordOrder = Int32Array.from(Object.values(record));
  const allGroups = Int32Array.from(groupIds, (_, i) => i);

  const seniorPrincipalClasses = view.groups.map((g) => table.slots(g.seniorPrincipalClasses));
  const lossSubordinateOrder = table.slots(deal.lossAllocation.subordinateOrder);
  const subordinateClasses = table.slots(view.subordinateClasses);
  const seniorClasses = view.groups.map((g) => table.slots(g.seniorClasses));
  const poClass = Int32Array.from(view.groups, (g) => (g.poClass ? table.slot(g.poClass) : -1));

  const spec = deal.priorityAmount;
  let priority: DealPlan["priority"] = null;
  if (spec) {
    const cls = deal.classes.find((c) => c.id === spec.class);
    priority = { classId: spec.class, slot: slotOf.get(spec.class) ?? nowhere, group: cls?.group ? (groupIndex.get(cls.group) ?? -2) : 0, shiftPercentage: spec.shiftPercentage };
  }

  const firstWithId = new Map<string, number>();
  deal.contracts.forEach((k, j) => {
    if (!firstWithId.has(k.id)) firstWithId.set(k.id, j);
  });
  const contracts: ContractPlan[] = deal.contracts.map((contract) => {
    const beneficiary = deal.classes.findIndex((c) => c.id === contract.beneficiary);
    if (beneficiary < 0) throw new Error(`corridor ${contract.id}: unknown beneficiary ${contract.beneficiary}`);
    const coupon = deal.classes[beneficiary].coupon;
    const first = contract.firstDistributionDate.slice(0, 7);
    const last = contract.lastDistributionDate.slice(0, 7);
    const notionalByMonth = new Map<string, number>();
    for (const e of contract.notionalSchedule) {
      const month = e.date.slice(0, 7);
      if (month >= first && month <= last && !notionalByMonth.has(month)) notionalByMonth.set(month, e.notional);
    }
    return { contract, beneficiary, margin: coupon.kind === "floater" ? coupon.margin : 0, unpaidSlot: firstWithId.get(contract.id)!, notionalByMonth };
  });

  const scheduleIndex = new Map<string, number>();
  deal.principalSchedules.forEach((x, j) => {
    if (!scheduleIndex.has(x.id)) scheduleIndex.set(x.id, j);
  });
  const schedules: SchedulePlan[] = deal.principalSchedules.map((x) => {
    const plannedByMonth = new Map<string, number>();
    for (const e of x.plannedBalances) if (!plannedByMonth.has(e.date.slice(0, 7))) plannedByMonth.set(e.date.slice(0, 7), e.balance);
    const months = [...plannedByMonth.keys()].sort();
    return { id: x.id, classes: table.slots(x.classes), plannedByMonth, firstMonth: months[0], lastMonth: months[months.length - 1] };
  });
  const accrualClass = Uint8Array.from(deal.classes, (c) => ((c.coupon.kind === "fixed" || c.coupon.kind === "floater") && c.coupon.accrual ? 1 : 0));

  const slotCount = classCount + 1;
  const originalCreditSupport = new Float64Array(slotCount);
  for (let s = 0; s < classCount; s++) originalCreditSupport[s] = view.originalCreditSupport.get(classIds[s]) ?? 0;
  const seniorSupportOf = new Int32Array(slotCount).fill(-1);
  for (let s = 0; s < classCount; s++) {
    const pair = deal.lossAllocation.seniorSupport.find((p) => p.superSenior === classIds[s]);
    if (pair?.support) seniorSupportOf[s] = table.slot(pair.support);
  }
  const contractsOfClass = Array.from({ length: classCount }, (_, i) =>
    Int32Array.from(contracts.flatMap((k, j) => (contracts[firstWithId.get(k.contract.id)!].beneficiary === i ? [j] : []))),
  );
  return {
    deal,
    view,
    classCount,
    slotCount,
    nowhere,
    classIds,
    slotOf,
    classAccount: classIds.map((id) => `class:${id}`),
    writedownAccount: classIds.map((id) => `writedown:${id}`),
    notional,
    principalOnly,
    nonNotionalClasses,
    notionalClasses,
    nonPoClasses,
    notionalOfClass,
    ownGroup,
    couponGroup,
    rateKind,
    fixedRate,
    groupCount: groupIds.length,
    groupIds,
    groupIndex,
    fundsAccount: groupIds.map((id) => `availableFunds:${id}`),
    groupRecordOrder,
    allGroups,
    ownFunds: groupIds.map((_, g) => Int32Array.of(g)),
    ownFundsFirst: groupIds.map((_, g) => Int32Array.from([g, ...groupIds.map((__, h) => h).filter((h) => h !== g)])),
    seniorPrincipalClasses,
    seniorClasses,
    allSeniorPrincipalClasses: Int32Array.from(seniorPrincipalClasses.flatMap((a) => [...a])),
    poClass,
    subordinateClasses,
    originalCreditSupport,
    lossSubordinateOrder,
    seniorSupportOf,
    priority,
    contracts,
    contractsOfClass,
    unpaidSlotCount: contracts.length,
    schedules,
    scheduleIndex,
    accrualClass,
    termsByDate: new Map(),
  };
}

function compileRules(plan: DealPlan, rules: readonly Rule[]): RulesPlan {
  const slot = (id: string): number => plan.slotOf.get(id) ?? plan.nowhere;
  const slots = (ids: readonly string[]) => Int32Array.from(ids, slot);
  const group = (id: string, rule: Rule): number => {
    const g = plan.groupIndex.get(id);
    if (g === undefined) throw new Error(`rule ${rule.section}: unknown loan group ${id}`);
    return g;
  };
  const none = new Int32Array(0);
  const noPayees: readonly PayeePlan[] = [];
  const step = (rule: Rule, fields: { group?: number; cls?: number; classes?: Int32Array; payees?: readonly PayeePlan[] }): RuleStep => ({
    kind: RULE_KINDS[rule.kind],
    section: rule.section,
    group: fields.group ?? -1,
    cls: fields.cls ?? -1,
    classes: fields.classes ?? none,
    payees: fields.payees ?? noPayees,
  });
  const payees = (sequence: readonly PrincipalPayee[]): PayeePlan[] =>
    sequence.map((p) => ({
      classes: slots(p.classes),
      firstClassId: p.classes[0],
      proRata: p.share === "proRata",
      priorityLimited: p.limit === "priorityAmount",
      schedule: p.limit === "schedule" ? scheduleOf(p.schedule) : -1,
      citation: p.citation,
    }));
  const scheduleOf = (id: string | undefined): number => {
    const j = id === undefined ? undefined : plan.scheduleIndex.get(id);
    if (j === undefined) throw new Error(`a payee with limit schedule names ${id === undefined ? "no schedule" : `unknown principal schedule ${id}`}`);
    return j;
  };
  const steps = rules.map((rule): RuleStep => {
    switch (rule.kind) {
      case "seniorInterest":
        return step(rule, { group: group(rule.group, rule), classes: slots(rule.classes) });
      case "poPrincipal":
        return step(rule, { group: group(rule.group, rule), cls: slot(rule.class) });
      case "seniorPrincipal":
        return step(rule, { group: group(rule.group, rule) });
      case "seniorPrincipalAfterDepletion":
        return step(rule, {});
      case "accrualDistribution":
        return step(rule, { group: group(rule.group, rule), cls: slot(rule.class), payees: payees(rule.sequence) });
      case "poDeferred":
        return step(rule, { group: group(rule.group, rule), cls: slot(rule.class) });
      case "crossCollateralization":
        return step(rule, {});
      case "subordinates":
        return step(rule, { classes: slots(rule.classes) });
      case "residual":
        return step(rule, { cls: slot(rule.class) });
      default:
        return assertNever(rule, "rule");
    }
  });
  const seniorSequence = plan.groupIds.map((g) => {
    const rule = rules.find((r) => r.kind === "seniorPrincipal" && r.group === g);
    if (!rule || rule.kind !== "seniorPrincipal") return [];
    return payees(rule.sequence);
  });
  const accruals: AccrualPlan[] = [];
  for (const rule of rules) {
    if (rule.kind !== "accrualDistribution") continue;
    const cls = slot(rule.class);
    if (accruals.some((a) => a.cls === cls)) continue;
    accruals.push({ cls, directed: Int32Array.from(new Set(rule.sequence.flatMap((p) => p.classes.map(slot)))) });
  }
  const afterDepletion = plan.groupIds.map((g) => {
    for (const rule of rules) {
      if (rule.kind !== "seniorPrincipalAfterDepletion") continue;
      const entry = depletionGroups(rule).find((d) => d.group === g);
      if (entry) return slots(entry.classes);
    }
    return null;
  });
  // Rules in force are cited by their first occurrence (as the interpreter always has).
  const first = (kind: Rule["kind"]) => rules.find((r) => r.kind === kind)?.section;
  return {
    steps,
    seniorSequence,
    afterDepletion,
    afterDepletionSection: first("seniorPrincipalAfterDepletion") ?? "",
    accruals,
    crossCollateralizationSection: first("crossCollateralization") ?? "",
    poDeferredSection: first("poDeferred") ?? "§4.02(a)(iii)",
  };
}
