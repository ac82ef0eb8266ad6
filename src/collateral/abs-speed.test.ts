import { describe, expect, it } from "vitest";
import { absToSmm, smmToAbs } from "./abs-speed.js";

describe("ABS speed (SF-13, STANDARDS.md §3)", () => {
  it("2% ABS in month 11 is 2.5% SMM", () => expect(absToSmm(2, 11)).toBeCloseTo(2.5, 12));
  it("equals SMM in month 1 and round-trips", () => {
    expect(absToSmm(1.5, 1)).toBeCloseTo(1.5, 14);
    expect(smmToAbs(absToSmm(1.3, 24), 24)).toBeCloseTo(1.3, 12);
  });
  it("is 100% once every original loan has prepaid", () => expect(absToSmm(10, 12)).toBe(100));
});
