import { describe, expect, it } from "vitest";
import { formatDecrementPercent, percentOutstanding } from "./decrement-rounding.js";

describe("decrement table rounding (prospectus convention)", () => {
  it.each([
    [100, "100"],
    [99.5, "100"],
    [99.49, "99"],
    [54.5, "55"],
    [54.4999, "54"],
    [1.2, "1"],
    [0.5, "1"],
    [0.4999, "*"],
    [1e-9, "*"],
    [0, "0"],
  ])("%f%% prints as %s", (percent, shown) => {
    expect(formatDecrementPercent(percent)).toBe(shown);
  });

  it("a balance under half a cent is nothing outstanding; a cent is '*'", () => {
    expect(percentOutstanding(0.004, 470_000_000)).toBe(0);
    expect(formatDecrementPercent(percentOutstanding(0.01, 470_000_000))).toBe("*");
    expect(percentOutstanding(235_000_000, 470_000_000)).toBe(50);
  });

  it("rejects negative or non-finite percentages and a zero initial balance", () => {
    expect(() => formatDecrementPercent(-1)).toThrow(/not a percentage/);
    expect(() => formatDecrementPercent(Number.NaN)).toThrow(/not a percentage/);
    expect(() => percentOutstanding(1, 0)).toThrow(/initial balance/);
  });
});
