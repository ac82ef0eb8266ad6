import { describe, expect, it } from "vitest";
import type { CivilDate } from "../../core/civil-date.js";
import { flatCurve } from "../../analytics/yield-curve.js";
import { DEFAULT_SCENARIO } from "../../core/scenario.js";
import { loadDeal } from "../../deal/load-deal.js";
import { fakeResult } from "../../../test/support/fake-projection.js";
import { decrementTable } from "./decrement-table.js";
import type { Projector } from "./projector.js";
import { yieldTable } from "./yield-table.js";

const { deal } = loadDeal("cwalt-2007-12t1");

describe("yield table on a hand-built class", () => {
  // At speed s, A-4 (1,000) is repaid in full in period s (a bullet), 6% interest before.
  const bullet: Projector = (d, scenario) => {
    const n = scenario.prepayment.values[0];
    return fakeResult(d, { "A-4": { initialBalance: 1_000, principal: [...Array(n - 1).fill(0), 1_000] } }, scenario);
  };

  it("par at 6% with a 24-day delay: the mortgage yield is a little under 6%, and lower for the later bullet", () => {
    const t = yieldTable({ deal, baseScenario: DEFAULT_SCENARIO, classId: "A-4", speeds: [12, 60], unit: "ppc", quotes: { kind: "price", values: [100] }, projector: bullet });
    // Settling on the Closing Date with 29 days accrued; each month's 0.5 arrives 24 days after the month ends.
    // Full price 100.4833… = Σ 0.5 v^(T_k) + 100 v^(T_n), T_k = (25 + 30(k − 1))/360.
    for (const [j, n] of [12, 60].entries()) {
      const y = t.rows[0].cells[j].yield;
      let pv = 0;
      for (let k = 1; k <= n; k++) pv += (k === n ? 100.5 : 0.5) * Math.pow(1 + y / 200, (-2 * (25 + 30 * (k - 1))) / 360);
      expect(pv).toBeCloseTo(100 + (6 * 29) / 360, 10);
      expect(t.rows[0].cells[j].mortgageYield).toBeLessThan(6);
      expect(t.bySpeed[j].firstPrincipalDate).toBe(t.bySpeed[j].lastPrincipalDate);
      expect(t.bySpeed[j].averageLife).toBeCloseTo((25 + 30 * (n - 1)) / 360, 12);
    }
    expect(t.bySpeed[0].firstPrincipalDate).toBe("2008-04-25");
  });
});

describe("yield table of 2007-12T1 Class A-4", () => {
  const speeds = [0, 100, 200];
  const prices = [98, 99, 100, 101];
  const table = yieldTable({ deal, baseScenario: DEFAULT_SCENARIO, classId: "A-4", speeds, unit: "ppc", quotes: { kind: "price", values: prices } });

  it("yield falls as the price rises, at every speed", () => {
    for (let j = 0; j < speeds.length; j++) {
      for (let i = 1; i < prices.length; i++) expect(table.rows[i].cells[j].yield).toBeLessThan(table.rows[i - 1].cells[j].yield);
    }
  });

  it("a discount gains yield with speed, a premium loses it", () => {
    const discount = table.rows[0].cells.map((c) => c.yield);
    const premium = table.rows[3].cells.map((c) => c.yield);
    expect(discount[2]).toBeGreaterThan(discount[0]);
    expect(premium[2]).toBeLessThan(premium[0]);
  });

  it("a price table at the yields found gives the prices back", () => {
    const yields = table.rows.map((r) => r.cells[1].yield);
    const back = yieldTable({ deal, baseScenario: DEFAULT_SCENARIO, classId: "A-4", speeds: [100], unit: "ppc", quotes: { kind: "yield", values: yields } });
    back.rows.forEach((r, i) => expect(r.cells[0].price).toBeCloseTo(prices[i], 9));
  });

  it("WAL from the Closing Date settlement equals the decrement table's WAL; duration is taken at the middle price", () => {
    const dec = decrementTable({ deal, baseScenario: DEFAULT_SCENARIO, speeds, unit: "ppc", classes: ["A-4"] });
    table.bySpeed.forEach((s, j) => expect(s.averageLife).toBeCloseTo(dec.classes[0].weightedAverageLife[j]!, 10));
    expect(table.referenceQuote).toBe(99);
    table.bySpeed.forEach((s, j) => expect(s.modifiedDuration).toBe(table.rows[1].cells[j].modifiedDuration));
  });

  it("settling a month later: the buyer starts with June's distribution, pays 29 days of May and has a shorter average life", () => {
    const later = yieldTable({
      deal,
      baseScenario: DEFAULT_SCENARIO,
      classId: "A-4",
      speeds: [100],
      unit: "ppc",
      quotes: { kind: "price", values: [100] },
      settlement: "2007-05-30" as CivilDate,
    });
    expect(later.rows[0].cells[0].firstPaymentPeriod).toBe(2);
    expect(later.rows[0].cells[0].accruedDays).toBe(29);
    expect(later.rows[0].cells[0].averageLife!).toBeLessThan(table.bySpeed[1].averageLife!);
  });

  it("rejects an unknown class and a non-positive price", () => {
    expect(() => yieldTable({ deal, baseScenario: DEFAULT_SCENARIO, classId: "Q", speeds: [100], unit: "ppc", quotes: { kind: "price", values: [100] } })).toThrow(/no class "Q"/);
    expect(() => yieldTable({ deal, baseScenario: DEFAULT_SCENARIO, classId: "A-4", speeds: [100], unit: "ppc", quotes: { kind: "price", values: [0] } })).toThrow(/not a valid price/);
  });
});

describe("yield table with a benchmark and effective measures", () => {
  it("every cell gets its spread at its own average life and its effective duration from the re-projected deal", () => {
    const t = yieldTable({
      deal,
      baseScenario: DEFAULT_SCENARIO,
      classId: "A-3",
      speeds: [100, 200],
      unit: "ppc",
      quotes: { kind: "price", values: [99, 101] },
      curve: flatCurve(4.5),
      effectiveShiftBp: 25,
    });
    for (const row of t.rows) {
      for (const cell of row.cells) {
        expect(cell.spread!.spreadBp).toBe((cell.yield - 4.5) * 100);
        // A fixed-rate class: re-projection leaves its flows alone (no rate-dependent prepayments).
        expect(Math.abs(cell.effectiveDuration! - cell.modifiedDuration)).toBeLessThan(1e-3);
      }
    }
  });
});
