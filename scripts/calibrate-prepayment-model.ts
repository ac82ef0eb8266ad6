/**
 * Calibrates data/prepayment-models/default.json's turnover CPR so that on the
 * forward path of 2007-12T1's bundled curve the collateral's WAL equals its WAL at
 * 100% PPC (the pricing speed), then writes the fit into the file's `calibration`.
 * Run: npx tsx scripts/calibrate-prepayment-model.ts [--check]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { DEFAULT_SCENARIO } from "../src/core/scenario.js";
import { loadDeal } from "../src/deal/index.js";
import { collateralWal } from "../src/engine/collateral-wal.js";
import { project } from "../src/engine/project.js";
import { pathScenario, pathScenarioContext, simulationMonths } from "../src/engine/rate-scenarios.js";
import { parseCurveFile } from "../src/rates/curve-file.js";
import { parsePrepaymentModel, type PrepaymentModel } from "../src/rates/prepayment-model.js";
import { forwardPath } from "../src/rates/simulate.js";

const file = "data/prepayment-models/default.json";
const text = readFileSync(file, "utf8");
const model = parsePrepaymentModel(text, file);
const { deal } = loadDeal("cwalt-2007-12t1");
const curve = parseCurveFile(readFileSync("data/curves/cwalt-2007-12t1.json", "utf8"), "cwalt-2007-12t1.json").curve;
const path = forwardPath(curve, simulationMonths(deal), model.mortgageRateSpread);
const target = collateralWal(project(deal, DEFAULT_SCENARIO));

function walAt(m: PrepaymentModel): { wal: number; cpr: Float64Array } {
  const ps = pathScenario(pathScenarioContext(deal, DEFAULT_SCENARIO, m), path, 0);
  return { wal: collateralWal(project(deal, ps.scenario)), cpr: ps.cpr! };
}

let fitted = model;
if (!process.argv.includes("--check")) {
  let lo = 1;
  let hi = 40;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (walAt({ ...model, turnover: { cpr: mid } }).wal > target) lo = mid;
    else hi = mid;
  }
  fitted = { ...model, turnover: { cpr: Math.round(((lo + hi) / 2) * 100) / 100 } };
}
const { wal, cpr } = walAt(fitted);
const ppcCpr = (age: number) => (age >= 12 ? 20 : 8 + ((20 - 8) * (age - 1)) / 11);
const years = [1, 2, 3, 5, 10].map((y) => {
  let m = 0;
  let ppc = 0;
  for (let p = (y - 1) * 12; p < y * 12; p++) {
    m += cpr[p];
    ppc += ppcCpr(p + 3);
  }
  return `year ${y} ${(m / 12).toFixed(1)} CPR (100 PPC ${(ppc / 12).toFixed(1)})`;
});
const calibration = `turnover.cpr fitted by bisection (scripts/calibrate-prepayment-model.ts) so that 2007-12T1's collateral WAL on its bundled curve's forward path (data/curves/cwalt-2007-12t1.json, mortgage rate = 10y swap + ${fitted.mortgageRateSpread}) equals its WAL at 100% PPC: ${wal.toFixed(3)} vs ${target.toFixed(3)} years. Average model CPR by year against 100 PPC's (the pool's R2 age): ${years.join("; ")}.`;
console.log(calibration);
if (!process.argv.includes("--check")) {
  const doc = JSON.parse(text);
  doc.turnover.cpr = fitted.turnover.cpr;
  doc.calibration = calibration;
  writeFileSync(file, JSON.stringify(doc, null, 2) + "\n");
}
