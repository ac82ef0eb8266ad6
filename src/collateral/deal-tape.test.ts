import { describe, expect, it } from "vitest";
import { CWALT_2006_HY12_COLLATERAL, CWALT_2007_12T1_COLLATERAL } from "../../test/support/collateral-fixtures.js";
import { DEFAULT_SCENARIO, type Scenario } from "../core/scenario.js";
import { toCents } from "../core/money.js";
import { collateralAssumptions } from "./assumptions.js";
import { buildLoanLevelTape, buildRepLineTape } from "./deal-tape.js";
import { FLOW_SERIES } from "./group-flows.js";
import { projectCollateral } from "./project-collateral.js";
import { rampSmm } from "./prepayment-ramp.js";
import { syntheticBalancesCents, syntheticLoans } from "./synthetic-loans.js";

const t1 = { collateral: CWALT_2007_12T1_COLLATERAL };
const hy12 = { collateral: CWALT_2006_HY12_COLLATERAL };

describe("rep-line tape (2007-12T1 §3)", () => {
  const tape = buildRepLineTape(t1);
  it("has one row per rep line with the deal's terms and the Expense Fee Rate 0.209%", () => {
    expect(tape.size).toBe(3);
    expect(tape.loanIds).toEqual(["R1", "R2", "R3"]);
    expect([...tape.balance]).toEqual([43_200_000, 561_600_000, 259_200_000]);
    expect([...tape.age]).toEqual([1, 2, 3]);
    expect([...tape.remainingTerm]).toEqual([359, 358, 357]);
    for (const fee of tape.feeRate) expect(fee).toBeCloseTo(0.209, 12);
  });
  it("R1 is a Discount Mortgage Loan with PO Percentage 1.4% (net 5.916% / 6.00%)", () => {
    expect([...tape.isDiscount]).toEqual([1, 0, 0]);
    expect(tape.poFraction[0]).toBeCloseTo(1 - 5.916 / 6, 12);
    expect(tape.poFraction[0]).toBeCloseTo(0.014, 12);
    expect(tape.poFraction[1]).toBe(0);
    expect(tape.requiredCoupon).toBe(6);
  });
  it("period 1: PO balance 604,800, Class X notional 820,800,000 and its interest ≈ 0.409421% a year", () => {
    const f = projectCollateral(tape, collateralAssumptions(t1, DEFAULT_SCENARIO)).groups[0];
    expect(f.poBeginBalance[0]).toBeCloseTo(604_800, 6);
    expect(f.nonDiscountBeginBalance[0]).toBe(820_800_000);
    expect(f.premiumStripInterest[0]).toBeCloseTo((561_600_000 * 0.291 + 259_200_000 * 0.666) / 1200, 6);
    expect((1200 * f.premiumStripInterest[0]) / 820_800_000).toBeCloseTo(0.409421, 6);
    expect(f.netRateWeightedBalance[0] / f.beginBalance[0]).toBeCloseTo((43.2 * 5.916 + 561.6 * 6.291 + 259.2 * 6.666) / 864, 12);
  });
  it("speeds follow each loan's age: R1's first period is loan month 2 (9.0909% CPR at 100% PPC)", () => {
    const r1 = buildRepLineTape({ collateral: { ...t1.collateral, groups: [{ id: "1", repLines: [t1.collateral.groups[0].repLines[0]] }] } });
    const f = projectCollateral(r1, collateralAssumptions(t1, DEFAULT_SCENARIO)).groups[0];
    const smm = rampSmm(t1.collateral.prepaymentAssumption!, 100, 2) / 100;
    expect(f.prepayments[0]).toBeCloseTo((43_200_000 - f.scheduledPrincipal[0]) * smm, 6);
    expect(100 * (1 - (1 - smm) ** 12)).toBeCloseTo(9.0909, 4);
  });
});

