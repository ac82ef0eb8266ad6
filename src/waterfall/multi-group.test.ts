/**
 * Single-period checks of 2006-HY12's multi-group rules (§4.02 per group,
 * crossed subordinates, Transfer Payments, retired groups, §4.04 per group,
 * §4.02(c) as signed and as amended, the shared Senior Prepayment Percentage
 * rule), with collections written by hand for both loan groups and every
 * expected figure worked from shared/deals/cwalt-2006-hy12/README.md in the test.
 *
 * Collections are sized so that each group's interest less fees is exactly its
 * Stated Principal Balance × its net WAC / 12, so a group's excess interest over
 * its senior interest is exactly its subordinate portion × net WAC / 12.
 */
import { describe, expect, it } from "vitest";
import { loadDeal } from "../deal/load-deal.js";
import type { Deal } from "../deal/schema.js";
import type { GroupCollections, PeriodInputs } from "./collections.js";
import { distributePeriod } from "./distribute.js";
import type { PeriodResult } from "./report.js";
import { initialWaterfallState, type WaterfallState } from "./state.js";
import { groupCollections, periodInputs, periodInvariantViolations } from "./test-support.js";

const amended: Deal = loadDeal("cwalt-2006-hy12").deal;
const signed: Deal = loadDeal("cwalt-2006-hy12", { amendments: "none" }).deal;

/** Expense Fee Rate: Master Servicing Fee 0.375% + Trustee Fee 0.009%. */
const FEE = 0.384;
/** Group 1 net WAC at cut-off: (300M × (6.375 − 0.384) + 200M × (6.500 − 0.384)) / 500M. */
const WAC1 = (300 * 5.991 + 200 * 6.116) / 500;
/** Group 2 net WAC at cut-off: 6.625 − 0.384. */
const WAC2 = 6.241;
/**
 * Original Senior Percentages. The README says both are 94.1888800%, but
 * 470,944,400 / 500,000,000 = 94.188880% and 282,566,700 / 300,000,000 = 94.188900%.
 */
const ORIGINAL_SP1 = 0.9418888;
const ORIGINAL_SP2 = 0.941889;
const ORIGINAL_SUB = 24_000_000 + 8_000_000 + 5_600_000 + 4_000_000 + 2_800_000 + 2_088_900;
/** Aggregate original Subordinated Percentage: 46,488,900 / 800,000,000. */
const ORIGINAL_SUB_PCT = ORIGINAL_SUB / 800_000_000;
const SUBS = ["M", "B-1", "B-2", "B-3", "B-4", "B-5"] as const;
const CLASSES = ["1-A-1", "1-A-2", "A-R", "2-A-1", "2-A-2", ...SUBS] as const;

const month = (rate: number, balance: number) => (balance * rate) / 1200;

interface Flows {
  readonly begin: number;
  readonly netWac: number;
  readonly sched?: number;
  readonly prepay?: number;
  readonly liquidated?: number;
  readonly liquidationPrincipal?: number;
  readonly loss?: number;
  /** Gross interest at the Mortgage Rate; default begin × (net WAC + Expense Fee Rate) / 12. */
  readonly interest?: number;
  readonly delinquent?: number;
}

function collections(groupId: string, f: Flows): GroupCollections {
  const sched = f.sched ?? 0;
  const prepay = f.prepay ?? 0;
  const liquidated = f.liquidated ?? 0;
  return groupCollections({
    groupId,
    beginBalance: f.begin,
    endBalance: f.begin - sched - prepay - liquidated,
    scheduledPrincipal: sched,
    prepayments: prepay,
    liquidatedBalance: liquidated,
    liquidationPrincipal: f.liquidationPrincipal ?? 0,
    realizedLoss: f.loss ?? 0,
    interest: f.interest ?? month(f.netWac + FEE, f.begin),
    fees: month(FEE, f.begin),
    netWac: f.netWac,
    delinquent60PlusBalance: f.delinquent ?? 0,
    nonDiscountBeginBalance: f.begin,
    nonDiscountEndBalance: f.begin - sched - prepay - liquidated,
  });
}

/** Available Funds of a group: interest − fees + principal. */
const availableFunds = (c: GroupCollections) => c.interest - c.fees + c.scheduledPrincipal + c.prepayments + c.liquidationPrincipal;

/** Distribution Date period number: July 2006 is 1. */
function periodOf(date: string): number {
  const [y, m] = date.split("-").map(Number);
  return (y - 2006) * 12 + (m - 7) + 1;
}

/** A state whose classes have the given balances (any class not named: zero). */
function stateWith(balances: Partial<Record<(typeof CLASSES)[number], number>>, extra: Partial<WaterfallState> = {}): WaterfallState {
  const s = initialWaterfallState(amended);
  const classes: Record<string, WaterfallState["classes"][string]> = {};
  for (const id of CLASSES) classes[id] = { balance: balances[id] ?? 0, unpaidInterest: 0, cumulativeWritedown: 0 };
  return { ...s, classes, ...extra };
}

function run(state: WaterfallState, g1: GroupCollections, g2: GroupCollections, date: string, deal: Deal = amended): { result: PeriodResult; inputs: PeriodInputs } {
  const period = periodOf(date);
  const inputs = periodInputs(period, date, [g1, g2]);
  const result = distributePeriod(deal, { ...state, period: period - 1 }, inputs);
  expect(periodInvariantViolations(deal, inputs, result)).toEqual([]);
  return { result, inputs };
}

/** Ledger cash from one group's Available Funds to a class (interest and principal). */
function paidFrom(result: PeriodResult, group: string, classId: string): number {
  return result.ledger.filter((e) => e.from === `availableFunds:${group}` && e.to === `class:${classId}`).reduce((s, e) => s + e.amount, 0);
}

/** Subordinate WAC: group net WACs weighted by each group's subordinate portion. */
function subordinateWac(portion1: number, portion2: number): number {
  return (portion1 * WAC1 + portion2 * WAC2) / (portion1 + portion2);
}

