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
  for (let row = 0; row < ages.length; row++) {
    for (let t = 1; t <= periods; t++) {
      const loanMonth = ages[row] + t;
      smm[row * stride + t] = prepaymentSmm(curves.prepayment, t, loanMonth) / 100;
      mdr[row * stride + t] = defaultMdr(curves.default, t, loanMonth) / 100;
    }
  }
  return { smm, mdr, rowOffset };
}
