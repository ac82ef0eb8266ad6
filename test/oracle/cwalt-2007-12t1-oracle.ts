/**
 * An independent oracle for the Alternative Loan Trust 2007-12T1 waterfall,
 * written straight from the deal specification
 * (`shared/deals/cwalt-2007-12t1/README.md`, §4–§9), without the engine's
 * waterfall code. Class names, balances, rates, schedules and percentages are
 * hard-coded from the README; the one number the README does not hold (the
 * corridor notional schedule, "stored in the deal file, generated once") is
 * passed in by the caller.
 *
 * One call of `oracleDistribute(state, inputs)` is one Distribution Date: it
 * takes the same `PeriodInputs` the engine takes and returns its own state and a
 * report. Float64 dollars, no rounding (as the engine's projections).
 *
 * Where the README is silent the oracle reads it so (each is a gap to close in
 * the README, not a difference with the engine):
 * - SPDA the senior classes cannot absorb (each paid to zero, e.g. on a clean-up
 *   call in the lockout) goes to the subordinates with the unscheduled part of
 *   the Subordinated Principal Distribution Amount; sent to A-R under §6.5 it
 *   would leave class balances above the pool and §8.4 would write the
 *   subordinates down by principal that was collected.
 * - Subordinate principal that no subordinate class can take (all at zero) goes
 *   to the seniors in the §4.02 order, for the same reason.
 * - The excess writedown of §8.4 with no subordinate left falls on the seniors
 *   as a loss does (§8.3, A-5 for A-3).
 * - "Zero" for the depletion date is below $0.000001 (float noise).
 * - The six-month delinquency average includes this date's figure (the last six
 *   Due Periods), fewer when fewer are available.
 * - The "lesser of" for liquidated loans is taken on the date's aggregates (one
 *   severity per rep line, so the lesser of sums is the sum of lessers).
 * - Test (b) is reported during the lockout against the first year's 30% (it
 *   decides nothing there).
 * - Class X accrues the inputs' `premiumStripInterest`; the README's formula is
 *   recomputed from the net WAC as a check (`premiumStripFromNetWac`).
 * Where the README can be read two ways and the engine reads it the other way,
 * `OracleReadings` holds both.
 */
import type { GroupCollections, PeriodInputs } from "../../src/waterfall/collections.js";

// ---------------------------------------------------------------------------
// The deal, from the README (§3, §4, §7, §9)

export const SENIOR_NON_PO = ["A-1", "A-3", "A-4", "A-5", "A-R"] as const;
export const SUBORDINATES = ["M", "B-1", "B-2", "B-3", "B-4", "B-5"] as const;
/** Every class with a Class Certificate Balance (PO included). */
export const BALANCE_CLASSES = ["A-1", "A-3", "A-4", "A-5", "A-R", "PO", "M", "B-1", "B-2", "B-3", "B-4", "B-5"] as const;
/** Every interest-bearing class (§5): the notional classes A-2 and X included. */
export const INTEREST_CLASSES = ["A-1", "A-2", "A-3", "A-4", "A-5", "A-R", "X", "M", "B-1", "B-2", "B-3", "B-4", "B-5"] as const;
export const ALL_CLASSES = ["A-1", "A-2", "A-3", "A-4", "A-5", "A-R", "X", "PO", "M", "B-1", "B-2", "B-3", "B-4", "B-5"] as const;

export const INITIAL_BALANCE: Readonly<Record<string, number>> = {
  "A-1": 200_000_000.0,
  "A-3": 470_000_000.0,
  "A-4": 86_000_000.0,
  "A-5": 66_291_240.0,
  "A-R": 100.0,
  PO: 604_800.0,
  M: 21_600_000.0,
  "B-1": 6_912_000.0,
  "B-2": 4_320_000.0,
  "B-3": 3_456_000.0,
  "B-4": 2_592_000.0,
  "B-5": 2_223_860.0,
};

