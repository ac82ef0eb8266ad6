import { describe, expect, it } from "vitest";
import { amortizingPayment, levelPayBalance, levelPayment } from "./level-pay.js";
import { expectStated } from "../../test/support/expect-stated.js";

describe("level-pay mortgage (SF-3, STANDARDS.md §2)", () => {
  // net 9.0%, gross 9.5%, 360 months, month 1, prepayment 0.00025022 of par.
  const gross = 9.5;
  const net = 9.0;
  const scheduled = levelPayBalance(gross, 360, 360) - levelPayBalance(gross, 360, 359);
  const prepayment = 0.00025022;

  it("scheduled amortization 0.00049188", () => expectStated(scheduled, "0.00049188"));
  it("gross interest 0.00791667, servicing 0.00041667", () => {
    expectStated((1 * gross) / 1200, "0.00791667");
    expectStated((1 * (gross - net)) / 1200, "0.00041667");
  });
  it("pass-through principal 0.00074210 and interest 0.00750000", () => {
    expectStated(scheduled + prepayment, "0.00074210");
    expectStated((1 * net) / 1200, "0.00750000");
  });
  it("the payment amortizes the loan exactly over the term", () => {
    const c = gross / 1200;
    let balance = 1;
    const payment = levelPayment(gross, 360);
    for (let m = 0; m < 360; m++) balance = balance * (1 + c) - payment;
    expect(Math.abs(balance)).toBeLessThan(1e-12);
    expect(payment).toBeCloseTo(c / (1 - (1 + c) ** -360), 15);
  });
  it("BAL(M) matches the amortization schedule; BAL(M0) = 1, BAL(0) = 0", () => {
    expect(levelPayBalance(6, 360, 360)).toBe(1);
    expect(levelPayBalance(6, 360, 0)).toBe(0);
    const c = 6 / 1200;
    const p = levelPayment(6, 360);
    let b = 1;
    for (let m = 0; m < 100; m++) b = b * (1 + c) - p;
    expect(levelPayBalance(6, 360, 260)).toBeCloseTo(b, 13);
  });
  it("zero-rate loans amortize straight-line", () => {
    expect(levelPayment(0, 120)).toBeCloseTo(1 / 120, 15);
    expect(levelPayBalance(0, 120, 60)).toBe(0.5);
    expect(amortizingPayment(1200, 0, 12)).toBe(100);
  });
  it("a recast with one month left pays the balance plus interest", () => {
    expect(amortizingPayment(1000, 0.005, 1)).toBeCloseTo(1005, 12);
    expect(amortizingPayment(1000, 0.005, 360)).toBeCloseTo(1000 * levelPayment(6, 360), 9);
  });
  it("rejects a remaining term above the original term", () => {
    expect(() => levelPayBalance(6, 360, 361)).toThrow(/exceeds/);
  });
});
