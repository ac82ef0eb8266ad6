/**
 * An exchangeable (MACR) class is priced like any class: E-1 of cwalt-2007-xpz
 * (C-1 + C-2) through priceClasses, the yield table, the decrement table, the
 * breakeven search and the grid, each checked against its components computed
 * separately (present values add, so a full price is the face-weighted average of
 * the parts' full prices at one yield; balances and writedowns add).
 */
import { describe, expect, it } from "vitest";
import { parseCivilDate, type CivilDate } from "../../src/core/civil-date.js";
import { DEFAULT_SCENARIO, type Scenario } from "../../src/core/scenario.js";
import { loadDeal } from "../../src/deal/load-deal.js";
import { priceableClass } from "../../src/deal/priceable-classes.js";
import { validateDeal } from "../../src/deal/validate.js";
import type { Deal } from "../../src/deal/schema.js";
import { readDealDocument } from "../../src/compute/deal-document.js";
import { gridClasses, runGridChunk } from "../../src/compute/grid.js";
import { classCashFlows } from "../../src/engine/class-cash-flows.js";
import { priceClasses } from "../../src/engine/price-classes.js";
import { project } from "../../src/engine/project.js";
import { breakeven } from "../../src/engine/tables/breakeven.js";
import { decrementTable } from "../../src/engine/tables/decrement-table.js";
import { yieldTable } from "../../src/engine/tables/yield-table.js";

const { deal } = loadDeal("cwalt-2007-xpz");
const ppc = (v: number): Scenario => ({ ...DEFAULT_SCENARIO, prepayment: { unit: "ppc", values: [v] } });
const cents = (x: number) => Math.round(x * 100);

/** E-1's full price at yield y from C-1's and C-2's at y, weighted by their faces at settlement. */
function partsFullPrice(d: Deal, scenario: Scenario, y: number, settlement: CivilDate) {
  const r = project(d, scenario);
  let dollars = 0;
  let face = 0;
  for (const id of ["C-1", "C-2"]) {
    const f = classCashFlows(r, d, id, { settlement }).currentFace;
    const a = priceClasses(r, d, { quotes: [{ classId: id, yield: y }], settlement })[id];
    dollars += (a.fullPrice * f) / 100;
    face += f;
  }
  return (100 * dollars) / face;
}