// ---------------------------------------------------------------------------
// A mid-life state after the seven-year lockout (August 2013, the first
// step-down year: 70% of the Subordinated Percentage), no losses, no
// delinquencies. 1-A-1 and 2-A-1 are nearly paid down so one date shows each
// group's whole order.
//   Group 1: A-R 100 + 1-A-1 1,500,000 + 1-A-2 70,944,300 = 72,444,400 on 80,000,000 of loans.
//   Group 2: 2-A-1 1,000,000 + 2-A-2 42,566,700 = 43,566,700 on 50,000,000 of loans.
//   Subordinates 13,988,900 = 7,555,600 + 6,433,300, the two subordinate portions.
// Aggregate Subordinated Percentage 13,988,900 / 130,000,000 = 10.76% < 2 × 5.81%: no Two Times Test.
// Every class's Applicable Credit Support is above its original: no Restricted Class.
// ---------------------------------------------------------------------------
const MID_DATE = "2013-08-25";
const MID_G1 = { "A-R": 100, "1-A-1": 1_500_000, "1-A-2": 70_944_300 };
const MID_G2 = { "2-A-1": 1_000_000, "2-A-2": 42_566_700 };
const MID_SUBS = { M: 7_000_000, "B-1": 2_400_000, "B-2": 1_700_000, "B-3": 1_200_000, "B-4": 900_000, "B-5": 788_900 };
const MID_SUB_TOTAL = 13_988_900;
const midState = () => stateWith({ ...MID_G1, ...MID_G2, ...MID_SUBS });
const midG1 = (over: Partial<Flows> = {}) => collections("1", { begin: 80_000_000, netWac: WAC1, sched: 200_000, prepay: 3_000_000, ...over });
const midG2 = (over: Partial<Flows> = {}) => collections("2", { begin: 50_000_000, netWac: WAC2, sched: 100_000, prepay: 2_000_000, ...over });
const MID_SP1 = 72_444_400 / 80_000_000;
const MID_SP2 = 43_566_700 / 50_000_000;
const MID_SPP1 = MID_SP1 + 0.7 * (1 - MID_SP1);
const MID_SPP2 = MID_SP2 + 0.7 * (1 - MID_SP2);
const MID_SPDA1 = MID_SP1 * 200_000 + MID_SPP1 * 3_000_000;
const MID_SPDA2 = MID_SP2 * 100_000 + MID_SPP2 * 2_000_000;

describe("§4.02(a)(i)-(iv)(y) per group: each group's Available Funds pay its own senior interest at its net WAC and its Senior Principal Distribution Amount in its order", () => {
  it("senior interest is one month at the group's net WAC (the collections' netWac), paid only from the group's own Available Funds", () => {
    const { result } = run(midState(), midG1(), midG2(), MID_DATE);
    const r = result.report.classes;
    for (const [id, bal] of Object.entries(MID_G1)) {
      expect(r[id].passThroughRate).toBeCloseTo(WAC1, 12);
      expect(r[id].interestPaid).toBeCloseTo(month(WAC1, bal), 6);
      expect(paidFrom(result, "2", id)).toBe(0);
    }
    for (const [id, bal] of Object.entries(MID_G2)) {
      expect(r[id].passThroughRate).toBeCloseTo(WAC2, 12);
      expect(r[id].interestPaid).toBeCloseTo(month(WAC2, bal), 6);
      expect(paidFrom(result, "1", id)).toBe(0);
    }
  });

  it("the Pass-Through Rate follows the netWac input, not the cut-off rates", () => {
    const { result } = run(midState(), midG1({ netWac: 5.5 }), midG2({ netWac: 6.75 }), MID_DATE);
    const r = result.report.classes;
    expect(r["1-A-2"].passThroughRate).toBeCloseTo(5.5, 12);
    expect(r["1-A-2"].interestPaid).toBeCloseTo(month(5.5, 70_944_300), 6);
    expect(r["2-A-2"].passThroughRate).toBeCloseTo(6.75, 12);
    expect(r["2-A-2"].interestPaid).toBeCloseTo(month(6.75, 42_566_700), 6);
  });

  it("per-group Senior Percentage and Senior Prepayment Percentage (first step-down year: Senior % + 70% of the Subordinated %)", () => {
    const g = run(midState(), midG1(), midG2(), MID_DATE).result.report.groups;
    expect(g["1"].seniorPercentage).toBeCloseTo(0.905555, 12);
    expect(g["2"].seniorPercentage).toBeCloseTo(0.871334, 12);
    expect(g["1"].seniorPrepaymentPercentage).toBeCloseTo(0.905555 + 0.7 * 0.094445, 12);
    expect(g["2"].seniorPrepaymentPercentage).toBeCloseTo(0.871334 + 0.7 * 0.128666, 12);
    // 0.905555 × 200,000 + 0.9716665 × 3,000,000 and 0.871334 × 100,000 + 0.9614002 × 2,000,000.
    expect(g["1"].seniorPrincipalDistributionAmount).toBeCloseTo(181_111 + 2_914_999.5, 4);
    expect(g["2"].seniorPrincipalDistributionAmount).toBeCloseTo(87_133.4 + 1_922_800.4, 4);
  });

  it("Group 1 pays A-R, then 1-A-1 to zero, then 1-A-2; Group 2 pays 2-A-1 to zero, then 2-A-2", () => {
    const { result } = run(midState(), midG1(), midG2(), MID_DATE);
    const r = result.report.classes;
    expect(r["A-R"].principal).toBeCloseTo(100, 9);
    expect(r["1-A-1"].principal).toBeCloseTo(1_500_000, 6);
    expect(r["1-A-2"].principal).toBeCloseTo(MID_SPDA1 - 100 - 1_500_000, 4);
    expect(r["2-A-1"].principal).toBeCloseTo(1_000_000, 6);
    expect(r["2-A-2"].principal).toBeCloseTo(MID_SPDA2 - 1_000_000, 4);
    // Each group's senior principal comes from its own Available Funds.
    expect(paidFrom(result, "1", "1-A-2")).toBeCloseTo(month(WAC1, 70_944_300) + MID_SPDA1 - 1_500_100, 4);
    expect(paidFrom(result, "2", "2-A-2")).toBeCloseTo(month(WAC2, 42_566_700) + MID_SPDA2 - 1_000_000, 4);
  });

  it("a group short of interest pays its seniors' interest first from all its Available Funds and its senior principal from what is left; the other group's funds make up neither", () => {
    // Group 2 collects 100,000 of gross interest: Available Funds 100,000 − 16,000 fees + 2,100,000 of principal.
    const { result } = run(midState(), midG1(), midG2({ interest: 100_000 }), MID_DATE);
    const r = result.report.classes;
    expect(r["2-A-1"].interestPaid).toBeCloseTo(month(WAC2, 1_000_000), 6);
    expect(r["2-A-2"].interestPaid).toBeCloseTo(month(WAC2, 42_566_700), 6);
    const principalLeft = 84_000 + 2_100_000 - month(WAC2, 43_566_700);
    expect(principalLeft).toBeLessThan(MID_SPDA2);
    expect(r["2-A-1"].principal).toBeCloseTo(1_000_000, 6);
    expect(r["2-A-2"].principal).toBeCloseTo(principalLeft - 1_000_000, 6);
    expect(paidFrom(result, "1", "2-A-1") + paidFrom(result, "1", "2-A-2")).toBe(0);
    // Group 1 is untouched.
    expect(r["1-A-1"].interestPaid).toBeCloseTo(month(WAC1, 1_500_000), 6);
    expect(r["1-A-2"].principal).toBeCloseTo(MID_SPDA1 - 1_500_100, 4);
  });

  // The Subordinated Principal Distribution Amount is "the rest of the non-PO principal"
  // (GLOSSARY; 2007-12T1 README §7): each group's principal less its Senior Principal Distribution
  // Amount, 193,955.70 here, whatever the funds. Group 2's seniors are 52,516.95 short of principal
  // (2,009,933.80 due, 1,957,416.85 paid); that shortfall must not pass to M, who takes 97,054.80
  // (7,000,000 / 13,988,900 × 193,955.70). (Found by this test; fixed in payPrincipalOfSubordinates.)
  it("a group's unpaid senior principal (funds short) does not become Subordinated Principal Distribution Amount", () => {
    const { result } = run(midState(), midG1(), midG2({ interest: 100_000 }), MID_DATE);
    const subPrincipal = 3_200_000 - MID_SPDA1 + (2_100_000 - MID_SPDA2);
    expect(result.report.subordinatedPrincipalDistributionAmount).toBeCloseTo(subPrincipal, 4);
    // Group 1's remaining 38,036 + 103,890 covers M's interest and its share.
    expect(result.report.classes.M.principal).toBeCloseTo((subPrincipal * 7_000_000) / MID_SUB_TOTAL, 4);
  });
});

