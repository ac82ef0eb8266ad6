/**
 * An independent oracle for the Alternative Loan Trust 2006-HY12 waterfall,
 * written from the deal specification (`shared/deals/cwalt-2006-hy12/README.md`
 * §4–§6, and `cwalt-2007-12t1/README.md` §5–§8 for the conventions it shares),
 * without the engine's waterfall code. Classes, balances, groups and dates are
 * hard-coded from the README; the collateral is the input (the same
 * `PeriodInputs` the engine takes), so the oracle checks the waterfall, not the
 * ARM kernel.
 *
 * One call of `hy12OracleDistribute(state, inputs, options)` is one Distribution
 * Date. `asSigned` runs §4.02(c) as originally signed (each group's senior
 * principal pro rata by balance on and after the Senior Credit Support Depletion
 * Date); otherwise as amended by Amendment No. 1 (§4.02(c) "[Reserved]").
 *
 * Readings where the README is silent (the same as the 2007-12T1 oracle's):
 * - SPDA the group's seniors cannot absorb (paid to zero) and subordinate
 *   principal no subordinate class can take go on down the waterfall: the first
 *   to the subordinates, the second to the seniors, the group whose senior
 *   balance most exceeds its loans first (README §6 says so for the second).
 * - "Zero" is below $0.000001; the six-month delinquency average includes this
 *   date's figure; cumulative losses for the tests include this date's.
 * - The subordinate WAC weights each group by its subordinate portion floored at
 *   zero; with no positive portion, the plain average of the group WACs.
 * - The interest part of a Transfer Payment pays the receiving seniors' unpaid
 *   interest; what they are not owed stays with the funds (to the subordinates).
 * Readings the README leaves open are `Hy12Readings`, with the alternatives.
 */
import type { GroupCollections, PeriodInputs } from "../../src/waterfall/collections.js";

export const GROUP_SENIORS: Readonly<Record<"1" | "2", readonly string[]>> = {
  // In the §4.02(a)(iv)(y) order of each group.
  "1": ["A-R", "1-A-1", "1-A-2"],
  "2": ["2-A-1", "2-A-2"],
};
/** Super senior → its senior support class (README §4, §6 Losses). */
const SUPPORT: Readonly<Record<string, string>> = { "1-A-1": "1-A-2", "2-A-1": "2-A-2" };
export const SUBORDINATES = ["M", "B-1", "B-2", "B-3", "B-4", "B-5"] as const;
export const HY12_CLASSES = [...GROUP_SENIORS["1"], ...GROUP_SENIORS["2"], ...SUBORDINATES] as const;
const GROUPS = ["1", "2"] as const;
type G = (typeof GROUPS)[number];
const other = (g: G): G => (g === "1" ? "2" : "1");

export const HY12_INITIAL: Readonly<Record<string, number>> = {
  "1-A-1": 400_000_000,
  "1-A-2": 70_944_300,
  "A-R": 100,
  "2-A-1": 240_000_000,
  "2-A-2": 42_566_700,
  M: 24_000_000,
  "B-1": 8_000_000,
  "B-2": 5_600_000,
  "B-3": 4_000_000,
  "B-4": 2_800_000,
  "B-5": 2_088_900,
};
const ORIGINAL_POOL: Readonly<Record<G, number>> = { "1": 500_000_000, "2": 300_000_000 };
const ORIGINAL_SENIOR_PERCENTAGE: Readonly<Record<G, number>> = { "1": 470_944_400 / 500_000_000, "2": 282_566_700 / 300_000_000 };
const ORIGINAL_SUBORDINATE = 46_488_900;
const ORIGINAL_SUBORDINATED_PERCENTAGE = ORIGINAL_SUBORDINATE / 800_000_000;
const ORIGINAL_ACSP: Readonly<Record<string, number>> = Object.fromEntries(
  SUBORDINATES.map((id, i) => [id, SUBORDINATES.slice(i).reduce((s, j) => s + HY12_INITIAL[j], 0) / 800_000_000]),
);
// Seven-year lockout (through June 2013), then the steps each July (README §6; 2007-12T1 §7).
const stepYear = (ym: number) => (ym < 201307 ? -1 : Math.min(4, Math.floor((ym - 201307) / 100)));
const SENIOR_PREPAYMENT_SHARE = [0.7, 0.6, 0.4, 0.2, 0.0];
const LOSS_LIMIT = [0.3, 0.35, 0.4, 0.45, 0.5];
/** The Two Times Test's early form: before the third anniversary of the first Distribution Date (July 2009). */
const TWO_TIMES_CUTOVER = 200907;
const ZERO = 1e-6;

