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
