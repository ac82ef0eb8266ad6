import { describe, expect, it } from "vitest";
import { cprToPsa, psaCpr, psaSmm } from "./psa.js";
import { expectStated } from "../../test/support/expect-stated.js";

describe("PSA benchmark (SF-8/SF-9, STANDARDS.md §3)", () => {
  it.each([
    [100, 30, "0.5143012832"],
    [100, 1, "0.0166819640"],
    [100, 15, "0.2535048614"],
    [150, 1, "0.0250344410"],
    [150, 30, "0.7828420342"],
    [150, 31, "0.7828420342"],
    [150, 200, "0.7828420342"],
    [200, 15, "0.5143012832"],
  ])("%d%% PSA in month %d is %s%% SMM", (psa, month, smm) => expectStated(psaSmm(psa, month), smm));

  it("a pool of computed age 0 uses month 1", () => {
    expect(psaCpr(100, 0)).toBe(0.2);
    expect(psaCpr(100, -4)).toBe(0.2);
  });
  it("caps CPR at 100%", () => expect(psaCpr(5000, 30)).toBe(100));
  it("the GNMA example's 5.1% CPR in month 17 is 150% PSA", () => expect(cprToPsa(5.1, 17)).toBeCloseTo(150, 10));
  it("rejects a negative multiple", () => expect(() => psaCpr(-1, 3)).toThrow(/non-negative/));
});
