import { describe, expect, it } from "vitest";
import { addMonths, type CivilDate, actualDays } from "../core/civil-date.js";
import { discountMargin, priceFromDiscountMargin, type FloaterCashFlow } from "./discount-margin.js";
import { actualActualIsdaYearFraction, growthFactor } from "./index-convention.js";

const d = (s: string) => s as CivilDate;

/** A bullet floater paying (index + margin) × ACT/360 monthly on 100, from a reset date. */
function floater(start: CivilDate, months: number, margin: number, path: (k: number) => number): FloaterCashFlow[] {
  const flows: FloaterCashFlow[] = [];
  let previous = start;
  for (let k = 1; k <= months; k++) {
    const date = addMonths(start, k);
    const index = path(k);
    flows.push({ date, indexRate: index, interest: (100 * (index + margin) * actualDays(previous, date)) / 36000, principal: k === months ? 100 : 0 });
    previous = date;
  }
  return flows;
}

describe("discount margin (SF-53)", () => {
  it("a LIBOR + 40bp floater bought at 100 full on a reset date has a DM of exactly 40bp, on any index path", () => {
    const settlement = d("2007-04-25");
    for (const path of [() => 5.32, (k: number) => 5 + 0.1 * (k % 7)]) {
      const flows = floater(settlement, 60, 0.4, path);
      expect(discountMargin({ settlement, flows, convention: "libor-under-1y", fullPrice: 100 })).toBeCloseTo(0.4, 9);
    }
  });

  it("a discount price means a wider margin, and price(DM) inverts DM(price)", () => {
    const settlement = d("2007-04-25");
    const flows = floater(settlement, 36, 0.4, () => 5.32);
    const dm = discountMargin({ settlement, flows, convention: "libor-under-1y", fullPrice: 99 });
    expect(dm).toBeGreaterThan(0.4);
    expect(priceFromDiscountMargin({ settlement, flows, convention: "libor-under-1y" }, dm)).toBeCloseTo(99, 9);
  });

  it("rejects flows on or before settlement", () => {
    expect(() =>
      discountMargin({ settlement: d("2007-05-25"), flows: [{ date: d("2007-05-25"), interest: 1, principal: 100, indexRate: 5 }], convention: "libor-under-1y", fullPrice: 100 }),
    ).toThrow(/flows\[0\]\.date/);
  });
});

describe("index conventions", () => {
  it("LIBOR under a year and T-bills: simple ACT/360", () => {
    expect(growthFactor("libor-under-1y", 5.5, d("2007-04-25"), d("2007-05-25"))).toBeCloseTo(1 + (0.055 * 30) / 360, 15);
    expect(growthFactor("treasury-bill", 5, d("2007-01-31"), d("2007-03-01"))).toBeCloseTo(1 + (0.05 * 29) / 360, 15);
  });

  it("CMT: 30/360 semiannual; COFI: ACT/ACT monthly; LIBOR a year or longer: ACT/ACT annual", () => {
    expect(growthFactor("cmt", 5, d("2007-01-31"), d("2007-07-31"))).toBeCloseTo(1.025, 14);
    expect(growthFactor("cofi", 4.8, d("2007-01-01"), d("2008-01-01"))).toBeCloseTo(Math.pow(1.004, 12), 14);
    expect(growthFactor("libor-1y-plus", 5, d("2007-01-01"), d("2009-01-01"))).toBeCloseTo(1.05 ** 2, 14);
  });

  it("ACT/ACT (ISDA) splits a span across calendar years", () => {
    // 31 days of 2007 (a 365-day year) and 31 days of 2008 (366).
    expect(actualActualIsdaYearFraction(d("2007-12-01"), d("2008-02-01"))).toBeCloseTo(31 / 365 + 31 / 366, 15);
    expect(actualActualIsdaYearFraction(d("2007-03-01"), d("2010-03-01"))).toBeCloseTo(306 / 365 + 2 + 59 / 365, 15);
  });
});
