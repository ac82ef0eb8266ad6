/**
 * The deal file format: one zod schema is the truth. The TypeScript types
 * (`Deal`, `ClassSpec`, ...) are inferred from it and the published JSON Schema
 * (`deal.schema.json`) is generated from it, so the three cannot drift.
 *
 * Provenance is not part of these shapes: the loader (`load-deal.ts`) strips the
 * `provenance:` keys and `{value, filed|modeled}` wrappers from the YAML first
 * and records each value's source by field path (see `provenance.ts`).
 *
 * Percentages are written in percent (6.00 means 6%), balances in dollars.
 */
import { z } from "zod";
import { isCivilDate, type CivilDate } from "../core/civil-date.js";

const civilDateSchema = z
  .string()
  .refine((s) => isCivilDate(s), { message: "must be a calendar date written YYYY-MM-DD" })
  .transform((s) => s as CivilDate)
  .meta({ format: "date", description: "A calendar date, YYYY-MM-DD (no time, no time zone)." });

/** A month written YYYY-MM: schedules step on Distribution Dates in that month and after. */
const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month written YYYY-MM");

const percent = z.number().min(0).max(100);
const rate = z.number().min(-100).max(100);
const money = z.number().nonnegative();
const id = z.string().min(1).max(40).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "must be letters, digits, '-', '_' or '.'");
/** A PSA citation, e.g. "§4.02(a)(ii)(y)" or "Article I: Senior Prepayment Percentage". */
const citation = z.string().min(2);

// ---------------------------------------------------------------------------
// Dates and parties

export const dealDatesSchema = z.strictObject({
  psaDate: civilDateSchema,
  cutoffDate: civilDateSchema,
  closingDate: civilDateSchema,
  firstDistributionDate: civilDateSchema,
  /** Day of month of the Distribution Date before the Business Day adjustment. */
  distributionDay: z.number().int().min(1).max(28),
  businessDayCalendar: z.literal("federal-reserve"),
});

// ---------------------------------------------------------------------------
// Collateral

export const armTermsSchema = z.strictObject({
  index: z.string().min(1),
  margin: rate,
  /** Months of loan age at the first reset (60 for a 5/1). */
  firstResetAge: z.number().int().positive(),
  resetFrequency: z.number().int().positive(),
  initialCap: percent,
  periodicCap: percent,
  /** Lifetime cap as a spread over the start rate. */
  lifetimeCap: percent,
  /** Floor on the Mortgage Rate; the standard form is the margin. */
  floor: rate,
  /** Rounding of index + margin, percent (0.125). */
  rounding: z.number().positive(),
  roundingMethod: z.enum(["nearest", "up", "down"]),
});

export const repLineSchema = z.strictObject({
  id,
  statedPrincipalBalance: money,
  mortgageRate: rate,
  originalTerm: z.number().int().positive().max(600),
  age: z.number().int().nonnegative(),
  remainingTerm: z.number().int().positive().max(600),
  /** Interest-only months from origination (0: amortizing). */
  interestOnlyMonths: z.number().int().nonnegative().default(0),
  arm: armTermsSchema.optional(),
  /** How many loans the synthetic loan-level tape splits this rep line into. */
  loanCount: z.number().int().positive().max(100_000),
});

export const loanGroupSchema = z.strictObject({
  id,
  repLines: z.array(repLineSchema).min(1),
});

export const prepaymentRampSchema = z.strictObject({
  name: z.string(),
  /** 100% of the ramp: CPR at loan month 1, rising linearly to `endCpr` at `rampMonths`, held after. */
  startCpr: percent,
  endCpr: percent,
  rampMonths: z.number().int().positive(),
});

