import { describe, expect, it } from "vitest";
import { presentValue } from "./bond-equivalent-yield.js";
import { convexity } from "./convexity.js";
import { modifiedDuration } from "./duration.js";
import { effectiveMeasures } from "./effective-duration.js";

describe("effective duration and convexity", () => {
  it("exact for a price that is quadratic in the shift: duration 5, convexity 40", () => {
    const reprice = (bp: number) => {
      const dy = bp / 10_000;
      return 100 * (1 - 5 * dy + 0.5 * 40 * dy * dy);
    };
    const m = effectiveMeasures(reprice, { shiftBp: 50 });
    expect(m.effectiveDuration).toBeCloseTo(5, 10);
    expect(m.effectiveConvexity).toBeCloseTo(40, 8);
    expect(m.basePrice).toBe(100);
  });

  it("with cash flows held fixed, it approaches the modified duration and convexity", () => {
    const flows = Array.from({ length: 20 }, (_, k) => ({ time: (k + 1) / 2, interest: 3, principal: k === 19 ? 100 : 0 }));
    const m = effectiveMeasures((bp) => presentValue(flows, 6 + bp / 100), { shiftBp: 1 });
    expect(m.effectiveDuration).toBeCloseTo(modifiedDuration(flows, 6), 5);
    expect(m.effectiveConvexity).toBeCloseTo(convexity(flows, 6), 2);
  });

  it("rejects a non-positive shift", () => {
    expect(() => effectiveMeasures(() => 100, { shiftBp: 0 })).toThrow(/shift/);
  });
});