describe("§4.02(a)(vi) subordinates M, B-1 … B-5 from both groups' remaining funds, at the subordinate WAC (group net WACs weighted by group loans − group seniors)", () => {
  it("pays each subordinate class interest at the subordinate WAC and its pro rata share of both groups' subordinate principal", () => {
    const { result } = run(midState(), midG1(), midG2(), MID_DATE);
    const r = result.report;
    // Subordinate portions: 80,000,000 − 72,444,400 and 50,000,000 − 43,566,700.
    const subWac = subordinateWac(7_555_600, 6_433_300);
    expect(subWac).toBeCloseTo((7_555_600 * 6.041 + 6_433_300 * 6.241) / 13_988_900, 12);
    // Subordinated Principal Distribution Amount: each group's principal not in its Senior Principal Distribution Amount.
    const subPrincipal = 3_200_000 - MID_SPDA1 + (2_100_000 - MID_SPDA2);
    expect(r.subordinatedPrincipalDistributionAmount).toBeCloseTo(subPrincipal, 4);
    expect(r.restrictedClasses).toEqual([]);
    for (const [id, bal] of Object.entries(MID_SUBS)) {
      expect(r.classes[id].passThroughRate).toBeCloseTo(subWac, 12);
      expect(r.classes[id].interestPaid).toBeCloseTo(month(subWac, bal), 6);
      expect(r.classes[id].principal).toBeCloseTo((subPrincipal * bal) / MID_SUB_TOTAL, 6);
    }
  });

  it("draws on both groups: everything either group has left after its seniors goes to the subordinates, nothing to A-R", () => {
    const { result, inputs } = run(midState(), midG1(), midG2(), MID_DATE);
    const left1 = month(WAC1, 7_555_600) + (3_200_000 - MID_SPDA1);
    const left2 = month(WAC2, 6_433_300) + (2_100_000 - MID_SPDA2);
    const fromGroup = (g: string) => SUBS.reduce((s, id) => s + paidFrom(result, g, id), 0);
    expect(fromGroup("1") + fromGroup("2")).toBeCloseTo(left1 + left2, 4);
    expect(fromGroup("1")).toBeGreaterThan(0);
    expect(fromGroup("2")).toBeGreaterThan(0);
    for (const c of inputs.groups) {
      const out = result.ledger.filter((e) => e.from === `availableFunds:${c.groupId}`).reduce((s, e) => s + e.amount, 0);
      expect(out).toBeCloseTo(availableFunds(c), 4);
    }
    expect(result.report.residual).toBeCloseTo(0, 4);
  });

  it("the weights are the subordinate portions at the start of the date, so the rate moves towards the larger portion", () => {
    // Same state, but group 2's loans 60,000,000: portions 7,555,600 and 16,433,300 (classes below the pool is allowed).
    const g2 = midG2({ begin: 60_000_000 });
    const { result } = run(midState(), midG1(), g2, MID_DATE);
    expect(result.report.classes.M.passThroughRate).toBeCloseTo((7_555_600 * WAC1 + 16_433_300 * WAC2) / (7_555_600 + 16_433_300), 12);
  });
});

// ---------------------------------------------------------------------------
// Group 1 undercollateralized by 10,000 at the start of July 2008 (lockout):
//   Group 1: 1-A-1 100,000,000 + 1-A-2 70,944,300 = 170,944,300 on 170,934,300 of loans.
//   Group 2: 2-A-1 100,000,000 + 2-A-2 42,566,700 = 142,566,700 on 160,000,000 of loans.
//   Subordinates 17,423,300 = 330,934,300 − 313,511,000.
// ---------------------------------------------------------------------------
const UC_DATE = "2008-07-25";
const UC_SUBS = { M: 10_000_000, "B-1": 3_000_000, "B-2": 2_000_000, "B-3": 1_200_000, "B-4": 800_000, "B-5": 423_300 };
const UC_SUB_TOTAL = 17_423_300;
const ucState = (excess = 10_000) => stateWith({ "1-A-1": 100_000_000, "1-A-2": 70_944_300, "2-A-1": 100_000_000, "2-A-2": 42_566_700, ...UC_SUBS, "B-5": 423_300 + 10_000 - excess });
const ucG1 = (excess = 10_000) => collections("1", { begin: 170_944_300 - excess, netWac: WAC1, sched: 100_000, prepay: 1_000_000 });
const ucG2 = () => collections("2", { begin: 160_000_000, netWac: WAC2, sched: 100_000, prepay: 1_000_000 });
const UC_SP2 = 142_566_700 / 160_000_000;

