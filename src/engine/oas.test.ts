import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO } from "../core/scenario.js";
import { loadDeal } from "../deal/index.js";
import { discountFactor } from "../rates/curve.js";
import { parseCurveFile } from "../rates/curve-file.js";
import { parsePrepaymentModel } from "../rates/prepayment-model.js";
import { forwardPath } from "../rates/simulate.js";
import { runOas } from "./oas.js";
import { priceClasses } from "./price-classes.js";
import { project } from "./project.js";
import { pathScenario, pathScenarioContext, simulationMonths } from "./rate-scenarios.js";

const { deal } = loadDeal("cwalt-2007-12t1");
const curve = parseCurveFile(readFileSync("data/curves/cwalt-2007-12t1.json", "utf8"), "c").curve;
const model = parsePrepaymentModel(readFileSync("data/prepayment-models/default.json", "utf8"), "m");
const quotes = [
  { classId: "A-1", price: 100 },
  { classId: "A-3", price: 99.5 },
  { classId: "A-4", price: 98 },
  { classId: "X", price: 2 },
  { classId: "PO", price: 60 },
];

describe("runOas", () => {
  it("with vol 0 and no prepayment model, each class's OAS is its Z-spread (to 0.1 bp) and its OAD its effective duration", () => {
    const r = runOas(deal, { curve, quotes, paths: 2, volatility: 0, prepaymentModel: null, baseScenario: DEFAULT_SCENARIO });
    // The effective duration of the forward path's projection (index paths and yield ±25 bp, re-projected).
    const fwd = pathScenario(pathScenarioContext(deal, DEFAULT_SCENARIO, null), forwardPath(curve, simulationMonths(deal)), 0).scenario;
    const eff = priceClasses(project(deal, fwd), deal, { quotes, effectiveShiftBp: 25 });
    for (const q of quotes) {
      const c = r.classes[q.classId];
      expect(Math.abs(c.oas - c.zSpread)).toBeLessThan(0.1);
      expect(c.oasStandardError).toBeLessThan(1e-6);
      // The effective duration moves the class's bond-equivalent yield y by ±Δ, the OAD the curve's yields z by ±Δ:
      // d ln(1+y/2)^(-2t) = −t/(1+y/2) against −t/(1+z/2), so OAD = effective duration × (1+y/2)/(1+z/2), z the curve's
      // bond-equivalent zero yield where the class's cash is (its average life; 3 years for the IO).
      const a = eff[q.classId];
      const t = a.averageLife ?? 3;
      const z = 200 * (discountFactor(curve, t) ** (-1 / (2 * t)) - 1);
      if (q.classId === "A-1") {
        // A floater: both near zero (the index moves with the discounting); the curve's shift moves the simple
        // ACT/360 LIBOR forwards by a little more than Δ, the effective duration's by exactly Δ.
        expect(Math.abs(c.oad!)).toBeLessThan(0.15);
        expect(Math.abs(a.effectiveDuration!)).toBeLessThan(0.15);
      } else {
        const expected = (a.effectiveDuration! * (1 + a.yield / 200)) / (1 + z / 200);
        expect(Math.abs(c.oad! - expected)).toBeLessThan(0.005 * Math.abs(expected));
      }
    }
  });

  it("the same seed gives the same figures; more paths shrink the standard error", () => {
    const opts = { curve, quotes: quotes.slice(1, 3), volatility: 1, prepaymentModel: model, baseScenario: DEFAULT_SCENARIO, shiftBp: 0 };
    const a = runOas(deal, { ...opts, paths: 16, seed: 3 });
    const b = runOas(deal, { ...opts, paths: 16, seed: 3 });
    const strip = (r: ReturnType<typeof runOas>) => JSON.stringify({ ...r, runSeconds: 0 });
    expect(strip(a)).toBe(strip(b));
    const c = runOas(deal, { ...opts, paths: 64, seed: 3 });
    for (const id of ["A-3", "A-4"]) expect(c.classes[id].oasStandardError).toBeLessThan(a.classes[id].oasStandardError);
    expect(c.corridors[0].standardError).toBeLessThan(a.corridors[0].standardError);
  });

  it("economics under the model: the X strip's OAD is negative, the PO's above a fixed class's of about its WAL", () => {
    const r = runOas(deal, { curve, quotes, paths: 16, seed: 1, volatility: 1, prepaymentModel: model, baseScenario: DEFAULT_SCENARIO });
    expect(r.classes.X.oad!).toBeLessThan(0);
    // A-3 (WAL ≈ 2.3) and A-4 (≈ 9) bracket the PO's WAL (≈ 3.7); the PO's OAD is above both.
    expect(r.classes.PO.averageLife!).toBeGreaterThan(r.classes["A-3"].averageLife!);
    expect(r.classes.PO.averageLife!).toBeLessThan(r.classes["A-4"].averageLife!);
    expect(r.classes.PO.oad!).toBeGreaterThan(r.classes["A-4"].oad!);
    // Without the model the prepayments do not move: X's OAD is that of a fixed stream, positive.
    const none = runOas(deal, { curve, quotes: [{ classId: "X", price: 2 }], paths: 2, volatility: 0, prepaymentModel: null, baseScenario: DEFAULT_SCENARIO });
    expect(none.classes.X.oad!).toBeGreaterThan(0);
  });

  it("the corridor's Monte Carlo value agrees with the Hull-White strip of caplet spreads within 3 standard errors", () => {
    const r = runOas(deal, { curve, quotes: [{ classId: "A-4", price: 98 }], paths: 200, seed: 5, volatility: 1.2, prepaymentModel: null, baseScenario: DEFAULT_SCENARIO, shiftBp: 0 });
    const c = r.corridors[0];
    expect(c.analyticValue).toBeGreaterThan(0);
    expect(Math.abs(c.monteCarloValue - c.analyticValue)).toBeLessThan(3 * c.standardError);
  });

  it("names a bad class or price", () => {
    const base = { curve, paths: 2, prepaymentModel: null, baseScenario: DEFAULT_SCENARIO };
    expect(() => runOas(deal, { ...base, quotes: [{ classId: "Z-9", price: 100 }] })).toThrow(/has no class "Z-9"/);
    expect(() => runOas(deal, { ...base, quotes: [{ classId: "A-3", price: -1 }] })).toThrow(/class A-3: price must be a positive number/);
    expect(() => runOas(deal, { ...base, quotes: [{ classId: "A-3", price: 100 }], paths: 3 })).toThrow(/paths must be even/);
  });
});
