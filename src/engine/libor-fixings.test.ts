import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { determinationFixing, lastFixingOnOrBefore, monthEndHistory, parseDailySeries } from "./libor-fixings.js";

const text1m = readFileSync("data/libor/USD1MTD156N-daily.csv", "utf8");
const text12m = readFileSync("data/libor/USD12MD156N-daily.csv", "utf8");
const series = parseDailySeries(text1m, "USD1MTD156N-daily.csv");
const series12 = parseDailySeries(text12m, "USD12MD156N-daily.csv");

/** Raw rows of a daily file, "." kept, for look-ups that do not go through the parser. */
function rawRows(text: string): string[][] {
  return text.split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(","));
}
const raw = rawRows(text1m);

/**
 * An independent LIBOR Determination Date: walk the calendar back day by day
 * from the day before the accrual start, counting weekdays on which the raw
 * file has a number (not "."); the second one is the Determination Date.
 */
function calendarWalk(byDate: ReadonlyMap<string, string>, start: string): { date: string; rate: number } {
  const d = new Date(`${start}T00:00:00Z`);
  let found = 0;
  for (let guard = 0; guard < 30; guard++) {
    d.setUTCDate(d.getUTCDate() - 1);
    const key = d.toISOString().slice(0, 10);
    const v = byDate.get(key);
    const weekday = d.getUTCDay() !== 0 && d.getUTCDay() !== 6;
    if (weekday && v !== undefined && v !== ".") {
      found++;
      if (found === 2) return { date: key, rate: Number(v) };
    }
  }
  throw new Error(`no determination date for ${start}`);
}

/** The proxy built outside this engine (test/fixtures/libor/README.md): accrual start → 1M and 12M fixing. */
const proxy = readFileSync("test/fixtures/libor/usd_libor_1m_12m_determination_2bd_before_25th.csv", "utf8")
  .split(/\r?\n/)
  .filter((l) => /^\d{4}-/.test(l))
  .map((l) => l.split(","));

/** Every 1st and 25th the series covers, and the two deals' Closing Dates. */
function accrualStartsToCheck(): string[] {
  const out = ["2006-06-29", "2007-04-30"];
  for (let y = 1986; y <= 2017; y++) {
    for (let m = 1; m <= 12; m++) {
      const mm = String(m).padStart(2, "0");
      out.push(`${y}-${mm}-01`, `${y}-${mm}-25`);
    }
  }
  return out.filter((d) => d > "1986-01-06" && d <= "2017-11-25");
}

describe("LIBOR Determination Date from the daily series", () => {
  it("the file lists every weekday (a fixing or '.'), so a missing fixing is a London holiday, not a gap", () => {
    for (const rows of [raw, rawRows(text12m)]) {
      const dates = new Set(rows.map(([d]) => d));
      const d = new Date(`${rows[0][0]}T00:00:00Z`);
      const last = rows[rows.length - 1][0];
      while (d.toISOString().slice(0, 10) <= last) {
        const key = d.toISOString().slice(0, 10);
        const weekday = d.getUTCDay() !== 0 && d.getUTCDay() !== 6;
        expect(dates.has(key), key).toBe(weekday);
        d.setUTCDate(d.getUTCDate() + 1);
      }
    }
  });

  it("is the second fixing day before the accrual start, read from the raw file", () => {
    for (const start of ["2007-05-25", "2008-09-25", "2011-03-25"]) {
      const before = raw.filter(([d, v]) => d < start && v !== ".");
      const expected = before[before.length - 2];
      expect(determinationFixing(series, start)).toEqual({ date: expected[0], rate: Number(expected[1]) });
    }
  });

  it("agrees with a calendar-walking implementation on every 1st and 25th from 1986 to the series' end (both tenors)", () => {
    const by1m = new Map(raw.map(([d, v]) => [d, v]));
    const by12m = new Map(rawRows(text12m).map(([d, v]) => [d, v]));
    let checked = 0;
    for (const start of accrualStartsToCheck()) {
      expect(determinationFixing(series, start), start).toEqual(calendarWalk(by1m, start));
      expect(determinationFixing(series12, start), start).toEqual(calendarWalk(by12m, start));
      checked++;
    }
    expect(checked).toBeGreaterThan(760);
  });

  it("agrees with the separately built proxy file (test/fixtures/libor) for every 25th it lists", () => {
    expect(proxy.length).toBeGreaterThan(380);
    for (const [start, date1m, rate1m, date12m, rate12m] of proxy) {
      const f = determinationFixing(series, start)!;
      expect(f.date, start).toBe(date1m);
      expect(f.rate, start).toBeCloseTo(Number(rate1m), 5);
      const g = determinationFixing(series12, start)!;
      expect(g.date, start).toBe(date12m);
      expect(g.rate, start).toBeCloseTo(Number(rate12m), 5);
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

  it("the last fixing on or before a date (the ARM lookback) skips holidays and weekends", () => {
    // 2007-12-26 is a London holiday and 2007-12-25 too: the last fixing on or before the 26th is the 24th's.
    const before = raw.filter(([d, v]) => d <= "2007-12-26" && v !== ".");
    expect(lastFixingOnOrBefore(series, "2007-12-26")).toEqual({ date: before[before.length - 1][0], rate: Number(before[before.length - 1][1]) });
    expect(lastFixingOnOrBefore(series, "2007-12-26")!.date).toBe("2007-12-24");
    // A Sunday reads the Friday.
    expect(lastFixingOnOrBefore(series, "2011-02-13")!.date).toBe("2011-02-11");
    expect(lastFixingOnOrBefore(series, series.lastDay)!.date).toBe(series.dates[series.dates.length - 1]);
  });

  it("past the series: no fixing (a later day might have been a business day)", () => {
    expect(series.lastDay).toBe("2017-11-24");
    expect(determinationFixing(series, "2017-11-25")).toBeDefined();
    expect(determinationFixing(series, "2017-11-26")).toBeUndefined();
    expect(lastFixingOnOrBefore(series, "2017-11-25")).toBeUndefined();
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
    expect(() => parseDailySeries("DATE,VALUE\n2007-01-03,5.3\n2007-01-02,5.3\n2007-01-04,5.3\n", "g.csv")).toThrow("g.csv:3: dates must increase");
  });
});
