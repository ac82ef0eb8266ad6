import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, type Scenario } from "../core/scenario.js";
import { loadDeal } from "../deal/index.js";
import { project } from "./project.js";
import { projectBatch } from "./project-batch.js";

describe("projectBatch", () => {
  it("returns, in order, what project() returns for each scenario", () => {
    const { deal } = loadDeal("cwalt-2007-12t1");
    const scenarios: Scenario[] = [
      DEFAULT_SCENARIO,
      { ...DEFAULT_SCENARIO, prepayment: { unit: "cpr", values: [25] }, default: { unit: "cdr", values: [10] }, severity: [50], recoveryLag: 6 },
      { ...DEFAULT_SCENARIO, prepayment: { unit: "psa", values: [300] } },
    ];
    const batch = projectBatch(deal, scenarios);
    expect(batch).toHaveLength(3);
    scenarios.forEach((scenario, s) => {
      expect(JSON.parse(JSON.stringify(batch[s]))).toEqual(JSON.parse(JSON.stringify(project(deal, scenario))));
    });
    expect(batch[0].classes["A-3"].wal).not.toBeCloseTo(batch[2].classes["A-3"].wal ?? 0, 2);
  });
});
