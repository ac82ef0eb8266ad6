/**
 * Single-period checks of each rule of 2007-12T1's §4.02, §4.04 and §4.08, with
 * the expected figures worked by hand from the deal's numbers in the test.
 */
import { describe, expect, it } from "vitest";
import { loadDeal } from "../deal/load-deal.js";
import type { Deal } from "../deal/schema.js";
import { distributePeriod } from "./distribute.js";
import { initialWaterfallState, type WaterfallState } from "./state.js";
import { groupCollections, periodInputs, periodInvariantViolations } from "./test-support.js";
import type { GroupCollections } from "./collections.js";

const deal: Deal = loadDeal("cwalt-2007-12t1").deal;
const SENIOR_NON_PO = 200_000_000 + 470_000_000 + 86_000_000 + 66_291_240 + 100;
const NON_PO_POOL = 863_395_200;
const SUBORDINATES: Record<string, number> = { M: 21_600_000, "B-1": 6_912_000, "B-2": 4_320_000, "B-3": 3_456_000, "B-4": 2_592_000, "B-5": 2_223_860 };
const SUB_TOTAL = Object.values(SUBORDINATES).reduce((a, b) => a + b, 0);

/** A first Distribution Date: $600,000 scheduled, $5,000,000 prepaid, no losses. */
function firstPeriod(overrides: Partial<GroupCollections> = {}): GroupCollections {
  const sched = 600_000;
  const prepay = 5_000_000;
  return groupCollections({
    groupId: "1",
    beginBalance: 864_000_000,
    endBalance: 864_000_000 - sched - prepay,
    scheduledPrincipal: sched,
    prepayments: prepay,
    // Σ balance × Mortgage Rate / 12 over R1–R3: exactly the classes' interest + fees (the deal is sized so).
    interest: (43_200_000 * 6.125 + 561_600_000 * 6.5 + 259_200_000 * 6.875) / 1200,
    fees: (864_000_000 * 0.209) / 1200,
    poBeginBalance: 604_800,
    poScheduledPrincipal: 30,
    poPrepayments: 3_000,
    poEndBalance: 604_800 - 3_030,
    nonDiscountBeginBalance: 820_800_000,
    nonDiscountEndBalance: 820_800_000 - 560_000,
    premiumStripInterest: (561_600_000 * 0.291 + 259_200_000 * 0.666) / 1200,
    ...overrides,
  });
}

function run(c: GroupCollections, state: WaterfallState = initialWaterfallState(deal), date = "2007-05-25", libor = 5.32, period = 1) {
  const inputs = periodInputs(period, date, [c], { LIBOR_1M: libor });
  const result = distributePeriod(deal, state, inputs);
  expect(periodInvariantViolations(deal, inputs, result)).toEqual([]);
  return result;
}

/** A state whose subordinate classes are gone (after the Senior Credit Support Depletion Date). */
function depletedState(): WaterfallState {
  const s = initialWaterfallState(deal);
  const classes = { ...s.classes };
  for (const id of Object.keys(SUBORDINATES)) classes[id] = { balance: 0, unpaidInterest: 0, cumulativeWritedown: SUBORDINATES[id] };
  return { ...s, classes, period: 40 };
}

