import { describe, expect, it } from "vitest";
import { sdaCdr, sdaMdr } from "./sda.js";
import { cdrToMdr, mdrToCdr } from "./cdr-mdr.js";
import { expectStated } from "../../test/support/expect-stated.js";

describe("SDA benchmark and MDR ↔ CDR (SF-17 to SF-19, STANDARDS.md §4)", () => {
  it.each([
    [1, "0.0016668195"],
    [30, "0.0501380294"],
    [45, "0.0501380294"],
    [60, "0.0501380294"],
    [61, "0.0493420183"],
    [120, "0.0025003438"],
    [121, "0.0025003438"],
    [360, "0.0025003438"],
  ])("100%% SDA in month %d is %s%% MDR", (month, mdr) => expectStated(sdaMdr(100, month), mdr));

  it("peaks at 0.60% CDR (not 6%)", () => {
    expect(sdaCdr(100, 30)).toBeCloseTo(0.6, 14);
    const peak = Math.max(...Array.from({ length: 360 }, (_, i) => sdaCdr(100, i + 1)));
    expect(peak).toBeCloseTo(0.6, 14);
  });
  it("rises 0.02% a month, falls 0.0095% a month from 61 to 120", () => {
    expect(sdaCdr(100, 10)).toBeCloseTo(0.2, 14);
    expect(sdaCdr(100, 90)).toBeCloseTo(0.6 - 0.0095 * 30, 14);
    expect(sdaCdr(100, 120)).toBeCloseTo(0.03, 14);
  });
  it("multiples scale linearly and cap at 100% CDR", () => {
    expect(sdaCdr(250, 45)).toBeCloseTo(1.5, 14);
    expect(sdaCdr(1e6, 45)).toBe(100);
    expect(sdaCdr(0, 45)).toBe(0);
  });
  it("MDR ↔ CDR round-trips", () => {
    for (const cdr of [0, 0.03, 2, 10, 60]) expect(mdrToCdr(cdrToMdr(cdr))).toBeCloseTo(cdr, 10);
    expect(cdrToMdr(100)).toBe(100);
  });
});