const FIXED_RATE = 6.0; // A-R, M, B-1 … B-5
const REQUIRED_COUPON = 6.0;
const R1_NET_RATE = 5.916; // the only Discount rep line
const ORIGINAL_NON_PO_POOL = 863_395_200.0;
const ORIGINAL_SENIOR_NON_PO = 822_291_340.0;
const ORIGINAL_SUBORDINATE = 41_103_860.0;
export const ORIGINAL_SENIOR_PERCENTAGE = ORIGINAL_SENIOR_NON_PO / ORIGINAL_NON_PO_POOL; // 95.23927629%
const ORIGINAL_SUBORDINATED_PERCENTAGE = 1 - ORIGINAL_SENIOR_PERCENTAGE;

/** Original Applicable Credit Support Percentage: the class plus every junior class, over all non-PO classes, at closing. */
const ORIGINAL_ACSP: Readonly<Record<string, number>> = (() => {
  const out: Record<string, number> = {};
  SUBORDINATES.forEach((id, i) => {
    out[id] = SUBORDINATES.slice(i).reduce((s, j) => s + INITIAL_BALANCE[j], 0) / ORIGINAL_NON_PO_POOL;
  });
  return out;
})();

/** The five-year lockout ends with the April 2012 date; the schedules step each May. */
const stepYear = (ym: number) => (ym < 201205 ? -1 : Math.min(4, Math.floor((ym - 201205) / 100))); // 0 for May 2012 – Apr 2013 … 4 from May 2016
const SENIOR_PREPAYMENT_SHARE = [0.7, 0.6, 0.4, 0.2, 0.0]; // of the Subordinated Percentage, by step year
const LOSS_LIMIT = [0.3, 0.35, 0.4, 0.45, 0.5]; // of the original subordinate balance, by step year
const SHIFT_PERCENTAGE = [0.3, 0.4, 0.6, 0.8, 1.0]; // Class A-4 Priority Amount, by step year (0 during the lockout)

const CORRIDOR_FIRST = 200706;
const CORRIDOR_LAST = 201204;
const CAP_RATE_I = 5.6;
const CAP_RATE_II = 9.1;
const YIELD_SUPPLEMENT_CEILING = 9.5;

// ---------------------------------------------------------------------------
// State and report

export interface OracleState {
  readonly balance: Readonly<Record<string, number>>;
  readonly unpaidInterest: Readonly<Record<string, number>>;
  readonly poDeferred: number;
  readonly yieldSupplementUnpaid: number;
  readonly cumulativeRealizedLoss: number;
  /** 60+ day delinquent balances of earlier dates, most recent last. */
  readonly delinquencyHistory: readonly number[];
  readonly depleted: boolean;
  readonly terminated: boolean;
}

export function oracleInitialState(): OracleState {
  const balance: Record<string, number> = {};
  const unpaidInterest: Record<string, number> = {};
  for (const id of BALANCE_CLASSES) balance[id] = INITIAL_BALANCE[id];
  for (const id of INTEREST_CLASSES) unpaidInterest[id] = 0;
  return { balance, unpaidInterest, poDeferred: 0, yieldSupplementUnpaid: 0, cumulativeRealizedLoss: 0, delinquencyHistory: [], depleted: false, terminated: false };
}

export interface OracleClassRow {
  beginBalance: number;
  passThroughRate: number | null;
  interestAccrued: number;
  interestShortfall: number;
  interestDue: number;
  interestPaid: number;
  unpaidInterest: number;
  principal: number;
  poDeferredPaid: number;
  writedown: number;
  endBalance: number;
  yieldSupplementPaid: number;
}

