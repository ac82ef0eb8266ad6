import { describe, expect, it } from "vitest";
import { sifmaPoolOracle, type OracleRow } from "../../test/support/sifma-pool-oracle.js";
import { expectStated } from "../../test/support/expect-stated.js";
import type { CollateralAssumptions } from "./assumptions.js";
import { cprToSmm } from "./cpr-smm.js";
import { cdrToMdr } from "./cdr-mdr.js";
import type { GroupCollateralFlows } from "./flows.js";
import { loanTapeFromRecords, type LoanRecord } from "./loan-tape.js";
import { projectCollateral } from "./project-collateral.js";
import { psaSmm } from "./psa.js";
import { sdaMdr } from "./sda.js";

const pool = (over: Partial<LoanRecord> = {}): LoanRecord => ({
  id: "P",
  groupId: "G",
  balance: 100_000_000,
  mortgageRate: 8,
  feeRate: 0.5,
  originalTerm: 360,
  age: 0,
  ...over,
});

const assume = (over: Partial<CollateralAssumptions> = {}): CollateralAssumptions => ({
  prepayment: { unit: "cpr", values: [0] },
  default: { unit: "cdr", values: [0] },
  severity: [0],
  recoveryLag: 0,
  advancing: true,
  indices: {},
  ...over,
});

