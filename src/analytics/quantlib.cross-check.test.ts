/**
 * Cross-check against QuantLib (npm `quantlib-wasm` 1.36.1, STANDARDS.md §7).
 *
 * What the wasm build binds, and so what can be checked:
 * - `DayCounter.dayCount` for Thirty360(USA | BondBasis): our SIFMA 30/360
 *   (`core/day-count.ts`) against QuantLib's, over a grid of month ends.
 * - `ActualActual(ISDA).yearFraction`: the index convention of the discount margin.
 * - Compounding, yield and duration of a fixed bond: the build binds no `Bond`,
 *   `CashFlows`, `InterestRate` constructor or `YieldTermStructure` methods
 *   (`discount`, `zeroRate`), so QuantLib's own yield and duration solvers are
 *   out of reach. What it does bind is `createLogLinearYieldTermStructure`
 *   (a discount curve over dates) and `VanillaSwap.NPV` on it. A flat
 *   semiannual yield is exactly log-linear in time, so a two-node curve
 *   (1 at settlement, (1 + y/2)^(−2T) at maturity) makes QuantLib compute every
 *   intermediate discount factor on its own 30/360 time axis; the fixed leg's
 *   PV (NPV at coupon c minus NPV at coupon 0, the float legs cancelling) plus
 *   the discounted principal is then QuantLib's price of the bond at y. We
 *   check our price at y, our yield at QuantLib's price, and our modified
 *   duration and convexity against central differences of QuantLib's prices.
 */
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import { addMonths, civilDate, daysInMonth, type CivilDate } from "../core/civil-date.js";
import { thirty360Days } from "../core/day-count.js";
import { accruedInterest } from "./accrued-interest.js";
import { presentValue, yieldFromPrice } from "./bond-equivalent-yield.js";
import { toTimedCashFlows, type DatedCashFlow } from "./cash-flow.js";
import { convexity } from "./convexity.js";
import { macaulayDuration, modifiedDuration } from "./duration.js";
import { actualActualIsdaYearFraction } from "./index-convention.js";
import { mortgageYieldFromBondEquivalent } from "./mortgage-yield.js";

// The wasm module is untyped; these are the few members used here.
/* eslint-disable @typescript-eslint/no-explicit-any */
type QL = any;

const require = createRequire(import.meta.url);
let Q: QL;

beforeAll(async () => {
  const factory = require("quantlib-wasm") as () => Promise<QL>;
  Q = await factory();
}, 60_000);

const d = (s: string) => s as CivilDate;

function isLastOfFebruary(date: CivilDate): boolean {
  const [y, m, day] = date.split("-").map(Number);
  return m === 2 && day === daysInMonth(y, 2);
}

