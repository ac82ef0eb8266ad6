import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO } from "../core/scenario.js";
import { loadDeal } from "../deal/index.js";
import { shiftCurve } from "../rates/curve.js";
import { parseCurveFile } from "../rates/curve-file.js";
import { parsePrepaymentModel } from "../rates/prepayment-model.js";
import { forwardPath } from "../rates/simulate.js";
import { tranche } from "../../test/support/cli.js";
import { collateralWal } from "./collateral-wal.js";
import { project } from "./project.js";
import { pathScenario, pathScenarioContext, simulationMonths } from "./rate-scenarios.js";

const model = parsePrepaymentModel(readFileSync("data/prepayment-models/default.json", "utf8"), "default.json");
const curveOf = (id: string) => parseCurveFile(readFileSync(`data/curves/${id}.json`, "utf8"), id).curve;
const { deal } = loadDeal("cwalt-2007-12t1");
const curve = curveOf("cwalt-2007-12t1");
const months = simulationMonths(deal);

describe("the prepayment model on a rate path", () => {
  it("on the bundled curve's forward path 2007-12T1's collateral has its 100 PPC WAL (the stated calibration)", () => {
    const ps = pathScenario(pathScenarioContext(deal, DEFAULT_SCENARIO, model), forwardPath(curve, months, model.mortgageRateSpread), 0);
    const wal = collateralWal(project(deal, ps.scenario));
    const ppc = collateralWal(project(deal, DEFAULT_SCENARIO));
    expect(Math.abs(wal - ppc)).toBeLessThan(0.02);
    expect(model.calibration).toContain(ppc.toFixed(3));
    // Seasoned CPR near PPC's 20.
    const cpr = ps.cpr!;
    const year3 = cpr.slice(24, 36).reduce((a, b) => a + b, 0) / 12;
    expect(year3).toBeGreaterThan(17);
    expect(year3).toBeLessThan(23);
  });

  it("prepays faster when rates fall (refinancing) and slower when they rise", () => {
    const cprAt = (bp: number) => {
      const ps = pathScenario(pathScenarioContext(deal, DEFAULT_SCENARIO, model), forwardPath(shiftCurve(curve, bp), months, model.mortgageRateSpread), 0);
      return ps.cpr!.slice(12, 24).reduce((a, b) => a + b, 0) / 12;
    };
    expect(cprAt(-100)).toBeGreaterThan(cprAt(0) + 5);
    expect(cprAt(100)).toBeLessThan(cprAt(0));
  });

  it("ARM resets feed the incentive: a higher One-Year LIBOR after 2006-HY12's resets prepays faster", () => {
    const hy = loadDeal("cwalt-2006-hy12").deal;
    const hyCurve = curveOf("cwalt-2006-hy12");
    const at = (libor: number) => {
      const base = { ...DEFAULT_SCENARIO, prepayment: { unit: "cpr" as const, values: [25] }, indices: { LIBOR_1Y: { values: [libor] } } };
      const ps = pathScenario(pathScenarioContext(hy, base, model, true), forwardPath(hyCurve, simulationMonths(hy), model.mortgageRateSpread), 0);
      expect(ps.scenario.indices.LIBOR_1Y.values[100]).toBe(libor);
      return ps.cpr!;
    };
    const low = at(4);
    const high = at(8);
    // Before the first resets (age 60 / 84) the rates are the same; after, the higher index resets higher.
    expect(high[30]).toBeCloseTo(low[30], 10);
    expect(high[70]).toBeGreaterThan(low[70] + 5);
  });

  it("`none` keeps the scenario's prepayment and sets the indices from the path", () => {
    const path = forwardPath(curve, months, 0);
    const ps = pathScenario(pathScenarioContext(deal, DEFAULT_SCENARIO, null), path, 0);
    expect(ps.scenario.prepayment).toEqual(DEFAULT_SCENARIO.prepayment);
    expect(ps.scenario.indices.LIBOR_1M.values[0]).toBeCloseTo(5.32, 4);
    expect(ps.scenario.indices.LIBOR_1M.values[24]).toBe(path.libor1m[24]);
  });

  it("tranche project --prepay-model default is the ordinary projection of the forward path's scenario", async () => {
    const { code, stdout } = await tranche("project", "cwalt-2007-12t1", "--prepay-model", "default", "--format", "json");
    expect(code).toBe(0);
    const cli = JSON.parse(stdout);
    const ps = pathScenario(pathScenarioContext(deal, DEFAULT_SCENARIO, model, true), forwardPath(curve, months, model.mortgageRateSpread), 0);
    const direct = project(deal, ps.scenario);
    expect(cli.classes["A-4"].wal).toBe(direct.classes["A-4"].wal);
    expect(cli.scenario.prepayment.unit).toBe("smm");
    const table = await tranche("project", "cwalt-2007-12t1", "--prepay-model", "default");
    expect(table.stdout).toMatch(/Scenario: prepayment model default \(CPR yr 1 [\d.]+/);
    const bad = await tranche("project", "cwalt-2007-12t1", "--prepay-model", "nope");
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('unknown prepayment model "nope" (bundled: default, none');
  });

  it("a model file's errors name the file and field", () => {
    const text = readFileSync("data/prepayment-models/default.json", "utf8");
    const doc = JSON.parse(text);
    expect(() => parsePrepaymentModel(JSON.stringify({ ...doc, seasonality: [1, 1] }), "m.json")).toThrow(/m.json: seasonality must list 12/);
    expect(() => parsePrepaymentModel(JSON.stringify({ ...doc, turnover: { cpr: -1 } }), "m.json")).toThrow(/m.json: turnover.cpr must be a number from 0 to 100/);
    const { modeled: _m, ...noProvenance } = doc;
    expect(() => parsePrepaymentModel(JSON.stringify(noProvenance), "m.json")).toThrow(/m.json: says neither/);
  });
});
