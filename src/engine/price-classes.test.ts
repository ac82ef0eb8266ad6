import { describe, expect, it } from "vitest";
import type { CivilDate } from "../core/civil-date.js";
import { DEFAULT_SCENARIO } from "../core/scenario.js";
import { loadDeal } from "../deal/load-deal.js";
import { classCashFlows } from "./class-cash-flows.js";
import { priceClasses } from "./price-classes.js";
import { fakeResult } from "../../test/support/fake-projection.js";

const { deal } = loadDeal("cwalt-2007-12t1");
const d = (s: string) => s as CivilDate;
/** Σ CF (1 + Y/200)^(−2T), written out here so the test does not use the code under test. */
const pv = (flows: { amount: number; days: number }[], y: number) => flows.reduce((s, f) => s + f.amount * Math.pow(1 + y / 200, (-2 * f.days) / 360), 0);

// A-3 (calendar month, 24-day delay): 1,000,000 paying 600,000 then 400,000, interest 6%/12.
// A-1 (25th-to-24th, 0 delay): the same principal; interest at its coupon.
// A-R: $100 paid in period 1.
const result = fakeResult(deal, {
  "A-3": { initialBalance: 1_000_000, principal: [600_000, 400_000] },
  "A-1": { initialBalance: 1_000_000, principal: [600_000, 400_000], interest: [4_766.67, 1_906.67] },
  "A-R": { initialBalance: 100, principal: [100] },
});

describe("priceClasses at the Closing Date (SF-43 to SF-52)", () => {
  it("A-3: 29 days accrued; receipts on 2007-05-25 and 2007-06-25 (25 and 55 days out on 30/360)", () => {
    const a = priceClasses(result, deal, { quotes: [{ classId: "A-3", price: 100 }] })["A-3"];
    expect(a.settlementDate).toBe("2007-04-30");
    expect(a.accrualStartDate).toBe("2007-04-01");
    expect(a.accruedDays).toBe(29);
    expect(a.accruedInterest).toBeCloseTo((6 * 29) / 360, 12);
    expect(a.fullPrice).toBeCloseTo(100 + (6 * 29) / 360, 12);
    // Per 100 of face: 0.5 + 60 on day 25, 0.2 + 40 on day 55.
    const flows = [
      { amount: 60.5, days: 25 },
      { amount: 40.2, days: 55 },
    ];
    expect(pv(flows, a.yield)).toBeCloseTo(a.fullPrice, 10);
    expect(a.averageLife).toBeCloseTo((0.6 * 25 + 0.4 * 55) / 360, 12);
    expect(a.macaulayDuration).toBeCloseTo((60.5 * 25 * Math.pow(1 + a.yield / 200, -50 / 360) + 40.2 * 55 * Math.pow(1 + a.yield / 200, -110 / 360)) / 360 / a.fullPrice, 10);
    expect(a.mortgageYield).toBeCloseTo(1200 * (Math.pow(1 + a.yield / 200, 1 / 6) - 1), 12);
    expect(a.factor).toBe(1);
    expect(a.coupon).toBe(6);
  });

  it("A-1: the floater's coupon is LIBOR + 0.40% (5.72% at the deal's 5.32% default), 5 days accrued from the 25th", () => {
    const a = priceClasses(result, deal, { quotes: [{ classId: "A-1", yield: 6 }] })["A-1"];
    expect(a.accrualStartDate).toBe("2007-04-25");
    expect(a.accruedDays).toBe(5);
    expect(a.coupon).toBeCloseTo(5.72, 12);
    expect(a.accruedInterest).toBeCloseTo((5.72 * 5) / 360, 12);
    // Quoted by yield: full price is the PV at 6%; receipts on the 25th again (0 delay, period ends on the 25th).
    const flows = [
      { amount: 60.476667, days: 25 },
      { amount: 40.190667, days: 55 },
    ];
    expect(a.fullPrice).toBeCloseTo(pv(flows, 6), 10);
    expect(a.price).toBeCloseTo(a.fullPrice - a.accruedInterest, 12);
  });

  it("the floater's cap and the inverse floater's floor apply at the scenario's LIBOR", () => {
    const high = fakeResult(deal, { "A-1": { initialBalance: 1_000, principal: [1_000] }, "A-2": { initialBalance: 1_000, principal: [1_000], notional: true } }, {
      ...DEFAULT_SCENARIO,
      indices: { LIBOR_1M: { values: [5.9] } },
    });
    const cash1 = classCashFlows(high, deal, "A-1", { settlement: d("2007-04-30") });
    const cash2 = classCashFlows(high, deal, "A-2", { settlement: d("2007-04-30") });
    expect(cash1.coupon).toBe(6); // min(5.9 + 0.4, 6.00)
    expect(cash2.coupon).toBe(0); // max(5.60 − 5.9, 0)
  });
});

