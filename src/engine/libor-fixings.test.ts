import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { determinationFixing, historicalIndexPath, monthEndHistory, parseDailySeries } from "./libor-fixings.js";

const text1m = readFileSync("data/libor/USD1MTD156N-daily.csv", "utf8");
const series = parseDailySeries(text1m, "USD1MTD156N-daily.csv");
/** Raw rows of the daily file, "." kept, for an independent look-up. */
const raw = text1m.split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(","));
/** The shared proxy file: fixing two London fixing days before the 25th, computed independently. */
const proxy = readFileSync("/work/shared/data/libor/usd_libor_1m_12m_determination_2bd_before_25th.csv", "utf8")
  .split(/\r?\n/).filter((l) => /^\d{4}-/.test(l)).map((l) => l.split(","));

describe("LIBOR Determination Date from the daily series", () => {
  it("is the second fixing day before the accrual start, read from the raw file", () => {
    for (const start of ["2007-05-25", "2008-09-25", "2011-03-25"]) {
      const before = raw.filter(([d, v]) => d < start && v !== ".");
      const expected = before[before.length - 2];
      expect(determinationFixing(series, start)).toEqual({ date: expected[0], rate: Number(expected[1]) });
    }
  });
  it("agrees with the independently built proxy file for every 25th the series covers", () => {
    for (const [start, date, rate] of proxy) {
      const f = determinationFixing(series, start);
      if (!f) continue;
      expect(f.date, start).toBe(date);
      expect(f.rate, start).toBeCloseTo(Number(rate), 5);
    }
  });
  it("skips London holidays (the days written '.'): accrual from 2007-12-27 fixes on 2007-12-21", () => {
    expect(raw.find(([d]) => d === "2007-12-25")?.[1]).toBe(".");
    expect(raw.find(([d]) => d === "2007-12-26")?.[1]).toBe(".");
    const f = determinationFixing(series, "2007-12-27")!;
    const before = raw.filter(([d, v]) => d < "2007-12-27" && v !== ".");
    expect(f.date).toBe(before[before.length - 2][0]);
    expect(f.date).toBe("2007-12-21");
  });
  it("past the series: the last fixing held, or the given vector", () => {
    const path = historicalIndexPath(series, ["2017-10-25", "2017-11-25", "2017-12-25", "2018-01-25"]);
    expect(path[2]).toBe(series.rates[series.rates.length - 1]);
    expect(historicalIndexPath(series, ["2017-11-25", "2017-12-25", "2018-01-25"], [5, 6])).toEqual([path[1], 5, 6]);
  });
  it("month-end history uses modeled months only after the series", () => {
    // The file ends 2017-11-24, so November 2017 is incomplete and comes from the modeled file.
    const h = monthEndHistory(series, [{ month: "2017-10", rate: 99 }, { month: "2017-11", rate: 1.5 }]);
    expect(h.firstModeledMonth).toBe("2017-11");
    const oct = raw.filter(([d, v]) => d.startsWith("2017-10") && v !== ".");
    expect(h.points.find((p) => p.month === "2017-10")!.rate).toBe(Number(oct[oct.length - 1][1]));
  });
  it("rejects a bad line naming file and line", () => {
    expect(() => parseDailySeries("DATE,VALUE\n2007-01-02,5.3\n2007-01-03,x\n", "f.csv")).toThrow("f.csv:3");
  });
});
