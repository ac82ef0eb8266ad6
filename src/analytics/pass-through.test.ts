/**
 * Yield of a pass-through: STANDARDS.md §3's worked measurement (a GNMA I 9%
 * pool, gross 9.5%, 344 months remaining, 150% PSA at loan age 17) carried to
 * a full cash-flow path, and the SF identities it must satisfy:
 *
 * - a pass-through bought at par with no delay has a mortgage yield equal to
 *   its coupon whatever the prepayments (each month's cash is exactly the
 *   coupon on the balance plus the balance's decline);
 * - a delay of d days moves every receipt by d/360 years, so at that par yield
 *   the delayed flows are worth par × (1 + Y/200)^(−2d/360).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CashFlow } from "./cash-flow.js";
import { presentValue, yieldFromPrice } from "./bond-equivalent-yield.js";
import { mortgageYieldFromBondEquivalent } from "./mortgage-yield.js";

const GROSS = 9.5;
const NET = 9;
/** The pool had 359 months remaining at issue; its factors are per unit of its issue balance. */
const ISSUE_TERM = 359;

/** SF-3 balance per unit of the issue balance with M months remaining. */
function bal(remaining: number): number {
  const r = 1 + GROSS / 1200;
  return (1 - Math.pow(r, -remaining)) / (1 - Math.pow(r, -ISSUE_TERM));
}

/** SF-4 to SF-15: SMM (fraction) of a PSA multiple at loan age MONTH. */
function psaSmm(psa: number, month: number): number {
  const cpr = Math.min(1, (psa / 100) * 0.002 * Math.min(Math.max(month, 1), 30));
  return 1 - Math.pow(1 - cpr, 1 / 12);
}

interface Month {
  startFactor: number;
  scheduledFactor: number;
  endFactor: number;
  interest: number;
}

/** The pool from factor 0.85150625 with 344 months left, loan age 17 in the first month, at the given SMMs. */
function poolPath(smm: (j: number) => number): Month[] {
  const months: Month[] = [];
  let factor = 0.85150625;
  for (let j = 0; j < 344; j++) {
    const scheduledFactor = factor * (bal(343 - j) / bal(344 - j));
    const endFactor = scheduledFactor * (1 - smm(j));
    months.push({ startFactor: factor, scheduledFactor, endFactor, interest: (factor * NET) / 1200 });
    factor = endFactor;
  }
  return months;
}

/** Per 100 of current face, settling on the first day of the first accrual month. */
function flows(months: Month[], delayDays: number): CashFlow[] {
  const scale = 100 / months[0].startFactor;
  return months.map((m, k) => ({ time: (30 * (k + 1) + delayDays) / 360, interest: m.interest * scale, principal: (m.startFactor - m.endFactor) * scale }));
}

describe("the §3 GNMA I 9% pool priced", () => {
  const months = poolPath((j) => psaSmm(150, 17 + j));

  it("reproduces the worked measurement's first month (scheduled factor 0.85102709, then 0.84732282 at 5.1% CPR)", () => {
    expect(bal(344)).toBeCloseTo(0.992133, 8);
    expect(bal(343)).toBeCloseTo(0.99157471, 8);
    expect(months[0].scheduledFactor).toBeCloseTo(0.85102709, 8);
    expect(psaSmm(150, 17) * 100).toBeCloseTo(0.43527, 5);
    expect(months[0].endFactor).toBeCloseTo(0.84732282, 8);
    expect(months.at(-1)!.endFactor).toBeCloseTo(0, 14);
  });

  it("at par with no delay its mortgage yield is the 9% coupon; bond-equivalent 200((1.0075)^6 − 1)", () => {
    const y = yieldFromPrice(flows(months, 0), 100);
    expect(mortgageYieldFromBondEquivalent(y)).toBeCloseTo(9, 9);
    expect(y).toBeCloseTo(200 * (Math.pow(1.0075, 6) - 1), 9);
  });

  it("GNMA I's 14-day delay: at the par yield the flows are worth 100 × (1 + Y/200)^(−28/360), so par yields less", () => {
    const y0 = yieldFromPrice(flows(months, 0), 100);
    const delayed = flows(months, 14);
    expect(presentValue(delayed, y0)).toBeCloseTo(100 * Math.pow(1 + y0 / 200, -28 / 360), 10);
    expect(mortgageYieldFromBondEquivalent(yieldFromPrice(delayed, 100))).toBeLessThan(9);
  });

  it("the par identity holds for any prepayment path", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 0.2, noNaN: true }), { minLength: 1, maxLength: 344 }), (smms) => {
        const path = poolPath((j) => smms[Math.min(j, smms.length - 1)]);
        expect(mortgageYieldFromBondEquivalent(yieldFromPrice(flows(path, 0), 100))).toBeCloseTo(9, 8);
      }),
      { numRuns: 100 },
    );
  });
});
