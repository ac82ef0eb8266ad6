import { describe, expect, it } from "vitest";
import { armResetRate, roundToIncrement, type ArmResetTerms } from "./arm-reset.js";
import { ROUNDING_DOWN, ROUNDING_NEAREST, ROUNDING_UP } from "./loan-tape.js";

// 2006-HY12 §3: margin 2.25%, caps 5/2/5, floor = margin, nearest 0.125%; rep line 1a starts at 6.375%.
const hy12: ArmResetTerms = {
  margin: 2.25,
  rounding: 0.125,
  roundingMethod: ROUNDING_NEAREST,
  initialCap: 5,
  periodicCap: 2,
  lifetimeCap: 5,
  floor: 2.25,
  startRate: 6.375,
};

describe("hybrid ARM reset rate (2006-HY12 §3)", () => {
  it("index + margin rounded to the nearest 0.125%: 5.30 + 2.25 = 7.55 → 7.50", () => {
    expect(armResetRate(hy12, { index: 5.3, previousRate: 6.375, first: true })).toBe(7.5);
  });
  it("rounds a half up: 5.3125 + 2.25 = 7.5625 → 7.625; 5.34 + 2.25 = 7.59 → 7.625", () => {
    expect(armResetRate(hy12, { index: 5.3125, previousRate: 6.375, first: true })).toBe(7.625);
    expect(armResetRate(hy12, { index: 5.34, previousRate: 6.375, first: true })).toBe(7.625);
  });
  it("initial cap binds at the first reset, up and down (2% initial cap: 6.375 ± 2)", () => {
    const tight = { ...hy12, initialCap: 2 };
    expect(armResetRate(tight, { index: 10, previousRate: 6.375, first: true })).toBe(8.375); // 12.25 capped
    expect(armResetRate(tight, { index: 1, previousRate: 6.375, first: true })).toBe(4.375); // 3.25 floored by the cap
  });
  it("periodic cap binds at later resets, measured from the previous rate", () => {
    expect(armResetRate(hy12, { index: 9, previousRate: 7.5, first: false })).toBe(9.5); // 11.25 → 7.5 + 2
    expect(armResetRate(hy12, { index: 2, previousRate: 7.5, first: false })).toBe(5.5); // 4.25 → 7.5 − 2
    // The periodic cap is not measured from the start rate.
    expect(armResetRate(hy12, { index: 9, previousRate: 9.5, first: false })).toBe(11.25);
  });
  it("lifetime cap binds at start rate + 5% = 11.375%", () => {
    expect(armResetRate(hy12, { index: 9.5, previousRate: 10.5, first: false })).toBe(11.375); // 11.75 within periodic cap
    expect(armResetRate(hy12, { index: 20, previousRate: 6.375, first: true })).toBe(11.375); // initial cap also 11.375
  });
  it("floor (= margin) binds: index −0.50 gives 1.75, floored to 2.25", () => {
    expect(armResetRate(hy12, { index: -0.5, previousRate: 6.375, first: true })).toBe(2.25);
    expect(armResetRate(hy12, { index: 0.1, previousRate: 3, first: false })).toBe(2.375); // 2.35 → 2.375, above the floor
  });
  it("rounding up and down", () => {
    expect(roundToIncrement(7.51, 0.125, ROUNDING_UP)).toBe(7.625);
    expect(roundToIncrement(7.5, 0.125, ROUNDING_UP)).toBe(7.5);
    expect(roundToIncrement(7.61, 0.125, ROUNDING_DOWN)).toBe(7.5);
    // float noise never decides: 5.3 + 2.2 is 7.499999999999999 in binary
    expect(roundToIncrement(5.3 + 2.2, 0.125, ROUNDING_DOWN)).toBe(7.5);
    expect(() => roundToIncrement(7, 0.125, 9)).toThrow(/rounding/);
  });
});
