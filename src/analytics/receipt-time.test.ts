import { describe, expect, it } from "vitest";
import type { CivilDate } from "../core/civil-date.js";
import { receiptDate, receiptTime } from "./receipt-time.js";

const d = (s: string) => s as CivilDate;

describe("receipt with the actual delay (STANDARDS §1)", () => {
  it.each([
    ["GNMA I", 14, "2007-05-15"],
    ["GNMA II", 19, "2007-05-20"],
    ["FNMA / PL class paid on the 25th", 24, "2007-05-25"],
    ["FHLMC non-Gold", 44, "2007-06-15"],
  ])("%s: %i days past the end of April's accrual → %s", (_, delay, expected) => {
    expect(receiptDate(d("2007-05-01"), delay)).toBe(expected);
  });

  it("a 25th-to-24th floater with 0 delay is received on the 25th", () => {
    expect(receiptDate(d("2007-05-25"), 0)).toBe("2007-05-25");
  });

  it("times on 30/360 from settlement: both 2007-12T1 conventions land on the 25th", () => {
    // Closing 2007-04-30: A-3 (April accrual, 24 delay) and A-1 (Apr 25 – May 24, 0 delay) are both 25 days out.
    expect(receiptTime(d("2007-04-30"), d("2007-05-01"), 24)).toBeCloseTo(25 / 360, 15);
    expect(receiptTime(d("2007-04-30"), d("2007-05-25"), 0)).toBeCloseTo(25 / 360, 15);
    // A year later: 2008-04-25 is 360 − 5 days after 2007-04-30.
    expect(receiptTime(d("2007-04-30"), d("2008-04-01"), 24)).toBeCloseTo(355 / 360, 15);
    // Settlement on the 31st counts as the 30th.
    expect(receiptTime(d("2007-05-31"), d("2007-07-01"), 24)).toBeCloseTo(55 / 360, 15);
  });

  it("a receipt date rolls February's 29th/30th back to its last day and rejects bad delays", () => {
    expect(receiptDate(d("2007-02-01"), 29)).toBe("2007-02-28");
    expect(receiptDate(d("2008-02-01"), 28)).toBe("2008-02-29");
    expect(() => receiptDate(d("2007-05-01"), -1)).toThrow(/delay/);
    expect(() => receiptTime(d("2007-05-01"), d("2007-06-01"), 2.5)).toThrow(/delay/);
  });
});