describe("§4.02(a)(v) Transfer Payment to an Undercollateralized Group: the shortfall plus one month's interest at its net WAC, from the other group's remaining funds, before subordinate principal", () => {
  it("group 1 receives its shortfall after its own distributions plus one month's interest on it at its net WAC from group 2, before the subordinates", () => {
    const { result } = run(ucState(), ucG1(), ucG2(), UC_DATE);
    const r = result.report;
    // Group 1's Senior Percentage is capped at 100% and above its original: both groups' Senior Prepayment Percentage is 100%.
    expect(r.groups["1"].seniorPercentage).toBe(1);
    expect(r.groups["1"].seniorPrepaymentPercentage).toBe(1);
    expect(r.groups["2"].seniorPrepaymentPercentage).toBe(1);
    const spda2 = UC_SP2 * 100_000 + 1_000_000;
    expect(r.groups["1"].seniorPrincipalDistributionAmount).toBeCloseTo(1_100_000, 6);
    expect(r.groups["2"].seniorPrincipalDistributionAmount).toBeCloseTo(spda2, 6);
    // Group 1's loans earn a month on 10,000 less than its seniors are owed. Senior interest comes
    // first out of all of its Available Funds, so its seniors get full interest and 1,100,000 − 50.34 of principal.
    expect(r.classes["1-A-1"].interestPaid).toBeCloseTo(month(WAC1, 100_000_000), 6);
    expect(r.classes["1-A-2"].interestPaid).toBeCloseTo(month(WAC1, 70_944_300), 6);
    const ownPrincipal = 1_100_000 - month(WAC1, 10_000);
    // Seniors 170,944,300 − ownPrincipal against loans 170,934,300 − 1,100,000: the shortfall.
    const shortfall = 10_000 + month(WAC1, 10_000);
    const transfer = shortfall + month(WAC1, shortfall);
    expect(r.groups["1"].transferIn).toBeCloseTo(transfer, 6);
    expect(r.groups["2"].transferOut).toBeCloseTo(transfer, 6);
    expect(paidFrom(result, "2", "1-A-1")).toBeCloseTo(0, 9); // the transfer moves into group 1's funds, which pay 1-A-1
    expect(r.classes["1-A-1"].principal).toBeCloseTo(ownPrincipal + shortfall, 6);
    expect(r.classes["1-A-2"].principal).toBe(0);
    // Group 1's seniors equal its loans after the date.
    expect(result.state.classes["1-A-1"].balance + result.state.classes["1-A-2"].balance).toBeCloseTo(170_934_300 - 1_100_000, 6);
  });

  it("the subordinates are paid, interest then principal in order of seniority, from what is left after the transfer", () => {
    const { result } = run(ucState(), ucG1(), ucG2(), UC_DATE);
    const r = result.report.classes;
    const spda2 = UC_SP2 * 100_000 + 1_000_000;
    const shortfall = 10_000 + month(WAC1, 10_000);
    // Group 2's funds after its seniors, less the transfer; the transfer's interest part, which group 1's
    // seniors (paid in full) do not need, stays in group 1's funds for the subordinates.
    let left = month(WAC2, 160_000_000) + 1_100_000 - month(WAC2, 142_566_700) - spda2 - shortfall;
    // Subordinate portions: 170,934,300 − 170,944,300 (an excess of seniors over loans: no portion) and 17,433,300,
    // so the subordinate WAC is group 2's net WAC (the PSA's Subordinated Portion is an "excess", never negative).
    const subWac = WAC2;
    // Group 1's principal all went to its seniors (100%); group 2 leaves (1 − Senior %) of its scheduled principal.
    const subPrincipal = (1 - UC_SP2) * 100_000;
    expect(result.report.subordinatedPrincipalDistributionAmount).toBeCloseTo(subPrincipal, 6);
    for (const [id, bal] of Object.entries(UC_SUBS)) {
      const interest = Math.min(month(subWac, bal), left);
      left -= interest;
      const principal = Math.min((subPrincipal * bal) / UC_SUB_TOTAL, left);
      left -= principal;
      expect(r[id].passThroughRate, `${id} rate`).toBeCloseTo(subWac, 12);
      expect(r[id].interestPaid, `${id} interest`).toBeCloseTo(interest, 6);
      expect(r[id].principal, `${id} principal`).toBeCloseTo(principal, 6);
    }
    // The transfer came out of what the subordinates would have had: the most junior are short.
    expect(r.M.interestPaid).toBeCloseTo(month(WAC2, 10_000_000), 6);
    expect(r["B-5"].interestPaid).toBeLessThan(month(WAC2, 423_300));
    expect(result.report.residual).toBeCloseTo(0, 6);
  });

  it("limited to what group 2 has left after its seniors (group 1 short by 200,000): all of it to group 1's seniors, nothing to the subordinates", () => {
    const excess = 200_000;
    const { result } = run(ucState(excess), ucG1(excess), ucG2(), UC_DATE);
    const r = result.report;
    const spda2 = UC_SP2 * 100_000 + 1_000_000;
    const left2 = month(WAC2, 160_000_000 - 142_566_700) + (100_000 + 1_000_000 - spda2);
    // Owed: (200,000 + 1,006.83) × (1 + 6.041%/12) = 202,018.7 > 101,562.3 left.
    expect((excess + month(WAC1, excess)) * (1 + WAC1 / 1200)).toBeGreaterThan(left2);
    expect(r.groups["1"].transferIn).toBeCloseTo(left2, 6);
    expect(r.classes["1-A-1"].interestPaid + r.classes["1-A-2"].interestPaid).toBeCloseTo(month(WAC1, 170_944_300), 6);
    expect(r.classes["1-A-1"].principal).toBeCloseTo(1_100_000 - month(WAC1, excess) + left2, 6);
    for (const id of SUBS) expect(r.classes[id].interestPaid + r.classes[id].principal, id).toBeCloseTo(0, 6);
    expect(result.state.classes.M.unpaidInterest).toBeCloseTo(month(WAC2, 10_000_000), 6);
  });
});