describe("§4.02(a)(i) senior interest", () => {
  it("pays each senior class its Accrued Certificate Interest at its Pass-Through Rate (A-1 LIBOR + 0.40%, A-2 5.60% − LIBOR, X the premium strip)", () => {
    const r = run(firstPeriod()).report.classes;
    expect(r["A-1"].interestPaid).toBeCloseTo((200_000_000 * 5.72) / 1200, 6);
    expect(r["A-2"].interestPaid).toBeCloseTo((200_000_000 * 0.28) / 1200, 6);
    expect(r["A-3"].interestPaid).toBeCloseTo(2_350_000, 6);
    expect(r["A-4"].interestPaid).toBeCloseTo(430_000, 6);
    expect(r["A-5"].interestPaid).toBeCloseTo((66_291_240 * 6) / 1200, 6);
    expect(r["A-R"].interestPaid).toBeCloseTo(0.5, 9);
    expect(r.X.interestPaid).toBeCloseTo(136_188 + 143_856, 6);
    expect(r.PO.interestPaid).toBe(0);
  });

  it("floors A-1 at 0.40% and caps it at 6.00%; A-2 floors at 0%", () => {
    const low = run(firstPeriod(), undefined, "2007-05-25", 0).report.classes;
    expect(low["A-1"].passThroughRate).toBeCloseTo(0.4, 12);
    expect(low["A-2"].passThroughRate).toBeCloseTo(5.6, 12);
    const high = run(firstPeriod(), undefined, "2007-05-25", 8).report.classes;
    expect(high["A-1"].passThroughRate).toBeCloseTo(6.0, 12);
    expect(high["A-2"].passThroughRate).toBeCloseTo(0, 12);
  });

  it("shares Net Prepayment Interest Shortfalls pro rata by Accrued Certificate Interest (Interest Distribution Amount)", () => {
    const shortfall = 10_000;
    const r = run(firstPeriod({ netPrepaymentInterestShortfall: shortfall, interest: 4_747_500 - shortfall })).report.classes;
    const accrued = Object.values(r).reduce((s, c) => s + c.interestAccrued, 0);
    expect(r["A-3"].interestShortfall).toBeCloseTo((shortfall * 2_350_000) / accrued, 6);
    expect(r.M.interestShortfall).toBeCloseTo((shortfall * 108_000) / accrued, 6);
    expect(r["A-3"].interestPaid).toBeCloseTo(2_350_000 - r["A-3"].interestShortfall, 6);
  });

  it("carries unpaid interest forward, without interest, when Available Funds run short", () => {
    // Only enough for part of senior interest and principal: the subordinates are short.
    const r = run(firstPeriod({ interest: 4_000_000 }));
    const m = r.report.classes.M;
    expect(m.interestPaid).toBeLessThan(108_000);
    expect(r.state.classes.M.unpaidInterest).toBeCloseTo(108_000 - m.interestPaid, 6);
    const next = run(firstPeriod(), r.state, "2007-06-25", 5.32, 2).report.classes.M;
    expect(next.interestDue).toBeCloseTo((m.endBalance * 6) / 1200 + r.state.classes.M.unpaidInterest, 6);
  });
});

describe("§4.02(a)(ii) senior principal", () => {
  it("(x) pays Class PO the PO Formula Principal Amount", () => {
    expect(run(firstPeriod()).report.classes.PO.principal).toBeCloseTo(3_030, 9);
  });

  it("(y) pays the Senior Principal Distribution Amount: Senior % of scheduled + Senior Prepayment % (100% in the lockout) of prepayments", () => {
    const r = run(firstPeriod()).report;
    const seniorPct = SENIOR_NON_PO / NON_PO_POOL;
    expect(r.groups["1"].seniorPercentage).toBeCloseTo(0.9523927629, 10);
    expect(r.groups["1"].seniorPrepaymentPercentage).toBe(1);
    const spda = seniorPct * 599_970 + 4_997_000;
    expect(r.groups["1"].seniorPrincipalDistributionAmount).toBeCloseTo(spda, 6);
    const seniorPaid = ["A-1", "A-3", "A-4", "A-5", "A-R"].reduce((s, id) => s + r.classes[id].principal, 0);
    expect(seniorPaid).toBeCloseTo(spda, 6);
  });

  it("(y)1–3: A-R to zero, A-4 its Priority Amount (Shift Percentage 0% before May 2012), then A-1 and A-3 pro rata", () => {
    const r = run(firstPeriod()).report;
    const seniorPct = SENIOR_NON_PO / NON_PO_POOL;
    const spda = seniorPct * 599_970 + 4_997_000;
    const priority = (86_000_000 / NON_PO_POOL) * 599_970;
    expect(r.classes["A-R"].principal).toBeCloseTo(100, 9);
    expect(r.classes["A-4"].principal).toBeCloseTo(priority, 6);
    const rest = spda - 100 - priority;
    expect(r.classes["A-1"].principal).toBeCloseTo((rest * 200) / 670, 6);
    expect(r.classes["A-3"].principal).toBeCloseTo((rest * 470) / 670, 6);
    expect(r.classes["A-5"].principal).toBe(0);
  });

  it("Class A-4 Priority Amount uses the Shift Percentage of the year (30% from May 2012)", () => {
    const r = run(firstPeriod(), { ...initialWaterfallState(deal), period: 60 }, "2012-05-25", 5.32, 61).report;
    const priorityPct = 86_000_000 / NON_PO_POOL;
    expect(r.classes["A-4"].principal).toBeCloseTo(priorityPct * (599_970 + 0.3 * 4_997_000), 4);
  });

  it("(y)4–5: once A-1 and A-3 are retired, A-5 then A-4", () => {
    const s = initialWaterfallState(deal);
    const classes = { ...s.classes, "A-1": { ...s.classes["A-1"], balance: 0 }, "A-3": { ...s.classes["A-3"], balance: 0 }, "A-R": { ...s.classes["A-R"], balance: 0 } };
    const seniors = 86_000_000 + 66_291_240;
    const pool = seniors + SUB_TOTAL;
    const c = firstPeriod({ beginBalance: pool + 604_800, endBalance: pool + 604_800 - 5_603_030, nonDiscountBeginBalance: pool });
    const r = run(c, { ...s, classes }).report;
    const spda = r.groups["1"].seniorPrincipalDistributionAmount;
    expect(r.classes["A-5"].principal + r.classes["A-4"].principal).toBeCloseTo(spda, 6);
    expect(r.classes["A-5"].principal).toBeCloseTo(spda - r.classes["A-4"].principal, 6);
    expect(r.classes["A-4"].principal).toBeCloseTo((86_000_000 / pool) * 599_970, 4);
  });
});

