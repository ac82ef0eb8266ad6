/**
 * The pool's yield table (a GNMA pass-through's, SIFMA SF-47 to SF-55). Expected values come from
 * the standard's identities and from SF-3's balance formula worked here, not from the program.
 */
import { describe, expect, it } from "vitest";
import { parseCivilDate } from "../../core/civil-date.js";
import { poolYieldTable, type PoolYieldTableInput } from "./pool-yield-table.js";
import { GNMA_I_9_POOL } from "../../../test/support/pool-fixtures.js";

/** A GNMA I 9% pool on 9.5% mortgages, no defaults. */
const gnma = GNMA_I_9_POOL;
const SPEEDS = [0, 100, 150, 200, 300];
const NET = 9;
/** The bond-equivalent yield whose monthly-compounded equivalent is the net coupon. */
const PAR_YIELD = 200 * (Math.pow(1 + NET / 1200, 6) - 1);

const table = (prices: number[], delayDays = 0, pool = gnma, speeds = SPEEDS) =>
  poolYieldTable({ pool, unit: "psa", speeds, quotes: { kind: "price", values: prices }, terms: { delayDays } });

describe("poolYieldTable", () => {
  it("at par with no delay every speed yields the net coupon (mortgage yield 9, bond-equivalent 200((1 + 9/1200)^6 − 1))", () => {
    // Each month pays 9/1200 of the balance plus its decline, so discounting monthly at 9/1200 gives back par, whatever the speed.
    const t = table([98, 100, 102]);
    const par = t.rows[1];
    expect(par.quote).toBe(100);
    expect(par.cells).toHaveLength(SPEEDS.length);
    for (const c of par.cells) {
      expect(c.mortgageYield).toBeCloseTo(NET, 8);
      expect(c.yield).toBeCloseTo(PAR_YIELD, 8);
    }
    expect(PAR_YIELD).toBeCloseTo(9.1704, 4); // 1.0075^6 = 1.0458522…
  });

  it("a price table at the par yield with no delay is 100 at every speed", () => {
    const t = poolYieldTable({ pool: gnma, unit: "psa", speeds: SPEEDS, quotes: { kind: "yield", values: [PAR_YIELD] }, terms: { delayDays: 0 } });
    expect(t.quotedBy).toBe("yield");
    for (const c of t.rows[0].cells) expect(c.price).toBeCloseTo(100, 8);
  });

  it.each([0, 14])("delay %i: below par the yield rises with speed, above par it falls", (delay) => {
    // With full price P = 100 − (y − c)/1200 × Σ B(k−1) v^k (B the balance per 100, v the monthly discount factor), a faster
    // speed shrinks every B, so a discount needs a higher y and a premium a lower one. A delay moves every receipt d/360
    // later, which keeps the argument as long as the price stays below (above) 100 × (1 + Y_par/200)^(−2d/360) ≈ 99.66.
    const t = table([98, 102], delay);
    const [discount, premium] = t.rows.map((r) => r.cells.map((c) => c.yield));
    for (let j = 1; j < SPEEDS.length; j++) {
      expect(discount[j]).toBeGreaterThan(discount[j - 1]);
      expect(premium[j]).toBeLessThan(premium[j - 1]);
    }
    expect(discount[0]).toBeGreaterThan(PAR_YIELD);
    expect(premium[0]).toBeLessThan(PAR_YIELD);
  });

  it("the average life falls as the PSA speed rises, and is the same at every quote", () => {
    const t = table([98, 100, 102], 14);
    const wal = t.bySpeed.map((s) => s.averageLife!);
    for (let j = 1; j < wal.length; j++) expect(wal[j]).toBeLessThan(wal[j - 1]);
    for (const r of t.rows) r.cells.forEach((c, j) => expect(c.averageLife).toBeCloseTo(wal[j], 12));
    expect(t.bySpeed.map((s) => s.label)).toEqual(["0% PSA", "100% PSA", "150% PSA", "200% PSA", "300% PSA"]);
  });

  it("0 PSA: the average life of SF-3's scheduled amortization, summed by hand for a 12-month pool", () => {
    // BAL(M) = (1 − (1 + C/1200)^−M) / (1 − (1 + C/1200)^−12) per unit of original par, C = 9.5 (gross) and M months
    // remaining; month k's principal is BAL(13 − k) − BAL(12 − k), received at k/12 years (+ d/360 with a delay of d days).
    const x = 1 + 9.5 / 1200;
    const bal = (m: number) => (1 - Math.pow(x, -m)) / (1 - Math.pow(x, -12));
    let weighted = 0;
    let total = 0;
    for (let k = 1; k <= 12; k++) {
      const principal = bal(13 - k) - bal(12 - k);
      weighted += (k / 12) * principal;
      total += principal;
    }
    expect(total).toBeCloseTo(1, 14);
    const handWal = weighted / total;
    // A level payment's principal grows month by month, so the life is past the straight line's (1 + … + 12)/12/12 = 13/24.
    expect(handWal).toBeGreaterThan(13 / 24);
    expect(handWal).toBeLessThan(7 / 12);
    const pool = { ...gnma, term: 12 };
    const noDelay = table([99, 100], 0, pool, [0, 100]);
    expect(noDelay.bySpeed[0].averageLife).toBeCloseTo(handWal, 12);
    expect(noDelay.bySpeed[0]).toMatchObject({ firstPrincipalMonth: 1, lastPrincipalMonth: 12 });
    const delayed = table([99, 100], 14, pool, [0, 100]);
    expect(delayed.bySpeed[0].averageLife).toBeCloseTo(handWal + 14 / 360, 12);
    expect(delayed.bySpeed[1].averageLife!).toBeLessThan(delayed.bySpeed[0].averageLife!);
  });

  it("takes the modified duration per speed at the middle quote (the lower middle of an even count) and carries the terms", () => {
    const t = poolYieldTable({
      pool: gnma,
      unit: "psa",
      speeds: [0, 150],
      quotes: { kind: "price", values: [98, 99.5, 100, 101] },
      terms: { delayDays: 14, dates: { accrualStart: parseCivilDate("2024-03-01"), settlement: parseCivilDate("2024-03-16") } },
    });
    expect(t.referenceQuote).toBe(99.5);
    t.bySpeed.forEach((s, j) => expect(s.modifiedDuration).toBe(t.rows[1].cells[j].modifiedDuration));
    expect(t).toMatchObject({ coupon: 9, delayDays: 14, accruedDays: 15, settlementDate: "2024-03-16", accrualStartDate: "2024-03-01", unit: "psa", quotedBy: "price" });
    expect(t.rows[0].cells[0].accruedInterest).toBeCloseTo((9 * 15) / 360, 14);
    expect("prepayment" in t.pool).toBe(false);
  });

  it("rejects PPC, no quotes, a bad quote or speed, naming the field", () => {
    const base: PoolYieldTableInput = { pool: gnma, unit: "psa", speeds: [100], quotes: { kind: "price", values: [100] }, terms: { delayDays: 0 } };
    expect(() => poolYieldTable({ ...base, unit: "ppc" as never })).toThrow(/^unit: a pool has no deal Prepayment Assumption/);
    expect(() => poolYieldTable({ ...base, quotes: { kind: "price", values: [] } })).toThrow(/^prices: give at least one/);
    expect(() => poolYieldTable({ ...base, quotes: { kind: "price", values: [100, 0] } })).toThrow(/^prices: 0 is not a valid price/);
    expect(() => poolYieldTable({ ...base, quotes: { kind: "yield", values: [Number.NaN] } })).toThrow(/^yields: NaN is not a valid yield/);
    expect(() => poolYieldTable({ ...base, speeds: [-1] })).toThrow(/^speeds: -1/);
    expect(() => poolYieldTable({ ...base, unit: "cpr", speeds: [150] })).toThrow(/^speeds: 150 CPR is above 100/);
  });
});