export interface OracleReport {
  period: number;
  distributionDate: string;
  availableFunds: number;
  classes: Record<string, OracleClassRow>;
  seniorPercentage: number;
  seniorPrepaymentPercentage: number;
  delinquencyAverage: number;
  delinquencyTest: boolean;
  lossTest: boolean;
  twoTimesTest: boolean;
  poFormulaPrincipalAmount: number;
  seniorPrincipalDistributionAmount: number;
  classA4PriorityAmount: number;
  subordinatedPrincipalDistributionAmount: number;
  restrictedClasses: string[];
  poDeferredPaid: number;
  poDeferredOutstanding: number;
  realizedLoss: number;
  cumulativeRealizedLoss: number;
  depleted: boolean;
  proRataAfterDepletion: boolean;
  residual: number;
  /** Class X Accrued Certificate Interest computed from the inputs' net WAC (a check on `premiumStripInterest`). */
  premiumStripFromNetWac: number;
  corridor: { notional: number; payment: number; yieldSupplementAmount: number; yieldSupplementPaid: number; unpaidAfter: number; released: number };
  /** Cash paid out of Available Funds. */
  distributed: number;
}

/**
 * Readings of the points where the README can be read two ways (or where the
 * oracle and the engine were found to differ). The defaults are the oracle's
 * reading of the text; the alternatives reproduce the engine's, so a test can
 * show that a difference has exactly one cause.
 */
export interface OracleReadings {
  /**
   * §8.3 "A-3's share goes to A-5 until A-5 is zero". `ownShareFirst` (default): every non-PO senior
   * bears exactly its pro rata share, except that A-5 also bears A-3's share up to A-5's balance
   * (A-5 = min(its balance, its share + A-3's share); A-3 the rest). `superSeniorShareFirst`: A-3's
   * share is moved to A-5 before A-5's own share is written; what A-5 then cannot bear is shared again
   * pro rata among the seniors left (so bear more than their pro rata shares).
   */
  readonly seniorSupport?: "ownShareFirst" | "superSeniorShareFirst";
  /**
   * §6.2 "Senior principal, concurrently: (x) PO … (y) SPDA" on a date whose Available Funds cannot pay
   * both. `concurrent` (default): each gets the same fraction of its amount. `poFirst`: PO is paid its
   * PO Formula Principal Amount in full first.
   */
  readonly poAndSeniorPrincipal?: "concurrent" | "poFirst";
  /**
   * §7 "cumulative Realized Losses" in test (b) and the Two Times Test. `throughThisDate` (default):
   * including the Realized Losses of the Prepayment Period this date distributes (the same window as the
   * date's 60+ delinquency figure, which the six-month average includes). `beforeThisDate`: only those
   * allocated on earlier Distribution Dates.
   */
  readonly cumulativeLossForTests?: "throughThisDate" | "beforeThisDate";
}

export interface OracleOptions {
  /** Corridor notional for a Distribution Date (the schedule fixed at closing); 0 outside it. */
  readonly corridorNotional: (distributionDate: string) => number;
  readonly readings?: OracleReadings;
}

// ---------------------------------------------------------------------------
// The Distribution Date

const yearMonth = (date: string) => Number(date.slice(0, 4)) * 100 + Number(date.slice(5, 7));
const sum = (ids: readonly string[], f: (id: string) => number) => ids.reduce((s, id) => s + f(id), 0);
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
/** Balances this small are zero (float noise). */
const ZERO = 1e-6;

