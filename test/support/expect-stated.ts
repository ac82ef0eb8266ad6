import { expect } from "vitest";

/**
 * Expects `actual` to equal a value published with a fixed number of decimals
 * (STANDARDS.md tables): within the stated relative tolerance, or within half a
 * unit of the last published digit when the table rounds more coarsely than that.
 */
export function expectStated(actual: number, stated: string, relativeTolerance = 1e-10): void {
  const value = Number(stated);
  const decimals = stated.includes(".") ? stated.length - stated.indexOf(".") - 1 : 0;
  const tolerance = Math.max(relativeTolerance * Math.abs(value), 0.5 * 10 ** -decimals);
  expect(Math.abs(actual - value), `${actual} vs stated ${stated} (±${tolerance})`).toBeLessThanOrEqual(tolerance);
}
