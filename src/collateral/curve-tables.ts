import type { LoanTape } from "./loan-tape.js";
import { defaultDependsOnAge, defaultMdr, type DefaultCurve } from "./default-curve.js";
import { prepaymentDependsOnAge, prepaymentSmm, type PrepaymentCurve } from "./prepayment-curve.js";

/**
 * SMM and MDR as fractions, tabulated once per projection by (age cohort, period),
 * so the monthly loop reads a number instead of evaluating a curve. A cohort is a
 * distinct loan age at the Cut-off Date; curves read by loan month (PSA, PPC, SDA)
 * differ by cohort, curves by period (CPR, SMM, CDR, MDR) use a single row.
 * Row r, period t (1-based) is at `rowOffset[i] + t` for a loan i of cohort r.
 */
export interface CurveTables {
  readonly smm: Float64Array;
  readonly mdr: Float64Array;
  /** Per loan: offset of its cohort's row (row × (periods + 1)). */
  readonly rowOffset: Int32Array;
}

/** Whether either curve is read by loan age (then loans of different ages need different rows). */
export function curvesDependOnAge(curves: { prepayment: PrepaymentCurve; default: DefaultCurve }): boolean {
  return prepaymentDependsOnAge(curves.prepayment) || defaultDependsOnAge(curves.default);
}

export function buildCurveTables(
  tape: LoanTape,
  curves: { prepayment: PrepaymentCurve; default: DefaultCurve },
  periods: number,
): CurveTables {
  const byAge = curvesDependOnAge(curves);
  const cohortOfAge = new Map<number, number>();
  const ages: number[] = [];
  const rowOffset = new Int32Array(tape.size);
  const stride = periods + 1;
  for (let i = 0; i < tape.size; i++) {
    const age = byAge ? tape.age[i] : 0;
    let row = cohortOfAge.get(age);
    if (row === undefined) {
      row = ages.push(age) - 1;
      cohortOfAge.set(age, row);
    }
    rowOffset[i] = row * stride;
  }
  if (ages.length === 0) ages.push(0);
  const smm = new Float64Array(ages.length * stride);
  const mdr = new Float64Array(ages.length * stride);
  fillRows(smm, ages, periods, curves.prepayment.values, (t, loanMonth) => prepaymentSmm(curves.prepayment, t, loanMonth) / 100);
  fillRows(mdr, ages, periods, curves.default.values, (t, loanMonth) => defaultMdr(curves.default, t, loanMonth) / 100);
  return { smm, mdr, rowOffset };
}

/**
 * Fills each cohort's row (period t of the row of age a at `row × (periods + 1) + t`)
 * with `rate(t, a + t)`. A curve whose vector holds one value depends on the loan
 * month alone, so its rows are windows of one table by loan month: that table is
 * worked out once and copied (three rep-line cohorts, one evaluation per month).
 */
function fillRows(out: Float64Array, ages: readonly number[], periods: number, values: readonly number[], rate: (t: number, loanMonth: number) => number): void {
  const stride = periods + 1;
  const flat = values.length <= 1 || values.every((v) => v === values[0]);
  if (flat && ages.length > 1) {
    let minAge = ages[0];
    let maxAge = ages[0];
    for (const a of ages) {
      minAge = Math.min(minAge, a);
      maxAge = Math.max(maxAge, a);
    }
    // byMonth[m − minAge − 1] is the rate in loan month m, m from minAge + 1 to maxAge + periods.
    const byMonth = new Float64Array(maxAge - minAge + periods);
    let any = false;
    for (let k = 0; k < byMonth.length; k++) {
      byMonth[k] = rate(1, minAge + 1 + k);
      if (byMonth[k] !== 0) any = true;
    }
    if (!any) return;
    for (let row = 0; row < ages.length; row++) {
      const from = ages[row] - minAge;
      out.set(byMonth.subarray(from, from + periods), row * stride + 1);
    }
    return;
  }
  for (let row = 0; row < ages.length; row++) {
    for (let t = 1; t <= periods; t++) out[row * stride + t] = rate(t, ages[row] + t);
  }
}
