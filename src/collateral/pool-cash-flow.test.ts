import { describe, expect, it } from "vitest";
import { poolCashFlow } from "./pool-cash-flow.js";
import { SIFMA_DEFAULTS_POOL } from "../../test/support/pool-fixtures.js";

// 100,000,000 at 8% WAC / 7.5% net, 360 months, new: 150% PSA, 100% SDA, 20% severity, 12-month lag.
const spec = SIFMA_DEFAULTS_POOL;

// Hand inputs, straight from the formulas (STANDARDS.md §2–§4):
const c = 8 / 1200;
/** SF-3 BAL after k months of a 360-month 8% loan. */
const BAL = (k: number) => (1 - (1 + c) ** -(360 - k)) / (1 - (1 + c) ** -360);
const r = (i: number) => BAL(i) / BAL(i - 1);
/** 150% PSA: CPR = 1.5 × 0.2% × month; SMM = 1 − (1 − CPR)^(1/12). */
const SMM = (month: number) => 1 - (1 - 1.5 * 0.002 * Math.min(month, 30)) ** (1 / 12);
/** 100% SDA: CDR 0.02% × month to 30; MDR = 1 − (1 − CDR)^(1/12). */
const MDR = (month: number) => 1 - (1 - 0.0002 * Math.min(month, 30)) ** (1 / 12);

