import { describe, expect, it } from "vitest";
import { bracketRoot, brent } from "./root-finder.js";

describe("root finding", () => {
  it("Brent finds √2 and a root at an end", () => {
    expect(brent((x) => x * x - 2, 0, 2)).toBeCloseTo(Math.SQRT2, 12);
    expect(brent((x) => x - 1, 1, 3)).toBe(1);
  });

  it("Brent converges on a flat, steep function (x^9)", () => {
    expect(Math.abs(brent((x) => Math.pow(x, 9) - 1e-9, -1, 4, { tolerance: 1e-14 }) - 0.1)).toBeLessThan(1e-9);
  });

  it("refuses an interval without a sign change", () => {
    expect(() => brent((x) => x * x + 1, -1, 1)).toThrow(/not bracketed/);
  });

  it("bracketRoot widens towards a root and never crosses its floor", () => {
    const b = bracketRoot((x) => x - 1000, 0, 1);
    expect(b).not.toBeNull();
    expect(b!.lo).toBeLessThanOrEqual(1000);
    expect(b!.hi).toBeGreaterThanOrEqual(1000);
    const below = bracketRoot((x) => 1 / (x + 200) - 1000, 0, 20, { min: -200 });
    expect(below!.lo).toBeGreaterThan(-200);
    expect(below!.lo).toBeLessThan(-199.999);
    expect(bracketRoot((x) => x * x + 1, -1, 1, { maxSteps: 20 })).toBeNull();
  });
});
