import { describe, expect, it } from "vitest";
import { spreadToCurve, yieldSpread } from "./spread.js";
import { curveYield, flatCurve, yieldCurve } from "./yield-curve.js";

describe("yield curve and spreads (STANDARDS §5)", () => {
  const curve = yieldCurve([
    { term: 10, yield: 5.3 },
    { term: 2, yield: 4.5 },
    { term: 5, yield: 4.8 },
  ]);

  it("interpolates linearly in term and is flat outside its points", () => {
    expect(curveYield(curve, 6)).toBeCloseTo(4.8 + (0.5 * 1) / 5, 14);
    expect(curveYield(curve, 3.5)).toBeCloseTo(4.65, 14);
    expect(curveYield(curve, 0.5)).toBe(4.5);
    expect(curveYield(curve, 30)).toBe(5.3);
  });

  it("spread to the curve at the WAL, in percent and basis points", () => {
    const s = spreadToCurve({ yield: 6.2, averageLife: 6, curve });
    expect(s.benchmarkYield).toBeCloseTo(4.9, 14);
    expect(s.spreadBp).toBeCloseTo(130, 10);
  });

  it("spread to a flat yield; a floater's yield spread", () => {
    expect(spreadToCurve({ yield: 6.2, averageLife: 3, curve: flatCurve(5) }).spread).toBeCloseTo(1.2, 14);
    expect(yieldSpread(5.9, 5.32)).toBeCloseTo(0.58, 14);
  });

  it("rejects empty curves and duplicate terms", () => {
    expect(() => yieldCurve([])).toThrow(/at least one/);
    expect(() => yieldCurve([{ term: 2, yield: 1 }, { term: 2, yield: 2 }])).toThrow(/two points at term 2/);
  });
});
