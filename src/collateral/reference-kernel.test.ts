import { describe, expect, it } from "vitest";
import { REFERENCE_CHECKSUM_4000, REFERENCE_MONTHS, referenceKernelSums, referenceLoan } from "../../bench/reference-tape.mjs";
import { loanTapeFromRecords } from "./loan-tape.js";
import { projectCollateral } from "./project-collateral.js";

/** The benchmark's tape (shared/bench/README.md) as engine loans. */
function referenceTape(n: number) {
  return loanTapeFromRecords(
    Array.from({ length: n }, (_, i) => {
      const l = referenceLoan(i);
      return { id: `B${i}`, groupId: "1", balance: l.balance, mortgageRate: l.rate, feeRate: 0, originalTerm: 360, age: 360 - l.remainingTerm, remainingTerm: l.remainingTerm };
    }),
  );
}

// The reference's conventions: 8% CPR, 2% CDR, 35% severity at default (lag 0), interest on
// performing − new defaults (SF actual interest: no advancing).
const assumptions = {
  prepayment: { unit: "cpr" as const, values: [8] },
  default: { unit: "cdr" as const, values: [2] },
  severity: [35],
  recoveryLag: 0,
  advancing: false,
  indices: {},
};

describe("the loan-level kernel agrees with the benchmark's reference kernel (shared/bench/reference-kernel.c)", () => {
  it("month by month on 500 loans, lag 0", () => {
    const n = 500;
    const f = projectCollateral(referenceTape(n), assumptions, { periods: REFERENCE_MONTHS }).groups[0];
    const ref = referenceKernelSums(n);
    const problems: string[] = [];
    const pairs = [
      ["scheduled", f.scheduledPrincipal, ref.scheduled],
      ["prepayments", f.prepayments, ref.prepayments],
      ["interest", f.interest, ref.interest],
      ["loss", f.realizedLoss, ref.loss],
      ["recovery", f.liquidationPrincipal, ref.recovery],
    ] as const;
    for (let t = 0; t < REFERENCE_MONTHS; t++) {
      for (const [name, a, b] of pairs) {
        if (!(Math.abs(a[t] - b[t]) <= Math.max(1e-9 * Math.abs(b[t]), 1e-6))) problems.push(`month ${t + 1} ${name}: ${a[t]} vs ${b[t]}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("the published checksum for 4,000 loans: 845,706,987.39", () => {
    const f = projectCollateral(referenceTape(4000), assumptions).groups[0];
    let checksum = 0;
    for (let t = 0; t < f.periods; t++) checksum += f.scheduledPrincipal[t] + f.prepayments[t] + f.interest[t];
    expect(Math.abs(checksum / REFERENCE_CHECKSUM_4000 - 1)).toBeLessThan(1e-6);
    expect(checksum).toBeCloseTo(845_706_987.39, 1);
  });
});