export const collateralSchema = z.strictObject({
  masterServicingFeeRate: percent,
  trusteeFeeRate: percent,
  /** Compensating Interest cap, percent a year of the pool's Stated Principal Balance. */
  compensatingInterestRate: percent,
  /** Required Coupon for the PO/X split; absent in deals without PO or X classes. */
  requiredCoupon: rate.optional(),
  prepaymentAssumption: prepaymentRampSchema.optional(),
  pricingSpeed: z.strictObject({ unit: z.enum(["ppc", "cpr", "psa", "smm"]), value: z.number().nonnegative() }),
  /** Index defaults for projections, percent (e.g. LIBOR_1M: 5.32). */
  defaultIndices: z.record(z.string(), rate),
  /**
   * The loan-level tape: the deterministic synthetic one split from the rep lines, or
   * a servicer's tape file (CSV or XLSX; the path and the column map's relative to the
   * deal file), read by `loadDealTape` and projected loan by loan.
   */
  loanTape: z.union([
    z.strictObject({ generator: z.literal("synthetic-v1"), seed: z.number().int() }),
    z.strictObject({ file: z.string().regex(/\.(csv|xlsx)$/i, "must name a .csv or .xlsx file"), map: z.string().min(1).optional() }),
  ]),
  groups: z.array(loanGroupSchema).min(1),
});

// ---------------------------------------------------------------------------
// Certificates

export const couponSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("fixed"),
    rate,
    /**
     * An accrual (Z) class: until its Accretion Termination Date its Accrued Certificate
     * Interest is added to its balance, and the same amount (the Accrual Distribution
     * Amount) is paid as principal by its `accrualDistribution` rule.
     */
    accrual: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal("floater"),
    index: z.string(),
    margin: rate,
    floor: rate,
    cap: rate,
    accrual: z.boolean().optional(),
  }),
  z.strictObject({
    kind: z.literal("inverseFloater"),
    /** Rate = constant − multiplier × index, within [floor, cap]. */
    constant: rate,
    multiplier: z.number().positive(),
    index: z.string(),
    floor: rate,
    cap: rate,
  }),
  /** Class X: Σ over Non-Discount loans of balance × (Adjusted Net Mortgage Rate − Required Coupon) / 12. */
  z.strictObject({ kind: z.literal("premiumStrip") }),
  z.strictObject({ kind: z.literal("none") }),
  /** The group's weighted average Adjusted Net Mortgage Rate at the start of the Due Period. */
  z.strictObject({ kind: z.literal("groupNetWac"), group: id }),
  /** Group net WACs weighted by each group's subordinate portion. */
  z.strictObject({ kind: z.literal("subordinateNetWac") }),
]);

export const notionalSchema = z.discriminatedUnion("of", [
  z.strictObject({ of: z.literal("class"), class: id }),
  z.strictObject({ of: z.literal("nonDiscountLoans") }),
]);

export const classTypeSchema = z.enum([
  "senior",
  "superSenior",
  "seniorSupport",
  "subordinate",
  "floater",
  "inverseFloater",
  "notionalIo",
  "premiumStrip",
  "principalOnly",
  "residual",
  "nas",
  "corridorBeneficiary",
  /** Planned amortization class: paid to a PAC schedule (`principalSchedules`). */
  "pac",
  /** Targeted amortization class: paid to a TAC schedule. */
  "tac",
  /** Support (companion) class: absorbs the principal the PAC and TAC classes do not take. */
  "support",
  /** Accrual (Z) class: `coupon.accrual: true`. */
  "accrual",
  /** Accretion-directed class: paid the Accrual Distribution Amount of an accrual class. */
  "accretionDirected",
  /** An exchangeable REMIC class: a component of an `exchangeableClasses` combination. */
  "exchangeableRemic",
  /** An exchangeable (MACR) class itself: the type the engine gives an `exchangeableClasses` entry (not for a REMIC class). */
  "exchangeable",
]);

export const accrualSchema = z.strictObject({
  dayCount: z.literal("30/360"),
  /** "calendarMonth": the month before the Distribution Date; "25th-to-24th": the floater period. */
  period: z.enum(["calendarMonth", "25th-to-24th"]),
  /** Actual delay in days (SF-43): 24 for the calendar month paid on the 25th, 0 for 25th-to-24th. */
  delayDays: z.number().int().nonnegative(),
});

export const classSpecSchema = z.strictObject({
  id,
  /** The loan group whose Available Funds pay it; omitted for classes crossing all groups. */
  group: id.optional(),
  types: z.array(classTypeSchema).min(1),
  initialBalance: money,
  notional: notionalSchema.optional(),
  coupon: couponSchema,
  accrual: accrualSchema,
  offered: z.boolean(),
  cusip: z.string().optional(),
});