export interface Hy12Readings {
  /**
   * README §6 "Losses": when both groups' losses on one date exceed what the subordinates have left.
   * `proRataByLoss` (default): the subordinates absorb all the date's losses together and the excess is
   * shared among the groups in proportion to their losses. `groupOrder`: group 1's loss is allocated
   * first (subordinates, then its seniors), then group 2's.
   */
  readonly lossOverflow?: "proRataByLoss" | "groupOrder";
  /**
   * README §6 "Undercollateralized Group … a Transfer Payment from the other group's Available Funds left
   * after that group's own senior distributions … limited to what is left". `availableFundsLeft`
   * (default, the text): all of the other group's funds left. `principalLeft`: only the other group's
   * principal left (its share of the Subordinated Principal Distribution Amount).
   */
  readonly transferFrom?: "availableFundsLeft" | "principalLeft";
}

export interface Hy12OracleState {
  readonly balance: Readonly<Record<string, number>>;
  readonly unpaidInterest: Readonly<Record<string, number>>;
  readonly cumulativeRealizedLoss: number;
  readonly delinquencyHistory: readonly number[];
  readonly depleted: boolean;
}

export function hy12OracleInitialState(): Hy12OracleState {
  return {
    balance: { ...HY12_INITIAL },
    unpaidInterest: Object.fromEntries(HY12_CLASSES.map((id) => [id, 0])),
    cumulativeRealizedLoss: 0,
    delinquencyHistory: [],
    depleted: false,
  };
}

export interface Hy12ClassRow {
  beginBalance: number;
  rate: number;
  interestDue: number;
  interestPaid: number;
  unpaidInterest: number;
  principal: number;
  writedown: number;
  endBalance: number;
}

export interface Hy12OracleReport {
  period: number;
  distributionDate: string;
  availableFunds: number;
  classes: Record<string, Hy12ClassRow>;
  seniorPercentage: Record<G, number>;
  seniorPrepaymentPercentage: Record<G, number>;
  seniorPrincipalDistributionAmount: Record<G, number>;
  /** Paid into the group's seniors from the other group's funds (retired-group principal and Transfer Payments). */
  transfer: Record<G, number>;
  retiredAtStart: Record<G, boolean>;
  delinquencyTest: boolean;
  lossTest: boolean;
  twoTimesTest: boolean;
  subordinatedPrincipalDistributionAmount: number;
  realizedLoss: Record<G, number>;
  depleted: boolean;
  residual: number;
  distributed: number;
}

export interface Hy12OracleOptions {
  readonly asSigned: boolean;
  readonly readings?: Hy12Readings;
}

const yearMonth = (date: string) => Number(date.slice(0, 4)) * 100 + Number(date.slice(5, 7));
const sum = (ids: readonly string[], f: (id: string) => number) => ids.reduce((s, id) => s + f(id), 0);