function expectRelative(actual: number, expected: number, tolerance: number, what: string): void {
  const scale = Math.max(Math.abs(expected), 1);
  expect(Math.abs(actual - expected) / scale, `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

function compareWithOracle(f: GroupCollateralFlows, rows: OracleRow[], advancing: boolean): void {
  expect(f.periods).toBe(rows.length);
  rows.forEach((o, x) => {
    const m = `month ${x + 1}`;
    expectRelative(f.newDefaults[x], o.newDefaults, 1e-9, `${m} newDefaults`);
    expectRelative(f.liquidatedBalance[x], o.adb, 1e-9, `${m} adb`);
    expectRelative(f.expectedAmortization[x], o.expectedAmortization, 1e-9, `${m} expectedAmortization`);
    expectRelative(f.prepayments[x], o.voluntaryPrepayments, 1e-9, `${m} voluntaryPrepayments`);
    expectRelative(f.amortizationFromDefaults[x], o.amortizationFromDefaults, 1e-9, `${m} amortizationFromDefaults`);
    expectRelative(f.actualAmortization[x], o.actualAmortization, 1e-9, `${m} actualAmortization`);
    expectRelative(f.foreclosureBalance[x], o.foreclosure, 1e-9, `${m} foreclosure`);
    expectRelative(f.performingBalance[x], o.performing, 1e-9, `${m} performing`);
    expectRelative(f.expectedNetInterest[x], o.expectedInterest, 1e-9, `${m} expectedInterest`);
    expectRelative(f.defaultedLoanNetInterest[x], o.lostInterest, 1e-9, `${m} lostInterest`);
    expectRelative(f.realizedLoss[x], o.principalLoss, 1e-9, `${m} principalLoss`);
    expectRelative(f.liquidationPrincipal[x], o.principalRecovery, 1e-9, `${m} principalRecovery`);
    const principal = o.actualAmortization + (advancing ? o.amortizationFromDefaults : 0) + o.voluntaryPrepayments + o.principalRecovery;
    expectRelative(f.scheduledPrincipal[x] + f.prepayments[x] + f.liquidationPrincipal[x], principal, 1e-9, `${m} principal`);
  });
}

describe("projectCollateral: the standard cash flow with defaults (STANDARDS.md §4)", () => {
  type Curve<U> = { unit: U; values: number[]; rate: (loanMonth: number) => number };
  const psa = (x: number): Curve<"psa"> => ({ unit: "psa", values: [x], rate: (m) => psaSmm(x, m) });
  const cpr = (x: number): Curve<"cpr"> => ({ unit: "cpr", values: [x], rate: () => cprToSmm(x) });
  const sda = (x: number): Curve<"sda"> => ({ unit: "sda", values: [x], rate: (m) => sdaMdr(x, m) });
  const cdr = (x: number): Curve<"cdr"> => ({ unit: "cdr", values: [x], rate: () => cdrToMdr(x) });
  const cases = [
    { name: "150% PSA, 100% SDA, 12-month lag, advancing", prepay: psa(150), def: sda(100), lag: 12, advancing: true, sev: 35, age: 0 },
    { name: "150% PSA, 100% SDA, 12-month lag, not advancing", prepay: psa(150), def: sda(100), lag: 12, advancing: false, sev: 35, age: 0 },
    { name: "6% CPR, 5% CDR, no lag, advancing", prepay: cpr(6), def: cdr(5), lag: 0, advancing: true, sev: 40, age: 0 },
    { name: "6% CPR, 5% CDR, no lag, not advancing", prepay: cpr(6), def: cdr(5), lag: 0, advancing: false, sev: 40, age: 0 },
    { name: "300% PSA, 400% SDA, 24-month lag, seasoned 20 months", prepay: psa(300), def: sda(400), lag: 24, advancing: true, sev: 60, age: 20 },
    { name: "10% CPR, 30% CDR, 3-month lag, not advancing, 100% severity", prepay: cpr(10), def: cdr(30), lag: 3, advancing: false, sev: 100, age: 5 },
  ];
  for (const c of cases) {
    it(`${c.name}: every column of every month equals the SF recursion`, () => {
      const f = projectCollateral(
        loanTapeFromRecords([pool({ age: c.age })]),
        assume({
          prepayment: { unit: c.prepay.unit, values: c.prepay.values },
          default: { unit: c.def.unit, values: c.def.values },
          recoveryLag: c.lag,
          advancing: c.advancing,
          severity: [c.sev],
        }),
      ).groups[0];
      const rows = sifmaPoolOracle({
        balance: 100_000_000,
        grossRate: 8,
        netRate: 7.5,
        originalTerm: 360,
        age: c.age,
        smm: (i) => c.prepay.rate(c.age + i) / 100,
        mdr: (i) => c.def.rate(c.age + i) / 100,
        severity: c.sev / 100,
        lag: c.lag,
        advancing: c.advancing,
      });
      compareWithOracle(f, rows, c.advancing);
    });
  }

  it("SF-3 vector: 9.5% gross, 9.0% net, month 1, prepayment 0.00025022 of par", () => {
    const scheduled = 0.00049188;
    const smm = (100 * 0.00025022) / (1 - scheduled); // SMM applies after scheduled amortization
    const f = projectCollateral(
      loanTapeFromRecords([pool({ balance: 1, mortgageRate: 9.5, feeRate: 0.5 })]),
      assume({ prepayment: { unit: "smm", values: [smm] } }),
    ).groups[0];
    expectStated(f.scheduledPrincipal[0], "0.00049188");
    expectStated(f.prepayments[0], "0.00025022");
    expectStated(f.interest[0], "0.00791667");
    expectStated(f.fees[0], "0.00041667");
    expectStated(f.scheduledPrincipal[0] + f.prepayments[0], "0.00074210");
    expectStated(f.interest[0] - f.fees[0], "0.00750000");
  });

  it("the 8%, 360-month level payment: $733.76 per $100,000, month-1 principal $67.10", () => {
    const f = projectCollateral(loanTapeFromRecords([pool({ balance: 100_000, feeRate: 0 })]), assume()).groups[0];
    expect(f.interest[0]).toBeCloseTo(666.67, 2);
    expect(f.scheduledPrincipal[0] + f.interest[0]).toBeCloseTo(733.76, 2);
    expect(f.scheduledPrincipal[0]).toBeCloseTo(67.1, 2);
  });

  it("pays off at maturity: the balance is zero after the last month, total principal is the balance", () => {
    const tape = loanTapeFromRecords([pool({ age: 300, balance: 1_000_000 })]);
    const f = projectCollateral(tape, assume({ prepayment: { unit: "cpr", values: [12] } })).groups[0];
    expect(f.periods).toBe(60);
    expect(f.endBalance[59]).toBe(0);
    const principal = f.scheduledPrincipal.reduce((a, b) => a + b, 0) + f.prepayments.reduce((a, b) => a + b, 0);
    expect(principal).toBeCloseTo(1_000_000, 6);
  });

  it("no new defaults in the last `lag` months of each loan's term; everything defaulted is liquidated by maturity", () => {
    // P matures in period 60, Q (in its own group) in period 30; lag 9.
    const tape = loanTapeFromRecords([pool({ age: 300 }), pool({ id: "Q", groupId: "H", age: 330, balance: 5e7 })]);
    for (const advancing of [true, false]) {
      const [p, q] = projectCollateral(tape, assume({ default: { unit: "cdr", values: [20] }, recoveryLag: 9, advancing, severity: [40] })).groups;
      expect(q.newDefaults[20]).toBeGreaterThan(0); // period 21 = 9 months before Q's maturity: still allowed
      for (let x = 21; x < 30; x++) expect(q.newDefaults[x]).toBe(0);
      expect(p.newDefaults[50]).toBeGreaterThan(0);
      for (let x = 51; x < 60; x++) expect(p.newDefaults[x]).toBe(0);
      for (const f of [p, q]) {
        const last = f === p ? 59 : 29;
        expect(f.foreclosureBalance[last]).toBeCloseTo(0, 6);
        expect(f.endBalance[last]).toBeCloseTo(0, 6);
        const liquidated = f.liquidatedBalance.reduce((a, b) => a + b, 0);
        expect(liquidated).toBeGreaterThan(0);
      }
    }
  });

  it("applies severity to the balance at default and liquidates at the balance amortized on paper when advancing", () => {
    const tape = loanTapeFromRecords([pool()]);
    const lag = 6;
    const adv = projectCollateral(tape, assume({ default: { unit: "mdr", values: [1, 0] }, recoveryLag: lag, severity: [30] })).groups[0];
    const noAdv = projectCollateral(tape, assume({ default: { unit: "mdr", values: [1, 0] }, recoveryLag: lag, severity: [30], advancing: false })).groups[0];
    const d = 1_000_000; // 1% of the performing balance in month 1
    expect(adv.newDefaults[0]).toBeCloseTo(d, 6);
    expect(noAdv.liquidatedBalance[lag]).toBeCloseTo(d, 6);
    expect(adv.liquidatedBalance[lag]).toBeLessThan(d); // amortized six months on paper
    const c = 8 / 1200;
    const bal = (k: number) => (1 - (1 + c) ** -(360 - k)) / (1 - (1 + c) ** -360);
    expect(adv.liquidatedBalance[lag]).toBeCloseTo((d * bal(lag)) / bal(0), 6);
    expect(adv.realizedLoss[lag]).toBeCloseTo(0.3 * d, 6);
    expect(noAdv.realizedLoss[lag]).toBeCloseTo(0.3 * d, 6);
    expect(adv.liquidationPrincipal[lag]).toBeCloseTo(adv.liquidatedBalance[lag] - 0.3 * d, 6);
    // Advancing: interest is expected interest; no lost interest reaches the trust.
    expect(adv.lostInterest[1]).toBe(0);
    expect(adv.interest[1]).toBeCloseTo(adv.expectedInterest[1], 9);
    expect(noAdv.lostInterest[1]).toBeCloseTo((d * 8) / 1200, 6);
    expect(noAdv.interest[1]).toBeCloseTo(noAdv.expectedInterest[1] - noAdv.lostInterest[1], 9);
  });

  it("caps SMM at 1 − MDR so a month never removes more than the performing balance", () => {
    const f = projectCollateral(
      loanTapeFromRecords([pool()]),
      assume({ prepayment: { unit: "smm", values: [80] }, default: { unit: "mdr", values: [60] }, severity: [50] }),
    ).groups[0];
    expect(f.performingBalance[0]).toBeCloseTo(0, 6);
    expect(f.newDefaults[0]).toBeCloseTo(60_000_000, 6);
    expect(f.endBalance[0]).toBeCloseTo(0, 6);
  });

  it("prepayment and default ramps follow each loan's own age", () => {
    const tape = loanTapeFromRecords([pool({ id: "new", age: 0, balance: 1e6 }), pool({ id: "old", age: 40, balance: 1e6, groupId: "H" })]);
    const flows = projectCollateral(tape, assume({ prepayment: { unit: "psa", values: [100] } }));
    const [young, seasoned] = flows.groups;
    const sched = (f: GroupCollateralFlows) => f.scheduledPrincipal[0];
    expect(young.prepayments[0]).toBeCloseTo((1e6 - sched(young)) * (psaSmm(100, 1) / 100), 8);
    expect(seasoned.prepayments[0]).toBeCloseTo((1e6 - sched(seasoned)) * (psaSmm(100, 41) / 100), 8);
  });

  it("reads vectors by projection period, last value held", () => {
    const f = projectCollateral(loanTapeFromRecords([pool({ mortgageRate: 0, feeRate: 0, balance: 360 })]), assume({ prepayment: { unit: "smm", values: [0, 10, 20] } })).groups[0];
    expect(f.prepayments[0]).toBe(0);
    expect(f.prepayments[1]).toBeCloseTo(0.1 * (359 - 1), 9);
    const begin2 = f.beginBalance[2];
    expect(f.prepayments[2]).toBeCloseTo(0.2 * (begin2 - begin2 / 358), 9);
    const begin3 = f.beginBalance[3];
    expect(f.prepayments[3]).toBeCloseTo(0.2 * (begin3 - begin3 / 357), 9);
  });

  it("rejects out-of-range assumptions, naming the field", () => {
    const tape = loanTapeFromRecords([pool()]);
    expect(() => projectCollateral(tape, assume({ severity: [120] }))).toThrow(/scenario.severity\[period 1\]/);
    expect(() => projectCollateral(tape, assume({ prepayment: { unit: "cpr", values: [5, -1] } }))).toThrow(/period 2/);
    expect(() => projectCollateral(tape, assume({ recoveryLag: 2.5 }))).toThrow(/recoveryLag/);
    expect(() => projectCollateral(tape, assume({ prepayment: { unit: "ppc", values: [100] } }))).toThrow(/ramp/);
  });
});