// ---------------------------------------------------------------------------
// Shifting interest (Article I definitions)

const scheduleStep = z.strictObject({ from: monthSchema, value: z.number() });

export const shiftingInterestSchema = z.strictObject({
  citation,
  /**
   * Senior Prepayment Percentage schedule. Before the first step: 100%.
   * Each step: from that month, Senior Percentage + value% × Subordinated Percentage.
   */
  seniorPrepaymentSchedule: z.array(scheduleStep).min(1),
  stepDownTests: z.strictObject({
    citation,
    /** (a) average 60+ delinquencies over `delinquencyAverageMonths`, below this % of the subordinate balance. */
    delinquencyLimit: percent,
    delinquencyAverageMonths: z.number().int().positive(),
    /** (b) cumulative Realized Losses at most value% of the original subordinate balance, from each month. */
    cumulativeLossLimits: z.array(scheduleStep).min(1),
  }),
  twoTimesTest: z.strictObject({
    citation,
    /** Month on and after which the "later" limits apply. */
    cutoverMonth: monthSchema,
    lossLimitBefore: percent,
    lossLimitAfter: percent,
    /** Share of the Subordinated Percentage added to the Senior Percentage before the cutover. */
    subordinatedShareBefore: percent,
  }),
});

export const priorityAmountSchema = z.strictObject({
  citation,
  class: id,
  /** Shift Percentage schedule, percent, starting at 0. */
  shiftPercentage: z.array(scheduleStep).min(1),
});

// ---------------------------------------------------------------------------
// The distribution rules (§4.02): data for one interpreter.

/** One payee or a pro rata set, paid to zero or up to an amount the PSA defines. */
export const principalPayeeSchema = z.strictObject({
  classes: z.array(id).min(1),
  /** How several classes share: pro rata by balance before the Distribution Date. */
  share: z.enum(["sequential", "proRata"]).default("sequential"),
  /**
   * "priorityAmount": at most the Class Priority Amount; "schedule": down to the
   * payee's Planned (PAC) or Targeted (TAC) Balance for the date, the principal
   * schedule named by `schedule`; default to zero balance.
   */
  limit: z.enum(["zero", "priorityAmount", "schedule"]).default("zero"),
  /** With `limit: schedule`: the id of an entry of the deal's `principalSchedules`. */
  schedule: id.optional(),
  citation,
});

const ruleBase = { section: citation, title: z.string() };

/** One loan group's senior classes in a §4.02(c) rule. */
export const depletionGroupSchema = z.strictObject({ group: id, classes: z.array(id).min(1) });

/**
 * §4.02(c): on and after the Senior Credit Support Depletion Date, each group's
 * Senior Principal Distribution Amount goes to that group's senior classes
 * concurrently, pro rata by Class Certificate Balance. Written either for one
 * group (`group` + `classes`) or, when one section covers several groups (so an
 * amendment can delete it as one unit, e.g. 2006-HY12), as `groups: [{group, classes}]`.
 * `depletionGroups(rule)` reads both forms.
 */
const seniorPrincipalAfterDepletionSchema = z
  .strictObject({
    kind: z.literal("seniorPrincipalAfterDepletion"),
    ...ruleBase,
    group: id.optional(),
    classes: z.array(id).min(1).optional(),
    groups: z.array(depletionGroupSchema).min(1).optional(),
  })
  .superRefine((rule, ctx) => {
    const single = rule.group !== undefined || rule.classes !== undefined;
    if (single && rule.groups !== undefined) {
      ctx.addIssue({ code: "custom", path: ["groups"], message: "write either `group` + `classes` or `groups`, not both" });
    } else if (!single && rule.groups === undefined) {
      ctx.addIssue({ code: "custom", path: [], message: "needs `group` + `classes` (one group) or `groups: [{group, classes}]`" });
    } else if (single && rule.group === undefined) {
      ctx.addIssue({ code: "custom", path: ["group"], message: "`classes` needs the `group` they belong to" });
    } else if (single && rule.classes === undefined) {
      ctx.addIssue({ code: "custom", path: ["classes"], message: "`group` needs the `classes` paid on and after the depletion date" });
    }
  })
  .transform(
    (rule) =>
      rule as
        | { kind: "seniorPrincipalAfterDepletion"; section: string; title: string; group: string; classes: string[] }
        | { kind: "seniorPrincipalAfterDepletion"; section: string; title: string; groups: DepletionGroup[] },
  );

