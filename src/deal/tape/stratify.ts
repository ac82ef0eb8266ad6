/**
 * A loan tape's stratification, as a term sheet shows one: for each bucket of
 * note rate, remaining term, product, state, FICO and LTV (and group and
 * delinquency), the loans, their balance and share, and the balance-weighted
 * averages. Weighted averages of FICO and LTV are over the loans that have them.
 */
import type { TapeLoan } from "./tape-builder.js";

export interface StratumRow {
  readonly bucket: string;
  readonly loans: number;
  readonly balance: number;
  /** Share of the tape's balance, percent. */
  readonly percentBalance: number;
  readonly waRate: number;
  readonly waRemainingTerm: number;
  readonly waAge: number;
  readonly waFico: number | null;
  readonly waLtv: number | null;
}

export interface Stratification {
  readonly name: string;
  readonly title: string;
  readonly rows: readonly StratumRow[];
}

export interface TapeSummary {
  readonly total: StratumRow;
  readonly averageBalance: number;
  readonly stratifications: readonly Stratification[];
}

type Bucketer = (loan: TapeLoan) => { key: string; order: number };

const bands = (
  edges: readonly number[],
  label: (lo: number | null, hi: number | null) => string,
  value: (l: TapeLoan) => number | undefined,
  closedAbove = false,
): Bucketer => (l) => {
  const v = value(l);
  if (v === undefined) return { key: "not given", order: Number.MAX_SAFE_INTEGER };
  let k = 0;
  while (k < edges.length && (closedAbove ? v > edges[k] : v >= edges[k])) k++;
  return { key: label(k === 0 ? null : edges[k - 1], k === edges.length ? null : edges[k]), order: k };
};

const rateBands = Array.from({ length: 21 }, (_, i) => 3 + i * 0.5);
const rateLabel = (lo: number | null, hi: number | null) =>
  lo === null ? `< ${hi!.toFixed(3)}` : hi === null ? `≥ ${lo.toFixed(3)}` : `${lo.toFixed(3)} – ${(hi - 0.001).toFixed(3)}`;
const intLabel = (lo: number | null, hi: number | null) => (lo === null ? `< ${hi}` : hi === null ? `≥ ${lo}` : `${lo} – ${hi - 1}`);
const termLabel = (lo: number | null, hi: number | null) => (lo === null ? `≤ ${hi! - 1}` : hi === null ? `≥ ${lo}` : `${lo} – ${hi - 1}`);
const ltvLabel = (lo: number | null, hi: number | null) =>
  lo === null ? `≤ ${hi!.toFixed(2)}` : hi === null ? `> ${lo.toFixed(2)}` : `${(lo + 0.01).toFixed(2)} – ${hi.toFixed(2)}`;

const category = (value: (l: TapeLoan) => string | undefined): Bucketer => (l) => ({ key: value(l) ?? "not given", order: 0 });

export const STRATIFICATIONS: readonly { name: string; title: string; bucket: Bucketer; byBalance?: boolean }[] = [
  { name: "group", title: "Loan group", bucket: category((l) => l.group) },
  { name: "rate", title: "Note rate (%)", bucket: bands(rateBands, rateLabel, (l) => l.noteRate) },
  { name: "term", title: "Remaining term (months)", bucket: bands([121, 181, 241, 301, 361], termLabel, (l) => l.remainingTerm) },
  { name: "product", title: "Product", bucket: category((l) => l.product), byBalance: true },
  { name: "state", title: "Property state", bucket: category((l) => l.state), byBalance: true },
  { name: "fico", title: "FICO", bucket: bands([620, 660, 700, 740, 780], intLabel, (l) => l.fico) },
  // LTV bands are closed above: 80.00 is in 70.01 – 80.00.
  { name: "ltv", title: "LTV (%)", bucket: bands([60, 70, 80, 90, 95], ltvLabel, (l) => l.ltv, true) },
  { name: "delinquency", title: "Delinquency", bucket: category((l) => l.delinquency) },
];

class Accumulator {
  loans = 0;
  balance = 0;
  rate = 0;
  term = 0;
  age = 0;
  ficoBalance = 0;
  fico = 0;
  ltvBalance = 0;
  ltv = 0;
  add(l: TapeLoan): void {
    const b = l.currentBalance;
    this.loans++;
    this.balance += b;
    this.rate += b * l.noteRate;
    this.term += b * l.remainingTerm;
    this.age += b * l.age;
    if (l.fico !== undefined) (this.ficoBalance += b), (this.fico += b * l.fico);
    if (l.ltv !== undefined) (this.ltvBalance += b), (this.ltv += b * l.ltv);
  }
  row(bucket: string, total: number): StratumRow {
    const wa = (x: number, w: number) => (w > 0 ? x / w : 0);
    return {
      bucket,
      loans: this.loans,
      balance: this.balance,
      percentBalance: total > 0 ? (100 * this.balance) / total : 0,
      waRate: wa(this.rate, this.balance),
      waRemainingTerm: wa(this.term, this.balance),
      waAge: wa(this.age, this.balance),
      waFico: this.ficoBalance > 0 ? this.fico / this.ficoBalance : null,
      waLtv: this.ltvBalance > 0 ? this.ltv / this.ltvBalance : null,
    };
  }
}

export function summarizeTape(loans: readonly TapeLoan[]): TapeSummary {
  const all = new Accumulator();
  for (const l of loans) all.add(l);
  const total = all.balance;
  const stratifications = STRATIFICATIONS.map((s) => {
    const buckets = new Map<string, { order: number; acc: Accumulator }>();
    for (const l of loans) {
      const { key, order } = s.bucket(l);
      let b = buckets.get(key);
      if (!b) buckets.set(key, (b = { order, acc: new Accumulator() }));
      b.acc.add(l);
    }
    const entries = [...buckets.entries()];
    entries.sort(([ka, a], [kb, b]) =>
      s.byBalance ? (ka === "not given" ? 1 : kb === "not given" ? -1 : b.acc.balance - a.acc.balance) : a.order - b.order || ka.localeCompare(kb, "en", { numeric: true }),
    );
    return { name: s.name, title: s.title, rows: entries.map(([k, b]) => b.acc.row(k, total)) };
  });
  return { total: all.row("Total", total), averageBalance: loans.length ? total / loans.length : 0, stratifications };
}
