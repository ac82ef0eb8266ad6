import { describe, expect, it } from "vitest";
import type { CivilDate } from "../core/civil-date.js";
import { accruedDays, accruedInterest, settlementCost } from "./accrued-interest.js";

const d = (s: string) => s as CivilDate;

describe("accrued interest and settlement cost (STANDARDS §1)", () => {
  it("calendar-month class settling on the Closing Date: 29 days of April at 6%", () => {
    expect(accruedDays(d("2007-04-01"), d("2007-04-30"))).toBe(29);
    expect(accruedInterest({ coupon: 6, accrualStart: d("2007-04-01"), settlement: d("2007-04-30") })).toBeCloseTo((6 * 29) / 360, 14);
  });

  it("25th-to-24th floater settling 2007-04-30 has 5 days at 5.72%", () => {
    expect(accruedInterest({ coupon: 5.72, accrualStart: d("2007-04-25"), settlement: d("2007-04-30") })).toBeCloseTo((5.72 * 5) / 360, 14);
  });

  it("$1,000,000 original face, factor 0.85, 99-16, 6% coupon, 29 days", () => {
    // 1,000,000 × 0.85 × 0.995 = 845,750; 1,000,000 × 0.85 × 0.06 × 29/360 = 4,108.333…
    const cost = settlementCost({ face: 1_000_000, factor: 0.85, price: 99.5, coupon: 6, accrualStart: d("2007-04-01"), settlement: d("2007-04-30") });
    expect(cost.principal).toBeCloseTo(845_750, 8);
    expect(cost.accruedInterest).toBeCloseTo(4_108.333333333, 6);
    expect(cost.total).toBeCloseTo(849_858.333333333, 6);
    expect(cost.accruedDays).toBe(29);
  });

  it("no accrual when settlement is on the accrual start, or before it", () => {
    expect(accruedInterest({ coupon: 6, accrualStart: d("2007-05-01"), settlement: d("2007-05-01") })).toBe(0);
    expect(accruedInterest({ coupon: 6, accrualStart: d("2007-05-01"), settlement: d("2007-04-30") })).toBe(0);
  });

  it("end of February counts as the 30th (SF-3 30/360)", () => {
    expect(accruedDays(d("2007-02-28"), d("2007-03-15"))).toBe(15);
  });
});
