import { afterEach, describe, expect, it, vi } from "vitest";
import { tranche } from "../../../test/support/cli.js";

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { code, stdout, stderr } = await tranche(...args);
  return { code, out: stdout, err: stderr };
}

const base = ["pool", "--balance", "100000000", "--wac", "8", "--net", "7.5", "--term", "360", "--age", "0"];

describe("tranche pool", () => {
  afterEach(() => vi.restoreAllMocks());

  it("prints {pool, rows, totals} as JSON with the SF column names", async () => {
    const { code, out } = await run([...base, "--prepay", "150psa", "--default", "100sda", "--severity", "20", "--lag", "12", "--format", "json"]);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.rows).toHaveLength(360);
    expect(Object.keys(json.rows[0])).toEqual([
      "month", "performingBalance", "newDefaults", "inForeclosure", "expectedAmortization", "voluntaryPrepayments",
      "amortizationFromDefaults", "actualAmortization", "expectedInterest", "lostInterest", "actualInterest",
      "principalRecovery", "principalLoss", "adb",
    ]);
    expect(Object.keys(json.totals)).toEqual(Object.keys(json.rows[0]));
    expect(json.rows[0].expectedInterest).toBeCloseTo(625_000, 6); // at the net rate
    expect(json.pool).toMatchObject({ advancing: true, lag: 12, interestRate: "net", prepayment: { unit: "psa", values: [150] } });
  });

  it("--no-advance and speed vectors", async () => {
    const { out } = await run([...base, "--prepay", "0,10x2,20smm", "--default", "1mdr", "--lag", "2", "--no-advance", "--format", "json"]);
    const json = JSON.parse(out);
    expect(json.pool.advancing).toBe(false);
    expect(json.pool.prepayment).toEqual({ unit: "smm", values: [0, 10, 10, 20] });
    expect(json.rows[0].voluntaryPrepayments).toBe(0);
    expect(json.rows[0].amortizationFromDefaults).toBe(0);
    expect(json.rows[2].adb).toBeCloseTo(json.rows[0].newDefaults, 6);
  });

  it("prints CSV with a header, 360 rows and a total row", async () => {
    const { out } = await run([...base, "--prepay", "6cpr", "--format", "csv"]);
    const lines = out.trim().split("\n");
    expect(lines[0]).toBe("month,performingBalance,newDefaults,inForeclosure,expectedAmortization,voluntaryPrepayments,amortizationFromDefaults,actualAmortization,expectedInterest,lostInterest,actualInterest,principalRecovery,principalLoss,adb");
    expect(lines).toHaveLength(362);
    expect(lines[361].startsWith("total,,")).toBe(true);
  });

  it("prints a table that states the convention", async () => {
    const { out } = await run([...base, "--prepay", "150psa", "--default", "100sda", "--severity", "20", "--lag", "12"]);
    expect(out).toContain("150 PSA, 100 SDA, 20% severity, 12-month lag, advancing");
    expect(out).toContain("Interest at the net rate");
    expect(out).toMatch(/^\s+1\s+99,906,/m);
    expect(out).toMatch(/^Total/m);
  });

  it.each([
    [["--prepay", "100ppc"], /--prepay: unknown unit "ppc"/],
    [["--prepay", "fast"], /--prepay/],
    [["--default", "2cpr"], /--default: unknown unit "cpr"/],
    [["--severity", "120"], /--severity\[period 1\]: 120 is outside 0..100/],
    [["--lag", "1.5"], /--lag: expected a whole number/],
    [["--format", "xml"], /--format/],
  ])("rejects %j with a message naming the option", async (extra, message) => {
    const { code, err } = await run([...base, ...extra]);
    expect(code).not.toBe(0);
    expect(err).toMatch(message);
  });

  it("names a missing required option", async () => {
    const { code, err } = await run(["pool", "--wac", "8", "--term", "360"]);
    expect(code).not.toBe(0);
    expect(err).toMatch(/--balance/);
  });
});

