import { describe, expect, it } from "vitest";
import type { CollateralAssumptions } from "./assumptions.js";
import { loanTapeFromRecords, permuteTape, type LoanRecord } from "./loan-tape.js";
import { projectCollateral } from "./project-collateral.js";
import { projectionOrder } from "./projection-order.js";

const loan = (id: string, over: Partial<LoanRecord>): LoanRecord => ({
  id,
  groupId: "1",
  balance: 1000,
  mortgageRate: 6,
  feeRate: 0.25,
  originalTerm: 360,
  age: 0,
  ...over,
});

describe("projection order", () => {
  const tape = loanTapeFromRecords([
    loan("a", { remainingTerm: 300 }),
    loan("b", { groupId: "2", remainingTerm: 350 }),
    loan("c", { remainingTerm: 340 }),
    loan("d", { feeRate: 0.5, remainingTerm: 360 }),
    loan("e", { remainingTerm: 300 }),
  ]);

  it("groups first, loans sharing a segment key together, latest maturity first, ties in tape order", () => {
    const order = projectionOrder(tape, false);
    expect(order && Array.from(order, (i) => tape.loanIds[i])).toEqual(["c", "a", "e", "d", "b"]);
  });
  it("is null for a tape already in order", () => {
    const sorted = permuteTape(tape, projectionOrder(tape, false)!);
    expect(projectionOrder(sorted, false)).toBeNull();
  });
  it("splits by age only when a curve is read by age", () => {
    const aged = loanTapeFromRecords([loan("x", { age: 5 }), loan("y", { age: 1 }), loan("z", { age: 5 })]);
    expect(projectionOrder(aged, false)).toEqual(Int32Array.from([1, 0, 2])); // by maturity: y has the most months left
    expect(projectionOrder(aged, true)).toEqual(Int32Array.from([0, 2, 1])); // age 5 first (first seen), then age 1
  });

  it("the group sums do not depend on the tape's order", () => {
    const records: LoanRecord[] = [];
    for (let i = 0; i < 60; i++) {
      records.push(loan(`L${i}`, { groupId: String(i % 3), balance: 1000 + 37 * i, mortgageRate: 5 + (i % 7) * 0.5, feeRate: 0.2 + (i % 2) * 0.1, age: i % 11, remainingTerm: 300 - (i % 11) - (i % 5) }));
    }
    const a: CollateralAssumptions = { prepayment: { unit: "psa", values: [150] }, default: { unit: "sda", values: [200] }, severity: [40], recoveryLag: 6, advancing: true, indices: {} };
    const forward = projectCollateral(loanTapeFromRecords(records, { requiredCoupon: 5.5 }), a);
    const backward = projectCollateral(loanTapeFromRecords([...records].reverse(), { requiredCoupon: 5.5 }), a);
    const byId = new Map(backward.groups.map((g) => [g.groupId, g]));
    let worst = 0;
    for (const g of forward.groups) {
      const h = byId.get(g.groupId)!;
      for (const key of ["beginBalance", "scheduledPrincipal", "prepayments", "newDefaults", "liquidatedBalance", "interest", "poScheduledPrincipal", "premiumStripInterest"] as const) {
        for (let x = 0; x < g.periods; x++) worst = Math.max(worst, Math.abs(g[key][x] - h[key][x]));
      }
    }
    expect(forward.groups.map((g) => g.groupId).sort()).toEqual(["0", "1", "2"]);
    expect(worst).toBeLessThan(1e-6);
  });
});
