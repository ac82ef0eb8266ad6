import { describe, expect, it } from "vitest";
import type { CollateralAssumptions } from "./assumptions.js";
import { loanTapeFromRecords, type LoanRecord } from "./loan-tape.js";
import { projectCollateral } from "./project-collateral.js";

const arm = {
  index: "LIBOR_1Y",
  margin: 2.25,
  firstResetAge: 60,
  resetFrequency: 12,
  initialCap: 5,
  periodicCap: 2,
  lifetimeCap: 5,
  floor: 2.25,
  rounding: 0.125,
  roundingMethod: "nearest" as const,
};

const flat = (libor: number[]): CollateralAssumptions => ({
  prepayment: { unit: "cpr", values: [0] },
  default: { unit: "cdr", values: [0] },
  severity: [0],
  recoveryLag: 0,
  advancing: true,
  indices: { LIBOR_1Y: libor },
});

/** Level payment amortizing `b` over `n` months at annual rate `r` percent (hand formula). */
const payment = (b: number, r: number, n: number) => (b * (r / 1200)) / (1 - (1 + r / 1200) ** -n);

describe("hybrid ARM projection (2006-HY12 §3)", () => {
  it("5/1 amortizing, age 58: start rate to the reset, then index + margin from the reset's period, payment recast", () => {
    const loan: LoanRecord = { id: "A", groupId: "1", balance: 1_000_000, mortgageRate: 6.375, feeRate: 0.384, originalTerm: 360, age: 58, arm };
    // Reset at age 60 is period 3 (the month from age 60 to 61); at age 72 period 15.
    const libor = [4, 4, 5.3, 5.3, 5.3, 5.3, 5.3, 5.3, 5.3, 5.3, 5.3, 5.3, 5.3, 5.3, 8, 1];
    const f = projectCollateral(loanTapeFromRecords([loan]), flat(libor)).groups[0];

    // Hand schedule: 6.375% over 302 months, recast at 7.5% over 300, then at 9.5% (periodic cap) over 288.
    let b = 1_000_000;
    let p = payment(b, 6.375, 302);
    const rateOf = (t: number) => (t < 3 ? 6.375 : t < 15 ? 7.5 : 9.5);
    for (let t = 1; t <= 16; t++) {
      const r = rateOf(t);
      if (t === 3) p = payment(b, 7.5, 300);
      if (t === 15) p = payment(b, 9.5, 288);
      const interest = (b * r) / 1200;
      expect(f.interest[t - 1], `interest period ${t}`).toBeCloseTo(interest, 6);
      expect(f.scheduledPrincipal[t - 1], `principal period ${t}`).toBeCloseTo(p - interest, 6);
      expect(f.grossRateWeightedBalance[t - 1] / f.beginBalance[t - 1]).toBeCloseTo(r, 12);
      expect(f.netRateWeightedBalance[t - 1] / f.beginBalance[t - 1]).toBeCloseTo(r - 0.384, 12);
      b -= p - interest;
    }
    // Period 27 (age 84 reset) reads the held last index value 1.00: 3.25, periodic cap 9.5 − 2 = 7.5.
    const begin = f.beginBalance[26];
    expect(f.interest[26] / begin).toBeCloseTo(7.5 / 1200, 12);
  });

  it("interest-only 5/1 (rep line 1a): no principal through age 120, then amortizes over the remaining 240 months", () => {
    const loan: LoanRecord = { id: "1a", groupId: "1", balance: 300_000_000, mortgageRate: 6.375, feeRate: 0.384, originalTerm: 360, age: 2, interestOnlyMonths: 120, arm };
    const f = projectCollateral(loanTapeFromRecords([loan]), flat([5.3])).groups[0];
    // Period t is the month from age t+1 to t+2: the reset at age 60 is period 59, the end of IO (age 120) period 119.
    for (let x = 0; x < 118; x++) expect(f.scheduledPrincipal[x]).toBe(0);
    expect(f.interest[57]).toBeCloseTo((300_000_000 * 6.375) / 1200, 4);
    expect(f.interest[58]).toBeCloseTo((300_000_000 * 7.5) / 1200, 4);
    const p = payment(300_000_000, 7.5, 240);
    expect(f.scheduledPrincipal[118]).toBeCloseTo(p - (300_000_000 * 7.5) / 1200, 4);
    expect(f.endBalance[357]).toBe(0);
    expect(f.periods).toBe(358);
  });

  it("an IO period with a rate change keeps paying interest only, at the new rate", () => {
    const loan: LoanRecord = { id: "io", groupId: "1", balance: 1000, mortgageRate: 6, feeRate: 0, originalTerm: 360, age: 59, interestOnlyMonths: 120, arm };
    const f = projectCollateral(loanTapeFromRecords([loan]), flat([1, 4])).groups[0];
    expect(f.scheduledPrincipal[0]).toBe(0);
    expect(f.scheduledPrincipal[1]).toBe(0);
    expect(f.interest[0]).toBeCloseTo(5, 12); // 6%, before the reset at age 60 (period 2)
    expect(f.interest[1]).toBeCloseTo((1000 * 6.25) / 1200, 12); // 4 + 2.25 = 6.25
  });

  it("a fixed-rate interest-only loan recasts at the end of its IO period", () => {
    const loan: LoanRecord = { id: "fio", groupId: "1", balance: 1000, mortgageRate: 6, feeRate: 0, originalTerm: 360, age: 118, interestOnlyMonths: 120 };
    const f = projectCollateral(loanTapeFromRecords([loan]), flat([0])).groups[0];
    expect(f.scheduledPrincipal[0]).toBe(0);
    expect(f.scheduledPrincipal[1]).toBe(0);
    expect(f.scheduledPrincipal[2]).toBeCloseTo(payment(1000, 6, 240) - 5, 12);
  });

  it("names the index when the scenario and the deal give no path for it", () => {
    const loan: LoanRecord = { id: "A", groupId: "1", balance: 1, mortgageRate: 6, feeRate: 0, originalTerm: 360, age: 0, arm: { ...arm, index: "CMT_1Y" } };
    expect(() => projectCollateral(loanTapeFromRecords([loan]), flat([5]))).toThrow(/CMT_1Y/);
  });
});
