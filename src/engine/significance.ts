/**
 * Regulation AB Item 1115: the significance of a derivative contract (the
 * corridor) to the pool. The significance estimate is a reasonable good-faith
 * estimate of the maximum probable exposure under the contract — here the
 * largest present value of the contract's remaining payments over a set of
 * index paths — and the significance percentage is that estimate over the
 * pool's aggregate principal balance. Below 10%: no counterparty disclosure;
 * 10% to under 20%: Item 1115(b)(1) selected financial data; 20% or more:
 * Item 1115(b)(2) full financial statements.
 *
 * Pure: the historical series is passed in.
 */
import type { CorridorContract } from "../deal/schema.js";
import { corridorPayment } from "../waterfall/corridor.js";

export type SignificanceMethod = "stress" | "historical";

export type DisclosureTier = "none" | "1115(b)(1)" | "1115(b)(2)";

export interface IndexPathCase {
  readonly name: string;
  /** Index by remaining payment (0 = the first payment after the as-of date), percent. */
  readonly path: readonly number[];
}

export interface SignificanceResult {
  readonly contractId: string;
  readonly counterparty: string;
  readonly method: SignificanceMethod;
  readonly methodDescription: string;
  readonly asOf: string;
  /** Present value of the remaining payments under the worst path, dollars. */
  readonly significanceEstimate: number;
  readonly poolBalance: number;
  /** Fraction (0.034 = 3.4%). */
  readonly significancePercentage: number;
  readonly disclosure: DisclosureTier;
  readonly disclosureText: string;
  readonly worstCase: string;
  readonly cases: readonly { name: string; presentValue: number; undiscountedPayments: number }[];
  readonly remainingPayments: number;
}

export interface HistoricalPoint {
  /** YYYY-MM. */
  readonly month: string;
  /** Percent. */
  readonly rate: number;
}

export function disclosureTier(percentage: number): DisclosureTier {
  if (percentage >= 0.2) return "1115(b)(2)";
  if (percentage >= 0.1) return "1115(b)(1)";
  return "none";
}

export function disclosureText(tier: DisclosureTier): string {
  switch (tier) {
    case "none":
      return "below 10%: no financial information of the counterparty is required";
    case "1115(b)(1)":
      return "10% to under 20%: Item 1115(b)(1) selected financial data of the counterparty";
    case "1115(b)(2)":
      return "20% or more: Item 1115(b)(2) full financial statements of the counterparty";
  }
}

/** Schedule entries still to be paid after `asOf` (Distribution Dates after it). */
export function remainingSchedule(contract: CorridorContract, asOf: string) {
  return contract.notionalSchedule.filter((e) => e.date > asOf);
}

/** PV at the path itself (each payment discounted at the path's rate, 30/360 monthly compounding). */
export function presentValueOfPayments(contract: CorridorContract, notionals: readonly number[], path: readonly number[]): { pv: number; total: number } {
  let discount = 1;
  let pv = 0;
  let total = 0;
  notionals.forEach((notional, k) => {
    const rate = path[Math.min(k, path.length - 1)];
    discount /= 1 + Math.max(0, rate) / 1200;
    const pay = corridorPayment(contract, notional, rate);
    total += pay;
    pv += pay * discount;
  });
  return { pv, total };
}

/** Parallel shocks of +0 … +500 bp to the current index, and an immediate move to Cap Rate II. */
export function stressCases(contract: CorridorContract, current: number, n: number): IndexPathCase[] {
  const shocks = [0, 100, 200, 300, 400, 500];
  const cases: IndexPathCase[] = shocks.map((bp) => ({ name: `${current.toFixed(2)}% + ${bp} bp`, path: Array(n).fill(current + bp / 100) }));
  cases.push({ name: `at Cap Rate II (${contract.ceilingRate.toFixed(2)}%)`, path: Array(n).fill(contract.ceilingRate) });
  cases.push({
    name: `ramp +25 bp a month to Cap Rate II`,
    path: Array.from({ length: n }, (_, k) => Math.min(contract.ceilingRate, current + 0.25 * (k + 1))),
  });
  return cases;
}

/**
 * Every complete historical window of the contract's length: the current index
 * plus the history's change since the window start (floored at 0). A history
 * shorter than the contract gives one window, held at its last change.
 */
export function historicalCases(history: readonly HistoricalPoint[], current: number, n: number): IndexPathCase[] {
  const cases: IndexPathCase[] = [];
  const lastStart = Math.max(0, history.length - 1 - n);
  for (let s = 0; s <= lastStart; s++) {
    const path: number[] = [];
    for (let k = 1; k <= n; k++) {
      const point = history[Math.min(s + k, history.length - 1)];
      path.push(Math.max(0, current + point.rate - history[s].rate));
    }
    cases.push({ name: `history from ${history[s].month}`, path });
  }
  return cases;
}

export function significance(input: {
  contract: CorridorContract;
  method: SignificanceMethod;
  asOf: string;
  /** The index now, percent. */
  currentIndex: number;
  /** Aggregate principal balance of the pool as of `asOf`. */
  poolBalance: number;
  history?: readonly HistoricalPoint[];
}): SignificanceResult {
  const { contract } = input;
  const schedule = remainingSchedule(contract, input.asOf);
  const notionals = schedule.map((e) => e.notional);
  const n = Math.max(1, notionals.length);
  let cases: IndexPathCase[];
  let methodDescription: string;
  if (input.method === "stress") {
    cases = stressCases(contract, input.currentIndex, n);
    methodDescription = `maximum present value of the remaining ${notionals.length} payments over LIBOR stresses (parallel +0 to +500 bp from ${input.currentIndex.toFixed(2)}%, an immediate move to Cap Rate II, and a +25 bp a month ramp), discounted along each path`;
  } else {
    const history = input.history ?? [];
    if (history.length < 2) throw new Error("the historical method needs a LIBOR history of at least two months");
    cases = historicalCases(history, input.currentIndex, n);
    methodDescription = `maximum present value of the remaining ${notionals.length} payments over every historical ${n}-month window of One-Month LIBOR (${history[0].month} to ${history[history.length - 1].month}), applied as changes to ${input.currentIndex.toFixed(2)}%, discounted along each path`;
  }
  const valued = cases.map((c) => {
    const { pv, total } = presentValueOfPayments(contract, notionals, c.path);
    return { name: c.name, presentValue: pv, undiscountedPayments: total };
  });
  const worst = valued.reduce((a, b) => (b.presentValue > a.presentValue ? b : a), valued[0]);
  const percentage = input.poolBalance > 0 ? worst.presentValue / input.poolBalance : 0;
  const tier = disclosureTier(percentage);
  return {
    contractId: contract.id,
    counterparty: contract.counterparty,
    method: input.method,
    methodDescription,
    asOf: input.asOf,
    significanceEstimate: worst.presentValue,
    poolBalance: input.poolBalance,
    significancePercentage: percentage,
    disclosure: tier,
    disclosureText: disclosureText(tier),
    worstCase: worst.name,
    cases: input.method === "stress" ? valued : [...valued].sort((a, b) => b.presentValue - a.presentValue).slice(0, 10),
    remainingPayments: notionals.length,
  };
}
