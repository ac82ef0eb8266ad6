import { describe, expect, it } from "vitest";
import { averageCpr, averageSmm, smmFromFactors } from "./prepayment-measurement.js";
import { smmToCpr } from "./cpr-smm.js";
import { cprToPsa } from "./psa.js";
import { levelPayBalance } from "./level-pay.js";
import { expectStated } from "../../test/support/expect-stated.js";

describe("measured prepayment speeds (SF-4 to SF-11, STANDARDS.md §3 worked measurement)", () => {
  // GNMA I 9% (gross 9.5%), remaining term 359 at issue; factors 0.85150625 → 0.84732282
  // with 344 → 343 months remaining.
  const balStart = levelPayBalance(9.5, 359, 344);
  const balEnd = levelPayBalance(9.5, 359, 343);

  it("BAL ratio 0.99157471 / 0.99213300", () => {
    expectStated(balStart, "0.99213300");
    expectStated(balEnd, "0.99157471");
  });
  it("scheduled factor 0.85102709, SMM 0.435270%, CPR 5.1000%, 150% PSA in month 17", () => {
    expectStated(0.85150625 * (balEnd / balStart), "0.85102709");
    const smm = smmFromFactors({ factorStart: 0.85150625, factorEnd: 0.84732282, balStart, balEnd });
    expectStated(smm, "0.435270");
    expectStated(smmToCpr(smm), "5.1000");
    expect(cprToPsa(smmToCpr(smm), 17)).toBeCloseTo(150, 2);
  });
  it("averages over n months from factors, not from individual rates", () => {
    // Three months at SMMs 1%, 2%, 3% (no amortization): average SMM = 1 − (0.99·0.98·0.97)^(1/3).
    const actual = 0.99 * 0.98 * 0.97;
    expect(averageSmm(actual, 1, 3)).toBeCloseTo(100 * (1 - Math.cbrt(actual)), 12);
    expect(averageCpr(actual, 1, 3)).toBeCloseTo(100 * (1 - actual ** 4), 12);
    expect(averageSmm(actual, 1, 3)).not.toBeCloseTo(2, 6);
  });
});
