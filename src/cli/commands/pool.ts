/**
 * `tranche pool`: the standard cash flow with defaults of one level-pay pool
 * (SIFMA SF-17 to SF-22, STANDARDS.md §4), month by month, from the same
 * projection kernel a deal runs.
 *
 *   tranche pool --balance 100000000 --wac 8 --net 7.5 --term 360 --age 0 \
 *     --prepay 150psa --default 100sda --severity 20 --lag 12 [--no-advance] [--format table|json|csv]
 *
 * Speeds are a number or a period vector followed by the unit: `1smm`, `150psa`,
 * `6cpr`, `6,8,10x12,20cpr`; `1mdr`, `100sda`, `2cdr`. Interest columns are at the
 * net rate.
 */
import type { Command } from "commander";
import { poolCashFlow, POOL_COLUMNS, type PoolCashFlow, type PoolCashFlowRow, type PoolSpec } from "../../collateral/index.js";
import type { DefaultUnit, PrepaymentUnit } from "../../core/scenario.js";
import { formatVector, parseVector, type PeriodVector } from "../../core/vector.js";
import { money, renderCsv, renderTable, type Column } from "../text-table.js";
import { UserError } from "../user-error.js";

interface PoolFlags {
  balance?: string;
  wac?: string;
  net?: string;
  term?: string;
  age?: string;
  prepay?: string;
  default?: string;
  severity?: string;
  lag?: string;
  advance?: boolean;
  format: string;
}

export function register(program: Command): void {
  program
    .command("pool")
    .description("the standard cash flow with defaults (SIFMA SF-17 to SF-22) of one level-pay pool, month by month")
    .requiredOption("--balance <dollars>", "pool balance at the start")
    .requiredOption("--wac <percent>", "gross (mortgage) rate: sets the level payment")
    .option("--net <percent>", "net (pass-through) rate for the interest columns (default: the WAC)")
    .requiredOption("--term <months>", "original term")
    .option("--age <months>", "loan age at the start (default 0)", "0")
    .option("--prepay <speed>", "voluntary prepayments: 1smm, 150psa, 6cpr or a vector like 6,8,10x12,20cpr", "0cpr")
    .option("--default <speed>", "defaults: 1mdr, 100sda, 2cdr or a vector", "0cdr")
    .option("--severity <percent>", "loss severity, % of the balance at default (vector allowed)", "0")
    .option("--lag <months>", "months from default to liquidation", "0")
    .option("--advance", "the servicer advances P&I on defaulted loans until liquidation (default)")
    .option("--no-advance", "no advancing: interest on defaulted loans is lost, foreclosures do not amortize")
    .option("--format <format>", "table, json or csv", "table")
    .action((flags: PoolFlags) => {
      if (!["table", "json", "csv"].includes(flags.format)) throw new UserError(`--format: expected table, json or csv, got "${flags.format}"`);
      const spec = poolSpecFromFlags(flags);
      let result: PoolCashFlow;
      try {
        result = poolCashFlow(spec);
      } catch (error) {
        if (error instanceof RangeError) throw new UserError(asOptionMessage(error.message));
        throw error;
      }
      process.stdout.write(renderPool(result, flags.format));
    });
}

export function poolSpecFromFlags(flags: PoolFlags): PoolSpec {
  const wac = number(flags.wac, "--wac");
  return {
    balance: number(flags.balance, "--balance"),
    wac,
    net: flags.net === undefined ? wac : number(flags.net, "--net"),
    term: integer(flags.term, "--term"),
    age: integer(flags.age ?? "0", "--age"),
    prepayment: speed(flags.prepay ?? "0cpr", "--prepay", { smm: "smm", cpr: "cpr", psa: "psa" }),
    default: speed(flags.default ?? "0cdr", "--default", { mdr: "mdr", cdr: "cdr", sda: "sda" }),
    severity: vector(flags.severity ?? "0", "--severity"),
    lag: integer(flags.lag ?? "0", "--lag"),
    advancing: flags.advance !== false,
  };
}

/** The kernel's checks name fields (`balance: …`, `scenario.severity[period 3]: …`); say which option instead. */
function asOptionMessage(message: string): string {
  const options: Array<[RegExp, string]> = [
    [/^scenario\.prepayment/, "--prepay"],
    [/^scenario\.default/, "--default"],
    [/^scenario\.severity/, "--severity"],
    [/^scenario\.recoveryLag/, "--lag"],
    [/^(balance|wac|net|term|age)\b/, "--$1"],
  ];
  for (const [pattern, option] of options) if (pattern.test(message)) return message.replace(pattern, option);
  return message;
}