describe("§4.02(a)(iv) subordinate classes", () => {
  it("pay in order interest then their pro rata share of the Subordinated Principal Distribution Amount", () => {
    const r = run(firstPeriod()).report;
    const subPct = 1 - SENIOR_NON_PO / NON_PO_POOL;
    const subPrincipal = subPct * 599_970;
    expect(r.subordinatedPrincipalDistributionAmount).toBeCloseTo(subPrincipal, 6);
    for (const [id, bal] of Object.entries(SUBORDINATES)) {
      expect(r.classes[id].interestPaid).toBeCloseTo((bal * 6) / 1200, 6);
      expect(r.classes[id].principal).toBeCloseTo((subPrincipal * bal) / SUB_TOTAL, 6);
    }
  });

  it("a Restricted Class (credit support below its original) gets none of the unscheduled part", () => {
    // After the lockout, with B-5 and B-4 shrunk by losses, B-5's and B-4's support is below the original.
    const s = initialWaterfallState(deal);
    const classes = { ...s.classes, "B-5": { ...s.classes["B-5"], balance: 500_000 }, "B-4": { ...s.classes["B-4"], balance: 1_000_000 } };
    const pool = 864_000_000 - 2_223_860 + 500_000 - 2_592_000 + 1_000_000;
    const c = firstPeriod({ beginBalance: pool, endBalance: pool - 5_603_030 });
    const r = run(c, { ...s, classes, period: 100 }, "2015-09-25", 5.32, 101).report;
    // Every class's support counts the classes below it, so B-1 … B-5 all fall below their original figures.
    expect([...r.restrictedClasses].sort()).toEqual(["B-1", "B-2", "B-3", "B-4", "B-5"]);
    const subBal = SUB_TOTAL - 2_223_860 + 500_000 - 2_592_000 + 1_000_000;
    const sp = r.groups["1"].seniorPercentage;
    const scheduledPart = (1 - sp) * 599_970;
    // B-5 gets only its share of the scheduled part.
    expect(r.classes["B-5"].principal).toBeCloseTo((scheduledPart * 500_000) / subBal, 6);
    const unscheduledPart = r.subordinatedPrincipalDistributionAmount - scheduledPart;
    expect(r.classes.M.principal).toBeCloseTo((scheduledPart * 21_600_000) / subBal + unscheduledPart, 6);
  });
});

describe("§4.02(a)(v) residual", () => {
  it("pays whatever Available Funds remain to Class A-R", () => {
    const r = run(firstPeriod({ interest: 4_747_500 + 1_000 })).report;
    const af = 4_747_500 + 1_000 - (864_000_000 * 0.209) / 1200 + 5_600_000;
    const paid = Object.values(r.classes).reduce((s, c) => s + c.interestPaid + c.principal, 0);
    expect(r.residual).toBeCloseTo(af - paid, 6);
    expect(r.residual).toBeCloseTo(1_000, 6);
  });
});