// ---------------------------------------------------------------------------
// Group 1's seniors retired; group 2's outstanding. July 2007 (lockout, before the
// Two Times Test cutover of July 2009).
//   Group 1: no seniors on 20,000,000 of loans.
//   Group 2: 2-A-1 227,433,300 + 2-A-2 42,566,700 = 270,000,000 on 296,488,900 of loans.
//   Subordinates at their original 46,488,900 (= 20,000,000 + 26,488,900).
// Aggregate Subordinated Percentage 46,488,900 / 316,488,900 = 14.69% ≥ 2 × 5.81%.
// ---------------------------------------------------------------------------
const RET_DATE = "2007-07-25";
const ORIGINAL_SUBS = { M: 24_000_000, "B-1": 8_000_000, "B-2": 5_600_000, "B-3": 4_000_000, "B-4": 2_800_000, "B-5": 2_088_900 };
const retState = () => stateWith({ "2-A-1": 227_433_300, "2-A-2": 42_566_700, ...ORIGINAL_SUBS });
const retG1 = (over: Partial<Flows> = {}) => collections("1", { begin: 20_000_000, netWac: WAC1, sched: 50_000, prepay: 500_000, ...over });
const retG2 = (over: Partial<Flows> = {}) => collections("2", { begin: 296_488_900, netWac: WAC2, sched: 300_000, prepay: 3_000_000, ...over });
const RET_SP2 = 270_000_000 / 296_488_900;

/** Subordinates gone, group 1 retired on 20,000,000 of loans, group 2: 2-A-1 247,433,300 + 2-A-2 42,566,700 on 290,000,000. */
const depletedRetiredState = () => stateWith({ "2-A-1": 247_433_300, "2-A-2": 42_566_700 });

describe("§4.02(a)(v) retired group: its Senior Principal Distribution Amount, at the other group's percentages, to the other group's seniors before subordinate principal", () => {
  it("step-down tests fail (60+ delinquencies 25,000,000 ≥ 50% of 46,488,900): Senior % × scheduled + Senior Prepayment % × prepaid of group 1 go to 2-A-1", () => {
    const { result } = run(retState(), retG1(), retG2({ delinquent: 25_000_000 }), RET_DATE);
    const r = result.report;
    expect(r.tests.delinquencyTest).toBe(false);
    expect(r.groups["2"].seniorPercentage).toBeCloseTo(RET_SP2, 12);
    expect(r.groups["2"].seniorPrepaymentPercentage).toBe(1);
    const redirected = RET_SP2 * 50_000 + 1 * 500_000;
    const spda2 = RET_SP2 * 300_000 + 3_000_000;
    expect(r.groups["1"].transferOut).toBeCloseTo(redirected, 6);
    expect(r.groups["2"].transferIn).toBeCloseTo(redirected, 6);
    expect(paidFrom(result, "1", "2-A-1")).toBeCloseTo(redirected, 6);
    expect(r.classes["2-A-1"].principal).toBeCloseTo(spda2 + redirected, 6);
    expect(r.classes["2-A-2"].principal).toBe(0);
    // The subordinates get (1 − group 2's Senior %) of both groups' scheduled principal, pro rata (all scheduled).
    const subPrincipal = (1 - RET_SP2) * (50_000 + 300_000);
    expect(r.subordinatedPrincipalDistributionAmount).toBeCloseTo(subPrincipal, 6);
    const subWac = subordinateWac(20_000_000, 296_488_900 - 270_000_000);
    for (const [id, bal] of Object.entries(ORIGINAL_SUBS)) {
      expect(r.classes[id].principal).toBeCloseTo((subPrincipal * bal) / ORIGINAL_SUB, 6);
      expect(r.classes[id].interestPaid).toBeCloseTo(month(subWac, bal), 6);
    }
    expect(r.residual).toBeCloseTo(0, 4);
  });

  it("not when the step-down tests pass and the aggregate Subordinated Percentage is at least twice its original: group 1's principal goes to the subordinates", () => {
    const { result } = run(retState(), retG1(), retG2(), RET_DATE);
    const r = result.report;
    expect(r.tests.delinquencyTest).toBe(true);
    expect(r.tests.lossTest).toBe(true);
    expect(1 - (270_000_000 / 316_488_900)).toBeGreaterThanOrEqual(2 * ORIGINAL_SUB_PCT);
    expect(r.groups["1"].transferOut).toBe(0);
    expect(paidFrom(result, "1", "2-A-1") + paidFrom(result, "1", "2-A-2")).toBe(0);
    // The Two Times Test passes too: group 2's Senior Prepayment % is Senior % + 50% of the Subordinated % (before July 2009).
    const spp2 = RET_SP2 + 0.5 * (1 - RET_SP2);
    expect(r.groups["2"].seniorPrepaymentPercentage).toBeCloseTo(spp2, 12);
    const spda2 = RET_SP2 * 300_000 + spp2 * 3_000_000;
    expect(r.classes["2-A-1"].principal).toBeCloseTo(spda2, 6);
    const subPrincipal = 550_000 + (3_300_000 - spda2);
    expect(r.subordinatedPrincipalDistributionAmount).toBeCloseTo(subPrincipal, 6);
    expect(r.restrictedClasses).toEqual([]);
    for (const [id, bal] of Object.entries(ORIGINAL_SUBS)) {
      expect(r.classes[id].principal).toBeCloseTo((subPrincipal * bal) / ORIGINAL_SUB, 6);
    }
  });

  it("the step-down tests pass but the aggregate Subordinated Percentage (31,488,900 / 301,488,900 = 10.44%) is under twice its original: group 1's amount still goes to 2-A-1", () => {
    const state = stateWith({ "2-A-1": 227_433_300, "2-A-2": 42_566_700, ...ORIGINAL_SUBS, M: 9_000_000 });
    const { result } = run(state, retG1({ begin: 5_000_000 }), retG2(), RET_DATE);
    const r = result.report;
    expect(r.tests.delinquencyTest && r.tests.lossTest).toBe(true);
    expect(r.tests.twoTimesTest).toBe(false);
    const redirected = RET_SP2 * 50_000 + 1 * 500_000;
    expect(r.groups["1"].transferOut).toBeCloseTo(redirected, 6);
    expect(r.classes["2-A-1"].principal).toBeCloseTo(RET_SP2 * 300_000 + 3_000_000 + redirected, 6);
  });

  it("on and after the Senior Credit Support Depletion Date all of group 1's principal goes to group 2's seniors (in (iv)(y) order, as amended)", () => {
    const date = "2009-07-25";
    const { result } = run(depletedRetiredState(), retG1(), collections("2", { begin: 290_000_000, netWac: WAC2, sched: 300_000, prepay: 3_000_000 }), date);
    const r = result.report;
    expect(r.depleted).toBe(true);
    expect(r.groups["1"].transferOut).toBeCloseTo(550_000, 6);
    // Group 2: Senior % 100% (above its original), Senior Prepayment % 100%: 3,300,000 of its own, then 550,000 from group 1.
    expect(r.classes["2-A-1"].principal).toBeCloseTo(3_300_000 + 550_000, 6);
    expect(r.classes["2-A-2"].principal).toBe(0);
    // Group 1's interest has no class of its own to pay: the remainder to A-R.
    expect(r.residual).toBeCloseTo(month(WAC1, 20_000_000), 6);
  });
});