/**
 * Pricing the pool (SIFMA SF-43 to SF-55, STANDARDS.md §1 and §5). Expected values are
 * written out from the standard's formulas here, not taken from the program.
 */
describe("tranche pool --price/--yield", () => {
  afterEach(() => vi.restoreAllMocks());

  const NET = 7.5;
  /** The bond-equivalent yield whose monthly-compounded equivalent is the coupon: 200((1 + c/1200)^6 − 1). */
  const parYield = 200 * (Math.pow(1 + NET / 1200, 6) - 1);

  async function analytics(extra: string[]): Promise<Record<string, number | string>> {
    const { code, out, err } = await run([...base, ...extra, "--format", "json", "--summary"]);
    expect(err).toBe("");
    expect(code).toBe(0);
    return JSON.parse(out).analytics;
  }

  it.each([
    [["--prepay", "0cpr"]],
    [["--prepay", "150psa"]],
    [["--prepay", "30cpr"]],
    [["--prepay", "6,8,10x12,40cpr"]],
    // Defaults with advancing and no loss: the holder still gets the coupon on the whole balance and all of it back.
    [["--prepay", "150psa", "--default", "100sda", "--severity", "0", "--lag", "12"]],
  ])("at par with no delay the mortgage yield is the net coupon whatever the speed (%j)", async (speed) => {
    // Each month pays net/1200 × balance plus the balance's decline, so discounting monthly at net/1200 gives back par.
    const a = await analytics([...speed, "--price", "100"]);
    expect(a.mortgageYield as number).toBeCloseTo(NET, 8);
    expect(a.yield as number).toBeCloseTo(parYield, 8);
    expect(a.accruedInterest).toBe(0);
    expect(a.coupon).toBe(NET);
  });

  it("a delay of d days at the par yield Y prices at 100 × (1 + Y/200)^(−2d/360)", async () => {
    // Every receipt moves d/360 years later, so every discount factor, and the sum, is multiplied by that.
    for (const d of [14, 19, 24, 44]) {
      const a = await analytics(["--prepay", "150psa", "--yield", String(parYield), "--delay", String(d)]);
      expect(a.price as number).toBeCloseTo(100 * Math.pow(1 + parYield / 200, (-2 * d) / 360), 9);
      expect(a.delayDays).toBe(d);
    }
  });

  it("settling 15 days into the month: accrued 7.5 × 15/360, full price = price + accrued", async () => {
    const a = await analytics(["--prepay", "150psa", "--price", "99.5", "--dated", "2024-03-01", "--settle", "2024-03-16", "--delay", "19"]);
    expect(a.accruedDays).toBe(15);
    expect(a.accruedInterest as number).toBeCloseTo(0.3125, 14);
    expect(a.fullPrice as number).toBeCloseTo(99.8125, 12);
    expect(a.settlementDate).toBe("2024-03-16");
    expect(a.accrualStartDate).toBe("2024-03-01");
    // --settle-days 15 is the same settlement without calendar dates (2024-03-16 is 15 days to 04-01 on 30/360).
    const b = await analytics(["--prepay", "150psa", "--price", "99.5", "--settle-days", "15", "--delay", "19"]);
    expect(b.yield as number).toBeCloseTo(a.yield as number, 10);
    expect(b.settlementDate).toBeUndefined();
  });

  it("settling N days in, at the par yield with no delay, the full price is 100 × (1 + Y/200)^(2N/360)", async () => {
    // Every receipt is N/360 years nearer than from the accrual start, where the full price is par.
    const a = await analytics(["--prepay", "150psa", "--yield", String(parYield), "--settle-days", "15"]);
    expect(a.fullPrice as number).toBeCloseTo(100 * Math.pow(1 + parYield / 200, 30 / 360), 9);
    expect(a.price as number).toBeCloseTo((a.fullPrice as number) - (NET * 15) / 360, 12);
  });

  it("price → yield → price round trip, with a price in 32nds", async () => {
    const common = ["--prepay", "150psa", "--default", "100sda", "--severity", "20", "--lag", "12", "--delay", "24", "--dated", "2024-03-01", "--settle", "2024-03-21"];
    const byPrice = await analytics([...common, "--price", "99-16+"]);
    expect(byPrice.price).toBe(99 + 16.5 / 32);
    const byYield = await analytics([...common, "--yield", String(byPrice.yield)]);
    expect(byYield.price as number).toBeCloseTo(99 + 16.5 / 32, 9);
    expect(byYield.quotedBy).toBe("yield");
    expect(byYield.modifiedDuration as number).toBeCloseTo(byPrice.modifiedDuration as number, 8);
    expect(byPrice.modifiedDuration as number).toBeCloseTo((byPrice.macaulayDuration as number) / (1 + (byPrice.yield as number) / 200), 12);
  });

  it("table: the rows then a pricing block; --summary: the pricing only", async () => {
    const full = await run([...base, "--prepay", "150psa", "--price", "100", "--delay", "19"]);
    expect(full.out).toMatch(/^Total/m);
    expect(full.out).toContain("Pricing a pass-through at the 7.5% net rate");
    expect(full.out).toMatch(/^pool\s+100\.000000\s+0\.000000\s+100\.000000/m);
    const summary = await run([...base, "--prepay", "150psa", "--price", "100", "--delay", "19", "--summary"]);
    expect(summary.out).not.toMatch(/^Total/m);
    expect(summary.out).toMatch(/^security\s+price\s+accrued/m);
  });

  it("CSV: the rows, a blank line and the pricing block; --summary: the pricing block alone", async () => {
    const { out } = await run([...base, "--prepay", "6cpr", "--price", "100", "--format", "csv"]);
    const blocks = out.trimEnd().split("\n\n");
    expect(blocks).toHaveLength(2);
    expect(blocks[0].split("\n")).toHaveLength(362);
    expect(blocks[1].split("\n")[0]).toBe("security,price,accrued,full_price,yield,mortgage_yield,avg_life,Macaulay_dur,modified_dur,convexity,coupon,delay,settle,accrual_start");
    const summary = await run([...base, "--prepay", "6cpr", "--price", "100", "--format", "csv", "--summary"]);
    expect(summary.out).toBe(blocks[1] + "\n");
  });

  it.each([
    [["--price", "100", "--yield", "7"], /give --price or --yield, not both/],
    [["--price", "100", "--settle", "2024-03-16"], /--settle: needs --dated/],
    [["--price", "100", "--delay", "-1"], /--delay: expected a whole number of days/],
    [["--price", "100", "--delay", "2.5"], /--delay: expected a whole number of days/],
    [["--price", "100", "--settle-days", "30"], /--settle-days: expected a whole number of 30\/360 days from 0 to 29/],
    [["--price", "100", "--settle", "2024-03-16", "--settle-days", "3", "--dated", "2024-03-01"], /--settle or --settle-days, not both/],
    [["--price", "100", "--dated", "2024-03-05"], /--dated: 2024-03-05 is not the first day of a month/],
    [["--price", "100", "--dated", "2024-03-01", "--settle", "2024-04-01"], /--settle: 2024-04-01 is not in the first accrual month/],
    [["--price", "100", "--dated", "2023-02-01", "--settle-days", "28"], /--settle-days: 28 days after 2023-02-01 is past the month's end/],
    [["--price", "par"], /--price: "par" is not a price/],
    [["--yield", "seven"], /--yield: "seven" is not a yield/],
    [["--delay", "19"], /--delay: price the pool to use it: add --price/],
    [["--summary"], /--summary: price the pool/],
  ])("rejects %j with a message naming the flag", async (extra, message) => {
    const { code, err } = await run([...base, ...extra]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});