export function hy12OracleDistribute(state: Hy12OracleState, inputs: PeriodInputs, options: Hy12OracleOptions): { state: Hy12OracleState; report: Hy12OracleReport } {
  const readings = options.readings ?? {};
  const coll = {} as Record<G, GroupCollections>;
  for (const g of GROUPS) {
    const c = inputs.groups.find((x) => x.groupId === g);
    if (!c) throw new Error(`no collections for group ${g}`);
    if (c.subsequentRecoveries !== 0 || c.poBeginBalance !== 0) throw new Error("the HY12 oracle has no Subsequent Recoveries and no PO");
    coll[g] = c;
  }
  const ym = yearMonth(inputs.distributionDate);
  const year = stepYear(ym);
  const begin = { ...state.balance };
  const bal: Record<string, number> = { ...state.balance };
  const rows: Record<string, Hy12ClassRow> = {};
  for (const id of HY12_CLASSES) rows[id] = { beginBalance: begin[id], rate: 0, interestDue: 0, interestPaid: 0, unpaidInterest: 0, principal: 0, writedown: 0, endBalance: 0 };

  // Available Funds per group (12T1 §3): interest − fees + principal.
  const principal = (g: G) => coll[g].scheduledPrincipal + coll[g].prepayments + coll[g].liquidationPrincipal;
  const cash = {} as Record<G, number>;
  let availableFunds = 0;
  for (const g of GROUPS) {
    cash[g] = Math.max(0, coll[g].interest - coll[g].fees + principal(g));
    availableFunds += cash[g];
  }
  const payFrom = (g: G, want: number) => {
    const paid = Math.max(0, Math.min(want, cash[g]));
    cash[g] -= paid;
    return paid;
  };
  /** From both groups' funds together (group 1's first; only the totals matter after this point). */
  const payFromBoth = (want: number) => {
    const a = payFrom("1", want);
    return a + payFrom("2", want - a);
  };

  // §4: rates. Group seniors at the group net WAC; subordinates at the WAC weighted by subordinate portions.
  const seniorBegin = (g: G) => sum(GROUP_SENIORS[g], (id) => begin[id]);
  const portion = (g: G) => Math.max(0, coll[g].beginBalance - seniorBegin(g));
  const w = portion("1") + portion("2");
  const subordinateWac = w > 0 ? (portion("1") * coll["1"].netWac + portion("2") * coll["2"].netWac) / w : (coll["1"].netWac + coll["2"].netWac) / 2;
  for (const g of GROUPS) for (const id of GROUP_SENIORS[g]) rows[id].rate = coll[g].netWac;
  for (const id of SUBORDINATES) rows[id].rate = subordinateWac;

  // 12T1 §5: Accrued Certificate Interest; the shortfalls pro rata by it over every class of the deal.
  const accrued: Record<string, number> = {};
  for (const id of HY12_CLASSES) accrued[id] = (rows[id].rate / 1200) * begin[id];
  const shortfall = GROUPS.reduce((s, g) => s + coll[g].netPrepaymentInterestShortfall + coll[g].reliefActReduction, 0);
  const totalAccrued = sum(HY12_CLASSES, (id) => accrued[id]);
  const due: Record<string, number> = {};
  for (const id of HY12_CLASSES) {
    due[id] = accrued[id] - (totalAccrued > 0 ? (shortfall * accrued[id]) / totalAccrued : 0) + state.unpaidInterest[id];
    rows[id].interestDue = due[id];
  }

  // Depletion: the aggregate subordinate balance is zero at the start of the date ("on and after").
  const subordinateBegin = sum(SUBORDINATES, (id) => begin[id]);
  const depleted = state.depleted || subordinateBegin < ZERO;

  // §6 Shifting interest: Senior Percentages per group, tests on the whole pool.
  const sp = {} as Record<G, number>;
  for (const g of GROUPS) sp[g] = coll[g].beginBalance > 0 ? Math.min(1, seniorBegin(g) / coll[g].beginBalance) : 1;
  const poolBegin = coll["1"].beginBalance + coll["2"].beginBalance;
  const aggregateSubordinated = 1 - (poolBegin > 0 ? Math.min(1, (seniorBegin("1") + seniorBegin("2")) / poolBegin) : 1);
  const window = [...state.delinquencyHistory, coll["1"].delinquent60PlusBalance + coll["2"].delinquent60PlusBalance].slice(-6);
  const delinquencyTest = window.reduce((s, x) => s + x, 0) / window.length < 0.5 * subordinateBegin;
  const cumulativeLoss = state.cumulativeRealizedLoss + coll["1"].realizedLoss + coll["2"].realizedLoss;
  const lossTest = cumulativeLoss <= LOSS_LIMIT[Math.max(0, year)] * ORIGINAL_SUBORDINATE;
  const early = ym < TWO_TIMES_CUTOVER;
  const twoTimesTest = aggregateSubordinated >= 2 * ORIGINAL_SUBORDINATED_PERCENTAGE && delinquencyTest && cumulativeLoss <= (early ? 0.2 : 0.3) * ORIGINAL_SUBORDINATE;
  const anyAbove = GROUPS.some((g) => seniorBegin(g) > ZERO && sp[g] > ORIGINAL_SENIOR_PERCENTAGE[g]);
  const spp = {} as Record<G, number>;
  for (const g of GROUPS) {
    const s = sp[g];
    if (anyAbove) spp[g] = 1;
    else if (twoTimesTest) spp[g] = early ? s + 0.5 * (1 - s) : s;
    else if (year < 0) spp[g] = 1;
    else if (delinquencyTest && lossTest) spp[g] = s + SENIOR_PREPAYMENT_SHARE[year] * (1 - s);
    else spp[g] = year === 0 ? 1 : s + SENIOR_PREPAYMENT_SHARE[year - 1] * (1 - s);
  }
  /** 12T1 §7: the Senior Principal Distribution Amount of group `g`'s principal at the given percentages. */
  const spdaOf = (g: G, s: number, p: number) => {
    const c = coll[g];
    return s * c.scheduledPrincipal + p * c.prepayments + Math.min(s * c.liquidatedBalance, p * c.liquidationPrincipal);
  };
  const spda = {} as Record<G, number>;
  for (const g of GROUPS) spda[g] = spdaOf(g, sp[g], spp[g]);

  /** Senior principal of group `g` from `from`'s funds: in the (iv)(y) order, or pro rata (as signed, after depletion). Returns what was paid. */
  const paySeniors = (g: G, from: G, amount: number): number => {
    let pot = Math.min(amount, cash[from]);
    const seniors = GROUP_SENIORS[g];
    let paid = 0;
    if (options.asSigned && depleted) {
      // §4.02(c) as signed: concurrently, pro rata by Class Certificate Balance.
      const total = sum(seniors, (id) => bal[id]);
      const x = Math.min(pot, total);
      for (const id of seniors) {
        const share = total > 0 ? (x * bal[id]) / total : 0;
        bal[id] -= share;
        rows[id].principal += share;
      }
      paid = x;
    } else {
      for (const id of seniors) {
        const p = Math.min(pot, bal[id]);
        bal[id] -= p;
        rows[id].principal += p;
        pot -= p;
        paid += p;
      }
    }
    cash[from] -= paid;
    return paid;
  };

  // §5.1 senior interest, per group, pro rata by Interest Distribution Amount when short.
  for (const g of GROUPS) {
    const owed = sum(GROUP_SENIORS[g], (id) => due[id]);
    const paid = payFrom(g, owed);
    for (const id of GROUP_SENIORS[g]) rows[id].interestPaid = owed > 0 ? (paid * due[id]) / owed : 0;
  }
  // §5.2 senior principal, per group. SPDA the seniors cannot absorb (balance) goes on to the subordinates.
  const unabsorbed = {} as Record<G, number>;
  for (const g of GROUPS) {
    paySeniors(g, g, spda[g]);
    unabsorbed[g] = Math.max(0, spda[g] - seniorBegin(g));
  }
  // §6: a group whose seniors are retired while the other's are outstanding.
  const retiredAtStart = { "1": seniorBegin("1") < ZERO, "2": seniorBegin("2") < ZERO } as Record<G, boolean>;
  const redirected = { "1": 0, "2": 0 } as Record<G, number>;
  const transfer = { "1": 0, "2": 0 } as Record<G, number>;
  const outstanding = (g: G) => sum(GROUP_SENIORS[g], (id) => bal[id]);
  for (const g of GROUPS) {
    const h = other(g);
    if (!retiredAtStart[g] || outstanding(h) < ZERO) continue;
    let amount: number;
    if (depleted) amount = principal(g);
    else if (delinquencyTest && lossTest && aggregateSubordinated >= 2 * ORIGINAL_SUBORDINATED_PERCENTAGE) amount = 0;
    else amount = spdaOf(g, sp[h], spp[h]);
    redirected[g] = paySeniors(h, g, amount);
    transfer[h] += redirected[g];
  }
  // §6 Undercollateralized Group: senior balance (after the date's senior principal) above its loans.
  const excessOf = (g: G) => outstanding(g) - coll[g].endBalance;
  const undercollateralized = { "1": excessOf("1") > ZERO, "2": excessOf("2") > ZERO } as Record<G, boolean>;
  const subordinateShareOf = (g: G) => Math.max(0, principal(g) - spda[g] + unabsorbed[g] - redirected[g]);
  for (const g of GROUPS) {
    const h = other(g);
    if (!undercollateralized[g] || undercollateralized[h]) continue;
    const excess = excessOf(g);
    const need = excess + (excess * coll[g].netWac) / 1200;
    const limit = readings.transferFrom === "principalLeft" ? Math.min(cash[h], subordinateShareOf(h)) : cash[h];
    const moved = Math.max(0, Math.min(need, limit));
    cash[h] -= moved;
    cash[g] += moved;
    transfer[g] += moved;
    const interestPart = moved - Math.min(moved, excess);
    const owed = sum(GROUP_SENIORS[g], (id) => Math.max(0, due[id] - rows[id].interestPaid));
    if (owed > 0 && interestPart > 0) {
      const x = payFrom(g, Math.min(owed, interestPart));
      for (const id of GROUP_SENIORS[g]) rows[id].interestPaid += (x * Math.max(0, due[id] - rows[id].interestPaid)) / owed;
    }
    paySeniors(g, g, Math.min(moved, excess));
    if (readings.transferFrom === "principalLeft") redirected[h] += moved;
  }

  // §5.4 subordinates: the Subordinated Principal Distribution Amount (12T1 §7), interest then principal, in order.
  let scheduledPart = 0;
  let subordinated = 0;
  for (const g of GROUPS) {
    const share = subordinateShareOf(g);
    scheduledPart += Math.min(share, (1 - sp[g]) * coll[g].scheduledPrincipal);
    subordinated += share;
  }
  scheduledPart = Math.min(scheduledPart, subordinated);
  const unscheduledPart = subordinated - scheduledPart;
  const nonPoClassesBegin = sum(HY12_CLASSES, (id) => begin[id]);
  const restricted = SUBORDINATES.filter((id, i) => {
    if (id === "M" || !(begin[id] > 0)) return false;
    const acsp = nonPoClassesBegin > 0 ? SUBORDINATES.slice(i).reduce((s, j) => s + begin[j], 0) / nonPoClassesBegin : 0;
    return acsp < ORIGINAL_ACSP[id];
  });
  const live = SUBORDINATES.filter((id) => begin[id] > 0);
  const unrestricted = live.filter((id) => !restricted.includes(id));
  const liveBegin = sum(live, (id) => begin[id]);
  const unrestrictedBegin = sum(unrestricted, (id) => begin[id]);
  const share: Record<string, number> = {};
  let excessShare = 0;
  for (const id of SUBORDINATES) {
    const s =
      (liveBegin > 0 && begin[id] > 0 ? (scheduledPart * begin[id]) / liveBegin : 0) +
      (unrestricted.includes(id) && unrestrictedBegin > 0 ? (unscheduledPart * begin[id]) / unrestrictedBegin : 0);
    share[id] = Math.min(s, begin[id]);
    excessShare += s - share[id];
  }
  for (const id of SUBORDINATES) {
    const extra = Math.min(begin[id] - share[id], excessShare);
    share[id] += extra;
    excessShare -= extra;
  }
  for (const id of SUBORDINATES) {
    rows[id].interestPaid = payFromBoth(due[id]);
    const p = payFromBoth(share[id]);
    bal[id] -= p;
    rows[id].principal = p;
  }
  // §6: subordinate principal with no subordinate class to take it: to the seniors, the group whose senior
  // balance most exceeds its loans first, each group in its §4.02 order.
  let unplaced = subordinated - sum(SUBORDINATES, (id) => share[id]);
  if (unplaced > ZERO) {
    const order = [...GROUPS].sort((a, b) => excessOf(b) - excessOf(a));
    for (const g of order) {
      for (const from of [g, other(g)]) {
        if (unplaced <= ZERO) break;
        unplaced -= paySeniors(g, from, unplaced);
      }
    }
  }
  // §5.5 remainder to A-R.
  const residual = cash["1"] + cash["2"];
  for (const id of HY12_CLASSES) rows[id].unpaidInterest = Math.max(0, due[id] - rows[id].interestPaid);

  // §6 Losses (12T1 §8): subordinates junior first, then the group's seniors pro rata with senior support;
  // a group whose seniors are retired passes its losses on; then the excess of the classes over the pool.
  const writeDown = (id: string, amount: number) => {
    const x = Math.max(0, Math.min(amount, bal[id]));
    bal[id] -= x;
    rows[id].writedown += x;
    return x;
  };
  const juniorFirst = (amount: number) => {
    let left = amount;
    for (const id of [...SUBORDINATES].reverse()) left -= writeDown(id, left);
    return left;
  };
  /** Pro rata by balance; a support class bears its own share and its super senior's up to its balance. */
  const seniorsProRata = (seniors: readonly string[], amount: number): number => {
    const total = sum(seniors, (id) => bal[id]);
    if (total < ZERO || amount <= 0) return amount;
    const x = Math.min(amount, total);
    const s: Record<string, number> = {};
    for (const id of seniors) s[id] = (x * bal[id]) / total;
    const done = new Set<string>();
    for (const id of seniors) {
      const support = SUPPORT[id];
      if (support === undefined || !seniors.includes(support)) continue;
      const both = s[id] + s[support];
      const onSupport = writeDown(support, both);
      writeDown(id, both - onSupport);
      done.add(id).add(support);
    }
    for (const id of seniors) if (!done.has(id)) writeDown(id, s[id]);
    return amount - x;
  };
  const toGroupSeniors = (g: G, amount: number) => {
    const left = seniorsProRata(GROUP_SENIORS[g], amount);
    if (left > ZERO) seniorsProRata(GROUP_SENIORS[other(g)], left);
  };
  const loss = { "1": coll["1"].realizedLoss, "2": coll["2"].realizedLoss } as Record<G, number>;
  if (readings.lossOverflow === "groupOrder") {
    for (const g of GROUPS) toGroupSeniors(g, juniorFirst(loss[g]));
  } else {
    const total = loss["1"] + loss["2"];
    const beyond = juniorFirst(total);
    if (beyond > ZERO) for (const g of GROUPS) toGroupSeniors(g, (beyond * loss[g]) / total);
  }
  const poolEnd = coll["1"].endBalance + coll["2"].endBalance;
  const classesEnd = sum(HY12_CLASSES, (id) => bal[id]);
  if (classesEnd - poolEnd > ZERO) {
    const left = juniorFirst(classesEnd - poolEnd);
    if (left > ZERO) seniorsProRata([...GROUP_SENIORS["1"], ...GROUP_SENIORS["2"]], left);
  }
  for (const id of HY12_CLASSES) rows[id].endBalance = bal[id];
  const distributed = sum(HY12_CLASSES, (id) => rows[id].interestPaid + rows[id].principal) + residual;

  return {
    state: {
      balance: bal,
      unpaidInterest: Object.fromEntries(HY12_CLASSES.map((id) => [id, rows[id].unpaidInterest])),
      cumulativeRealizedLoss: cumulativeLoss,
      delinquencyHistory: [...state.delinquencyHistory, coll["1"].delinquent60PlusBalance + coll["2"].delinquent60PlusBalance],
      depleted,
    },
    report: {
      period: inputs.period,
      distributionDate: inputs.distributionDate,
      availableFunds,
      classes: rows,
      seniorPercentage: sp,
      seniorPrepaymentPercentage: spp,
      seniorPrincipalDistributionAmount: spda,
      transfer,
      retiredAtStart,
      delinquencyTest,
      lossTest,
      twoTimesTest,
      subordinatedPrincipalDistributionAmount: subordinated,
      realizedLoss: loss,
      depleted,
      residual,
      distributed,
    },
  };
}