// ---------------------------------------------------------------------------
// §4.04 losses.
// ---------------------------------------------------------------------------
const CLOSING_BALANCES = { "1-A-1": 400_000_000, "1-A-2": 70_944_300, "A-R": 100, "2-A-1": 240_000_000, "2-A-2": 42_566_700, ...ORIGINAL_SUBS };

/** M 1,000,000 left, all of it group 1's portion: group 1 470,944,300 of seniors on 471,944,300; group 2 282,566,700 on 282,566,700. */
function thinState(g1: { "1-A-1": number; "1-A-2": number } = { "1-A-1": 400_000_000, "1-A-2": 70_944_300 }) {
  return stateWith({ ...g1, "2-A-1": 240_000_000, "2-A-2": 42_566_700, M: 1_000_000 });
}
const thinG1 = () => collections("1", { begin: 471_944_300, netWac: WAC1, sched: 100_000, liquidated: 3_000_000, liquidationPrincipal: 1_000_000, loss: 2_000_000 });
const thinG2 = () => collections("2", { begin: 282_566_700, netWac: WAC2, sched: 100_000 });
const THIN_SP1 = 470_944_300 / 471_944_300;

describe("§4.04 losses per group: subordinates in reverse order, then the group's seniors pro rata with 1-A-1's share to 1-A-2 (2-A-1's to 2-A-2); a retired group's to the other group's seniors", () => {
  it("a group 1 loss of 1,000,000 goes to B-5 (after its principal); no other class is written down", () => {
    const g1 = collections("1", { begin: 500_000_000, netWac: WAC1, sched: 400_000, prepay: 2_000_000, liquidated: 1_500_000, liquidationPrincipal: 500_000, loss: 1_000_000 });
    const g2 = collections("2", { begin: 300_000_000, netWac: WAC2, sched: 200_000, prepay: 1_000_000 });
    const { result } = run(stateWith(CLOSING_BALANCES), g1, g2, "2006-07-25");
    const r = result.report.classes;
    // Group 1's Senior Principal Distribution Amount takes the lesser of 94.1888% × 1,500,000 and 100% × 500,000.
    expect(result.report.groups["1"].originalSeniorPercentage).toBeCloseTo(ORIGINAL_SP1, 12);
    expect(result.report.groups["2"].originalSeniorPercentage).toBeCloseTo(ORIGINAL_SP2, 12);
    expect(result.report.groups["1"].seniorPrincipalDistributionAmount).toBeCloseTo(ORIGINAL_SP1 * 400_000 + 2_000_000 + 500_000, 6);
    const subPrincipal = (1 - ORIGINAL_SP1) * 400_000 + (1 - ORIGINAL_SP2) * 200_000;
    const b5Principal = (subPrincipal * 2_088_900) / ORIGINAL_SUB;
    expect(r["B-5"].principal).toBeCloseTo(b5Principal, 6);
    expect(r["B-5"].writedown).toBeCloseTo(1_000_000, 6);
    expect(r["B-5"].endBalance).toBeCloseTo(2_088_900 - b5Principal - 1_000_000, 6);
    for (const id of CLASSES) if (id !== "B-5") expect(r[id].writedown, id).toBe(0);
    expect(result.state.cumulativeRealizedLoss).toBe(1_000_000);
  });

  it("beyond the subordinates, group 1's loss goes to its seniors with 1-A-1's share borne by 1-A-2; group 2's seniors are untouched", () => {
    const { result } = run(thinState(), thinG1(), thinG2(), UC_DATE);
    const r = result.report.classes;
    // Senior Principal Distribution Amount of group 1: Senior % × 100,000 + min(Senior % × 3,000,000, 100% × 1,000,000).
    const spda1 = THIN_SP1 * 100_000 + 1_000_000;
    expect(r["1-A-1"].principal).toBeCloseTo(spda1, 6);
    // M: (1 − Senior %) × 100,000 of principal, then written down to zero.
    const mPrincipal = (1 - THIN_SP1) * 100_000;
    expect(r.M.principal).toBeCloseTo(mPrincipal, 6);
    expect(r.M.writedown).toBeCloseTo(1_000_000 - mPrincipal, 6);
    const seniorLoss = 2_000_000 - (1_000_000 - mPrincipal);
    expect(r["1-A-1"].writedown).toBeCloseTo(0, 6);
    expect(r["1-A-2"].writedown).toBeCloseTo(seniorLoss, 6);
    expect(r["2-A-1"].writedown).toBe(0);
    expect(r["2-A-2"].writedown).toBe(0);
    // Group 1's classes now equal its loans: 471,944,300 − 3,100,000.
    expect(result.state.classes["1-A-1"].balance + result.state.classes["1-A-2"].balance).toBeCloseTo(468_844_300, 6);
  });

  it("1-A-2 bears 1-A-1's share only until it is zero; the rest falls on 1-A-1", () => {
    const { result } = run(thinState({ "1-A-1": 470_444_300, "1-A-2": 500_000 }), thinG1(), thinG2(), UC_DATE);
    const r = result.report.classes;
    const mPrincipal = (1 - THIN_SP1) * 100_000;
    const seniorLoss = 2_000_000 - (1_000_000 - mPrincipal);
    expect(r["1-A-2"].principal).toBe(0);
    expect(r["1-A-2"].writedown).toBeCloseTo(500_000, 6);
    expect(r["1-A-1"].writedown).toBeCloseTo(seniorLoss - 500_000, 6);
  });

  it("a retired group's loss (subordinates gone) goes to the other group's seniors, 2-A-1's share to 2-A-2", () => {
    const g1 = retG1({ liquidated: 1_000_000, liquidationPrincipal: 400_000, loss: 600_000 });
    const g2 = collections("2", { begin: 290_000_000, netWac: WAC2, sched: 300_000, prepay: 3_000_000 });
    const { result } = run(depletedRetiredState(), g1, g2, "2009-07-25");
    const r = result.report.classes;
    // All of group 1's principal (50,000 + 500,000 + 400,000) and group 2's 3,300,000 to 2-A-1.
    expect(r["2-A-1"].principal).toBeCloseTo(950_000 + 3_300_000, 6);
    expect(r["2-A-2"].writedown).toBeCloseTo(600_000, 6);
    expect(r["2-A-1"].writedown).toBeCloseTo(0, 6);
  });

  // The spec is silent on two groups' losses on one date that together exceed the subordinates:
  // "subordinates in reverse order to zero, then the group's senior classes pro rata". The reading
  // adopted (ARCHITECTURE.md, interpretations) does not depend on the groups' numbering: the
  // subordinates' capacity (1,000,000) is shared in proportion to the groups' losses (600,000 each),
  // so each group's seniors take 100,000 (1-A-2 100,000, 2-A-2 100,000). A group that is itself
  // undercollateralized pays no Transfer Payment, so none flows here.
  it("two groups' losses on one date beyond the subordinates: each group's seniors take their pro rata part of the excess (order-independent reading)", () => {
    // M 1,000,000 of 500,000 + 500,000 portions; each group loses a 600,000 loan with no proceeds.
    const state = stateWith({ "1-A-1": 400_000_000, "1-A-2": 70_944_300, "2-A-1": 240_000_000, "2-A-2": 42_566_700, M: 1_000_000 });
    const g1 = collections("1", { begin: 471_444_300, netWac: WAC1, liquidated: 600_000, loss: 600_000 });
    const g2 = collections("2", { begin: 283_066_700, netWac: WAC2, liquidated: 600_000, loss: 600_000 });
    const { result } = run(state, g1, g2, UC_DATE);
    const r = result.report.classes;
    expect(r.M.writedown).toBeCloseTo(1_000_000, 6);
    expect(r["1-A-2"].writedown).toBeCloseTo(100_000, 6);
    expect(r["2-A-2"].writedown).toBeCloseTo(100_000, 6);
  });
});

