import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LedgerEntry } from "../../src/core/ledger.js";
import { cents } from "../../src/core/money.js";
import { ledgerToCents } from "../../src/admin/distribution/ledger-cents.js";
import type { PeriodReport } from "../../src/waterfall/report.js";
import { fullDeal } from "./support.js";

const deal = await fullDeal("cwalt-2007-12t1");

const pay = (to: string, amount: number, kind: LedgerEntry["kind"], from = "availableFunds:1"): LedgerEntry => ({ period: 1, from, to, amount, rule: "§4.02", kind });
const report = (ledger: readonly LedgerEntry[], extra: Partial<PeriodReport> = {}): PeriodReport => {
  const paid = ledger.filter((e) => e.from.startsWith("availableFunds:") && !e.to.startsWith("availableFunds:")).reduce((s, e) => s + e.amount, 0);
  return { corridor: [], totalAvailableFunds: paid, totalDistributed: paid, ...extra } as PeriodReport;
};
const convert = (ledger: LedgerEntry[], availableFunds: number, extra: Partial<PeriodReport> = {}, before: Record<string, number> = {}, poolEnd = 0) =>
  ledgerToCents({ deal, ledger, report: report(ledger, extra), availableFunds: cents(availableFunds), classBalancesBefore: before as never, poolEndBalance: cents(poolEnd) });

describe("ledgerToCents: the two-level largest-remainder rule", () => {
  it("splits Available Funds by kind, then within each kind (worked example)", () => {
    // $100.00: interest 33.333333 to A and to B, principal 33.333334 to C.
    // Level 1: interest 6,666.6666 → 6,666 + 1 (larger remainder), principal 3,333.3334 → 3,333.
    // Level 2: interest 6,667 → 3,333.5 each → 3,333 + 1 to A (tie: earlier), 3,333 to B.
    const out = convert([pay("class:A", 33.333333, "interest"), pay("class:B", 33.333333, "interest"), pay("class:C", 33.333334, "principal")], 10_000);
    expect(out.map((e) => [e.classId, e.kind, e.amount])).toEqual([
      ["A", "interest", 3_334],
      ["B", "interest", 3_333],
      ["C", "principal", 3_333],
    ]);
  });

  it("keeps principal whole when it is a whole number of cents (class balances keep tying)", () => {
    // Interest fractions must not steal a principal cent: 12.345 + 12.345 interest, 75.31 principal.
    const out = convert([pay("class:A", 12.345, "interest"), pay("class:B", 12.345, "interest"), pay("class:C", 75.31, "principal")], 10_000);
    expect(out.find((e) => e.classId === "C")!.amount).toBe(7_531);
    expect(out.reduce((s, e) => s + e.amount, 0)).toBe(10_000);
  });

  it("shows money the waterfall did not distribute as its own use", () => {
    const ledger = [pay("class:A", 60, "interest")];
    const out = convert(ledger, 10_000, { totalAvailableFunds: 100, totalDistributed: 60 });
    expect(out.map((e) => [e.to, e.amount])).toEqual([
      ["class:A", 6_000],
      ["undistributed", 4_000],
    ]);
  });

  it("refuses a waterfall that paid more than the remittance's Available Funds", () => {
    expect(() => convert([pay("class:A", 100.02, "interest")], 10_000)).toThrow(/distributed 100.020000 but Available Funds are 100.00/);
  });

  it("rounds writedowns per source and sizes the undercollateralization writedown to tie the classes to the pool", () => {
    const ledger: LedgerEntry[] = [
      pay("class:S", 50, "principal"),
      { period: 1, from: "realizedLoss", to: "writedown:B", amount: 10.004, rule: "§4.04", kind: "writedown" },
      { period: 1, from: "realizedLoss", to: "writedown:M", amount: 5.004, rule: "§4.04", kind: "writedown" },
      { period: 1, from: "undercollateralization", to: "writedown:B", amount: 0.255, rule: "§4.04 (excess)", kind: "writedown" },
    ];
    // Classes before: S 100.00, M 20.00, B 30.00 = 150.00; pool after 84.73.
    // Principal 50.00 and losses 15.01 (10.004 + 5.004 = 15.008 → 1,501 cents: B 1,000.4 → 1,000, M 500.4 → 500, +1 to B) leave 84.99;
    // the excess writedown is 84.99 − 84.73 = 0.26 (the dollar figure 0.255 would round to 0.26 as well, within 2 cents).
    const out = convert(ledger, 5_000, {}, { S: 10_000, M: 2_000, B: 3_000 }, 8_473);
    expect(out.filter((e) => e.kind === "writedown").map((e) => [e.from, e.classId, e.amount])).toEqual([
      ["realizedLoss", "B", 1_001],
      ["realizedLoss", "M", 500],
      ["undercollateralization", "B", 26],
    ]);
  });

  it("splits each corridor payment between the Yield Supplement Amount paid and the release", () => {
    const out = ledgerToCents({
      deal,
      ledger: [pay("class:A-1", 10, "interest")],
      report: report([pay("class:A-1", 10, "interest")], {
        corridor: [{ contractId: "corridor-boa", notional: 1e6, payment: 33.335, yieldSupplementAmount: 20.0049, yieldSupplementPaid: 20.0049, unpaidAfter: 0, released: 13.3301 }],
      }),
      availableFunds: cents(1_000),
      classBalancesBefore: {},
      poolEndBalance: cents(0),
    });
    // 33.335 → 3,334 cents (half away from zero); 2,000.49 : 1,333.01 of 3,333.50 → 2,000.6 / 1,333.4 → 2,000 + 1, 1,333.
    expect(out.filter((e) => e.kind !== "interest").map((e) => [e.kind, e.amount])).toEqual([
      ["corridor", 3_334],
      ["yieldSupplement", 2_001],
      ["release", 1_333],
    ]);
  });

  it("property: payments always add up to Available Funds in cents, each within two cents of its dollars (one per level)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ amount: fc.double({ min: 0, max: 5e6, noNaN: true }), kind: fc.constantFrom("interest", "principal", "poDeferred", "residual") }), { minLength: 1, maxLength: 25 }),
        (items) => {
          const ledger = items.map((it, k) => pay(`class:C${k}`, it.amount, it.kind as LedgerEntry["kind"]));
          const total = items.reduce((s, it) => s + it.amount, 0);
          const af = Math.round(total * 100);
          const out = convert(ledger, af);
          const sum = out.reduce((s, e) => s + e.amount, 0);
          expect(sum).toBe(af);
          for (const e of out) {
            const k = Number(e.classId!.slice(1));
            expect(Math.abs(e.amount - items[k].amount * 100)).toBeLessThan(2.0001);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
