import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, type Scenario } from "../../core/scenario.js";
import { loadDeal } from "../../deal/load-deal.js";
import { fakeResult } from "../../../test/support/fake-projection.js";
import { decrementTable } from "./decrement-table.js";
import type { Projector } from "./projector.js";

const { deal } = loadDeal("cwalt-2007-12t1");

/** At speed s, A-3 (1,000) pays s per period until paid off; X is notional and halves at the first anniversary. */
const handProjector: Projector = (d, scenario: Scenario) => {
  const s = scenario.prepayment.values[0];
  const perPeriod = Math.max(s, 1);
  const principal: number[] = [];
  for (let left = 1_000; left > 1e-9; left -= perPeriod) principal.push(Math.min(perPeriod, left));
  return fakeResult(
    d,
    {
      "A-3": { initialBalance: 1_000, principal },
      X: { initialBalance: 800, principal: [...Array(12).fill(0), 400, ...Array(11).fill(0), 400], notional: true },
    },
    scenario,
  );
};

describe("decrement table on hand-built cash flows", () => {
  const table = decrementTable({ deal, baseScenario: DEFAULT_SCENARIO, speeds: [1, 10, 40], unit: "ppc", classes: ["A-3", "X"], projector: handProjector });

  it("rows: Initial 100, then each anniversary of the first Distribution Date after its distribution", () => {
    const a3 = table.classes.find((c) => c.classId === "A-3")!;
    expect(a3.rows[0]).toEqual({ date: null, percents: [100, 100, 100], display: ["100", "100", "100"] });
    // After 13 distributions (through 2008-05-25): 1,000 − 13 s.
    expect(a3.rows[1].date).toBe("2008-05-25");
    [98.7, 87, 48].forEach((p, j) => expect(a3.rows[1].percents[j]).toBeCloseTo(p, 12));
    expect(a3.rows[1].display).toEqual(["99", "87", "48"]);
    // At 40 a period, A-3 is paid off in period 25 (2009-05-25): the second anniversary shows 0 there.
    expect(a3.rows[2].display[2]).toBe("0");
  });

  it("runs until the class is paid off at every speed, that row included", () => {
    const a3 = table.classes.find((c) => c.classId === "A-3")!;
    // At 1 a period the last principal is period 1,000 (2090-08-25): the anniversary after it is year 84 (period 1,009).
    expect(a3.rows.at(-1)!.display).toEqual(["0", "0", "0"]);
    expect(a3.rows.at(-2)!.display[0]).not.toBe("0");
    expect(a3.rows).toHaveLength(1 + 84);
  });

  it("WAL: Σ principal × 30/360 years from the Closing Date to the 25th ÷ Σ principal", () => {
    const a3 = table.classes.find((c) => c.classId === "A-3")!;
    // At 40 a period: 25 payments of 40 on the 25th of May 2007 … May 2009.
    // Years from 2007-04-30 to the 25th of month k (k = 0..24 after May 2007): (25 + 30k)/360.
    let expected = 0;
    for (let k = 0; k < 25; k++) expected += (40 * (25 + 30 * k)) / 360;
    expect(a3.weightedAverageLife[2]).toBeCloseTo(expected / 1_000, 12);
  });

  it("notional classes are skipped unless asked for, then shown on their notional", () => {
    expect(table.classes.map((c) => c.classId)).toEqual(["A-3"]);
    expect(table.skipped).toEqual([{ classId: "X", reason: expect.stringContaining("notional") }]);
    const withX = decrementTable({ deal, baseScenario: DEFAULT_SCENARIO, speeds: [1], unit: "ppc", classes: ["X"], includeNotional: true, projector: handProjector });
    const x = withX.classes[0];
    expect(x.notional).toBe(true);
    expect(x.rows.map((r) => r.display[0])).toEqual(["100", "50", "0"]);
    // Notional reductions of 400 on 2008-05-25 (385 days) and 2009-05-25 (745 days).
    expect(x.weightedAverageLife[0]).toBeCloseTo((385 + 745) / 2 / 360, 12);
  });

  it("rejects an unknown class and bad speeds", () => {
    expect(() => decrementTable({ deal, baseScenario: DEFAULT_SCENARIO, speeds: [100], unit: "ppc", classes: ["Q"], projector: handProjector })).toThrow(/no class "Q"/);
    expect(() => decrementTable({ deal, baseScenario: DEFAULT_SCENARIO, speeds: [], unit: "ppc", projector: handProjector })).toThrow(/at least one/);
    expect(() => decrementTable({ deal, baseScenario: DEFAULT_SCENARIO, speeds: [120], unit: "cpr", projector: handProjector })).toThrow(/above 100/);
  });
});

describe("decrement table on the 2007-12T1 projection", () => {
  const speeds = [0, 50, 100, 200, 400];
  const table = decrementTable({ deal, baseScenario: DEFAULT_SCENARIO, speeds, unit: "ppc" });

  it("faster speed → shorter (or equal) WAL for every principal class; strictly for the sequential A-3 and A-5", () => {
    for (const c of table.classes) {
      const wal = c.weightedAverageLife.map((w) => w ?? 0);
      for (let i = 1; i < wal.length; i++) expect(wal[i], `${c.classId} at ${speeds[i]} PPC`).toBeLessThanOrEqual(wal[i - 1] + 1e-9);
    }
    for (const id of ["A-3", "A-5"]) {
      const wal = table.classes.find((c) => c.classId === id)!.weightedAverageLife as number[];
      for (let i = 1; i < wal.length; i++) expect(wal[i]).toBeLessThan(wal[i - 1]);
    }
  });

  it("percentages never rise over time, and every class ends paid off (to a few cents of float residue)", () => {
    for (const c of table.classes) {
      for (let j = 0; j < speeds.length; j++) {
        for (let i = 1; i < c.rows.length; i++) expect(c.rows[i].percents[j]).toBeLessThanOrEqual(c.rows[i - 1].percents[j] + 1e-9);
        // The engine's projection may end with a float residue (PO keeps about $0.013 at 400 PPC), printed "*".
        expect((c.rows.at(-1)!.percents[j] * c.initialBalance) / 100, `${c.classId} at ${speeds[j]} PPC`).toBeLessThan(0.05);
      }
    }
  });

  it("agrees with the engine's own WAL (same PSA convention)", async () => {
    const { project } = await import("../project.js");
    const result = project(deal, { ...DEFAULT_SCENARIO, prepayment: { unit: "ppc", values: [100] } });
    for (const c of table.classes) expect(c.weightedAverageLife[2], c.classId).toBeCloseTo(result.classes[c.classId].wal!, 10);
  });
});