// ---------------------------------------------------------------------------
// §4.02(c). Subordinates gone (July 2010).
//   Group 1: A-R 100 + 1-A-1 300,000,000 + 1-A-2 49,999,900 = 350,000,000 on 350,000,000.
//   Group 2: 2-A-1 200,000,000 + 2-A-2 40,000,000 = 240,000,000 on 240,000,000.
// Senior % 100% in both groups (above the original): Senior Prepayment % 100%.
// ---------------------------------------------------------------------------
const DEP_DATE = "2010-07-25";
const depState = () => stateWith({ "A-R": 100, "1-A-1": 300_000_000, "1-A-2": 49_999_900, "2-A-1": 200_000_000, "2-A-2": 40_000_000 });
const depG1 = () => collections("1", { begin: 350_000_000, netWac: WAC1, sched: 300_000, prepay: 3_200_000 });
const depG2 = () => collections("2", { begin: 240_000_000, netWac: WAC2, sched: 200_000, prepay: 2_200_000 });

describe("§4.02(c) as signed (each group's seniors concurrently pro rata after depletion) vs as amended by Amendment No. 1 ([Reserved]: the (iv)(y) order)", () => {
  it("as signed: 3,500,000 to A-R, 1-A-1, 1-A-2 pro rata by balance; 2,400,000 to 2-A-1, 2-A-2 pro rata", () => {
    const { result } = run(depState(), depG1(), depG2(), DEP_DATE, signed);
    const r = result.report;
    expect(r.depleted).toBe(true);
    expect(r.groups["1"].proRataAfterDepletion).toBe(true);
    expect(r.groups["2"].proRataAfterDepletion).toBe(true);
    expect(r.groups["1"].seniorPrincipalDistributionAmount).toBeCloseTo(3_500_000, 6);
    expect(r.groups["2"].seniorPrincipalDistributionAmount).toBeCloseTo(2_400_000, 6);
    expect(r.classes["A-R"].principal).toBeCloseTo(1, 9);
    expect(r.classes["1-A-1"].principal).toBeCloseTo(3_000_000, 6);
    expect(r.classes["1-A-2"].principal).toBeCloseTo(499_999, 6);
    expect(r.classes["2-A-1"].principal).toBeCloseTo(2_000_000, 6);
    expect(r.classes["2-A-2"].principal).toBeCloseTo(400_000, 6);
  });

  it("as amended, same inputs: A-R to zero then 1-A-1; 2-A-1; the support classes get nothing", () => {
    const { result } = run(depState(), depG1(), depG2(), DEP_DATE, amended);
    const r = result.report;
    expect(r.groups["1"].proRataAfterDepletion).toBe(false);
    expect(r.groups["2"].proRataAfterDepletion).toBe(false);
    expect(r.classes["A-R"].principal).toBeCloseTo(100, 9);
    expect(r.classes["1-A-1"].principal).toBeCloseTo(3_499_900, 6);
    expect(r.classes["1-A-2"].principal).toBe(0);
    expect(r.classes["2-A-1"].principal).toBeCloseTo(2_400_000, 6);
    expect(r.classes["2-A-2"].principal).toBe(0);
  });

  it("interest is the same either way, and before the depletion date the two texts pay identically", () => {
    const s = run(depState(), depG1(), depG2(), DEP_DATE, signed).result.report.classes;
    const a = run(depState(), depG1(), depG2(), DEP_DATE, amended).result.report.classes;
    for (const id of CLASSES) expect(s[id].interestPaid, id).toBeCloseTo(a[id].interestPaid, 9);
    const s2 = run(midState(), midG1(), midG2(), MID_DATE, signed).result.report;
    const a2 = run(midState(), midG1(), midG2(), MID_DATE, amended).result.report;
    expect(s2.depleted).toBe(false);
    for (const id of CLASSES) {
      expect(s2.classes[id].principal, id).toBeCloseTo(a2.classes[id].principal, 9);
      expect(s2.classes[id].interestPaid, id).toBeCloseTo(a2.classes[id].interestPaid, 9);
    }
  });
});