describe("exchangeable class E-1 priced like any class", () => {
  it("its receipts are C-1's plus C-2's to the cent, per 100 of the combined face", () => {
    const r = project(deal, ppc(200));
    const settlement = parseCivilDate("2008-03-28");
    const e = classCashFlows(r, deal, "E-1", { settlement });
    const parts = ["C-1", "C-2"].map((id) => classCashFlows(r, deal, id, { settlement }));
    expect(e.currentFace).toBeCloseTo(parts[0].currentFace + parts[1].currentFace, 6);
    const byPeriod = (c: typeof e, p: number) => c.flows.find((f) => f.period === p);
    for (const f of e.flows) {
      let interest = 0;
      let principal = 0;
      for (const c of parts) {
        const g = byPeriod(c, f.period);
        if (g) {
          interest += (g.interest * c.currentFace) / 100;
          principal += (g.principal * c.currentFace) / 100;
        }
      }
      expect(cents((f.interest * e.currentFace) / 100), `period ${f.period} interest`).toBe(cents(interest));
      expect(cents((f.principal * e.currentFace) / 100), `period ${f.period} principal`).toBe(cents(principal));
    }
  });

  it("price from yield and yield from price agree with the parts' present values, at closing and mid-life", () => {
    for (const [speed, settlement] of [[100, deal.dates.closingDate], [200, parseCivilDate("2008-03-28")], [300, parseCivilDate("2008-01-28")]] as const) {
      const r = project(deal, ppc(speed));
      const at = priceClasses(r, deal, { quotes: [{ classId: "E-1", yield: 6.25 }], settlement })["E-1"];
      expect(at.fullPrice).toBeCloseTo(partsFullPrice(deal, ppc(speed), 6.25, settlement), 9);
      const solved = priceClasses(r, deal, { quotes: [{ classId: "E-1", price: 99.5 }], settlement })["E-1"];
      expect(partsFullPrice(deal, ppc(speed), solved.yield, settlement)).toBeCloseTo(solved.fullPrice, 7);
      expect(solved.coupon).toBe(6);
    }
  });

  it("components with different coupons: E-1's rate is the one its interest implies (30M at 6% + 20M at 5.5% = 5.8%)", () => {
    const mixed: Deal = { ...deal, classes: deal.classes.map((c) => (c.id === "C-2" ? { ...c, coupon: { kind: "fixed" as const, rate: 5.5 } } : c)) };
    expect(validateDeal(mixed).filter((i) => i.path[0] === "exchangeableClasses")).toEqual([]);
    const r = project(mixed, ppc(200));
    const a = priceClasses(r, mixed, { quotes: [{ classId: "E-1", yield: 6 }] })["E-1"];
    expect(a.coupon).toBeCloseTo(5.8, 9);
    expect(a.fullPrice).toBeCloseTo(partsFullPrice(mixed, ppc(200), 6, mixed.dates.closingDate), 9);
    expect(priceableClass(mixed, "E-1")!.coupon.kind).toBe("none");
  });

  it("the yield table's cells are priceClasses' at each speed", () => {
    const t = yieldTable({ deal, baseScenario: DEFAULT_SCENARIO, classId: "E-1", speeds: [100, 250], unit: "ppc", quotes: { kind: "price", values: [98, 100] } });
    t.rows.forEach((row) =>
      row.cells.forEach((cell, s) => {
        const speed = [100, 250][s];
        const expected = priceClasses(project(deal, ppc(speed)), deal, { quotes: [{ classId: "E-1", price: row.quote }] })["E-1"];
        expect(cell.yield).toBeCloseTo(expected.yield, 10);
        expect(partsFullPrice(deal, ppc(speed), cell.yield, deal.dates.closingDate)).toBeCloseTo(cell.fullPrice, 7);
      }),
    );
  });

  it("the decrement table lists E-1 by default, its percentage the parts' balances over 50,000,000", () => {
    const speeds = [0, 100, 200, 300, 400];
    const t = decrementTable({ deal, baseScenario: DEFAULT_SCENARIO, speeds, unit: "ppc" });
    const e = t.classes.find((c) => c.classId === "E-1")!;
    expect(e).toBeDefined();
    expect(e.initialBalance).toBe(50_000_000);
    speeds.forEach((speed, s) => {
      const r = project(deal, ppc(speed));
      e.rows.slice(1).forEach((row, y) => {
        const period = 12 * (y + 1) + 1;
        const bal = (id: string) => {
          const f = r.classes[id].flows;
          return f.length === 0 ? 0 : f[Math.min(period, f.length) - 1].endBalance;
        };
        const combined = bal("C-1") + bal("C-2");
        expect(row.percents[s]).toBeCloseTo(combined < 0.005 ? 0 : (100 * combined) / 50_000_000, 9);
      });
    });
  });

  it("breakeven: at E-1's breakeven CDR the parts together lose at least $1, a hundredth lower less", () => {
    const base: Scenario = { ...ppc(100), severity: [40], recoveryLag: 12 };
    const b = breakeven({ deal, baseScenario: base, classId: "E-1" });
    expect(b.breakevenCdr).not.toBeNull();
    const lost = (cdr: number) => {
      const r = project(deal, { ...base, default: { unit: "cdr", values: [cdr] } });
      return ["C-1", "C-2"].reduce((s, id) => s + r.classes[id].flows.reduce((t, f) => t + f.writedown, 0), 0);
    };
    expect(lost(b.breakevenCdr!)).toBeGreaterThanOrEqual(1);
    expect(lost(Math.round(b.breakevenCdr! * 100 - 1) / 100)).toBeLessThan(1);
  });

  it("grid rows include E-1 (by default and by --class) with the parts' totals and a yield at its price", async () => {
    const doc = await readDealDocument("cwalt-2007-xpz");
    expect(gridClasses(deal, null)).toContain("E-1");
    const [cells] = runGridChunk({ deal: doc, scenarios: [ppc(150)], classes: ["C-1", "C-2", "E-1"], pricing: { quotes: [{ classId: "E-1", price: 99 }] } });
    const [c1, c2, e] = cells;
    expect(cents(e.principal)).toBe(cents(c1.principal + c2.principal));
    expect(cents(e.interest)).toBe(cents(c1.interest + c2.interest));
    const expected = priceClasses(project(deal, ppc(150)), deal, { quotes: [{ classId: "E-1", price: 99 }] })["E-1"];
    expect(e.yield).toBeCloseTo(expected.yield, 10);
  });
});