export const ruleSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("seniorInterest"), ...ruleBase, group: id, classes: z.array(id).min(1) }),
  z.strictObject({ kind: z.literal("poPrincipal"), ...ruleBase, group: id, class: id }),
  z.strictObject({
    kind: z.literal("seniorPrincipal"),
    ...ruleBase,
    group: id,
    sequence: z.array(principalPayeeSchema).min(1),
  }),
  seniorPrincipalAfterDepletionSchema,
  /**
   * The Accrual Distribution Amount of accrual class `class` (its Accrued Certificate
   * Interest, added to its balance), paid as principal to the accretion-directed classes
   * in `sequence`, and what they cannot take to `class` itself; in force until the
   * Accretion Termination Date (the first date on which every accretion-directed class is
   * retired, or the Senior Credit Support Depletion Date), after which the class is paid
   * interest like any other.
   */
  z.strictObject({ kind: z.literal("accrualDistribution"), ...ruleBase, group: id, class: id, sequence: z.array(principalPayeeSchema).min(1) }),
  z.strictObject({ kind: z.literal("poDeferred"), ...ruleBase, group: id, class: id }),
  /** Transfer Payments to an Undercollateralized Group and to a group whose seniors are outstanding when another's are retired. */
  z.strictObject({ kind: z.literal("crossCollateralization"), ...ruleBase }),
  z.strictObject({ kind: z.literal("subordinates"), ...ruleBase, classes: z.array(id).min(1) }),
  z.strictObject({ kind: z.literal("residual"), ...ruleBase, class: id }),
]);

export const lossAllocationSchema = z.strictObject({
  section: citation,
  /** Most junior first. */
  subordinateOrder: z.array(id).min(1),
  poClass: id.optional(),
  /** The support class bears the super senior's share of senior losses until it is zero. */
  seniorSupport: z.array(z.strictObject({ superSenior: id, support: id })).default([]),
  /** Write off the excess of class balances over the pool, most junior class first. */
  excessWritedown: z.boolean(),
});

export const corridorContractSchema = z.strictObject({
  kind: z.literal("corridor"),
  id,
  section: citation,
  counterparty: z.string(),
  confirmationDate: civilDateSchema,
  beneficiary: id,
  index: z.string(),
  /** Cap Rate I, percent. */
  strikeRate: rate,
  /** Cap Rate II, percent. */
  ceilingRate: rate,
  /** The beneficiary's rate ceiling for the Yield Supplement Amount (min(index + margin, this)). */
  yieldSupplementCeiling: rate,
  firstDistributionDate: civilDateSchema,
  lastDistributionDate: civilDateSchema,
  /** The notional for each Distribution Date, fixed at closing. */
  notionalSchedule: z.array(z.strictObject({ date: civilDateSchema, notional: money })).min(1),
});

export const contractSchema = z.discriminatedUnion("kind", [corridorContractSchema]);

/**
 * A PAC (planned) or TAC (targeted) principal schedule: the aggregate balance of
 * `classes` a `limit: schedule` payee pays down to on each Distribution Date.
 * Generated once by `tranche principal-schedule` (the minimum of the payee's
 * principal at the band's speeds, on the structure without the schedule) and fixed at
 * closing; after the last entry the planned balance is zero.
 */
export const principalScheduleSchema = z.strictObject({
  id,
  kind: z.enum(["pac", "tac"]),
  section: citation,
  classes: z.array(id).min(1),
  /** The speeds the schedule was generated at: a PAC band's two, a TAC's one. */
  band: z.strictObject({ unit: z.enum(["ppc", "cpr", "psa", "smm"]), speeds: z.array(z.number().nonnegative()).min(1).max(2) }),
  /** The Planned (Targeted) Balance after each Distribution Date's distributions, one entry a month from the first. */
  plannedBalances: z.array(z.strictObject({ date: civilDateSchema, balance: money })).min(1),
});

