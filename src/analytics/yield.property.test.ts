/**
 * Properties of the yield measures over generated cash-flow lists
 * (STANDARDS.md §7): price ↔ yield round trip, price decreasing in yield, and
 * the durations as the derivatives of price they claim to be.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CashFlow } from "./cash-flow.js";
import { presentValue, yieldFromPrice } from "./bond-equivalent-yield.js";
import { convexity } from "./convexity.js";
import { modifiedDuration } from "./duration.js";

const flowArb: fc.Arbitrary<CashFlow> = fc.record({
  time: fc.double({ min: 1 / 360, max: 40, noNaN: true }),
  interest: fc.double({ min: 0, max: 10, noNaN: true }),
  principal: fc.double({ min: 0, max: 100, noNaN: true }),
});
const flowsArb = fc.array(flowArb, { minLength: 1, maxLength: 60 }).filter((fs) => fs.some((f) => f.interest + f.principal > 1e-3));
const yieldArb = fc.double({ min: -5, max: 40, noNaN: true });

describe("yield properties", () => {
  it("price → yield → price round trip", () => {
    fc.assert(
      fc.property(flowsArb, yieldArb, (flows, y) => {
        const price = presentValue(flows, y);
        const solved = yieldFromPrice(flows, price);
        expect(presentValue(flows, solved) / price - 1).toBeLessThan(1e-10);
        expect(Math.abs(solved - y)).toBeLessThan(1e-6);
      }),
      { numRuns: 300 },
    );
  });

  it("price strictly decreases as the yield rises (non-negative flows)", () => {
    fc.assert(
      fc.property(flowsArb, yieldArb, fc.double({ min: 0.001, max: 5, noNaN: true }), (flows, y, dy) => {
        expect(presentValue(flows, y + dy)).toBeLessThan(presentValue(flows, y));
      }),
      { numRuns: 300 },
    );
  });

  it("modified duration and convexity match central differences of the price", () => {
    fc.assert(
      fc.property(flowsArb, fc.double({ min: 0, max: 20, noNaN: true }), (flows, y) => {
        const h = 1e-3; // percent
        const p0 = presentValue(flows, y);
        const up = presentValue(flows, y + h);
        const down = presentValue(flows, y - h);
        const d = h / 100; // decimal
        const numericDuration = (down - up) / (2 * p0 * d);
        const numericConvexity = (up + down - 2 * p0) / (p0 * d * d);
        expect(Math.abs(modifiedDuration(flows, y) - numericDuration)).toBeLessThan(1e-5 * Math.max(1, numericDuration));
        expect(Math.abs(convexity(flows, y) - numericConvexity)).toBeLessThan(1e-2 * Math.max(1, numericConvexity));
      }),
      { numRuns: 200 },
    );
  });
});
