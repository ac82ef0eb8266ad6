/**
 * `LIBOR history`: the deals projected on the published fixings. Every
 * expected rate is read from the raw FRED file here by a calendar walk of its
 * own (not through libor-fixings.ts) and put through the coupon and reset
 * rules written out in the test from the deal specification.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, type Scenario } from "../core/scenario.js";
import { loadDeal } from "../deal/load-deal.js";
import type { Deal } from "../deal/schema.js";
import { parseDailySeries } from "./libor-fixings.js";
import { historyIndexPath, historyPath } from "./libor-history.js";
import { project } from "./project.js";
import { parseScenarioText } from "./scenario-text.js";

const text1m = readFileSync("data/libor/USD1MTD156N-daily.csv", "utf8");
const text12m = readFileSync("data/libor/USD12MD156N-daily.csv", "utf8");
const series1m = parseDailySeries(text1m, "USD1MTD156N-daily.csv");
const series12m = parseDailySeries(text12m, "USD12MD156N-daily.csv");

/** date → raw value ("." on a London holiday), and the last day of the file. */
function rawFile(text: string): { byDate: Map<string, string>; last: string } {
  const rows = text.split(/\r?\n/).slice(1).filter(Boolean).map((l) => l.split(","));
  return { byDate: new Map(rows.map(([d, v]) => [d, v])), last: rows[rows.length - 1][0] };
}
const raw1m = rawFile(text1m);
const raw12m = rawFile(text12m);

const iso = (d: Date) => d.toISOString().slice(0, 10);
const isFixing = (raw: Map<string, string>, d: Date) => d.getUTCDay() % 6 !== 0 && (raw.get(iso(d)) ?? ".") !== ".";

/** Second London business day before `start` (walking the calendar back); undefined past the file. */
function determination(raw: ReturnType<typeof rawFile>, start: string): number | undefined {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  if (iso(d) > raw.last) return undefined;
  for (let found = 0; ; d.setUTCDate(d.getUTCDate() - 1)) {
    if (isFixing(raw.byDate, d) && ++found === 2) return Number(raw.byDate.get(iso(d)));
  }
}

/** The most recent fixing on or before `date`; undefined past the file. */
function onOrBefore(raw: ReturnType<typeof rawFile>, date: string): number | undefined {
  if (date > raw.last) return undefined;
  const d = new Date(`${date}T00:00:00Z`);
  while (!isFixing(raw.byDate, d)) d.setUTCDate(d.getUTCDate() - 1);
  return Number(raw.byDate.get(iso(d)));
}