/**
 * An exchangeable (MACR) class: a combination of exchangeable REMIC classes in fixed
 * proportions of their original balances. The REMIC classes keep paying in the
 * waterfall; the exchangeable class's flows are the sum of its components' (the
 * whole combination exchanged), priced like any class. Exchanges run both ways.
 */
export const exchangeableClassSchema = z.strictObject({
  id,
  section: citation,
  offered: z.boolean(),
  cusip: z.string().optional(),
  /** Each component's share of the combination's original balance (the shares add to 1). */
  components: z.array(z.strictObject({ class: id, proportion: z.number().positive().max(1) })).min(2),
});

export const optionalTerminationSchema = z.strictObject({
  section: citation,
  /** Callable once the pool's Stated Principal Balance is at or below this % of the Cut-off Date balance. */
  cleanUpPercent: percent,
});

export const dealSchema = z.strictObject({
  id,
  name: z.string().min(1),
  formatVersion: z.literal(1),
  filingReferences: z.array(z.strictObject({ id: z.string(), description: z.string() })).default([]),
  parties: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  dates: dealDatesSchema,
  /** The offered certificates' aggregate initial balance, as filed. */
  offeredAmount: money,
  collateral: collateralSchema,
  classes: z.array(classSpecSchema).min(1),
  shiftingInterest: shiftingInterestSchema,
  priorityAmount: priorityAmountSchema.optional(),
  rules: z.array(ruleSchema).min(1),
  lossAllocation: lossAllocationSchema,
  contracts: z.array(contractSchema).default([]),
  principalSchedules: z.array(principalScheduleSchema).default([]),
  exchangeableClasses: z.array(exchangeableClassSchema).default([]),
  optionalTermination: optionalTerminationSchema,
});

export type Deal = z.infer<typeof dealSchema>;
export type DealInput = z.input<typeof dealSchema>;
export type ClassSpec = z.infer<typeof classSpecSchema>;
export type Coupon = z.infer<typeof couponSchema>;
export type RepLine = z.infer<typeof repLineSchema>;
export type LoanGroup = z.infer<typeof loanGroupSchema>;
export type ArmTerms = z.infer<typeof armTermsSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type RuleKind = Rule["kind"];
export type PrincipalPayee = z.infer<typeof principalPayeeSchema>;
export type DepletionGroup = z.infer<typeof depletionGroupSchema>;
export type SeniorPrincipalAfterDepletionRule = Extract<Rule, { kind: "seniorPrincipalAfterDepletion" }>;

/** The `{group, classes}` pairs of a §4.02(c) rule, whichever form it is written in. */
export function depletionGroups(rule: SeniorPrincipalAfterDepletionRule): DepletionGroup[] {
  return "groups" in rule ? rule.groups : [{ group: rule.group, classes: rule.classes }];
}
export type PrincipalSchedule = z.infer<typeof principalScheduleSchema>;
export type ExchangeableClass = z.infer<typeof exchangeableClassSchema>;
export type LossAllocation = z.infer<typeof lossAllocationSchema>;
export type CorridorContract = z.infer<typeof corridorContractSchema>;
export type ShiftingInterest = z.infer<typeof shiftingInterestSchema>;
export type PriorityAmountSpec = z.infer<typeof priorityAmountSchema>;
export type CollateralSpec = z.infer<typeof collateralSchema>;
export type ScheduleStep = z.infer<typeof scheduleStep>;

// ---------------------------------------------------------------------------
// Amendments: dated patches on the rules, kept beside the deal file.

export const amendmentSchema = z.strictObject({
  id,
  deal: id,
  title: z.string(),
  dateSigned: civilDateSchema,
  /** The date from which the amended text governs ("as of the Closing Date"). */
  effectiveDate: civilDateSchema,
  authority: z.string(),
  source: z.string(),
  patches: z
    .array(
      z.discriminatedUnion("op", [
        z.strictObject({ op: z.literal("delete"), section: citation, replacementText: z.string() }),
        z.strictObject({ op: z.literal("replace"), section: citation, rule: ruleSchema }),
        z.strictObject({ op: z.literal("insert"), after: citation, rule: ruleSchema }),
      ]),
    )
    .min(1),
});

export type Amendment = z.infer<typeof amendmentSchema>;
export type AmendmentPatch = Amendment["patches"][number];
