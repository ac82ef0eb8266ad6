/**
 * Money for statements and the ledger: integer cents.
 *
 * Rounding rule (documented in ARCHITECTURE.md, "Two number worlds"):
 * - a dollar amount becomes cents by rounding half away from zero at the cent
 *   (`toCents`), after first snapping to 1e-6 cents so float noise such as
 *   0.125000000001 does not decide a half-cent;
 * - a whole amount split by weights (`allocateCents`) uses the largest-remainder
 *   method: each part gets floor(total × w / Σw) cents and the cents left over go
 *   one each to the parts with the largest fractional remainders, ties to the
 *   earlier part. The parts always sum to the whole.
 */
export type Cents = number & { readonly __brand: "Cents" };

export function cents(value: number): Cents {
  if (!Number.isSafeInteger(value)) throw new RangeError(`cents must be a safe integer, got ${value}`);
  return value as Cents;
}

export function toCents(dollars: number): Cents {
  if (!Number.isFinite(dollars)) throw new RangeError(`not a finite amount: ${dollars}`);
  const scaled = Math.round(dollars * 100 * 1e6) / 1e6;
  const sign = scaled < 0 ? -1 : 1;
  return cents(sign * Math.floor(Math.abs(scaled) + 0.5));
}

export function toDollars(amount: Cents): number {
  return amount / 100;
}

export function formatCents(amount: Cents): string {
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  const whole = Math.floor(abs / 100).toLocaleString("en-US");
  return `${sign}${whole}.${String(abs % 100).padStart(2, "0")}`;
}

/** Splits `total` cents by non-negative `weights`; the parts sum to `total` exactly. */
export function allocateCents(total: Cents, weights: readonly number[]): Cents[] {
  if (weights.some((w) => !(w >= 0) || !Number.isFinite(w))) throw new RangeError("weights must be finite and non-negative");
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0) {
    if (total !== 0) throw new RangeError("cannot allocate a non-zero amount to no parts");
    return [];
  }
  if (sum === 0) {
    if (total !== 0) throw new RangeError("cannot allocate a non-zero amount by zero weights");
    return weights.map(() => cents(0));
  }
  const sign = total < 0 ? -1 : 1;
  const abs = Math.abs(total);
  const parts = weights.map((w) => Math.floor((abs * w) / sum));
  const remainders = weights.map((w, i) => (abs * w) / sum - parts[i]);
  let left = abs - parts.reduce((a, b) => a + b, 0);
  const order = remainders.map((r, i) => ({ r, i })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length) {
    if (weights[order[k].i] === 0) continue;
    parts[order[k].i] += 1;
    left -= 1;
  }
  return parts.map((p) => cents(sign * p));
}

export function sumCents(values: readonly Cents[]): Cents {
  let s = 0;
  for (const v of values) s += v;
  return cents(s);
}