describe("discount margin of the floater (SF-53)", () => {
  it("A-1 paying LIBOR + 0.40% on ACT/360 (hand-built), bought at 100 on a reset date, has a DM of exactly 0.40%", () => {
    // Receipts on 2007-05-25, 06-25, 07-25: 30, 31 and 30 actual days from the 25th before, at 5.72%.
    const face = 1_000_000;
    const interest = [30, 31, 30].map((days) => (face * 0.0572 * days) / 360);
    const floater = fakeResult(deal, { "A-1": { initialBalance: face, principal: [0, 0, face], interest } });
    const a = priceClasses(floater, deal, { quotes: [{ classId: "A-1", price: 100 }], settlement: d("2007-04-25") })["A-1"];
    expect(a.accruedInterest).toBe(0);
    expect(a.discountMargin).toBeCloseTo(0.4, 10);
  });

  it("fixed-rate classes have none", () => {
    expect(priceClasses(result, deal, { quotes: [{ classId: "A-3", price: 100 }] })["A-3"].discountMargin).toBeUndefined();
  });
});

describe("priceClasses after the Closing Date", () => {
  it("settling 2007-05-10, A-3's buyer gets only June's distribution (May accrual) and pays 9 days", () => {
    const a = priceClasses(result, deal, { quotes: [{ classId: "A-3", price: 99 }], settlement: d("2007-05-10") })["A-3"];
    expect(a.firstPaymentPeriod).toBe(2);
    expect(a.accrualStartDate).toBe("2007-05-01");
    expect(a.accruedDays).toBe(9);
    expect(a.factor).toBeCloseTo(0.4, 12);
    // 100.5 per 100 of current face on 2007-06-25, 45 days (30/360) after 2007-05-10.
    expect(pv([{ amount: 100.5, days: 45 }], a.yield)).toBeCloseTo(99 + 0.15, 10);
  });

  it("settling 2007-05-10, A-1's buyer still gets May 25 (its period ends on the 25th) and pays 15 days", () => {
    const a = priceClasses(result, deal, { quotes: [{ classId: "A-1", price: 100 }], settlement: d("2007-05-10") })["A-1"];
    expect(a.firstPaymentPeriod).toBe(1);
    expect(a.accruedDays).toBe(15);
  });

  it("--delay overrides the class's delay: 0 days puts A-3's receipts on the 1st", () => {
    const a = priceClasses(result, deal, { quotes: [{ classId: "A-3", price: 100 }], delayDays: 0 })["A-3"];
    expect(a.delayDays).toBe(0);
    expect(pv([{ amount: 60.5, days: 1 }, { amount: 40.2, days: 31 }], a.yield)).toBeCloseTo(a.fullPrice, 10);
  });

  it("names the class for an unknown class or one with nothing outstanding", () => {
    expect(() => priceClasses(result, deal, { quotes: [{ classId: "Z-9", price: 100 }] })).toThrow(/no class "Z-9"/);
    expect(() => priceClasses(result, deal, { quotes: [{ classId: "A-R", price: 100 }], settlement: d("2007-06-10") })).toThrow(/class A-R: no distribution after settlement|class A-R: nothing outstanding/);
    expect(() => priceClasses(result, deal, { quotes: [{ classId: "A-3", price: -1 }] })).toThrow(/class A-3: price must be a positive/);
  });
});
