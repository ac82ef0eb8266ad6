/**
 * `tranche pool --prices/--yields --speeds`: a GNMA pass-through's yield table (SIFMA SF-47 to SF-55).
 * Expected values are the single-quote path's own answers and the standard's identities, not pasted output.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { tranche } from "../../../test/support/cli.js";

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { code, stdout, stderr } = await tranche(...args);
  return { code, out: stdout, err: stderr };
}

/** A GNMA I 9% pool on 9.5% mortgages. */
const gnma = ["pool", "--balance", "1000000", "--wac", "9.5", "--net", "9", "--term", "360"];
const PRICES = ["98", "99-16", "100", "101"];
const SPEEDS = [0, 100, 150, 200, 300];
const NET = 9;

async function json(extra: string[]) {
  const { code, out, err } = await run([...gnma, ...extra, "--format", "json"]);
  expect(err).toBe("");
  expect(code).toBe(0);
  return JSON.parse(out);
}

describe("tranche pool --prices --speeds", () => {
  afterEach(() => vi.restoreAllMocks());

  it("every cell is what `tranche pool --price P --prepay S psa` reports for that price and speed", async () => {
    const terms = ["--delay", "14", "--settle-days", "15", "--default", "100sda", "--severity", "20", "--lag", "12"];
    const table = await json(["--prepay", "psa", "--prices", PRICES.join(","), "--speeds", SPEEDS.join(","), ...terms]);
    expect(table.speeds).toEqual(SPEEDS);
    expect(table.rows.map((r: { quote: number }) => r.quote)).toEqual([98, 99.5, 100, 101]);
    for (const [i, price] of PRICES.entries()) {
      for (const [j, speed] of SPEEDS.entries()) {
        const single = await json(["--prepay", `${speed}psa`, "--price", price, ...terms, "--summary"]);
        expect(table.rows[i].cells[j]).toEqual(single.analytics);
      }
    }
  });

  it("a price table: every cell is `--yield Y` at that speed; --prepay 150psa gives the unit, --speeds the columns", async () => {
    const table = await json(["--prepay", "150psa", "--yields", "8.5,9.25", "--speeds", "100,250", "--delay", "19"]);
    expect(table).toMatchObject({ quotedBy: "yield", unit: "psa", speeds: [100, 250], delayDays: 19 });
    const single = await json(["--prepay", "250psa", "--yield", "9.25", "--delay", "19", "--summary"]);
    expect(table.rows[1].cells[1]).toEqual(single.analytics);
  });

  it("at par with no delay the whole par row is 200((1 + c/1200)^6 − 1), c the net coupon, at every speed", async () => {
    const table = await json(["--prepay", "psa", "--prices", "98,100,102", "--speeds", SPEEDS.join(",")]);
    const parYield = 200 * (Math.pow(1 + NET / 1200, 6) - 1);
    for (const cell of table.rows[1].cells) {
      expect(cell.yield).toBeCloseTo(parYield, 8);
      expect(cell.mortgageYield).toBeCloseTo(NET, 8);
    }
  });

  it("the WAL falls as the PSA speed rises; a discount's yield rises with speed and a premium's falls", async () => {
    const table = await json(["--prepay", "psa", "--prices", "98,102", "--speeds", SPEEDS.join(","), "--delay", "14"]);
    const wal: number[] = table.bySpeed.map((s: { averageLife: number }) => s.averageLife);
    const [discount, premium] = table.rows.map((r: { cells: { yield: number }[] }) => r.cells.map((c) => c.yield));
    for (let j = 1; j < SPEEDS.length; j++) {
      expect(wal[j]).toBeLessThan(wal[j - 1]);
      expect(discount[j]).toBeGreaterThan(discount[j - 1]);
      expect(premium[j]).toBeLessThan(premium[j - 1]);
    }
  });

  it("0 PSA: the WAL of a 12-month pool's SF-3 scheduled amortization, received 14 days after each month", async () => {
    // BAL(M) = (1 − x^−M)/(1 − x^−12), x = 1 + 9.5/1200; month k returns BAL(13 − k) − BAL(12 − k) at k/12 + 14/360 years.
    const x = 1 + 9.5 / 1200;
    const bal = (m: number) => (1 - Math.pow(x, -m)) / (1 - Math.pow(x, -12));
    let wal = 0;
    for (let k = 1; k <= 12; k++) wal += (k / 12 + 14 / 360) * (bal(13 - k) - bal(12 - k));
    const table = await json(["--term", "12", "--prepay", "psa", "--prices", "100", "--speeds", "0,100", "--delay", "14"]);
    expect(table.bySpeed[0].averageLife).toBeCloseTo(wal, 10);
    expect(table.bySpeed[0]).toMatchObject({ speed: 0, label: "0% PSA", firstPrincipalMonth: 1, lastPrincipalMonth: 12 });
  });

  it("without --speeds: one column at --prepay's speed, or the unit's usual grid for a bare unit", async () => {
    expect((await json(["--prepay", "150psa", "--prices", "100"])).speeds).toEqual([150]);
    expect((await json(["--prepay", "psa", "--prices", "100"])).speeds).toEqual([0, 50, 100, 150, 200, 300]);
    expect((await json(["--prepay", "cpr", "--prices", "100"])).speeds).toEqual([0, 10, 15, 20, 25, 30, 40]);
  });

  it("table: yield-table's layout, quotes down and speeds across, then WAL, Mod dur @ the middle quote and the principal months", async () => {
    const { code, out } = await run([...gnma, "--prepay", "psa", "--prices", PRICES.join(","), "--speeds", SPEEDS.join(","), "--delay", "14"]);
    expect(code).toBe(0);
    expect(out).toContain("Pool 1,000,000.00 at 9.5% WAC / 9% net, 360-month term, age 0: PSA speeds by column, 0 CDR");
    expect(out).toContain("Yield table of a pass-through at the 9% net rate, per 100 of current face; settling on the first day of the first accrual month; 14-day delay");
    const lines = out.split("\n");
    const head = lines.findIndex((l) => l.startsWith("price "));
    expect(lines[head].split(/\s{2,}/)).toEqual(["price", "0% PSA", "100% PSA", "150% PSA", "200% PSA", "300% PSA"]);
    expect(lines.slice(head + 2, head + 6).map((l) => l.split(/\s+/)[0])).toEqual(["98.000", "99.500", "100.000", "101.000"]);
    expect(lines[head + 6]).toMatch(/^WAL \(years\)/);
    expect(lines[head + 7]).toMatch(/^Mod dur @ 99\.500/); // the lower middle of four quotes
    expect(lines[head + 8]).toMatch(/^First principal \(month\)(\s+1){5}$/);
    expect(lines[head + 9]).toMatch(/^Last principal \(month\)(\s+360){5}$/);
  });

  it("CSV: one row per speed and quote", async () => {
    const { out } = await run([...gnma, "--prepay", "psa", "--prices", "98,100", "--speeds", "0,100,200", "--format", "csv"]);
    const lines = out.trim().split("\n");
    expect(lines[0]).toBe(
      "speed,unit,price,yield,mortgage_yield,accrued,average_life,macaulay_duration,modified_duration,convexity,first_principal_month,last_principal_month",
    );
    expect(lines).toHaveLength(1 + 3 * 2);
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 3).join(","))).toEqual([
      "0,psa,98.000000", "0,psa,100.000000", "100,psa,98.000000", "100,psa,100.000000", "200,psa,98.000000", "200,psa,100.000000",
    ]);
  });

  it.each([
    [["--prepay", "psa", "--speeds", "0,100"], /--speeds: a table needs its quotes: add --prices/],
    [["--prepay", "psa", "--prices", "98,100", "--price", "100"], /--prices and --price: .*not both/],
    [["--prepay", "psa", "--yields", "9", "--yield", "9"], /--yields and --yield: .*not both/],
    [["--prepay", "psa", "--prices", "98", "--yields", "9"], /give --prices .* or --yields .*, not both/],
    [["--prepay", "psa", "--prices", "98,par,100"], /--prices: "par" is not a price/],
    [["--prepay", "psa", "--prices", "98,,100"], /--prices: "" is not a price/],
    [["--prepay", "psa", "--yields", "9,nine"], /--yields: "nine" is not a yield/],
    [["--prepay", "psa", "--prices", "100", "--speeds", "0,fast"], /--speeds: "fast" is not a non-negative number/],
    [["--prepay", "cpr", "--prices", "100", "--speeds", "0,150"], /--speeds: 150 CPR is above 100/],
    [["--prepay", "6,8cpr", "--prices", "100", "--speeds", "0,10"], /--prepay: "6,8cpr" is a vector/],
    [["--prepay", "-5psa", "--prices", "100"], /--prepay: -5 is not a non-negative number/],
    [["--prepay", "100ppc", "--prices", "100"], /--prepay: unknown unit "ppc"/],
    [["--prepay", "psa", "--price", "100"], /--prepay: "psa" has no speed/],
    [["--prepay", "psa", "--prices", "100", "--settle-days", "30"], /--settle-days: expected a whole number/],
  ])("rejects %j with a message naming the flag", async (extra, message) => {
    const { code, err } = await run([...gnma, ...extra]);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});
