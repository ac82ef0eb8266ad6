/**
 * Published USD LIBOR fixings (FRED daily series, `data/libor/`) and the PSA's
 * LIBOR Determination Date: the second London business day before the accrual
 * period begins. A London business day is a day the series has a fixing (FRED
 * writes "." on London holidays). Pure: the series text is passed in.
 */
import type { HistoricalPoint } from "./significance.js";

export interface DailySeries {
  /** Where the series came from (file name), for messages. */
  readonly source: string;
  /** London business days (days with a fixing), increasing, YYYY-MM-DD. */
  readonly dates: readonly string[];
  /** Percent, one per date. */
  readonly rates: readonly number[];
  /** The last day the series covers (fixing or holiday). */
  readonly lastDay: string;
}

/** Parse a FRED daily CSV (`DATE,VALUE`, "." for no fixing). */
export function parseDailySeries(text: string, source: string): DailySeries {
  const dates: string[] = [];
  const rates: number[] = [];
  let lastDay = "";
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t === "" || t.startsWith("#") || /^DATE,VALUE$/i.test(t)) return;
    const m = /^(\d{4}-\d{2}-\d{2}),(\.|-?\d+(?:\.\d+)?)$/.exec(t);
    if (!m) throw new Error(`${source}:${i + 1}: expected "YYYY-MM-DD,rate" or "YYYY-MM-DD,.", got "${t}"`);
    if (lastDay && m[1] <= lastDay) throw new Error(`${source}:${i + 1}: dates must increase (${m[1]} after ${lastDay})`);
    lastDay = m[1];
    if (m[2] === ".") return;
    dates.push(m[1]);
    rates.push(Number(m[2]));
  });
  if (dates.length < 3) throw new Error(`${source}: needs at least three fixings`);
  return { source, dates, rates, lastDay };
}

/** The LIBOR Determination Date for an accrual period beginning on `accrualStart`, and its fixing; undefined past the series. */
export function determinationFixing(series: DailySeries, accrualStart: string): { date: string; rate: number } | undefined {
  // Every day before accrualStart must be known to the series (else a later day might be a business day).
  if (accrualStart > nextDay(series.lastDay)) return undefined;
  let lo = 0;
  let hi = series.dates.length; // first index with date >= accrualStart
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (series.dates[mid] < accrualStart) lo = mid + 1;
    else hi = mid;
  }
  const k = lo - 2;
  if (k < 0) throw new Error(`${series.source}: no LIBOR Determination Date before ${accrualStart} (the series begins ${series.dates[0]})`);
  return { date: series.dates[k], rate: series.rates[k] };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The last fixing dated on or before `date` (the most recent one available that day); undefined past the series. */
export function lastFixingOnOrBefore(series: DailySeries, date: string): { date: string; rate: number } | undefined {
  if (date > series.lastDay) return undefined;
  let lo = 0;
  let hi = series.dates.length; // first index with date > `date`
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (series.dates[mid] <= date) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) throw new Error(`${series.source}: no fixing on or before ${date} (the series begins ${series.dates[0]})`);
  return { date: series.dates[lo - 1], rate: series.rates[lo - 1] };
}

/**
 * Month-end (last fixing of the month) history from the daily series, the
 * months after the series' last complete month taken from `modeled`.
 * Returns the points and the first modeled month (undefined if none used).
 */
export function monthEndHistory(series: DailySeries, modeled: readonly HistoricalPoint[] = []): { points: HistoricalPoint[]; firstModeledMonth?: string } {
  const points: HistoricalPoint[] = [];
  for (let i = 0; i < series.dates.length; i++) {
    const month = series.dates[i].slice(0, 7);
    const point = { month, rate: series.rates[i] };
    if (points.length && points[points.length - 1].month === month) points[points.length - 1] = point;
    else points.push(point);
  }
  // The series' last month is complete only if it ends on that month's last day.
  const lastMonth = series.lastDay.slice(0, 7);
  if (nextDay(series.lastDay).slice(0, 7) === lastMonth && points.length && points[points.length - 1].month === lastMonth) points.pop();
  const covered = points.length ? points[points.length - 1].month : "";
  const tail = modeled.filter((p) => p.month > covered);
  return { points: [...points, ...tail], ...(tail.length ? { firstModeledMonth: tail[0].month } : {}) };
}

/** Which FRED series an index name follows. */
export function seriesFileForIndex(index: string): string | undefined {
  if (index === "LIBOR_1M") return "USD1MTD156N-daily.csv";
  if (index === "LIBOR_1Y" || index === "LIBOR_12M") return "USD12MD156N-daily.csv";
  return undefined;
}
