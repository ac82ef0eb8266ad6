import { describe, expect, it } from "vitest";
import { rampCpr } from "./prepayment-ramp.js";
import { cprToSmm } from "./cpr-smm.js";
import { rampSmm } from "./prepayment-ramp.js";

const ppc = { name: "PPC", startCpr: 8, endCpr: 20, rampMonths: 12 };

describe("a deal's Prepayment Assumption ramp (2007-12T1 §2: 8% CPR rising 12/11% a month to 20% at 12)", () => {
  it("is 8% CPR in loan month 1 and 20% from month 12", () => {
    expect(rampCpr(ppc, 100, 1)).toBe(8);
    expect(rampCpr(ppc, 100, 12)).toBe(20);
    expect(rampCpr(ppc, 100, 240)).toBe(20);
  });
  it("R1's first period is loan month 2: 9.0909% CPR at 100% PPC", () => {
    expect(rampCpr(ppc, 100, 2)).toBeCloseTo(8 + 12 / 11, 12);
    expect(rampCpr(ppc, 100, 2)).toBeCloseTo(9.0909, 4);
  });
  it("rises by 12/11% CPR each month", () => {
    for (let m = 2; m <= 12; m++) expect(rampCpr(ppc, 100, m) - rampCpr(ppc, 100, m - 1)).toBeCloseTo(12 / 11, 12);
  });
  it("scales by the percentage and caps at 100% CPR", () => {
    expect(rampCpr(ppc, 150, 1)).toBe(12);
    expect(rampCpr(ppc, 50, 30)).toBe(10);
    expect(rampCpr(ppc, 1000, 30)).toBe(100);
  });
  it("month 0 uses month 1; SMM is the 12-month conversion", () => {
    expect(rampCpr(ppc, 100, 0)).toBe(8);
    expect(rampSmm(ppc, 100, 5)).toBe(cprToSmm(8 + (4 * 12) / 11));
  });
  it("a one-month ramp is flat at endCpr", () => {
    expect(rampCpr({ name: "flat", startCpr: 3, endCpr: 25, rampMonths: 1 }, 100, 1)).toBe(25);
  });
});
