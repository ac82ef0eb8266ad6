import { describe, expect, it } from "vitest";
import { cprToSmm, smmToCpr } from "./cpr-smm.js";
import { expectStated } from "../../test/support/expect-stated.js";

describe("CPR ↔ SMM (SF-4 to SF-6, STANDARDS.md §3)", () => {
  it("6% CPR is 0.5143012832% SMM", () => expectStated(cprToSmm(6), "0.5143012832"));
  it("1% SMM is 11.3615128% CPR", () => expectStated(smmToCpr(1), "11.3615128"));
  it("is a 12-month conversion: twelve months at the SMM leave 1 − CPR", () => {
    const smm = cprToSmm(20) / 100;
    let survival = 1;
    for (let m = 0; m < 12; m++) survival *= 1 - smm;
    expect(survival).toBeCloseTo(0.8, 14);
  });
  it("round-trips and clamps to [0, 100]", () => {
    for (const cpr of [0, 0.5, 8, 35, 99.9]) expect(smmToCpr(cprToSmm(cpr))).toBeCloseTo(cpr, 10);
    expect(cprToSmm(100)).toBe(100);
    expect(cprToSmm(150)).toBe(100);
    expect(cprToSmm(-3)).toBe(0);
    expect(() => cprToSmm(Number.NaN)).toThrow(/NaN/);
  });
});
