import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseColumnMap } from "./column-map.js";
import { TapeError } from "./problems.js";
import { readTapeBytes, readTapeFile } from "./read-tape.js";
import { summarizeTape } from "./stratify.js";

const HEAD = "loan_id,group,current_balance,note_rate,original_term,age,product,state,fico,ltv";
const tape = (...rows: string[]) => new TextEncoder().encode([HEAD, ...rows].join("\n") + "\n");

async function problems(bytes: Uint8Array, name = "t.csv", options = {}): Promise<string[]> {
  try {
    await readTapeBytes(bytes, name, options);
  } catch (e) {
    expect(e).toBeInstanceOf(TapeError);
    return (e as TapeError).message.split("\n").slice(1);
  }
  throw new Error("expected a TapeError");
}

describe("loan tape import", () => {
  it("reads the usual headings, deriving remaining term from age", async () => {
    const t = await readTapeBytes(tape("A1,1,\"100,000.50\",6.5,360,10,Fixed,ca,700,80", "A2,1,50000,7,360,0,Fixed,TX,,"), "t.csv");
    expect(t.loans).toHaveLength(2);
    expect(t.loans[0]).toMatchObject({ loanId: "A1", currentBalance: 100000.5, remainingTerm: 350, state: "CA", fico: 700, row: 2 });
    expect(t.loans[1].fico).toBeUndefined();
  });

  it("lists every problem at once with its row and column, and keeps no loan", async () => {
    const out = await problems(
      tape(
        "A1,1,12x4,6.5,360,10,Fixed,CA,700,80",
        "A2,1,50000,seven,360,0,Fixed,TX,700,80",
        "A1,1,50000,7,360,0,Fixed,TX,900,80",
        "A4,1,50000,7,360,0,5/1 ARM,TX,700,80",
      ),
    );
    expect(out).toEqual([
      't.csv:2  current_balance: "12x4" is not a number',
      't.csv:3  note_rate: "seven" is not a number',
      't.csv:4  loan_id: duplicate loan id "A1" (first at row 2)',
      "t.csv:4  fico: 900 is out of range: a FICO score between 300 and 850",
      "t.csv:5  armIndex: is blank: an ARM (5/1 ARM) needs its index",
      "t.csv:5  margin: is blank: an ARM (5/1 ARM) needs its ARM gross margin, percent",
      "t.csv:5  initialCap: is blank: an ARM (5/1 ARM) needs its initial rate cap, percent",
      "t.csv:5  periodicCap: is blank: an ARM (5/1 ARM) needs its periodic rate cap, percent",
      "t.csv:5  lifetimeCap: is blank: an ARM (5/1 ARM) needs its lifetime cap over the start rate, percent (the map's `lifetimeCap: rate` reads it as the maximum rate)",
    ]);
  });

  it("names a missing column", async () => {
    const bytes = new TextEncoder().encode("loan_id,note_rate,original_term,age\nA,6,360,0\n");
    expect(await problems(bytes)).toEqual([
      't.csv:1  missing column currentBalance (Stated Principal Balance at the Cut-off Date, dollars); name it in a column map (columns: {currentBalance: "Your heading"})',
    ]);
  });

  it("refuses a date in another format than the map's, and reads it with the map", async () => {
    const text = "Loan,UPB,Rate,Term,First Pay\nA,1000,6,360,03/01/2024\n";
    const bytes = new TextEncoder().encode(text);
    const columns = { loanId: "Loan", currentBalance: "UPB", noteRate: "Rate", originalTerm: "Term", firstPaymentDate: "First Pay" };
    const iso = parseColumnMap(JSON.stringify({ columns, cutoffDate: "2024-06-01" }), "m.yaml");
    expect(await problems(bytes, "t.csv", { map: iso })).toEqual([
      't.csv:2  First Pay: "03/01/2024" is not a date in YYYY-MM-DD (a tape with other dates: dateFormat: MM/DD/YYYY or DD/MM/YYYY in the column map)',
    ]);
    const us = parseColumnMap(JSON.stringify({ columns, cutoffDate: "2024-06-01", dateFormat: "MM/DD/YYYY" }), "m.yaml");
    const t = await readTapeBytes(bytes, "t.csv", { map: us });
    // Payments due March through June 1 are made: age 4, 356 months left.
    expect(t.loans[0]).toMatchObject({ age: 4, remainingTerm: 356 });
  });

  it("a map naming an unknown field or a heading the tape lacks is an error", () => {
    expect(() => parseColumnMap("columns:\n  balanse: UPB\n", "m.yaml")).toThrow(/m\.yaml  columns\.balanse: not a tape field/);
  });

  it("stops at maxLoans with a clear error (memory stays bounded)", async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `L${i},1,1000,6,360,0,Fixed,CA,700,80`);
    expect(await problems(tape(...rows), "t.csv", { maxLoans: 10 })).toEqual([
      "t.csv:12  the tape has more than 10 loans; it was not read further (a larger limit: --max-loans)",
    ]);
  });

  it("reads XLSX (dates as dates, numbers as numbers) like the same CSV", async () => {
    const { default: ExcelJS } = await import("exceljs");
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Tape");
    sheet.addRow(["Loan ID", "Current Balance", "Note Rate", "Original Term", "First Payment Date", "Product", "ARM Index", "Margin", "Initial Cap", "Periodic Cap", "Lifetime Cap", "Next Reset Date"]);
    sheet.addRow(["X1", 250000, 6.25, 360, new Date(Date.UTC(2024, 0, 1)), "5/1 ARM", "SOFR_30D", 2.75, 5, 1, 5, new Date(Date.UTC(2029, 0, 1))]);
    sheet.addRow(["X2", { formula: "1000*2", result: 2000 }, 7, 180, new Date(Date.UTC(2024, 5, 1)), "Fixed"]);
    const dir = mkdtempSync(join(tmpdir(), "tape-"));
    const file = join(dir, "t.xlsx");
    writeFileSync(file, new Uint8Array(await book.xlsx.writeBuffer()));
    const t = await readTapeFile(file, { cutoffDate: "2024-06-01" as never });
    expect(t.loans.map((l) => [l.loanId, l.currentBalance, l.age, l.remainingTerm])).toEqual([
      ["X1", 250000, 6, 354],
      ["X2", 2000, 1, 179],
    ]);
    // First reset: 5 years after the January 2024 first payment, age 6 + 55 months to January 2029.
    expect(t.loans[0].arm).toMatchObject({ index: "SOFR_30D", firstResetAge: 61, resetFrequency: 12, lifetimeCap: 5, floor: 2.75 });
  });

  it("stratifies: every bucket's balances add up to the tape's, weighted averages by balance", async () => {
    const rows = Array.from({ length: 40 }, (_, i) => `L${i},${1 + (i % 2)},${1000 + i * 137.25},${5 + (i % 9) * 0.375},${i % 3 ? 360 : 180},${i % 7},Fixed,${["CA", "TX", "NY"][i % 3]},${600 + i * 5},${50 + i}`);
    const t = await readTapeBytes(tape(...rows), "t.csv");
    const s = summarizeTape(t.loans);
    const total = t.loans.reduce((a, l) => a + l.currentBalance, 0);
    const wac = t.loans.reduce((a, l) => a + l.currentBalance * l.noteRate, 0) / total;
    expect(s.total.balance).toBeCloseTo(total, 6);
    expect(s.total.waRate).toBeCloseTo(wac, 10);
    for (const st of s.stratifications) {
      expect(st.rows.reduce((a, r) => a + r.balance, 0)).toBeCloseTo(total, 6);
      expect(st.rows.reduce((a, r) => a + r.loans, 0)).toBe(40);
    }
    const ltv = s.stratifications.find((x) => x.name === "ltv")!;
    // 80.00 is in the band closed at 80.
    expect(ltv.rows.find((r) => r.bucket === "70.01 – 80.00")!.loans).toBe(t.loans.filter((l) => l.ltv! > 70 && l.ltv! <= 80).length);
  });
});
