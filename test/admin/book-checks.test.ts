import { describe, expect, it } from "vitest";
import { cents } from "../../src/core/money.js";
import { applyRemittance, initialLoanBook } from "../../src/admin/loans/loan-book.js";
import { checkAgainstBook, checkHeader } from "../../src/admin/remittance/book-checks.js";
import { NO_LINES } from "../../src/admin/remittance/lines.js";
import { fullDeal, handLoans, handMonthOne, remittance, row } from "./support.js";

const deal = await fullDeal("cwalt-2007-12t1");
const loans = handLoans();

const messages = (r: ReturnType<typeof remittance>, book = initialLoanBook(loans)) =>
  checkAgainstBook({ remittance: r, lines: NO_LINES, deal, loans, book }).map((p) => `${p.path}: ${p.message}`);

describe("checkAgainstBook", () => {
  it("accepts the hand month against the Cut-off Date book", () => {
    expect(messages(handMonthOne())).toEqual([]);
  });

  it("rejects a missing loan, an unknown loan, the wrong group and a balance that does not tie", () => {
    const m = handMonthOne();
    const r = remittance({
      date: "2007-05-25",
      loans: [
        { ...m.loans[0], beginningBalance: cents(10_000_001), endingBalance: cents(9_990_001) },
        { ...m.loans[1], group: "2", mortgageRate: 6.25 },
        row({ loanId: "L9", beginningBalance: cents(100), mortgageRate: 6 }),
      ],
    });
    expect(messages(r)).toEqual([
      "loans[L1].beginningBalance: 100,000.01 does not tie to the loan's Stated Principal Balance after the Cut-off Date (100,000.00)",
      "loans[L2].group: loan L2 is in loan group 1, not 2",
      "loans[L2].mortgageRate: 6.25% differs from the Mortgage Loan Schedule's 6.5% (a fixed-rate loan)",
      "loans[L9].loanId: loan L9 is not on the Mortgage Loan Schedule of cwalt-2007-12t1",
      "loans: missing loan: L3 (group 1, Stated Principal Balance 300,000.00) is in the trust but has no row",
    ]);
  });

  it("refuses activity on a loan already paid off or liquidated, but takes a Subsequent Recovery", () => {
    let book = applyRemittance(initialLoanBook(loans), handMonthOne());
    const liquidation = remittance({
      date: "2007-06-25",
      loans: [
        row({ loanId: "L1", beginningBalance: cents(9_990_000), mortgageRate: 6.125 }),
        row({ loanId: "L3", beginningBalance: cents(29_980_000), endingBalance: cents(0), mortgageRate: 6.875, liquidated: true, liquidationProceeds: cents(20_000_000), liquidationExpenses: cents(1_000_000) }),
      ],
    });
    expect(messages(liquidation, book)).toEqual([]);
    book = applyRemittance(book, liquidation);
    const l3 = book.positions.find((p) => p.loanId === "L3")!;
    expect(l3).toMatchObject({ standing: "liquidated", balance: 0, realizedLoss: 10_980_000, closedOn: "2007-06-25" });
    expect(book.positions.find((p) => p.loanId === "L2")).toMatchObject({ standing: "paidInFull", closedOn: "2007-05-25" });

    const after = remittance({
      date: "2007-07-25",
      loans: [
        row({ loanId: "L1", beginningBalance: cents(9_990_000), mortgageRate: 6.125 }),
        row({ loanId: "L2", beginningBalance: cents(0), mortgageRate: 6.5, interestCollected: cents(100) }),
        row({ loanId: "L3", beginningBalance: cents(0), endingBalance: cents(0), mortgageRate: 6.875, subsequentRecovery: cents(50_000) }),
      ],
    });
    expect(messages(after, book)).toEqual(["loans[L2]: loan L2 was already paid in full on 2007-05-25; it has no further activity"]);
    const again = remittance({
      date: "2007-07-25",
      loans: [row({ loanId: "L1", beginningBalance: cents(9_990_000), mortgageRate: 6.125 }), row({ loanId: "L3", beginningBalance: cents(0), mortgageRate: 6.875, scheduledPrincipal: cents(0), interestCollected: cents(5) })],
    });
    expect(messages(again, book)).toEqual([
      "loans[L3]: loan L3 was already liquidated on 2007-06-25; only a Subsequent Recovery (and an advance reimbursement) may be reported for it",
    ]);
    const recovered = applyRemittance(book, remittance({ date: "2007-07-25", loans: [row({ loanId: "L1", beginningBalance: cents(9_990_000), mortgageRate: 6.125 }), row({ loanId: "L3", beginningBalance: cents(0), mortgageRate: 6.875, subsequentRecovery: cents(50_000) })] }));
    expect(recovered.positions.find((p) => p.loanId === "L3")!.subsequentRecoveries).toBe(50_000);
  });
});

describe("checkHeader", () => {
  it("names a file for another deal and a date that is not a Distribution Date", () => {
    const r = remittance({ dealId: "cwalt-2006-hy12", date: "2007-08-25", loans: [] });
    // 2007-08-25 is a Saturday: that month's Distribution Date is Monday 2007-08-27.
    expect(checkHeader(r, NO_LINES, deal).map((p) => `${p.path}: ${p.message}`)).toEqual([
      'header.dealId: the file is for deal "cwalt-2006-hy12", not cwalt-2007-12t1',
      "header.distributionDate: 2007-08-25 is not a Distribution Date of cwalt-2007-12t1; that month's is 2007-08-27 (the 25th or the next Business Day)",
    ]);
    expect(checkHeader(remittance({ date: "2007-04-25", loans: [] }), NO_LINES, deal)[0].message).toBe("2007-04-25 is before the deal's first Distribution Date 2007-05-25");
  });
});