/** The 25th of the month before a Distribution Date (the day of 2007-12T1's A-1 accrual start). */
function prior25th(distributionDate: string): string {
  const d = new Date(`${distributionDate.slice(0, 7)}-25T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return iso(d);
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** A resolver over the files read here, as the CLI and API build one from the shipped files. */
function historyFor(deal: Deal) {
  return (index: string, after: readonly number[]) => historyIndexPath(deal, index, index === "LIBOR_1M" ? series1m : series12m, after);
}

describe("2007-12T1 on the published One-Month LIBOR", () => {
  const deal = loadDeal("cwalt-2007-12t1").deal;
  const scenario = parseScenarioText("100 PPC, LIBOR history", { base: DEFAULT_SCENARIO, history: historyFor(deal) });
  const result = project(deal, scenario);
  const a1 = result.classes["A-1"].flows;
  const a2 = result.classes["A-2"].flows;

  /** LIBOR for a period's A-1 accrual: from the Closing Date for the first, from the prior 25th after. */
  const liborOf = (period: number, date: string) => determination(raw1m, period === 1 ? deal.dates.closingDate : prior25th(date));

  it("A-1 and A-2 pay LIBOR + 0.40 (0.40–6.00) and 5.60 − LIBOR (0–5.60) on each period's Determination Date fixing", () => {
    let checked = 0;
    for (let k = 0; k < a1.length; k++) {
      const { period, date, beginBalance } = a1[k];
      if (beginBalance <= 0.005) break;
      const libor = liborOf(period, date);
      if (libor === undefined) break; // past the series (tested below)
      const a1Rate = clamp(libor + 0.4, 0.4, 6.0);
      const a2Rate = clamp(5.6 - libor, 0, 5.6);
      expect(a1[k].interest + a1[k].interestShortfall, `A-1 ${date}`).toBeCloseTo((beginBalance * a1Rate) / 1200, 6);
      expect(a2[k].interest + a2[k].interestShortfall, `A-2 ${date}`).toBeCloseTo((a2[k].beginBalance * a2Rate) / 1200, 6);
      checked++;
    }
    // The path really moves: the first period pays 5.32 + 0.40 (the 2007-04-26 fixing), and by 2009 LIBOR is below 1%.
    expect(checked).toBeGreaterThan(24);
    expect(a1[0].interest / a1[0].beginBalance).toBeCloseTo((liborOf(1, a1[0].date)! + 0.4) / 1200, 12);
    expect(new Set(a1.slice(0, checked).map((r) => Math.round((r.interest / r.beginBalance) * 1e8))).size).toBeGreaterThan(20);
  });

  it("checked fact: no Determination Date from the Closing Date to the series' end has LIBOR above 5.60, so the 6.00 cap never binds on the real path", () => {
    let max = 0;
    let at = "";
    for (const r of a1) {
      const libor = liborOf(r.period, r.date);
      if (libor === undefined) break;
      if (libor > max) [max, at] = [libor, r.date];
    }
    expect(max).toBeLessThanOrEqual(5.6);
    expect(at).toBe("2007-09-25"); // the 2007-08-23 fixing, 5.505
    expect(max).toBe(5.505);
    // …though on real days in between One-Month LIBOR was above 5.60 (2007-08-30 to 2007-09-14), where the coupon would be 6.00.
    const above = [...raw1m.byDate].filter(([d, v]) => d >= deal.dates.closingDate && v !== "." && Number(v) > 5.6).map(([d]) => d);
    expect(above).toContain("2007-09-06");
    expect(above.every((d) => d < "2007-09-15")).toBe(true);
  });

  it("Corridor Contract payments follow the fixings: notional × max(0, min(LIBOR, 9.10) − 5.60) / 12, zero on every real date", () => {
    const schedule = new Map(deal.contracts[0].notionalSchedule.map((s) => [s.date.slice(0, 7), s.notional]));
    const paid = result.corridor.filter((r) => r.notional > 0);
    expect(paid.length).toBe(59); // June 2007 through April 2012
    for (const row of paid) {
      const libor = liborOf(row.period, row.date)!;
      expect(row.notional, row.date).toBe(schedule.get(row.date.slice(0, 7)) ?? 0);
      expect(row.payment, row.date).toBeCloseTo((row.notional * Math.max(0, Math.min(libor, 9.1) - 5.6)) / 1200, 6);
      expect(row.payment).toBe(0);
      expect(row.yieldSupplementPaid).toBe(0);
    }
  });

  it("past 2017-11-24 the path continues with the given vector: at 7% the A-1 cap binds (6.00) and A-2 is floored at 0", () => {
    const slow: Scenario = parseScenarioText("25 PPC, LIBOR history,7", { base: DEFAULT_SCENARIO, history: historyFor(deal) });
    const path = historyPath(deal, "LIBOR_1M", series1m, [7]);
    const first = path.firstContinuedPeriod!;
    expect(path.fixings[first - 2].periodDate).toBe("2017-11-25"); // the last accrual start the series covers
    const r = project(deal, slow);
    const b1 = r.classes["A-1"].flows;
    const b2 = r.classes["A-2"].flows;
    const row = b1[first - 1];
    expect(row.date.slice(0, 7)).toBe("2018-01");
    expect(row.beginBalance).toBeGreaterThan(1_000_000);
    // LIBOR 7 + 0.40 = 7.40 > the 6.00 cap.
    expect(row.interest + row.interestShortfall).toBeCloseTo((row.beginBalance * 6.0) / 1200, 6);
    expect(b2[first - 1].interest).toBe(0);
    // The period before still reads the file (the 2017-11-22 fixing for the 2017-11-25 start).
    const before = b1[first - 2];
    expect(before.interest + before.interestShortfall).toBeCloseTo((before.beginBalance * (determination(raw1m, "2017-11-25")! + 0.4)) / 1200, 6);
    // Held instead of continued: the last fixing of the file.
    const held = historyPath(deal, "LIBOR_1M", series1m).fixings[first - 1];
    expect(held.rate).toBe(Number(raw1m.byDate.get(raw1m.last)));
    expect(held.fixingDate).toBeUndefined();
  });
});

describe("2006-HY12's ARM resets on the published One-Year LIBOR", () => {
  const deal = loadDeal("cwalt-2006-hy12").deal;
  const scenario = parseScenarioText("5 CPR, LIBOR history", { base: DEFAULT_SCENARIO, liborIndex: "LIBOR_1Y", history: historyFor(deal) });
  const result = project(deal, scenario);

  /** A rep line's Mortgage Rate by projection period, written out from §3 on fixings read here (45 days before each Change Date). */
  function expectedRates(line: { mortgageRate: number; age: number; arm: { margin: number; firstResetAge: number; initialCap: number; periodicCap: number; lifetimeCap: number; floor: number } }, periods: number, after = Number(raw12m.byDate.get(raw12m.last))) {
    const rates: number[] = [];
    const resets: { period: number; changeDate: string; libor: number; unclamped: number; rate: number }[] = [];
    let rate = line.mortgageRate;
    for (let t = 1; t <= periods; t++) {
      const ageAtStart = line.age + t - 1;
      if (ageAtStart >= line.arm.firstResetAge && (ageAtStart - line.arm.firstResetAge) % 12 === 0) {
        const change = new Date(`${deal.dates.cutoffDate}T00:00:00Z`);
        change.setUTCMonth(change.getUTCMonth() + t - 1);
        const lookback = new Date(change);
        lookback.setUTCDate(lookback.getUTCDate() - 45);
        const libor = onOrBefore(raw12m, iso(lookback)) ?? after;
        const unclamped = Math.floor((libor + line.arm.margin) / 0.125 + 0.5 + 1e-9) * 0.125;
        const first = ageAtStart === line.arm.firstResetAge;
        const anchor = first ? line.mortgageRate : rate;
        const cap = first ? line.arm.initialCap : line.arm.periodicCap;
        rate = Math.max(line.arm.floor, Math.min(line.mortgageRate + line.arm.lifetimeCap, clamp(unclamped, anchor - cap, anchor + cap)));
        resets.push({ period: t, changeDate: iso(change), libor, unclamped, rate });
      }
      rates.push(rate);
    }
    return { rates, resets };
  }

  it("the index is read 45 days before each Change Date (the 1st of the accrual month), not on a bond Determination Date", () => {
    const path = historyPath(deal, "LIBOR_1Y", series12m);
    expect(path.rule).toEqual({ kind: "armLookback", lookbackDays: 45 });
    // Rep line 1a resets at age 60 = period 59: the rate for 2011-04 is set from the fixing of 2011-02-15.
    expect(path.fixings[58]).toMatchObject({ periodDate: "2011-04-01", fixingDate: "2011-02-15", rate: Number(raw12m.byDate.get("2011-02-15")) });
  });

  it("2-A-1 pays group 2's net WAC: the 7/1 ARM's reset rate (index + 2.25 to the nearest 0.125, within the caps) less the 0.384% Expense Fee Rate", () => {
    const line = deal.collateral.groups[1].repLines[0];
    const flows = result.classes["2-A-1"].flows;
    const { rates, resets } = expectedRates(line as never, flows.length);
    expect(resets.map((r) => r.changeDate).slice(0, 5)).toEqual(["2013-04-01", "2014-04-01", "2015-04-01", "2016-04-01", "2017-04-01"]);
    let checked = 0;
    for (const row of flows) {
      if (row.beginBalance <= 0.005) break;
      expect(row.interest + row.interestShortfall, `2-A-1 ${row.date}`).toBeCloseTo((row.beginBalance * (rates[row.period - 1] - 0.384)) / 1200, 4);
      checked++;
    }
    expect(checked).toBeGreaterThan(120); // through the real resets of 2013–2017
  });

  it("group 1's rep lines (5/1, IO and amortizing) reset on the same rule; 1-A-1's coupon is their balance-weighted net rate", () => {
    const [l1a, l1b] = deal.collateral.groups[0].repLines;
    const flows = result.classes["1-A-1"].flows;
    const a = expectedRates(l1a as never, flows.length).rates;
    const b = expectedRates(l1b as never, flows.length).rates;
    for (const row of flows.slice(0, 140)) {
      const coupon = ((row.interest + row.interestShortfall) / row.beginBalance) * 1200 + 0.384;
      const [lo, hi] = [Math.min(a[row.period - 1], b[row.period - 1]), Math.max(a[row.period - 1], b[row.period - 1])];
      expect(coupon, row.date).toBeGreaterThanOrEqual(lo - 1e-9);
      expect(coupon, row.date).toBeLessThanOrEqual(hi + 1e-9);
    }
    // When both lines carry the same rate the coupon is that rate exactly (before any reset: no; both reset in 2011-03/04 to the same index + margin when the fixings round alike).
    const same = flows.slice(0, 140).filter((r) => a[r.period - 1] === b[r.period - 1]);
    for (const row of same) expect(((row.interest + row.interestShortfall) / row.beginBalance) * 1200 + 0.384).toBeCloseTo(a[row.period - 1], 9);
  });

  it("checked fact: on the real fixings no cap or floor binds at any reset (2011–2017: 12M LIBOR + 2.25 stays inside every cap)", () => {
    for (const line of deal.collateral.groups.flatMap((g) => g.repLines)) {
      const { resets } = expectedRates(line as never, 137); // resets with a Change Date through 2017-10
      const real = resets.filter((r) => onOrBefore(raw12m, r.changeDate) !== undefined && r.changeDate <= "2018-01-01");
      expect(real.length).toBeGreaterThanOrEqual(5);
      for (const r of real) expect(r.rate, `${line.id} ${r.changeDate}`).toBe(r.unclamped);
    }
  });

  it("past the series, `history,12` continues: 12 + 2.25 meets the periodic cap (previous + 2) each year, then the lifetime cap (start + 5)", () => {
    const hot = parseScenarioText("5 CPR, LIBOR_1Y history,12", { base: DEFAULT_SCENARIO, history: historyFor(deal) });
    const r = project(deal, hot);
    const line = deal.collateral.groups[1].repLines[0];
    const flows = r.classes["2-A-1"].flows;
    const { rates, resets } = expectedRates(line as never, flows.length, 12);
    const continued = resets.filter((x) => x.changeDate >= "2018-01-01");
    const lastReal = resets.filter((x) => x.changeDate < "2018-01-01").pop()!;
    expect(continued[0].changeDate).toBe("2018-04-01");
    expect(continued[0].unclamped).toBe(14.25);
    expect(continued[0].rate).toBe(lastReal.rate + 2); // the periodic cap binds
    expect(continued.map((x) => x.rate).slice(1, 4)).toEqual([lastReal.rate + 4, lastReal.rate + 6, 11.625].map((x) => Math.min(x, 11.625)));
    expect(continued[continued.length - 1].rate).toBe(line.mortgageRate + 5); // the lifetime cap, 11.625
    for (const row of flows) {
      if (row.beginBalance <= 0.005) break;
      expect(row.interest + row.interestShortfall, row.date).toBeCloseTo((row.beginBalance * (rates[row.period - 1] - 0.384)) / 1200, 4);
    }
  });

  it("an ARM on One-Month LIBOR takes the same lookback on the one-month file (2006-HY12 with its ARMs moved to LIBOR_1M)", () => {
    const moved = structuredClone(deal) as Deal;
    (moved.collateral as { defaultIndices: Record<string, number> }).defaultIndices = { LIBOR_1M: 5.32 };
    for (const g of moved.collateral.groups) for (const l of g.repLines) (l.arm as { index: string }).index = "LIBOR_1M";
    const path = historyPath(moved, "LIBOR_1M", series1m);
    expect(path.rule.kind).toBe("armLookback");
    expect(path.fixings[82]).toMatchObject({ periodDate: "2013-04-01", fixingDate: "2013-02-15", rate: Number(raw1m.byDate.get("2013-02-15")) });
    const r = project(moved, parseScenarioText("5 CPR, LIBOR history", { base: DEFAULT_SCENARIO, liborIndex: "LIBOR_1M", history: historyFor(moved) }));
    const line = moved.collateral.groups[1].repLines[0];
    // 2-A-1 from the 7/1 line's first reset (period 83): One-Month LIBOR of 2013-02-15 + 2.25, to the nearest 0.125.
    const row = r.classes["2-A-1"].flows[82];
    const expected = Math.floor((onOrBefore(raw1m, "2013-02-15")! + line.arm!.margin) / 0.125 + 0.5) * 0.125;
    expect(row.interest + row.interestShortfall).toBeCloseTo((row.beginBalance * (expected - 0.384)) / 1200, 4);
  });
});
