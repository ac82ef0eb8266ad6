import { describe, expect, it } from "vitest";
import { cents } from "../../src/core/money.js";
import { remittanceCollections } from "../../src/admin/distribution/remittance-collections.js";
import { fullDeal, handLoans, handMonthOne, remittance, row } from "./support.js";

const deal = await fullDeal("cwalt-2007-12t1");

describe("remittanceCollections: the three hand loans' first month, worked by hand", () => {
  // L1 $100,000 at 6.125% (Discount: net 5.916% < 6.00%, PO Percentage 1 − 5.916/6 = 1.4%),
  // L2 $200,000 at 6.5% paid off 2007-04-20, L3 $300,000 at 6.875%, 60 days delinquent, advanced.
  const { groups, waterfall } = remittanceCollections({ deal, loans: handLoans(), remittance: handMonthOne() });
  const g = groups[0];
  const w = waterfall[0];

  it("sums principal and balances in cents", () => {
    expect(g.beginBalance).toBe(60_000_000); // 100,000 + 200,000 + 300,000
    expect(g.endBalance).toBe(39_970_000); // 99,900 + 0 + 299,800
    expect(g.scheduledPrincipal).toBe(45_000); // 100 + 150 + 200 (L3's advanced)
    expect(g.payoffs).toBe(19_985_000);
    expect(g.payoffCount).toBe(1);
    expect(g.principalRemittance).toBe(20_030_000);
    expect(g.loanCountBegin).toBe(3);
    expect(g.loanCountEnd).toBe(2);
  });

  it("builds the interest remittance from collections, advances and Compensating Interest", () => {
    // 510.42 + 722.22 collected + 1,718.75 advanced + 300.00 Compensating Interest
    expect(g.interestRemittance).toBe(325_139);
    expect(g.netPrepaymentInterestShortfall).toBe(6_111); // 361.11 − 300.00
    expect(w.interest).toBeCloseTo(3_251.39, 10);
    expect(w.netPrepaymentInterestShortfall).toBeCloseTo(61.11, 10);
  });

  it("charges the Expense Fees on the beginning balance and derives Available Funds", () => {
    expect(g.masterServicingFee).toBe(10_000); // 600,000 × 0.200% / 12
    expect(g.trusteeFee).toBe(450); // 600,000 × 0.009% / 12
    // 3,251.39 − 104.50 + 200,300.00
    expect(g.availableFunds).toBe(20_344_689);
    expect(w.fees).toBeCloseTo(104.5, 10);
  });

  it("buckets delinquency after the date and counts 60+", () => {
    expect(g.delinquency["60"]).toEqual({ count: 1, balance: 29_980_000 });
    expect(g.delinquency.current).toEqual({ count: 1, balance: 9_990_000 });
    expect(g.delinquent60Plus).toBe(29_980_000);
    expect(w.delinquent60PlusBalance).toBeCloseTo(299_800, 8);
  });

  it("weights rates by beginning balance", () => {
    // (100,000 × 6.125 + 200,000 × 6.5 + 300,000 × 6.875) / 600,000
    expect(g.grossWac).toBeCloseTo(6.625, 12);
    // the same less the 0.209% Expense Fee Rate
    expect(g.netWac).toBeCloseTo(6.416, 12);
  });

  it("splits PO and non-PO amounts by the PO Percentage and computes the Class X strip", () => {
    expect(w.poBeginBalance).toBeCloseTo(1_400, 8); // 1.4% of 100,000
    expect(w.poScheduledPrincipal).toBeCloseTo(1.4, 10);
    expect(w.poEndBalance).toBeCloseTo(1_398.6, 8);
    expect(w.poPrepayments).toBe(0);
    expect(w.nonDiscountBeginBalance).toBe(500_000);
    expect(w.nonDiscountEndBalance).toBe(299_800);
    // 200,000 × (6.5 − 0.209 − 6)/1200 + 300,000 × (6.875 − 0.209 − 6)/1200 = 48.50 + 166.50
    expect(w.premiumStripInterest).toBeCloseTo(215, 8);
  });
});

describe("remittanceCollections: liquidations", () => {
  const liquidate = (proceeds: number, expenses: number) =>
    remittanceCollections({
      deal,
      loans: handLoans(),
      remittance: remittance({
        date: "2007-05-25",
        loans: [
          row({ loanId: "L3", beginningBalance: cents(30_000_000), endingBalance: cents(0), mortgageRate: 6.875, liquidated: true, liquidationProceeds: cents(proceeds), liquidationExpenses: cents(expenses), delinquencyStatus: "REO" }),
        ],
      }),
    }).groups[0];

  it("takes Net Liquidation Proceeds as principal and the rest of the balance as the Realized Loss", () => {
    const g = liquidate(20_000_000, 2_000_000);
    expect(g.liquidatedBalance).toBe(30_000_000);
    expect(g.liquidationPrincipal).toBe(18_000_000);
    expect(g.realizedLoss).toBe(12_000_000);
    expect(g.liquidationInterestAdjustment).toBe(0);
    expect(g.delinquency.REO.count).toBe(0); // liquidated: no longer in the trust
  });

  it("charges expenses above the proceeds to interest funds (loss = the whole balance)", () => {
    const g = liquidate(2_000_000, 3_000_000);
    expect(g.liquidationPrincipal).toBe(0);
    expect(g.realizedLoss).toBe(30_000_000);
    expect(g.liquidationInterestAdjustment).toBe(-1_000_000);
    expect(g.interestRemittance).toBe(-1_000_000);
  });

  it("passes proceeds above the balance to interest funds (no loss)", () => {
    const g = liquidate(31_000_000, 500_000);
    expect(g.liquidationPrincipal).toBe(30_000_000);
    expect(g.realizedLoss).toBe(0);
    expect(g.liquidationInterestAdjustment).toBe(500_000);
  });
});