export function oracleDistribute(state: OracleState, inputs: PeriodInputs, options: OracleOptions): { state: OracleState; report: OracleReport } {
  if (inputs.groups.length !== 1) throw new Error("2007-12T1 has one loan group");
  const g: GroupCollections = inputs.groups[0];
  const readings = options.readings ?? {};
  const ym = yearMonth(inputs.distributionDate);
  const year = stepYear(ym);
  const libor = inputs.indices.LIBOR_1M;
  if (libor === undefined) throw new Error("LIBOR_1M fixing missing");

  const bal: Record<string, number> = { ...state.balance };
  const begin: Record<string, number> = { ...state.balance };
  const rows: Record<string, OracleClassRow> = {};
  for (const id of ALL_CLASSES) {
    rows[id] = {
      beginBalance: id === "A-2" ? begin["A-1"] : id === "X" ? g.nonDiscountBeginBalance : begin[id],
      passThroughRate: null,
      interestAccrued: 0,
      interestShortfall: 0,
      interestDue: 0,
      interestPaid: 0,
      unpaidInterest: 0,
      principal: 0,
      poDeferredPaid: 0,
      writedown: 0,
      endBalance: 0,
      yieldSupplementPaid: 0,
    };
  }

  // Available Funds (§3): interest − fees + principal.
  const availableFunds = Math.max(0, g.interest - g.fees + g.scheduledPrincipal + g.prepayments + g.liquidationPrincipal + g.subsequentRecoveries);
  let cash = availableFunds;
  const pay = (want: number) => {
    const paid = Math.max(0, Math.min(want, cash));
    cash -= paid;
    return paid;
  };

  // §5 Interest. Pass-Through Rates.
  const rate: Record<string, number> = {};
  rate["A-1"] = clamp(libor + 0.4, 0.4, 6.0);
  rate["A-2"] = clamp(5.6 - libor, 0, 5.6);
  for (const id of ["A-3", "A-4", "A-5", "A-R", ...SUBORDINATES]) rate[id] = FIXED_RATE;
  // Class X: Σ over Non-Discount loans of SPB × (net rate − 6.00%) / 12, from the group's net WAC:
  // Σ_all SPB × net = netWac × begin; the Discount loans (R1) hold begin − nonDiscount at 5.916%.
  const discountBegin = g.beginBalance - g.nonDiscountBeginBalance;
  const premiumStripFromNetWac = (g.netWac * g.beginBalance - R1_NET_RATE * discountBegin - REQUIRED_COUPON * g.nonDiscountBeginBalance) / 1200;

  const accrued: Record<string, number> = {};
  for (const id of INTEREST_CLASSES) {
    if (id === "X") accrued[id] = g.premiumStripInterest;
    else if (id === "A-2") accrued[id] = (rate[id] / 1200) * begin["A-1"];
    else accrued[id] = (rate[id] / 1200) * begin[id];
    rows[id].passThroughRate = id === "X" ? null : rate[id];
    rows[id].interestAccrued = accrued[id];
  }
  // Net Prepayment Interest Shortfalls and Relief Act Reductions, pro rata by Accrued Certificate Interest.
  const shortfall = g.netPrepaymentInterestShortfall + g.reliefActReduction;
  const totalAccrued = sum(INTEREST_CLASSES, (id) => accrued[id]);
  const due: Record<string, number> = {};
  for (const id of INTEREST_CLASSES) {
    const share = totalAccrued > 0 ? (shortfall * accrued[id]) / totalAccrued : 0;
    rows[id].interestShortfall = share;
    due[id] = accrued[id] - share + state.unpaidInterest[id];
    rows[id].interestDue = due[id];
  }

  // §6.1 Senior interest, concurrently pro rata (by Interest Distribution Amount when short).
  const seniorInterestClasses = ["A-1", "A-2", "A-3", "A-4", "A-5", "A-R", "X"];
  const seniorInterestDue = sum(seniorInterestClasses, (id) => due[id]);
  const seniorInterestPaid = pay(seniorInterestDue);
  for (const id of seniorInterestClasses) {
    rows[id].interestPaid = seniorInterestDue > 0 ? (seniorInterestPaid * due[id]) / seniorInterestDue : 0;
  }

  // §7 Principal amounts.
  const nonPoPoolBegin = g.beginBalance - g.poBeginBalance;
  const nonPoScheduled = g.scheduledPrincipal - g.poScheduledPrincipal;
  const nonPoUnscheduled = g.prepayments - g.poPrepayments + g.subsequentRecoveries;
  const nonPoLiquidatedBalance = g.liquidatedBalance - g.poLiquidatedBalance;
  const nonPoLiquidationPrincipal = g.liquidationPrincipal - g.poLiquidationPrincipal;
  const nonPoPrincipal = nonPoScheduled + nonPoUnscheduled + nonPoLiquidationPrincipal;
  const poFormulaPrincipalAmount = g.poScheduledPrincipal + g.poPrepayments + g.poLiquidationPrincipal;

  const subordinateBegin = sum(SUBORDINATES, (id) => begin[id]);
  // §6 (c): the depletion date is reached when the subordinate balance is zero at the start of the principal step.
  const depleted = state.depleted || subordinateBegin < ZERO;

  const seniorNonPoBegin = sum(SENIOR_NON_PO, (id) => begin[id]);
  const seniorPercentage = nonPoPoolBegin > 0 ? Math.min(1, seniorNonPoBegin / nonPoPoolBegin) : 1;
  const subordinatedPercentage = 1 - seniorPercentage;

  // Step-down tests. (a) six-month average of 60+ delinquencies (this date's figure and up to five before) < 50% of the subordinate balance.
  const window = [...state.delinquencyHistory, g.delinquent60PlusBalance].slice(-6);
  const delinquencyAverage = window.reduce((s, x) => s + x, 0) / window.length;
  const delinquencyTest = delinquencyAverage < 0.5 * subordinateBegin;
  // (b) cumulative Realized Losses (this date's included) within the year's limit of the original subordinate balance.
  const cumulativeLossThisDate = state.cumulativeRealizedLoss + g.realizedLoss;
  const lossForTests = readings.cumulativeLossForTests === "beforeThisDate" ? state.cumulativeRealizedLoss : cumulativeLossThisDate;
  const lossTest = lossForTests <= LOSS_LIMIT[Math.max(0, year)] * ORIGINAL_SUBORDINATE;
  const twoTimesLossLimit = (ym < 201005 ? 0.2 : 0.3) * ORIGINAL_SUBORDINATE;
  const twoTimesTest = subordinatedPercentage >= 2 * ORIGINAL_SUBORDINATED_PERCENTAGE && delinquencyTest && lossForTests <= twoTimesLossLimit;

  let seniorPrepaymentPercentage: number;
  if (seniorPercentage > ORIGINAL_SENIOR_PERCENTAGE) seniorPrepaymentPercentage = 1;
  else if (twoTimesTest) seniorPrepaymentPercentage = ym < 201005 ? seniorPercentage + 0.5 * subordinatedPercentage : seniorPercentage;
  else if (year < 0) seniorPrepaymentPercentage = 1;
  else if (delinquencyTest && lossTest) seniorPrepaymentPercentage = seniorPercentage + SENIOR_PREPAYMENT_SHARE[year] * subordinatedPercentage;
  else seniorPrepaymentPercentage = year === 0 ? 1 : seniorPercentage + SENIOR_PREPAYMENT_SHARE[year - 1] * subordinatedPercentage;

  const seniorPrincipalDistributionAmount =
    seniorPercentage * nonPoScheduled +
    seniorPrepaymentPercentage * nonPoUnscheduled +
    Math.min(seniorPercentage * nonPoLiquidatedBalance, seniorPrepaymentPercentage * nonPoLiquidationPrincipal);

  // §6.2 Senior principal, concurrently: (x) PO Formula Principal Amount, (y) the SPDA (pro rata by amount when short).
  const poWant = Math.min(poFormulaPrincipalAmount, bal.PO);
  const seniorWant = poWant + seniorPrincipalDistributionAmount;
  const seniorCash = pay(seniorWant);
  const poPaid = readings.poAndSeniorPrincipal === "poFirst" ? Math.min(poWant, seniorCash) : seniorWant > 0 ? (seniorCash * poWant) / seniorWant : 0;
  let spda = seniorCash - poPaid;
  rows.PO.principal = poPaid;
  bal.PO -= poPaid;
  /**
   * Pays `amount` of senior principal to the non-PO seniors: §4.02(c) pro rata by balance once depleted,
   * else the §4.02(a)(ii)(y) order (with the Class A-4 Priority Amount when `priority`). Returns what it
   * could not place (every class paid to zero).
   */
  const paySeniorPrincipal = (amount: number, priority: boolean): number => {
    let pot = amount;
    const payClass = (id: string, want: number) => {
      const paid = Math.max(0, Math.min(want, bal[id], pot));
      bal[id] -= paid;
      rows[id].principal += paid;
      pot -= paid;
    };
    if (depleted) {
      // §4.02(c), A-R concurrently pro rata by Class Certificate Balance.
      const total = sum(SENIOR_NON_PO, (id) => bal[id]);
      const placed = Math.min(pot, total);
      for (const id of SENIOR_NON_PO) {
        const share = total > 0 ? (placed * bal[id]) / total : 0;
        bal[id] -= share;
        rows[id].principal += share;
      }
      return pot - placed;
    }
    // §4.02(a)(ii)(y) 1. A-R to zero.
    payClass("A-R", bal["A-R"]);
    // 2. A-4, the Class A-4 Priority Amount.
    if (priority) {
      const shift = year < 0 ? 0 : SHIFT_PERCENTAGE[year];
      const priorityPercentage = nonPoPoolBegin > 0 ? begin["A-4"] / nonPoPoolBegin : 0;
      classA4PriorityAmount = Math.min(bal["A-4"], pot, priorityPercentage * (nonPoScheduled + shift * (nonPoUnscheduled + nonPoLiquidationPrincipal)));
      payClass("A-4", classA4PriorityAmount);
    }
    // 3. concurrently, pro rata by balances immediately before the date, to zero.
    const a13 = begin["A-1"] + begin["A-3"];
    const amount13 = Math.min(pot, bal["A-1"] + bal["A-3"]);
    if (a13 > 0) {
      const p1 = Math.min((amount13 * begin["A-1"]) / a13, bal["A-1"]);
      const p3 = Math.min(amount13 - p1, bal["A-3"]);
      bal["A-1"] -= p1;
      rows["A-1"].principal += p1;
      bal["A-3"] -= p3;
      rows["A-3"].principal += p3;
      pot -= p1 + p3;
    }
    // 4. A-5 to zero. 5. A-4 to zero.
    payClass("A-5", bal["A-5"]);
    payClass("A-4", bal["A-4"]);
    return pot;
  };

  let classA4PriorityAmount = 0;
  spda = paySeniorPrincipal(spda, true);
  // SPDA the senior classes cannot absorb (every one of them paid to zero) stays in Available Funds
  // and goes to the subordinate classes with the unscheduled part (a spec gap: see the report).
  cash += spda;
  const seniorUnabsorbed = spda;

  // §6.3 Class PO Deferred Amounts, from what would otherwise be the Subordinated Principal Distribution Amount.
  const subordinatedPrincipalRaw = Math.max(0, nonPoPrincipal - seniorPrincipalDistributionAmount);
  const poDeferredPaid = depleted ? 0 : pay(Math.min(state.poDeferred, subordinatedPrincipalRaw));
  rows.PO.poDeferredPaid = poDeferredPaid;
  const subordinatedPrincipalDistributionAmount = subordinatedPrincipalRaw - poDeferredPaid + seniorUnabsorbed;

  // Shares of the Subordinated Principal Distribution Amount.
  const scheduledPart = Math.min(subordinatedPercentage * nonPoScheduled, subordinatedPrincipalRaw - poDeferredPaid);
  const unscheduledPart = subordinatedPrincipalDistributionAmount - scheduledPart;
  const nonPoClassesBegin = sum([...SENIOR_NON_PO, ...SUBORDINATES], (id) => begin[id]);
  const restrictedClasses = SUBORDINATES.filter((id, i) => {
    if (id === "M") return false;
    const acsp = nonPoClassesBegin > 0 ? SUBORDINATES.slice(i).reduce((s, j) => s + begin[j], 0) / nonPoClassesBegin : 0;
    return acsp < ORIGINAL_ACSP[id];
  });
  const share: Record<string, number> = {};
  const unrestricted = SUBORDINATES.filter((id) => !restrictedClasses.includes(id));
  const unrestrictedBegin = sum(unrestricted, (id) => begin[id]);
  let excess = 0;
  for (const id of SUBORDINATES) {
    const s = (subordinateBegin > 0 ? (scheduledPart * begin[id]) / subordinateBegin : 0) + (unrestricted.includes(id) && unrestrictedBegin > 0 ? (unscheduledPart * begin[id]) / unrestrictedBegin : 0);
    share[id] = Math.min(s, begin[id]);
    excess += s - share[id];
  }
  if (unrestrictedBegin <= 0) excess += unscheduledPart;
  for (const id of SUBORDINATES) {
    // "A class is never paid above its balance; any excess goes to the other subordinate classes in order of seniority."
    const room = begin[id] - share[id];
    const extra = Math.min(room, excess);
    share[id] += extra;
    excess -= extra;
  }

  // §6.4 M, B-1 … B-5: interest, then principal.
  for (const id of SUBORDINATES) {
    rows[id].interestPaid = pay(due[id]);
    const p = pay(share[id]);
    bal[id] -= p;
    rows[id].principal = p;
  }

  // Subordinate principal no subordinate class can take (all paid to their balances): to the seniors,
  // in the §4.02 order (a spec gap, as the unabsorbed SPDA above: see the report).
  const unplaced = subordinatedPrincipalDistributionAmount - sum(SUBORDINATES, (id) => share[id]);
  if (unplaced > 0) {
    const paid = pay(unplaced);
    cash += paySeniorPrincipal(paid, false);
  }

  // §6.5 Remainder to A-R.
  const residual = cash;
  cash = 0;

  // Unpaid interest carried forward, without interest.
  const unpaidInterest: Record<string, number> = {};
  for (const id of INTEREST_CLASSES) {
    unpaidInterest[id] = Math.max(0, due[id] - rows[id].interestPaid);
    rows[id].unpaidInterest = unpaidInterest[id];
  }

  // Writedowns.
  const writeDown = (id: string, amount: number) => {
    const w = Math.max(0, Math.min(amount, bal[id]));
    bal[id] -= w;
    rows[id].writedown += w;
    return w;
  };
  const writeDownJuniorFirst = (amount: number) => {
    let left = amount;
    for (const id of [...SUBORDINATES].reverse()) left -= writeDown(id, left);
    return left;
  };
  /** §4.04 step 3: non-PO seniors pro rata by balance, A-3's share to A-5 until A-5 is zero. */
  const writeDownSeniors = (amount: number) => {
    if (readings.seniorSupport === "superSeniorShareFirst") return writeDownSeniorsSuperSeniorShareFirst(amount);
    const total = sum(SENIOR_NON_PO, (id) => bal[id]);
    if (total <= 0 || amount <= 0) return;
    const x = Math.min(amount, total);
    const s: Record<string, number> = {};
    for (const id of SENIOR_NON_PO) s[id] = (x * bal[id]) / total;
    const a35 = s["A-3"] + s["A-5"];
    const toA5 = Math.min(a35, bal["A-5"]);
    writeDown("A-5", toA5);
    writeDown("A-3", a35 - toA5);
    for (const id of ["A-1", "A-4", "A-R"]) writeDown(id, s[id]);
  };

  /** The alternative reading (the engine's): A-3's share to A-5 first, then A-5's own; what is left is shared again. */
  const writeDownSeniorsSuperSeniorShareFirst = (amount: number) => {
    let left = amount;
    for (let round = 0; round < 8 && left > 1e-9; round++) {
      const live = SENIOR_NON_PO.filter((id) => bal[id] > 1e-9);
      const total = sum(live, (id) => bal[id]);
      if (total <= 1e-9) return;
      const batch = Math.min(left, total);
      const shares = live.map((id) => [id, (batch * bal[id]) / total] as const);
      for (const [id, s] of shares) {
        let rest = s;
        if (id === "A-3" && bal["A-5"] > 1e-9) rest -= writeDown("A-5", rest);
        rest -= writeDown(id, rest);
        left -= s - rest;
      }
    }
  };

  // §6.3: each Class PO Deferred Amount paid writes down the most junior subordinate class outstanding, before losses.
  writeDownJuniorFirst(poDeferredPaid);

  // §4.04 losses.
  const poLoss = g.poRealizedLoss;
  writeDown("PO", poLoss);
  let poDeferred = state.poDeferred - poDeferredPaid + poLoss;
  const nonPoLoss = g.realizedLoss - g.poRealizedLoss;
  const lossLeft = writeDownJuniorFirst(nonPoLoss);
  writeDownSeniors(lossLeft);
  // §8.4 excess of non-PO class balances over the non-PO pool: the most junior outstanding class.
  const nonPoPoolEnd = g.endBalance - g.poEndBalance;
  const nonPoClassesEnd = sum([...SENIOR_NON_PO, ...SUBORDINATES], (id) => bal[id]);
  if (nonPoClassesEnd > nonPoPoolEnd + 1e-6) {
    const left = writeDownJuniorFirst(nonPoClassesEnd - nonPoPoolEnd);
    writeDownSeniors(left);
  }
  if (poDeferred < 0) poDeferred = 0;

  // §9 Corridor and Yield Supplement Amount.
  const notional = ym >= CORRIDOR_FIRST && ym <= CORRIDOR_LAST ? options.corridorNotional(inputs.distributionDate) : 0;
  const corridorPayment = (notional * Math.max(0, Math.min(libor, CAP_RATE_II) - CAP_RATE_I)) / 1200;
  const uncappedRate = Math.min(libor + 0.4, YIELD_SUPPLEMENT_CEILING);
  const yieldSupplementAmount = (begin["A-1"] * Math.max(0, uncappedRate - rate["A-1"])) / 1200 + state.yieldSupplementUnpaid;
  const yieldSupplementPaid = Math.min(yieldSupplementAmount, corridorPayment);
  rows["A-1"].yieldSupplementPaid = yieldSupplementPaid;

  for (const id of BALANCE_CLASSES) rows[id].endBalance = bal[id];
  rows["A-2"].endBalance = bal["A-1"];
  rows.X.endBalance = g.nonDiscountEndBalance;

  const distributed = availableFunds - cash;
  const report: OracleReport = {
    period: inputs.period,
    distributionDate: inputs.distributionDate,
    availableFunds,
    classes: rows,
    seniorPercentage,
    seniorPrepaymentPercentage,
    delinquencyAverage,
    delinquencyTest,
    lossTest,
    twoTimesTest,
    poFormulaPrincipalAmount,
    seniorPrincipalDistributionAmount,
    classA4PriorityAmount,
    subordinatedPrincipalDistributionAmount,
    restrictedClasses,
    poDeferredPaid,
    poDeferredOutstanding: poDeferred,
    realizedLoss: g.realizedLoss,
    cumulativeRealizedLoss: cumulativeLossThisDate,
    depleted,
    proRataAfterDepletion: depleted,
    residual,
    premiumStripFromNetWac,
    corridor: {
      notional,
      payment: corridorPayment,
      yieldSupplementAmount,
      yieldSupplementPaid,
      unpaidAfter: yieldSupplementAmount - yieldSupplementPaid,
      released: corridorPayment - yieldSupplementPaid,
    },
    distributed,
  };
  return {
    state: {
      balance: bal,
      unpaidInterest,
      poDeferred,
      yieldSupplementUnpaid: yieldSupplementAmount - yieldSupplementPaid,
      cumulativeRealizedLoss: cumulativeLossThisDate,
      delinquencyHistory: [...state.delinquencyHistory, g.delinquent60PlusBalance],
      depleted,
      terminated: state.terminated || inputs.optionalTermination,
    },
    report,
  };
}