describe("§4.04 Realized Losses", () => {
  it("go to B-5, B-4, … in reverse order, each to zero, after the distributions", () => {
    const loss = 3_000_000;
    const c = firstPeriod({ liquidatedBalance: 5_000_000, liquidationPrincipal: 2_000_000, realizedLoss: loss, endBalance: 864_000_000 - 5_600_000 - 5_000_000 });
    const r = run(c).report;
    expect(r.classes["B-5"].writedown).toBeCloseTo(r.classes["B-5"].beginBalance - r.classes["B-5"].principal, 6);
    expect(r.classes["B-5"].endBalance).toBeCloseTo(0, 6);
    expect(r.classes["B-4"].writedown).toBeCloseTo(loss - r.classes["B-5"].writedown, 6);
    expect(r.classes["B-3"].writedown).toBe(0);
  });

  it("the PO Percentage of a Discount loan's loss goes to PO and into Class PO Deferred Amounts, repaid next date from subordinate principal (writing down B-5)", () => {
    const c = firstPeriod({ liquidatedBalance: 1_000_000, poLiquidatedBalance: 14_000, liquidationPrincipal: 600_000, poLiquidationPrincipal: 8_400, realizedLoss: 400_000, poRealizedLoss: 5_600, poEndBalance: 604_800 - 3_030 - 14_000, endBalance: 864_000_000 - 5_600_000 - 1_000_000 });
    const first = run(c);
    expect(first.report.classes.PO.writedown).toBeCloseTo(5_600, 9);
    expect(first.state.poDeferred).toBeCloseTo(5_600, 9);
    const b5Before = first.state.classes["B-5"].balance;
    const second = run(firstPeriod({ beginBalance: c.endBalance, endBalance: c.endBalance - 5_600_000, poBeginBalance: c.poEndBalance, poEndBalance: c.poEndBalance - 3_030 }), first.state, "2007-06-25", 5.32, 2);
    expect(second.report.poDeferredPaid).toBeCloseTo(5_600, 9);
    expect(second.report.classes.PO.poDeferredPaid).toBeCloseTo(5_600, 9);
    expect(second.state.poDeferred).toBe(0);
    // B-5 is written down by the payment, beyond its principal.
    const b5 = second.report.classes["B-5"];
    expect(b5Before - b5.principal - b5.endBalance).toBeCloseTo(5_600, 6);
  });

  it("once the subordinates are gone, go to the seniors pro rata, A-3's share to A-5 (senior support)", () => {
    const state = depletedState();
    const pool = SENIOR_NON_PO;
    const loss = 1_000_000;
    const c = firstPeriod({ beginBalance: pool + 604_800, liquidatedBalance: 2_000_000, liquidationPrincipal: 1_000_000, realizedLoss: loss, endBalance: pool + 604_800 - 5_600_000 - 2_000_000, nonDiscountBeginBalance: pool });
    const r = run(c, state, "2010-05-25", 5.32, 37).report;
    const after = (id: string) => r.classes[id].beginBalance - r.classes[id].principal;
    const total = ["A-1", "A-3", "A-4", "A-5", "A-R"].reduce((s, id) => s + after(id), 0);
    expect(r.classes["A-3"].writedown).toBeCloseTo(0, 6);
    expect(r.classes["A-1"].writedown).toBeCloseTo((loss * after("A-1")) / total, 4);
    expect(r.classes["A-5"].writedown).toBeCloseTo((loss * (after("A-5") + after("A-3"))) / total, 4);
  });
});

describe("Subsequent Recoveries", () => {
  it("are paid as unscheduled principal and write the classes that bore the losses back up, in order of payment priority", () => {
    const s = initialWaterfallState(deal);
    const classes = { ...s.classes, "B-5": { balance: 2_223_860 - 300_000, unpaidInterest: 0, cumulativeWritedown: 300_000 }, "B-4": { balance: 2_592_000 - 50_000, unpaidInterest: 0, cumulativeWritedown: 50_000 } };
    const pool = 864_000_000 - 350_000;
    const c = firstPeriod({ beginBalance: pool, endBalance: pool - 5_600_000, subsequentRecoveries: 120_000 });
    const r = run(c, { ...s, classes, cumulativeRealizedLoss: 350_000 });
    // Senior Prepayment Percentage is 100% in the lockout: the seniors get the recovery as principal.
    expect(r.report.groups["1"].seniorPrincipalDistributionAmount).toBeCloseTo((SENIOR_NON_PO / (NON_PO_POOL - 350_000)) * 599_970 + 4_997_000 + 120_000, 4);
    // B-4 (senior to B-5) is written up first, to its 50,000; B-5 takes the other 70,000.
    expect(r.report.classes["B-4"].writeup).toBeCloseTo(50_000, 6);
    expect(r.report.classes["B-5"].writeup).toBeCloseTo(70_000, 6);
    expect(r.state.classes["B-4"].cumulativeWritedown).toBeCloseTo(0, 6);
    expect(r.state.classes["B-5"].cumulativeWritedown).toBeCloseTo(230_000, 6);
    expect(r.ledger.filter((e) => e.kind === "writeup").reduce((t, e) => t + e.amount, 0)).toBeCloseTo(120_000, 6);
  });
});

