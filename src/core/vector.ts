/**
 * Month-by-month vectors as analysts write them: `6,8,10x12,20` means 6 in period 1,
 * 8 in period 2, 10 in periods 3–14, then 20 in period 15 and held after.
 * `valueAt(v, t)` reads period t (1-based); the last value is held.
 *
 * @example parseVector("6,8,10x3,20") // [6, 8, 10, 10, 10, 20]
 */
export type PeriodVector = readonly number[];

export function parseVector(text: string, what = "vector"): PeriodVector {
  const trimmed = text.trim();
  if (trimmed === "") throw new RangeError(`${what}: empty`);
  const out: number[] = [];
  for (const raw of trimmed.split(",")) {
    const part = raw.trim();
    const m = /^(-?\d+(?:\.\d+)?(?:e-?\d+)?)(?:x(\d+))?$/i.exec(part);
    if (!m) throw new RangeError(`${what}: "${part}" is not a number or NUMBERxCOUNT`);
    const value = Number(m[1]);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    if (count < 1 || count > 1200) throw new RangeError(`${what}: repeat count in "${part}" must be 1..1200`);
    for (let i = 0; i < count; i++) out.push(value);
  }
  return out;
}

export function valueAt(vector: PeriodVector, period: number): number {
  if (vector.length === 0) return 0;
  return vector[Math.min(Math.max(period, 1), vector.length) - 1];
}

export function formatVector(vector: PeriodVector): string {
  const parts: string[] = [];
  let i = 0;
  while (i < vector.length) {
    let j = i;
    while (j + 1 < vector.length && vector[j + 1] === vector[i]) j++;
    const n = j - i + 1;
    parts.push(n > 1 ? `${vector[i]}x${n}` : `${vector[i]}`);
    i = j + 1;
  }
  return parts.join(",");
}
