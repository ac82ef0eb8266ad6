/**
 * Effective duration/convexity and spreads on real projections of 2007-12T1
 * (SIFMA SF-47 to SF-55, STANDARDS.md §5).
 */
import { describe, expect, it } from "vitest";
import { flatCurve, yieldCurve } from "../analytics/yield-curve.js";
import { DEFAULT_SCENARIO } from "../core/scenario.js";
import { loadDeal } from "../deal/load-deal.js";
import { classCashFlows } from "./class-cash-flows.js";
import { priceClasses, shiftIndexPaths } from "./price-classes.js";
import { project } from "./project.js";

const { deal } = loadDeal("cwalt-2007-12t1");
const base = project(deal, DEFAULT_SCENARIO);

describe("shifted scenarios", () => {
  it("shift the scenario's paths and the deal's default levels of the indices it reads", () => {
    expect(shiftIndexPaths(deal, DEFAULT_SCENARIO, 25).indices).toEqual({ LIBOR_1M: { values: [5.32 + 0.25] } });
    const withPath = { ...DEFAULT_SCENARIO, indices: { LIBOR_1M: { values: [5, 6, 7] } } };
    expect(shiftIndexPaths(deal, withPath, -50).indices.LIBOR_1M.values).toEqual([4.5, 5.5, 6.5]);
  });
});

describe("effective duration and convexity (cash flows re-projected at index paths ±Δ)", () => {
  const at = (bp: number) => priceClasses(base, deal, { quotes: [{ classId: "A-3", price: 99.5 }, { classId: "A-1", price: 100 }, { classId: "A-4", price: 98 }], effectiveShiftBp: bp });
  const a25 = at(25);

  it("A-3 (fixed 6%): its re-projected cash flows do not move, so effective ≈ modified duration and cash-flow convexity", () => {
    // No rate-dependent prepayment model and a fixed coupon: the shifted projections pay A-3 exactly
    // what the base pays (A-1 and A-2 share the same 6% of their balance however LIBOR moves, and the
    // corridor pays only A-1).
    const settlement = deal.dates.closingDate;
    const flows = (s: typeof base) => classCashFlows(s, deal, "A-3", { settlement }).flows.flatMap((f) => [f.interest, f.principal]);
    const up = flows(project(deal, shiftIndexPaths(deal, DEFAULT_SCENARIO, 25)));
    const same = flows(base);
    expect(up).toHaveLength(same.length);
    expect(Math.max(...up.map((x, i) => Math.abs(x - same[i])))).toBeLessThan(1e-12); // equal up to float rounding
    // With fixed flows P(y) = Σ CF (1 + y/2)^(−2T): −P'(y)/P is exactly the modified duration and
    // P''(y)/P the cash-flow convexity (STANDARDS §5). The central difference
    // (P(y − Δ) − P(y + Δ)) / (2PΔ) = −P'/P − (Δ²/6) P'''/P + O(Δ⁴), so the two differ only by a term
    // in Δ²: small at 25 bp, and 25 times smaller at 5 bp.
    const a = a25["A-3"];
    expect(a.effectiveShiftBp).toBe(25);
    expect(Math.abs(a.effectiveDuration! - a.modifiedDuration)).toBeLessThan(1e-3);
    expect(a.effectiveConvexity! / a.convexity).toBeCloseTo(1, 3);
    const a5 = at(5)["A-3"];
    const ratio = (a.effectiveDuration! - a.modifiedDuration) / (a5.effectiveDuration! - a5.modifiedDuration);
    expect(ratio).toBeCloseTo(25, 0);
    // A-4 (NAS, WAL about 10 years) is fixed-rate too; its longer flows make P'''/P, and the Δ² term, larger.
    expect(Math.abs(a25["A-4"].effectiveDuration! - a25["A-4"].modifiedDuration)).toBeLessThan(2e-3);
  });

  it("A-1 (LIBOR + 0.40%): its coupons move with the index, so its effective duration is a small fraction of its modified", () => {
    const a = a25["A-1"];
    expect(a.modifiedDuration).toBeGreaterThan(2);
    expect(Math.abs(a.effectiveDuration!)).toBeLessThan(0.1 * a.modifiedDuration);
  });

  it("a projection option is honoured: priceClasses re-projects through the caller's function", () => {
    const scenarios: string[] = [];
    priceClasses(base, deal, { quotes: [{ classId: "A-3", price: 99.5 }], effectiveShiftBp: 10 }, {
      reproject: (s) => {
        scenarios.push(JSON.stringify(s.indices));
        return project(deal, s);
      },
    });
    expect(scenarios).toEqual([JSON.stringify({ LIBOR_1M: { values: [5.42] } }), JSON.stringify({ LIBOR_1M: { values: [5.220000000000001] } })]);
  });

  it("rejects a non-positive shift, naming the class", () => {
    expect(() => priceClasses(base, deal, { quotes: [{ classId: "A-3", price: 99.5 }], effectiveShiftBp: 0 })).toThrow(/class A-3: effective shift must be a positive/);
  });
});

describe("spread to a benchmark at the average life", () => {
  it("to a flat benchmark: exactly (yield − benchmark) × 100", () => {
    const a = priceClasses(base, deal, { quotes: [{ classId: "A-4", price: 98 }, { classId: "A-1", price: 100 }], curve: flatCurve(4.5) });
    for (const id of ["A-4", "A-1"]) {
      expect(a[id].spread!.benchmarkYield).toBe(4.5);
      expect(a[id].spread!.spreadBp).toBe((a[id].yield - 4.5) * 100);
    }
  });

  it("to a curve: linear in term between the two points around the class's WAL", () => {
    const curve = yieldCurve([
      { term: 1, yield: 4.9 },
      { term: 2, yield: 4.8 },
      { term: 5, yield: 4.7 },
      { term: 10, yield: 4.9 },
      { term: 30, yield: 5.1 },
    ]);
    const a = priceClasses(base, deal, { quotes: [{ classId: "A-3", price: 99.5 }], curve })["A-3"];
    const wal = a.averageLife!;
    expect(wal).toBeGreaterThan(2);
    expect(wal).toBeLessThan(5);
    const benchmark = 4.8 + ((4.7 - 4.8) * (wal - 2)) / (5 - 2);
    expect(a.spread!.benchmarkYield).toBeCloseTo(benchmark, 12);
    expect(a.spread!.spreadBp).toBeCloseTo((a.yield - benchmark) * 100, 10);
  });

  it("a class with no principal (the X strip) gets no spread", () => {
    const a = priceClasses(base, deal, { quotes: [{ classId: "X", yield: 8 }], curve: flatCurve(4.5) })["X"];
    expect(a.averageLife).toBeNull();
    expect(a.spread).toBeUndefined();
  });
});