describe("tranche pool: the standard cash flow with defaults, worked by hand", () => {
  const { rows, totals } = poolCashFlow(spec);

  it("month 1", () => {
    const p0 = 100_000_000;
    const nd = p0 * MDR(1);
    const expAm = p0 * (1 - r(1));
    const prepay = p0 * r(1) * SMM(1);
    const actAm = (p0 - nd) * (1 - r(1));
    const amDef = nd * (1 - r(1));
    const row = rows[0];
    // Published anchors: the 8% level payment is 733,764.57 per 100M (interest 666,666.67);
    // 100% SDA month 1 is 0.0016668195% MDR; 150% PSA month 1 is 0.0250344410% SMM.
    expect(row.expectedAmortization).toBeCloseTo(733_764.57 - 666_666.67, 1);
    expect(row.newDefaults).toBeCloseTo(100_000_000 * 0.000016668195, 2);
    expect(row.voluntaryPrepayments).toBeCloseTo((100_000_000 - 67_097.91) * 0.00025034441, 2);
    expect(row.newDefaults).toBeCloseTo(nd, 6);
    expect(row.expectedAmortization).toBeCloseTo(expAm, 6);
    expect(row.voluntaryPrepayments).toBeCloseTo(prepay, 6);
    expect(row.actualAmortization).toBeCloseTo(actAm, 6);
    expect(row.amortizationFromDefaults).toBeCloseTo(amDef, 6);
    expect(row.inForeclosure).toBeCloseTo(nd - amDef, 6);
    expect(row.performingBalance).toBeCloseTo(p0 - nd - prepay - actAm, 6);
    expect(row.expectedInterest).toBeCloseTo(625_000, 6);
    expect(row.lostInterest).toBeCloseTo((nd * 7.5) / 1200, 8);
    expect(row.actualInterest).toBeCloseTo(625_000 - (nd * 7.5) / 1200, 6);
    expect(row.adb).toBe(0);
    expect(row.principalLoss).toBe(0);
    expect(row.principalRecovery).toBe(0);
  });

  it("month 2: defaults on the prior performing balance, foreclosures keep amortizing", () => {
    const p1 = rows[0].performingBalance;
    const f1 = rows[0].inForeclosure;
    const nd = p1 * MDR(2);
    const row = rows[1];
    expect(row.newDefaults).toBeCloseTo(nd, 6);
    expect(row.expectedAmortization).toBeCloseTo((p1 + f1) * (1 - r(2)), 6);
    expect(row.voluntaryPrepayments).toBeCloseTo(p1 * r(2) * SMM(2), 6);
    expect(row.actualAmortization).toBeCloseTo((p1 - nd) * (1 - r(2)), 6);
    expect(row.amortizationFromDefaults).toBeCloseTo((nd + f1) * (1 - r(2)), 6);
    expect(row.inForeclosure).toBeCloseTo(f1 + nd - (nd + f1) * (1 - r(2)), 6);
    expect(row.expectedInterest).toBeCloseTo(((p1 + f1) * 7.5) / 1200, 6);
    expect(row.lostInterest).toBeCloseTo(((nd + f1) * 7.5) / 1200, 6);
  });

  it("month 13: month 1's defaults liquidate at their amortized balance; the loss is 20% of the balance at default", () => {
    const nd1 = rows[0].newDefaults;
    const row = rows[12];
    const adb = (nd1 * BAL(12)) / BAL(0);
    expect(row.adb).toBeCloseTo(adb, 6);
    expect(row.principalLoss).toBeCloseTo(0.2 * nd1, 6);
    expect(row.principalRecovery).toBeCloseTo(adb - 0.2 * nd1, 6);
    for (let i = 1; i < 12; i++) expect(rows[i].adb).toBe(0);
  });

  it("balances conserve every month and nothing is negative", () => {
    let performing = spec.balance;
    let foreclosure = 0;
    const problems: string[] = [];
    for (const row of rows) {
      // The drop in the total balance is principal paid + liquidated balance.
      const drop = performing + foreclosure - (row.performingBalance + row.inForeclosure);
      const paid = row.actualAmortization + row.amortizationFromDefaults + row.voluntaryPrepayments + row.adb;
      if (Math.abs(drop - paid) > 1e-6) problems.push(`month ${row.month}: balance drop ${drop} vs paid ${paid}`);
      if (Math.abs(row.principalRecovery + row.principalLoss - row.adb) > 1e-6) problems.push(`month ${row.month}: recovery + loss ≠ adb`);
      for (const [k, v] of Object.entries(row)) if (v < 0) problems.push(`month ${row.month}: ${k} = ${v}`);
      performing = row.performingBalance;
      foreclosure = row.inForeclosure;
    }
    expect(problems).toEqual([]);
    expect(performing + foreclosure).toBe(0);
    expect(totals.actualAmortization + totals.amortizationFromDefaults + totals.voluntaryPrepayments + totals.adb).toBeCloseTo(spec.balance, 4);
  });

  it("no new defaults in the last 12 months", () => {
    expect(rows).toHaveLength(360);
    expect(rows[347].newDefaults).toBeGreaterThan(0);
    for (let i = 348; i < 360; i++) expect(rows[i].newDefaults).toBe(0);
  });

  it("without advancing: foreclosures stay at their balance at default, interest on them is lost", () => {
    const noAdv = poolCashFlow({ ...spec, advancing: false }).rows;
    expect(noAdv[0].amortizationFromDefaults).toBe(0);
    expect(noAdv[0].inForeclosure).toBeCloseTo(noAdv[0].newDefaults, 6);
    expect(noAdv[12].adb).toBeCloseTo(noAdv[0].newDefaults, 6);
    expect(noAdv[12].principalLoss).toBeCloseTo(0.2 * noAdv[0].newDefaults, 6);
    expect(noAdv[1].expectedInterest).toBeCloseTo(((noAdv[0].performingBalance + noAdv[0].inForeclosure) * 7.5) / 1200, 6);
  });

  it("totals add the flow columns and leave balances null", () => {
    expect(totals.month).toBeNull();
    expect(totals.performingBalance).toBeNull();
    expect(totals.inForeclosure).toBeNull();
    expect(totals.newDefaults).toBeCloseTo(rows.reduce((s, r) => s + r.newDefaults, 0), 6);
  });

  it("rejects a bad pool, naming the field", () => {
    expect(() => poolCashFlow({ ...spec, balance: 0 })).toThrow(/^balance/);
    expect(() => poolCashFlow({ ...spec, net: 9 })).toThrow(/^net/);
    expect(() => poolCashFlow({ ...spec, age: 360 })).toThrow(/^age/);
  });
});
