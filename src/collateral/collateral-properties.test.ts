import fc from "fast-check";
import { describe, it } from "vitest";
import { assumptionsArb, conservationProblems, holds, rateProblems, splitProblems, tapeArb } from "../../test/support/collateral-properties.js";

// The fast run of the properties (the slow file runs the same with many more cases).
const RUNS = 12;

describe("collateral projection properties (STANDARDS.md §7), a few generated cases", () => {
  it("conserves principal every period, never goes negative, pays off by maturity", () => {
    fc.assert(fc.property(tapeArb, assumptionsArb, (tape, a) => holds(conservationProblems(tape, a))), { numRuns: RUNS, seed: 20070401 });
  });
  it("SMM and MDR stay in [0, 1]", () => {
    fc.assert(fc.property(assumptionsArb, (a) => holds(rateProblems(a))), { numRuns: 50, seed: 7 });
  });
  it("is linear in loan balances: splitting loans changes no sum", () => {
    fc.assert(
      fc.property(tapeArb, assumptionsArb, fc.double({ min: 0.05, max: 0.95, noNaN: true }), (tape, a, share) => holds(splitProblems(tape, a, share))),
      { numRuns: RUNS, seed: 42 },
    );
  });
});