describe("synthetic loan-level tape (generator synthetic-v1)", () => {
  it("splits every rep line into loanCount loans summing to its balance exactly in cents", () => {
    for (const spec of [t1.collateral, hy12.collateral]) {
      for (const g of spec.groups) {
        for (const line of g.repLines) {
          const cents = syntheticBalancesCents(line, (spec.loanTape as { seed: number }).seed);
          expect(cents).toHaveLength(line.loanCount);
          expect(cents.reduce((a, b) => a + b, 0)).toBe(toCents(line.statedPrincipalBalance));
          for (const c of cents) expect(Number.isInteger(c)).toBe(true);
        }
      }
    }
  });
  it("varies balances within ±50% of the mean, not all equal", () => {
    const line = t1.collateral.groups[0].repLines[1];
    const cents = syntheticBalancesCents(line, 20070401);
    const mean = toCents(line.statedPrincipalBalance) / line.loanCount;
    expect(Math.min(...cents)).toBeGreaterThanOrEqual(0.5 * mean - 1);
    expect(Math.max(...cents)).toBeLessThanOrEqual(1.5 * mean + 1);
    expect(Math.max(...cents) - Math.min(...cents)).toBeGreaterThan(0.8 * mean);
  });
  it("is deterministic by seed and rep line", () => {
    const line = t1.collateral.groups[0].repLines[0];
    expect(syntheticBalancesCents(line, 7)).toEqual(syntheticBalancesCents(line, 7));
    expect(syntheticBalancesCents(line, 7)).not.toEqual(syntheticBalancesCents(line, 8));
    expect(syntheticBalancesCents(line, 7)).not.toEqual(syntheticBalancesCents({ ...line, id: "R9" }, 7));
  });
  it("gives each loan a stable id like R2-000123 and its group", () => {
    const loans = syntheticLoans(hy12.collateral);
    expect(loans).toHaveLength(4000);
    expect(loans[0]).toMatchObject({ id: "1a-000001", groupId: "1", repLineId: "1a" });
    expect(loans[1500]).toMatchObject({ id: "1b-000001", groupId: "1" });
    expect(loans[3999]).toMatchObject({ id: "2a-001500", groupId: "2" });
    expect(new Set(loans.map((l) => l.id)).size).toBe(4000);
    const tape = buildLoanLevelTape(t1);
    expect(tape.size).toBe(216 + 2808 + 1296);
    expect(tape.loanIds[216 + 122]).toBe("R2-000123");
    expect(tape.repLineIds).toEqual(["R1", "R2", "R3"]);
    expect(tape.repLineIndex[216 + 122]).toBe(1);
    expect(tape.mortgageRate[216 + 122]).toBe(6.5);
    expect(tape.age[216 + 122]).toBe(2);
  });
});

describe("loan-level and rep-line runs agree (level payments are linear in balance)", () => {
  const scenarios: Array<[string, Scenario]> = [
    ["100% PPC", DEFAULT_SCENARIO],
    ["200% PPC, 100% SDA, 40% severity, 12-month lag", { ...DEFAULT_SCENARIO, prepayment: { unit: "ppc", values: [200] }, default: { unit: "sda", values: [100] }, severity: [40], recoveryLag: 12 }],
    ["25% CPR, 3% CDR, 6-month lag, no advancing", { ...DEFAULT_SCENARIO, prepayment: { unit: "cpr", values: [25] }, default: { unit: "cdr", values: [3] }, severity: [35], recoveryLag: 6, advancing: false }],
  ];
  for (const [deal, label] of [[t1, "2007-12T1"], [hy12, "2006-HY12 (hybrid ARMs)"]] as const) {
    for (const [name, scenario] of scenarios) {
      // 2006-HY12 has no PPC ramp: its pricing speed is a constant CPR.
      const s = deal === hy12 && scenario.prepayment.unit === "ppc" ? { ...scenario, prepayment: { unit: "cpr" as const, values: [25] } } : scenario;
      it(`${label}, ${name.replace(/\d+% PPC/, deal === hy12 ? "25% CPR" : "$&")}: every series of every group to 1e-9 relative`, () => {
        const a = collateralAssumptions(deal, { ...s, indices: { LIBOR_1Y: { values: [5.3, 5.3, 4, 6.5, 7] } } });
        const rep = projectCollateral(buildRepLineTape(deal), a);
        const loan = projectCollateral(buildLoanLevelTape(deal), a);
        expect(loan.periods).toBe(rep.periods);
        rep.groups.forEach((g, k) => {
          const l = loan.groups[k];
          for (const series of FLOW_SERIES) {
            const total = g[series].reduce((s, v) => s + Math.abs(v), 0);
            const scale = Math.max(total / g.periods, 1);
            for (let x = 0; x < g.periods; x++) {
              const diff = Math.abs(l[series][x] - g[series][x]);
              if (diff > 1e-9 * Math.max(Math.abs(g[series][x]), scale)) {
                throw new Error(`group ${g.groupId} ${series}[${x + 1}]: loan-level ${l[series][x]} vs rep-line ${g[series][x]}`);
              }
            }
          }
        });
      });
    }
  }
});