// ---------------------------------------------------------------------------
// Senior Prepayment Percentage across groups, August 2014 (second step-down year: 60%; the previous year 70%).
// ---------------------------------------------------------------------------
const SPP_DATE = "2014-08-25";
/** Group 1 380,000,000 of seniors on 400,000,000 (95% > 94.1888%); group 2 230,000,000 on 250,000,000 (92%); subordinates 40,000,000. */
const aboveState = () =>
  stateWith(
    { "1-A-1": 309_055_700, "1-A-2": 70_944_300, "2-A-1": 187_433_300, "2-A-2": 42_566_700, M: 20_000_000, "B-1": 7_000_000, "B-2": 5_000_000, "B-3": 3_500_000, "B-4": 2_500_000, "B-5": 2_000_000 },
    { cumulativeRealizedLoss: ORIGINAL_SUB - 40_000_000 },
  );
/** Group 1 370,000,000 of seniors on 395,000,000 (93.67%); group 2 as above; subordinates 45,000,000. */
const belowState = (cumulativeRealizedLoss = ORIGINAL_SUB - 45_000_000) =>
  stateWith(
    { "1-A-1": 299_055_700, "1-A-2": 70_944_300, "2-A-1": 187_433_300, "2-A-2": 42_566_700, M: 23_000_000, "B-1": 7_900_000, "B-2": 5_500_000, "B-3": 3_900_000, "B-4": 2_700_000, "B-5": 2_000_000 },
    { cumulativeRealizedLoss },
  );
const sppG1 = (begin: number, delinquent = 0) => collections("1", { begin, netWac: WAC1, sched: 400_000, prepay: 4_000_000, delinquent });
const sppG2 = (delinquent = 0) => collections("2", { begin: 250_000_000, netWac: WAC2, sched: 250_000, prepay: 2_500_000, delinquent });

describe("Article I Senior Prepayment Percentage: 100% in both groups if either group's Senior Percentage exceeds its original; step-down tests on the whole pool", () => {
  it("group 1 at 95% (> 94.1888%) puts both groups at 100%, although the step-down tests pass and group 2 is at 92%", () => {
    const { result } = run(aboveState(), sppG1(400_000_000), sppG2(), SPP_DATE);
    const r = result.report;
    expect(r.tests.delinquencyTest && r.tests.lossTest).toBe(true);
    expect(r.groups["1"].seniorPercentage).toBeCloseTo(0.95, 12);
    expect(r.groups["2"].seniorPercentage).toBeCloseTo(0.92, 12);
    expect(r.groups["1"].seniorPrepaymentPercentage).toBe(1);
    expect(r.groups["2"].seniorPrepaymentPercentage).toBe(1);
    expect(r.groups["2"].seniorPrincipalDistributionAmount).toBeCloseTo(0.92 * 250_000 + 2_500_000, 6);
    expect(r.classes["2-A-1"].principal).toBeCloseTo(0.92 * 250_000 + 2_500_000, 6);
    expect(r.classes["1-A-1"].principal).toBeCloseTo(0.95 * 400_000 + 4_000_000, 6);
    // The subordinates get only (1 − Senior %) of scheduled principal: 20,000 + 20,000.
    expect(r.subordinatedPrincipalDistributionAmount).toBeCloseTo(40_000, 6);
  });

  it("with both groups at or below their original and the tests passing, each group steps down on its own Senior % (+60%)", () => {
    const { result } = run(belowState(), sppG1(395_000_000), sppG2(), SPP_DATE);
    const r = result.report;
    const sp1 = 370 / 395;
    expect(r.tests.twoTimesTest).toBe(false); // 45,000,000 / 645,000,000 < 2 × 5.81%
    expect(r.groups["1"].seniorPrepaymentPercentage).toBeCloseTo(sp1 + 0.6 * (1 - sp1), 12);
    expect(r.groups["2"].seniorPrepaymentPercentage).toBeCloseTo(0.92 + 0.6 * 0.08, 12);
    expect(r.groups["1"].seniorPrincipalDistributionAmount).toBeCloseTo(sp1 * 400_000 + (sp1 + 0.6 * (1 - sp1)) * 4_000_000, 6);
  });

  it("the delinquency test adds both groups (12,000,000 + 11,000,000 ≥ 50% of 45,000,000), though each alone is under: both fall back to the previous year's 70%", () => {
    const { result } = run(belowState(), sppG1(395_000_000, 12_000_000), sppG2(11_000_000), SPP_DATE);
    const r = result.report;
    expect(r.tests.delinquencyAverage).toBeCloseTo(23_000_000, 6);
    expect(r.tests.delinquencyTest).toBe(false);
    const sp1 = 370 / 395;
    expect(r.groups["1"].seniorPrepaymentPercentage).toBeCloseTo(sp1 + 0.7 * (1 - sp1), 12);
    expect(r.groups["2"].seniorPrepaymentPercentage).toBeCloseTo(0.92 + 0.7 * 0.08, 12);
  });

  it("the loss test compares cumulative losses of the whole pool with 35% of the whole original subordinate balance (16,271,115)", () => {
    // Only the cumulative figure is read by the test; the balances are those of belowState.
    const pass = run(belowState(16_271_000), sppG1(395_000_000), sppG2(), SPP_DATE).result.report;
    expect(pass.tests.lossTest).toBe(true);
    expect(pass.groups["2"].seniorPrepaymentPercentage).toBeCloseTo(0.92 + 0.6 * 0.08, 12);
    const fail = run(belowState(16_300_000), sppG1(395_000_000), sppG2(), SPP_DATE).result.report;
    expect(fail.tests.lossTest).toBe(false);
    expect(fail.groups["2"].seniorPrepaymentPercentage).toBeCloseTo(0.92 + 0.7 * 0.08, 12);
  });
});
