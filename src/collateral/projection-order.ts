import type { LoanTape } from "./loan-tape.js";

/**
 * The order a projection runs the loans in (see `ProjectionState`): by loan group,
 * then by segment key (curve row, Expense Fee Rate, PO Percentage, premium-strip
 * spread: what loans of a segment share), then by maturity, latest first, ties in
 * tape order. Sums by group do not depend on the order.
 *
 * Three stable counting-sort passes (maturity, key, group), O(n): a projection
 * sorts its tape every run, so this must cost little next to the monthly loop.
 * Returns null when the tape is already in that order.
 */
export function projectionOrder(tape: LoanTape, byAge: boolean): Int32Array | null {
  const n = tape.size;
  const key = segmentKeys(tape, byAge);
  let maxTerm = 0;
  for (let i = 0; i < n; i++) maxTerm = Math.max(maxTerm, tape.remainingTerm[i]);
  const monthsShort = new Int32Array(n);
  for (let i = 0; i < n; i++) monthsShort[i] = maxTerm - tape.remainingTerm[i];
  let order: Int32Array = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order = countingSort(order, monthsShort, maxTerm + 1);
  order = countingSort(order, key.ids, key.count);
  order = countingSort(order, tape.groupIndex, tape.groupIds.length);
  for (let k = 0; k < n; k++) if (order[k] !== k) return order;
  return null;
}

/** A small integer per loan, equal for loans that may share a segment (ids in order of first appearance). */
function segmentKeys(tape: LoanTape, byAge: boolean): { ids: Int32Array; count: number } {
  const ids = new Int32Array(tape.size);
  // Nested maps by number (age, fee, PO Percentage, spread): no strings per loan.
  const root = new Map<number, Map<number, Map<number, Map<number, number>>>>();
  let count = 0;
  const rc = tape.requiredCoupon;
  for (let i = 0; i < tape.size; i++) {
    // Consecutive loans usually share a key (a rep line's loans): compare cheaply first.
    const same =
      i > 0 &&
      (!byAge || tape.age[i] === tape.age[i - 1]) &&
      tape.feeRate[i] === tape.feeRate[i - 1] &&
      tape.poFraction[i] === tape.poFraction[i - 1] &&
      tape.isDiscount[i] === tape.isDiscount[i - 1] &&
      (rc === null || tape.mortgageRate[i] === tape.mortgageRate[i - 1]);
    if (same) {
      ids[i] = ids[i - 1];
      continue;
    }
    const spread = rc !== null && tape.isDiscount[i] === 0 ? tape.mortgageRate[i] - tape.feeRate[i] - rc : 0;
    const byFee = child(root, byAge ? tape.age[i] : 0);
    const byPo = child(byFee, tape.feeRate[i]);
    const bySpread = child(byPo, tape.poFraction[i]);
    let id = bySpread.get(spread);
    if (id === undefined) bySpread.set(spread, (id = count++));
    ids[i] = id;
  }
  return { ids, count };
}

function child<K, V>(map: Map<K, Map<number, V>>, key: K): Map<number, V> {
  let m = map.get(key);
  if (m === undefined) map.set(key, (m = new Map()));
  return m;
}

/** Stable counting sort of `order` by `keys[order[k]]` in [0, range). */
function countingSort(order: Int32Array, keys: Int32Array, range: number): Int32Array {
  const counts = new Int32Array(range + 1);
  for (let k = 0; k < order.length; k++) counts[keys[order[k]] + 1]++;
  for (let r = 0; r < range; r++) counts[r + 1] += counts[r];
  const out = new Int32Array(order.length);
  for (let k = 0; k < order.length; k++) out[counts[keys[order[k]]]++] = order[k];
  return out;
}
