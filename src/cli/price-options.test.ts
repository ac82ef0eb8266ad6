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
});
