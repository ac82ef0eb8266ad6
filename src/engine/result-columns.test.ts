/**
 * The result's rows are built from the columns on first read: every way a
 * caller reads a `ProjectionResult` (property access, JSON, structured clone as
 * worker threads use, spreading, assignment) must see ordinary arrays of rows,
 * equal to the columns `classFlowColumns` gives.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO } from "../core/scenario.js";
import { loadDeal } from "../deal/load-deal.js";
import { project } from "./project.js";
import { classFlowColumns } from "./result-columns.js";
import type { ClassResult } from "./result.js";

const { deal } = loadDeal("cwalt-2007-12t1");

describe("rows over columns", () => {
  it("a class's rows are its columns, period by period, built once", () => {
    const r = project(deal, DEFAULT_SCENARIO);
    for (const [id, c] of Object.entries(r.classes)) {
      const cols = classFlowColumns(c);
      const rows = c.flows;
      expect(rows, id).toBe(c.flows); // built once, then an ordinary data property
      expect(rows.length).toBe(cols.count);
      rows.forEach((row, i) => {
        expect(row.period).toBe(i + 1);
        expect(row.date).toBe(cols.dates[i]);
        expect([row.beginBalance, row.interest, row.principal, row.writedown, row.endBalance, row.interestShortfall]).toEqual([
          cols.beginBalance[i],
          cols.interest[i],
          cols.principal[i],
          cols.writedown[i],
          cols.endBalance[i],
          cols.interestShortfall[i],
        ]);
      });
      // Balances roll forward: begin − principal − writedown = end (non-notional classes).
      if (!c.notional) {
        for (let i = 0; i < cols.count; i++) {
          expect(cols.beginBalance[i] - cols.principal[i] - cols.writedown[i]).toBeCloseTo(cols.endBalance[i], 4);
        }
      }
    }
    expect(r.collateral.length).toBe(classFlowColumns(r.classes["A-1"]).count);
    expect(r.tests.length).toBe(r.collateral.length);
    expect(r.collateral[0].period).toBe(1);
  });

  it("JSON, structured clone and spreading see the rows; keys keep their order", () => {
    const r = project(deal, DEFAULT_SCENARIO);
    const parsed = JSON.parse(JSON.stringify(r));
    expect(Object.keys(parsed)).toEqual(["deal", "scenario", "collateral", "classes", "depletionPeriod", "terminationPeriod", "corridor", "tests"]);
    expect(Object.keys(parsed.classes["A-3"])).toEqual(["type", "offered", "group", "notional", "initialBalance", "flows", "wal"]);
    expect(parsed.classes["A-3"].flows).toEqual(r.classes["A-3"].flows);
    expect(parsed.collateral).toEqual(r.collateral);
    expect(parsed.tests).toEqual(r.tests);

    const fresh = project(deal, DEFAULT_SCENARIO);
    const cloned = structuredClone(fresh);
    expect(cloned.classes["A-1"].flows).toEqual(r.classes["A-1"].flows);
    expect(cloned.collateral).toEqual(r.collateral);
    const spread = { ...project(deal, DEFAULT_SCENARIO).classes["PO"] };
    expect(spread.flows).toEqual(r.classes["PO"].flows);
  });

  it("a value assigned before the first read is kept", () => {
    const r = project(deal, DEFAULT_SCENARIO);
    r.classes["A-1"].flows = [];
    r.collateral = [];
    expect(r.classes["A-1"].flows).toEqual([]);
    expect(r.collateral).toEqual([]);
    expect(JSON.parse(JSON.stringify(r)).classes["A-1"].flows).toEqual([]);
  });

  it("columns of a class result built by hand come from its rows", () => {
    const c: ClassResult = {
      type: ["senior"],
      offered: true,
      group: null,
      notional: false,
      initialBalance: 100,
      wal: 1,
      flows: [
        { period: 1, date: "2007-05-25", beginBalance: 100, interest: 0.5, principal: 40, writedown: 0, endBalance: 60, interestShortfall: 0 },
        { period: 2, date: "2007-06-25", beginBalance: 60, interest: 0.3, principal: 55, writedown: 5, endBalance: 0, interestShortfall: 0.1 },
      ],
    };
    const cols = classFlowColumns(c);
    expect(cols.count).toBe(2);
    expect(Array.from(cols.principal)).toEqual([40, 55]);
    expect(Array.from(cols.writedown)).toEqual([0, 5]);
    expect(Array.from(cols.interestShortfall)).toEqual([0, 0.1]);
    expect(cols.dates).toEqual(["2007-05-25", "2007-06-25"]);
  });
});