describe("§4.02(c) on and after the Senior Credit Support Depletion Date", () => {
  it("pays the Senior Principal Distribution Amount to A-1, A-3, A-4, A-5 and A-R pro rata by balance, ignoring the order of (ii)(y)", () => {
    const pool = SENIOR_NON_PO;
    const c = firstPeriod({ beginBalance: pool + 604_800, endBalance: pool + 604_800 - 5_603_030, nonDiscountBeginBalance: pool });
    const r = run(c, depletedState(), "2010-05-25", 5.32, 37).report;
    expect(r.depleted).toBe(true);
    expect(r.groups["1"].proRataAfterDepletion).toBe(true);
    const spda = r.groups["1"].seniorPrincipalDistributionAmount;
    expect(spda).toBeCloseTo(5_596_970, 4);
    for (const [id, bal] of [["A-1", 200_000_000], ["A-3", 470_000_000], ["A-4", 86_000_000], ["A-5", 66_291_240], ["A-R", 100]] as const) {
      expect(r.classes[id].principal).toBeCloseTo((spda * bal) / SENIOR_NON_PO, 4);
    }
  });

  it("without the §4.02(c) rule (the amended text), the order of (ii)(y) governs after depletion", () => {
    const pool = SENIOR_NON_PO;
    const c = firstPeriod({ beginBalance: pool + 604_800, endBalance: pool + 604_800 - 5_603_030, nonDiscountBeginBalance: pool });
    const rules = deal.rules.filter((r) => r.section !== "§4.02(c)");
    const inputs = periodInputs(37, "2010-05-25", [c], { LIBOR_1M: 5.32 });
    const r = distributePeriod(deal, depletedState(), inputs, { rules }).report;
    expect(r.groups["1"].proRataAfterDepletion).toBe(false);
    expect(r.classes["A-R"].principal).toBeCloseTo(100, 9);
    expect(r.classes["A-5"].principal).toBe(0);
  });
});

describe("§4.08 Corridor Contract and Yield Supplement Amount", () => {
  it("pays notional × (min(LIBOR, 9.10%) − 5.60%) / 12 and the Yield Supplement Amount up to min(LIBOR + 0.40%, 9.50%), releasing the rest", () => {
    const r = run(firstPeriod(), undefined, "2007-06-25", 7, 2).report;
    const notional = deal.contracts[0].notionalSchedule.find((e) => e.date.startsWith("2007-06"))!.notional;
    const [o] = r.corridor;
    expect(o.payment).toBeCloseTo((notional * 1.4) / 1200, 6);
    expect(o.yieldSupplementAmount).toBeCloseTo((200_000_000 * (7.4 - 6.0)) / 1200, 6);
    expect(o.yieldSupplementPaid).toBeCloseTo(Math.min(o.payment, o.yieldSupplementAmount), 9);
    expect(o.released).toBeCloseTo(o.payment - o.yieldSupplementPaid, 9);
  });

  it("pays nothing before June 2007 or after April 2012, and caps at Cap Rate II", () => {
    expect(run(firstPeriod(), undefined, "2007-05-25", 7).report.corridor[0].payment).toBe(0);
    const late = run(firstPeriod(), { ...initialWaterfallState(deal), period: 60 }, "2012-05-25", 12, 61).report.corridor[0];
    expect(late.payment).toBe(0);
    const capped = run(firstPeriod(), undefined, "2007-06-25", 12, 2).report.corridor[0];
    expect(capped.payment).toBeCloseTo((capped.notional * (9.1 - 5.6)) / 1200, 6);
    expect(capped.yieldSupplementAmount).toBeCloseTo((200_000_000 * (9.5 - 6.0)) / 1200, 6);
  });
});