function number(text: string | undefined, option: string): number {
  const value = Number(text);
  if (text === undefined || text.trim() === "" || !Number.isFinite(value)) throw new UserError(`${option}: expected a number, got "${text ?? ""}"`);
  return value;
}

function integer(text: string | undefined, option: string): number {
  const value = number(text, option);
  if (!Number.isInteger(value) || value < 0) throw new UserError(`${option}: expected a whole number of months, got "${text}"`);
  return value;
}

function vector(text: string, option: string): PeriodVector {
  try {
    return parseVector(text, option);
  } catch (error) {
    throw new UserError((error as Error).message);
  }
}

function speed<U extends PrepaymentUnit | DefaultUnit>(
  text: string,
  option: string,
  units: Readonly<Record<string, U>>,
): { unit: U; values: PeriodVector } {
  const m = /^\s*(.*?)\s*([a-z]+)\s*$/i.exec(text);
  const names = Object.keys(units).join(", ");
  if (!m) throw new UserError(`${option}: expected a number or vector followed by a unit (${names}), e.g. "150${Object.keys(units)[2]}", got "${text}"`);
  const unit = units[m[2].toLowerCase()];
  if (unit === undefined) {
    const extra = m[2].toLowerCase() === "ppc" ? " (a pool has no deal Prepayment Assumption; use psa or cpr)" : "";
    throw new UserError(`${option}: unknown unit "${m[2]}" in "${text}": expected ${names}${extra}`);
  }
  return { unit, values: vector(m[1], option) };
}

const HEADERS: Readonly<Record<keyof PoolCashFlowRow, string>> = {
  month: "Month",
  performingBalance: "Performing",
  newDefaults: "NewDefaults",
  inForeclosure: "Foreclosure",
  expectedAmortization: "ExpAmort",
  voluntaryPrepayments: "Prepay",
  amortizationFromDefaults: "AmortDef",
  actualAmortization: "ActAmort",
  expectedInterest: "ExpInterest",
  lostInterest: "LostInterest",
  actualInterest: "ActInterest",
  principalRecovery: "Recovery",
  principalLoss: "Loss",
  adb: "ADB",
};

export function renderPool(result: PoolCashFlow, format: string): string {
  if (format === "json") {
    return JSON.stringify({ pool: describe(result.spec), rows: result.rows, totals: result.totals }, null, 2) + "\n";
  }
  if (format === "csv") {
    const rows: (number | string | null)[][] = result.rows.map((r) => POOL_COLUMNS.map((k) => r[k]));
    rows.push(POOL_COLUMNS.map((k) => (k === "month" ? "total" : result.totals[k])));
    return renderCsv(POOL_COLUMNS, rows);
  }
  const columns: Column[] = POOL_COLUMNS.map((k) => ({ header: HEADERS[k], align: "right" }));
  const dollars = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const cells = result.rows.map((r) => POOL_COLUMNS.map((k) => (k === "month" ? String(r.month) : dollars.format(r[k]))));
  cells.push(POOL_COLUMNS.map((k) => (k === "month" ? "Total" : result.totals[k] === null ? "" : dollars.format(result.totals[k] as number))));
  const s = result.spec;
  const principal = s.advancing
    ? "principal = actual amortization + amortization from defaults (advanced) + prepayments + recovery; interest paid = expected interest"
    : "principal = actual amortization + prepayments + recovery; interest paid = actual interest (nothing advanced)";
  return [
    `Pool ${money(s.balance)} at ${s.wac}% WAC / ${s.net}% net, ${s.term}-month term, age ${s.age}: ` +
      `${formatVector(s.prepayment.values)} ${s.prepayment.unit.toUpperCase()}, ${formatVector(s.default.values)} ${s.default.unit.toUpperCase()}, ` +
      `${formatVector(s.severity)}% severity, ${s.lag}-month lag, ${s.advancing ? "advancing" : "no advancing"}`,
    `Interest at the net rate. With this convention ${principal}.`,
    "",
    renderTable(columns, cells),
    "",
  ].join("\n");
}

function describe(s: PoolSpec) {
  return {
    balance: s.balance,
    wac: s.wac,
    net: s.net,
    term: s.term,
    age: s.age,
    prepayment: s.prepayment,
    default: s.default,
    severity: s.severity,
    lag: s.lag,
    advancing: s.advancing,
    interestRate: "net",
  };
}
