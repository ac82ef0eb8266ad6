import { describe, expect, it } from "vitest";
import { loadDeal } from "../deal/load-deal.js";
import { parsePrice, pricingRequestFromFlags, settlementFromFlags } from "./price-options.js";
import { UserError } from "./user-error.js";

const { deal } = loadDeal("cwalt-2007-12t1");

describe("price flags", () => {
  it.each([
    ["99.5", 99.5],
    ["100", 100],
    ["99-16", 99.5],
    ["99-16+", 99 + 16.5 / 32],
    ["99-164", 99 + 16.5 / 32],
    ["101-02", 101 + 2 / 32],
  ])("%s is %f", (text, value) => {
    expect(parsePrice(text)).toBeCloseTo(value, 14);
  });

  it.each(["", "abc", "99-32", "-1", "0", "99-1"])("rejects %j", (text) => {
    expect(() => parsePrice(text)).toThrow(UserError);
  });

  it("--price A-3=99.5,A-1=100 --yield A-4=6.5", () => {
    const r = pricingRequestFromFlags({ price: ["A-3=99.5,A-1=100-00"], yield: ["A-4=6.5"] }, deal)!;
    expect(r.quotes).toEqual([
      { classId: "A-3", price: 99.5 },
      { classId: "A-1", price: 100 },
      { classId: "A-4", yield: 6.5 },
    ]);
    expect(r.settlement).toBe("2007-04-30");
    expect(r.delayDays).toBeUndefined();
  });

  it("no quote, no request; settlement flags alone are an error", () => {
    expect(pricingRequestFromFlags({}, deal)).toBeNull();
    expect(() => pricingRequestFromFlags({ settle: "2007-05-01" }, deal)).toThrow(/need a class to price/);
  });

  it("names the bad class, the doubled quote and the malformed pair", () => {
    expect(() => pricingRequestFromFlags({ price: ["A-9=99"] }, deal)).toThrow(/has no class "A-9" \(classes: A-1, A-2/);
    expect(() => pricingRequestFromFlags({ price: ["A-3=99"], yield: ["A-3=6"] }, deal)).toThrow(/A-3 is quoted twice/);
    expect(() => pricingRequestFromFlags({ price: ["A-3:99"] }, deal)).toThrow(/write CLASS=VALUE/);
    expect(() => pricingRequestFromFlags({ yield: ["A-3=six"] }, deal)).toThrow(/not a yield/);
  });

  it("--settle-days counts Federal Reserve Business Days from the Closing Date (Monday 2007-04-30)", () => {
    expect(settlementFromFlags({ settleDays: "0" }, deal)).toBe("2007-04-30");
    expect(settlementFromFlags({ settleDays: "3" }, deal)).toBe("2007-05-03");
    // Four Business Days: Tuesday through Thursday, then Friday 2007-05-04; five lands on Monday 2007-05-07.
    expect(settlementFromFlags({ settleDays: "5" }, deal)).toBe("2007-05-07");
    expect(() => settlementFromFlags({ settle: "2007-05-01", settleDays: "2" }, deal)).toThrow(/not both/);
    expect(() => settlementFromFlags({ settle: "2007-02-30" }, deal)).toThrow(/--settle: no such calendar day/);
    expect(() => settlementFromFlags({ settleDays: "-1" }, deal)).toThrow(/--settle-days/);
  });

  it("--delay", () => {
    expect(pricingRequestFromFlags({ price: ["A-3=99"], delay: "0" }, deal)!.delayDays).toBe(0);
    expect(() => pricingRequestFromFlags({ price: ["A-3=99"], delay: "2.5" }, deal)).toThrow(/--delay/);
  });

  it("--curve: terms in years (or 6m, 30y), sorted; --benchmark: a flat curve", () => {
    const r = pricingRequestFromFlags({ price: ["A-3=99"], curve: "30y=5.1, 1=4.9,6m=5.0" }, deal)!;
    expect(r.curve).toEqual({ points: [{ term: 0.5, yield: 5 }, { term: 1, yield: 4.9 }, { term: 30, yield: 5.1 }] });
    expect(pricingRequestFromFlags({ price: ["A-3=99"], benchmark: "4.75" }, deal)!.curve).toEqual({ points: [{ term: 0, yield: 4.75 }] });
    expect(pricingRequestFromFlags({ price: ["A-3=99"] }, deal)!.curve).toBeUndefined();
  });

  it("--effective: 25 bp by default, or the given shift", () => {
    expect(pricingRequestFromFlags({ price: ["A-3=99"], effective: true }, deal)!.effectiveShiftBp).toBe(25);
    expect(pricingRequestFromFlags({ price: ["A-3=99"], effective: "10" }, deal)!.effectiveShiftBp).toBe(10);
    expect(pricingRequestFromFlags({ price: ["A-3=99"] }, deal)!.effectiveShiftBp).toBeUndefined();
  });

  it.each([
    [{ curve: "2=4.8,2=4.9" }, /--curve: curve has two points at term 2/],
    [{ curve: "2:4.8" }, /--curve: "2:4.8" is not TERM=YIELD/],
    [{ curve: "1=4.9", benchmark: "4.5" }, /give --curve or --benchmark, not both/],
    [{ benchmark: "flat" }, /--benchmark: "flat" is not a yield/],
    [{ effective: "0" }, /--effective: expected a shift in basis points above 0/],
    [{ effective: "-25" }, /--effective/],
  ])("rejects %j, naming the flag", (flags, message) => {
    expect(() => pricingRequestFromFlags({ price: ["A-3=99"], ...flags }, deal)).toThrow(message);
  });

  it("--curve, --benchmark and --effective need a class to price", () => {
    expect(() => pricingRequestFromFlags({ curve: "1=4.9", effective: true }, deal)).toThrow(/--curve, --effective: pricing options need a class to price/);
  });
});
