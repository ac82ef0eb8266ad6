import { describe, expect, it } from "vitest";
import { readRemittance } from "../../src/admin/remittance/read.js";
import { RemittanceError } from "../../src/admin/remittance/problems.js";
import { remittanceToCsv, remittanceToJson } from "../../src/admin/remittance/write.js";
import { handMonthOne } from "./support.js";

/** The 1-based line of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string, from = 0): number {
  const lines = text.split("\n");
  const i = lines.findIndex((l, k) => k >= from && l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not in text`);
  return i + 1;
}

function problemsOf(file: string, text: string): { line: number; path: string; message: string }[] {
  try {
    readRemittance(file, text);
  } catch (error) {
    if (error instanceof RemittanceError) return [...error.problems];
    throw error;
  }
  throw new Error("expected the remittance to be rejected");
}

describe("readRemittance: JSON", () => {
  it("reads dollars with two decimals into exact cents", () => {
    const text = remittanceToJson(handMonthOne());
    const { remittance, format } = readRemittance("2007-05-25.json", text);
    expect(format).toBe("json");
    expect(remittance.loans[0].interestCollected).toBe(51_042);
    expect(remittance.loans[1].payoff).toBe(19_985_000);
    expect(remittance.header.totals.beginningBalance).toBe(60_000_000);
    expect(remittance).toEqual(handMonthOne());
  });

  it("defaults omitted loan amounts to zero and the status to current", () => {
    const text = `{"header": ${JSON.stringify({
      format: "tranche-remittance/1",
      dealId: "cwalt-2007-12t1",
      distributionDate: "2007-05-25",
      servicer: "S",
      totals: { loanCount: 1, beginningBalance: 100, endingBalance: 99, scheduledPrincipal: 1, curtailment: 0, payoff: 0, repurchase: 0, interestCollected: 0.51, liquidationProceeds: 0, liquidationExpenses: 0, subsequentRecovery: 0, principalAdvance: 0, interestAdvance: 0, advanceReimbursement: 0, reliefActReduction: 0, prepaymentInterestShortfall: 0, compensatingInterest: 0 },
    })},
"loans": [{"loanId": "L1", "group": "1", "beginningBalance": 100, "endingBalance": 99, "mortgageRate": 6.125, "scheduledPrincipal": 1, "interestCollected": 0.51}]}`;
    const { remittance } = readRemittance("x.json", text);
    expect(remittance.loans[0]).toMatchObject({ curtailment: 0, payoff: 0, delinquencyStatus: "current", liquidated: false, paidThroughDate: null, interestCollected: 51 });
  });

  it("names the line of the offending field of a loan row", () => {
    const good = remittanceToJson(handMonthOne());
    const text = good.replace('"loanId": "L2", "group": "1"', '"loanId": "L2",\n      "group": "1"').replace('"curtailment": 0.00, "payoff": 199850.00', '"curtailment": -5.00, "payoff": 199850.00');
    const problems = problemsOf("bad.json", text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: "loans[L2].curtailment", line: lineOf(text, '"group": "1", "beginningBalance": 200000.00') });
    expect(problems[0].message).toMatch(/must not be negative/);
  });

  it("rejects more than two decimals and unknown fields, each at its line", () => {
    const text = remittanceToJson(handMonthOne())
      .replace('"interestCollected": 510.42', '"interestCollected": 510.425')
      .replace('"loanId": "L3",', '"loanId": "L3", "color": "red",');
    const problems = problemsOf("bad.json", text);
    expect(problems.map((p) => [p.path, p.line])).toEqual([
      ["loans[L1].interestCollected", lineOf(text, '"loanId": "L1"')],
      ["loans[L3]", lineOf(text, '"loanId": "L3"')],
    ]);
    expect(problems[0].message).toMatch(/at most two decimals/);
    expect(problems[1].message).toMatch(/unknown field "color"/);
  });

  it("reports a JSON syntax error with its line", () => {
    const text = remittanceToJson(handMonthOne()).replace('"loanId": "L2",', '"loanId": "L2",,');
    const problems = problemsOf("broken.json", text);
    expect(problems[0].line).toBe(lineOf(text, '"loanId": "L2"'));
    expect(problems[0].message).toMatch(/not valid JSON/);
  });

  it("rejects header totals that do not tie to the rows, naming the total and the difference", () => {
    const text = remittanceToJson(handMonthOne()).replace('"payoff": 199850.00,\n', '"payoff": 199850.01,\n');
    const problems = problemsOf("totals.json", text);
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe("header.totals.payoff");
    expect(problems[0].line).toBe(lineOf(text, '"payoff": 199850.01'));
    expect(problems[0].message).toBe("states 199,850.01 but the loan rows add up to 199,850.00 (difference 0.01); the totals do not tie");
  });

  it("rejects a duplicate loan row at the second row, citing the first", () => {
    const m = handMonthOne();
    const dup = { ...m, loans: [...m.loans, m.loans[0]], header: { ...m.header, totals: { ...m.header.totals } } };
    // Make the totals tie so only the duplicate is wrong.
    const text0 = remittanceToJson(dup);
    const tie = text0.replace(/"loanCount": 3/, '"loanCount": 4');
    const problems = problemsOf("dup.json", tie);
    const dupProblem = problems.find((p) => p.message.startsWith("duplicate"));
    expect(dupProblem).toBeDefined();
    const first = lineOf(tie, '"loanId": "L1"');
    expect(dupProblem!.line).toBe(lineOf(tie, '"loanId": "L1"', first));
    expect(dupProblem!.message).toBe(`duplicate row for loan L1 (first row at line ${first})`);
  });

  it("rejects a row whose principal exceeds its balance (a negative balance)", () => {
    const m = handMonthOne();
    const loans = [...m.loans];
    loans[0] = { ...loans[0], scheduledPrincipal: 10_000_100 as never, endingBalance: 0 as never };
    const text = remittanceToJson({ ...m, loans, header: { ...m.header, totals: { ...m.header.totals, scheduledPrincipal: (m.header.totals.scheduledPrincipal - 10_000 + 10_000_100) as never, endingBalance: (m.header.totals.endingBalance - 9_990_000) as never } } });
    const problems = problemsOf("neg.json", text);
    expect(problems.map((p) => p.path)).toEqual(["loans[L1].endingBalance"]);
    expect(problems[0].message).toMatch(/^negative balance: scheduled principal, curtailment, payoff and repurchase \(100,001\.00\) exceed the beginning balance 100,000\.00/);
  });

  it("checks each row's own consistency: roll-forward, payoff date, advances, Compensating Interest", () => {
    const m = handMonthOne();
    const loans = [
      { ...m.loans[0], endingBalance: 9_990_001 as never },
      { ...m.loans[1], paidThroughDate: null, compensatingInterest: 40_000 as never },
      { ...m.loans[2], principalAdvance: 20_001 as never },
    ];
    const fixed = { ...m, loans, header: { ...m.header, totals: { ...m.header.totals, endingBalance: (m.header.totals.endingBalance + 1) as never, compensatingInterest: 40_000 as never, principalAdvance: 20_001 as never } } };
    const messages = problemsOf("rows.json", remittanceToJson(fixed)).map((p) => `${p.path}: ${p.message}`);
    expect(messages).toEqual([
      "loans[L1].endingBalance: 99,900.01 does not roll forward: beginning 100,000.00 − scheduled 100.00 − curtailment 0.00 − payoff 0.00 − repurchase 0.00 = 99,900.00",
      "loans[L2].compensatingInterest: 400.00 exceeds the Prepayment Interest Shortfall 361.11",
      "loans[L2].paidThroughDate: a payoff needs the date through which interest was paid",
      "loans[L3].principalAdvance: 200.01 exceeds the scheduled principal 200.00 it is part of",
    ]);
  });
});

describe("readRemittance: CSV", () => {
  it("reads the same remittance as the JSON form", () => {
    const text = remittanceToCsv(handMonthOne());
    const { remittance, format } = readRemittance("2007-05-25.csv", text);
    expect(format).toBe("csv");
    expect(remittance).toEqual(handMonthOne());
  });

  it("accepts quoted fields, blank cells (zero) and thousands separators", () => {
    const text = remittanceToCsv(handMonthOne()).replace("Countrywide Home Loans Servicing LP", '"Countrywide Home Loans Servicing, LP"').replace(/,0\.00,/, ",,").replace("totals.beginningBalance,600000.00", 'totals.beginningBalance,"600,000.00"');
    const { remittance } = readRemittance("x.csv", text);
    expect(remittance.header.servicer).toBe("Countrywide Home Loans Servicing, LP");
    expect(remittance.header.totals.beginningBalance).toBe(60_000_000);
  });

  it("names the row's line for a bad cell and for a row with too few fields", () => {
    const good = remittanceToCsv(handMonthOne());
    const lines = good.split("\n");
    const l2 = lines.findIndex((l) => l.startsWith("L2,"));
    const l3 = lines.findIndex((l) => l.startsWith("L3,"));
    lines[l2] = lines[l2].replace(",current,", ",late,");
    lines[l3] = lines[l3].split(",").slice(0, 5).join(",");
    const problems = problemsOf("bad.csv", lines.join("\n"));
    expect(problems.map((p) => [p.line, p.path])).toEqual([[l3 + 1, "loans[L3]"]]);
    expect(problems[0].message).toBe("has 5 fields, the column row has 22");
    lines[l3] = good.split("\n")[l3];
    const again = problemsOf("bad.csv", lines.join("\n"));
    expect(again.map((p) => [p.line, p.path])).toEqual([[l2 + 1, "loans[L2].delinquencyStatus"]]);
    expect(again[0].message).toMatch(/must be one of "current", "30", "60", "90\+", "foreclosure", "REO", "bankruptcy"; got "late"/);
  });

  it("rejects a file without the header block", () => {
    const problems = problemsOf("x.csv", "loanId,group\nL1,1\n");
    expect(problems[0]).toMatchObject({ line: 1 });
    expect(problems[0].message).toMatch(/starts with a header block/);
  });
});

describe("readRemittance: encodings", () => {
  it("ignores a byte-order mark and CRLF line ends", () => {
    const json = `\ufeff${remittanceToJson(handMonthOne()).replaceAll("\n", "\r\n")}`;
    expect(readRemittance("x.json", json).remittance).toEqual(handMonthOne());
    const csv = `\ufeff${remittanceToCsv(handMonthOne()).replaceAll("\n", "\r\n")}`;
    expect(readRemittance("x.csv", csv).remittance).toEqual(handMonthOne());
  });
});