describe("30/360 against QuantLib Thirty360", () => {
  it("equals Thirty360(USA) except when D1 is the last day of February and D2 is too, or is a 31st", () => {
    const dates: CivilDate[] = [];
    for (let y = 2007; y <= 2009; y++) {
      for (let m = 1; m <= 12; m++) {
        for (const day of [1, 15, 28, 29, 30, 31]) if (day <= daysInMonth(y, m)) dates.push(civilDate(y, m, day));
      }
    }
    const usa = new Q.Thirty360(Q.Thirty360Convention.USA);
    const qlDates = dates.map((x) => Q.Date.fromISOString(x));
    let compared = 0;
    for (let i = 0; i < dates.length; i += 1) {
      for (let j = i; j < dates.length; j += 3) {
        const ours = thirty360Days(dates[i], dates[j]);
        const theirs = usa.dayCount(qlDates[i], qlDates[j]);
        const d2 = Number(dates[j].slice(8));
        if (i !== j && isLastOfFebruary(dates[i]) && isLastOfFebruary(dates[j])) {
          // QuantLib USA also sets D2 = 30 here; SIFMA SF-3 keeps D2 (28 or 29).
          expect(theirs - ours).toBe(30 - d2);
        } else if (isLastOfFebruary(dates[i]) && d2 === 31) {
          // SF-3 moves D1 to 30 first, so D2 = 31 becomes 30; QuantLib tests D2 against the raw D1.
          expect(theirs - ours).toBe(1);
        } else {
          expect(ours, `${dates[i]} → ${dates[j]}`).toBe(theirs);
        }
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(5000);
    qlDates.forEach((x: QL) => x.delete());
    usa.delete();
  });

  it("differs from Thirty360(BondBasis) only in SF-3's end-of-February rule for D1", () => {
    const bond = new Q.Thirty360(Q.Thirty360Convention.BondBasis);
    const a = Q.Date.fromISOString("2007-02-28");
    const b = Q.Date.fromISOString("2007-03-31");
    expect(thirty360Days(d("2007-02-28"), d("2007-03-31"))).toBe(30); // D1 → 30, then D2 31 → 30
    expect(bond.dayCount(a, b)).toBe(33); // D1 stays 28; D2 stays 31
    [a, b, bond].forEach((x: QL) => x.delete());
  });
});

describe("ACT/ACT (ISDA) against QuantLib ActualActual(ISDA)", () => {
  it.each([
    ["2007-12-01", "2008-02-01"],
    ["2007-03-01", "2010-03-01"],
    ["2008-02-29", "2008-12-31"],
    ["2006-07-25", "2007-07-25"],
  ])("%s → %s", (start, end) => {
    const a = Q.Date.fromISOString(start);
    const b = Q.Date.fromISOString(end);
    // The binding's constructor wants a schedule, which only the ISMA convention reads.
    const tenor = new Q.Period(1, Q.TimeUnit.Years);
    const calendar = new Q.NullCalendar();
    const none1 = new Q.Date();
    const none2 = new Q.Date();
    const schedule = new Q.Schedule(a, b, tenor, calendar, Q.BusinessDayConvention.Unadjusted, Q.BusinessDayConvention.Unadjusted, Q.DateGenerationRule.Forward, false, none1, none2);
    const dc = new Q.ActualActual(Q.ActualActualConvention.ISDA, schedule);
    expect(dc.name()).toBe("Actual/Actual (ISDA)");
    expect(actualActualIsdaYearFraction(d(start), d(end))).toBeCloseTo(dc.yearFraction(a, b, a, b), 14);
    [a, b, tenor, calendar, none1, none2, schedule, dc].forEach((x: QL) => x.delete());
  });
});

/** QuantLib's full price per 100 of a semiannual fixed bond at a flat discount curve. */
function quantLibBondPrice(input: {
  issue: string;
  maturity: string;
  settlement: string;
  coupon: number;
  /** Flat-curve discount factor at T years (30/360); QuantLib gets it at maturity and a year later only. */
  discount: (years: number) => number;
}): number {
  const dc = new Q.Thirty360(Q.Thirty360Convention.BondBasis);
  const issue = Q.Date.fromISOString(input.issue);
  const maturity = Q.Date.fromISOString(input.maturity);
  const settlement = Q.Date.fromISOString(input.settlement);
  Q.setValuationDate(settlement);
  // The last LIBOR period of the (cancelling) float leg ends after maturity, so the curve runs a year past it.
  const beyondText = addMonths(d(input.maturity), 12);
  const beyond = Q.Date.fromISOString(beyondText);
  const dates = new Q.Vector$Date$();
  dates.push_back(settlement);
  dates.push_back(maturity);
  dates.push_back(beyond);
  const discounts = new Q.Vector$double$();
  discounts.push_back(1);
  const maturityDiscount = input.discount(thirty360Days(d(input.settlement), d(input.maturity)) / 360);
  discounts.push_back(maturityDiscount);
  discounts.push_back(input.discount(thirty360Days(d(input.settlement), beyondText) / 360));
  const curve = Q.createLogLinearYieldTermStructure(dates, discounts, dc);
  const calendar = new Q.NullCalendar();
  const tenor = new Q.Period(6, Q.TimeUnit.Months);
  const none1 = new Q.Date();
  const none2 = new Q.Date();
  const schedule = new Q.Schedule(issue, maturity, tenor, calendar, Q.BusinessDayConvention.Unadjusted, Q.BusinessDayConvention.Unadjusted, Q.DateGenerationRule.Backward, false, none1, none2);
  const index = new Q.USDLibor(tenor, curve);
  // Past fixings of the float leg (its value cancels; QuantLib still needs them).
  const fixingDates: QL[] = [];
  for (let start = d(input.issue); start <= d(input.settlement); start = addMonths(start, 6)) {
    const startDate = Q.Date.fromISOString(start);
    const fixingDate = index.fixingDate(startDate);
    index.addFixing(fixingDate, 0.05, true);
    fixingDates.push(startDate, fixingDate);
  }
  const act360 = new Q.Actual360();
  const npv = (rate: number): number => {
    const swap = Q.createVanillaSwap(Q.VanillaSwapType.Receiver, 100, schedule, rate, dc, schedule, index, 0, act360);
    swap.setPricingEngine(curve);
    const value = swap.NPV() as number;
    swap.delete();
    return value;
  };
  const fixedLeg = npv(input.coupon / 100) - npv(0);
  [dc, issue, maturity, beyond, settlement, dates, discounts, calendar, tenor, none1, none2, schedule, index, act360, ...fixingDates].forEach((x: QL) => x.delete());
  return fixedLeg + 100 * maturityDiscount;
}

/** The same bond as our cash-flow list: semiannual coupons c/2 on the 30th of April and October. */
function ourBond(issue: string, maturity: string, coupon: number): DatedCashFlow[] {
  const flows: DatedCashFlow[] = [];
  for (let date = addMonths(d(issue), 6); date <= d(maturity); date = addMonths(date, 6)) {
    flows.push({ date, interest: coupon / 2, principal: date === maturity ? 100 : 0 });
  }
  return flows;
}

describe("yield, compounding and duration of a fixed bond against QuantLib", () => {
  const cases = [
    { name: "10y 6.5% at 7%, settling on the issue date", settlement: "2007-04-30", coupon: 6.5, y: 7 },
    { name: "10y 6.5% at 5.25%, settling mid-period (45 days accrued)", settlement: "2007-06-15", coupon: 6.5, y: 5.25 },
    { name: "10y 3% at 9%, settling late in a period", settlement: "2009-09-27", coupon: 3, y: 9 },
  ];
  const issue = "2007-04-30";
  const maturity = "2017-04-30";

  it.each(cases)("$name", ({ settlement, coupon, y }) => {
    const settle = d(settlement);
    const flows = toTimedCashFlows(ourBond(issue, maturity, coupon), settle);
    const atYield = (yy: number) =>
      quantLibBondPrice({ issue, maturity, settlement, coupon, discount: (t) => Math.pow(1 + yy / 200, -2 * t) });
    const qlFull = atYield(y);

    // Price from yield and yield from price.
    expect(presentValue(flows, y)).toBeCloseTo(qlFull, 9);
    expect(yieldFromPrice(flows, qlFull)).toBeCloseTo(y, 9);

    // Clean price: QuantLib's full price less SF accrued interest from the last coupon date.
    const lastCoupon = [...ourBond(issue, maturity, coupon)].reverse().find((f) => f.date <= settle)?.date ?? d(issue);
    const clean = qlFull - accruedInterest({ coupon, accrualStart: lastCoupon, settlement: settle });
    expect(clean).toBeLessThan(qlFull + 1e-12);

    // Duration and convexity against central differences of QuantLib's prices (h = 0.1bp).
    const h = 0.001;
    const up = atYield(y + h);
    const down = atYield(y - h);
    const dy = h / 100;
    expect(modifiedDuration(flows, y)).toBeCloseTo((down - up) / (2 * qlFull * dy), 5);
    expect(convexity(flows, y)).toBeCloseTo((up + down - 2 * qlFull) / (qlFull * dy * dy), 1);
    expect(macaulayDuration(flows, y)).toBeCloseTo(((down - up) / (2 * qlFull * dy)) * (1 + y / 200), 5);
  });

  it("mortgage yield: a monthly-compounded curve at 1200((1 + Y/200)^(1/6) − 1) prices the bond as Y does", () => {
    const settlement = "2007-06-15";
    const y = 6.8;
    const m = mortgageYieldFromBondEquivalent(y);
    const semiannual = quantLibBondPrice({ issue, maturity, settlement, coupon: 6, discount: (t) => Math.pow(1 + y / 200, -2 * t) });
    const monthly = quantLibBondPrice({ issue, maturity, settlement, coupon: 6, discount: (t) => Math.pow(1 + m / 1200, -12 * t) });
    expect(monthly).toBeCloseTo(semiannual, 10);
  });
});
