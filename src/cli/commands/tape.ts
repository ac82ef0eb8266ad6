/**
 * `tranche tape import FILE.csv|FILE.xlsx [--map MAP.yaml]`: reads a servicer's
 * loan tape, checks every row (every problem at once, `FILE:ROW  Column:
 * problem`), and prints its stratification (note rate, remaining term, product,
 * state, FICO, LTV, group, delinquency) as a table, CSV, JSON or an XLSX
 * workbook (`--format xlsx --out FILE.xlsx`). `--write OUT.csv` keeps the tape
 * in the standard headings (a deal file can name it without a map); it is
 * written only when the tape has no problem, and whole (a temporary file renamed).
 *
 * Exit codes: 0 read; 1 the tape (or the map) has problems; 2 usage.
 */
import { renameSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { isCivilDate, type CivilDate } from "../../core/civil-date.js";
import { readColumnMap, type TapeColumnMap } from "../../deal/tape/column-map.js";
import { TAPE_FIELDS } from "../../deal/tape/fields.js";
import { TapeError } from "../../deal/tape/problems.js";
import { readTapeFile } from "../../deal/tape/read-tape.js";
import { repLinesFromTape } from "../../deal/tape/rep-lines.js";
import { summarizeTape, type Stratification, type StratumRow, type TapeSummary } from "../../deal/tape/stratify.js";
import type { ImportedTape, TapeLoan } from "../../deal/tape/tape-builder.js";
import { money, renderCsv, renderTable, type Column } from "../text-table.js";
import { UserError } from "../user-error.js";

interface ImportFlags {
  map?: string;
  cutoff?: string;
  format: string;
  out?: string;
  write?: string;
  maxLoans?: string;
  quiet?: boolean;
}

export function register(program: Command): void {
  const tape = program.command("tape").description("loan tapes: import and stratify a servicer's tape, build rep lines from one");
  tape
    .command("import")
    .description("read a loan tape (CSV or XLSX), list every problem with its row and column, and print its stratification")
    .argument("<file>", "the tape: .csv or .xlsx (the first worksheet), one row a loan under a heading row")
    .option("--map <file>", "column map (YAML): columns: {field: heading}, dateFormat, cutoffDate, group, lifetimeCap")
    .option("--cutoff <date>", "the Cut-off Date (YYYY-MM-DD) ages and first resets are measured to")
    .option("--format <format>", "table, csv, json or xlsx (xlsx needs --out)", "table")
    .option("--out <file>", "write the summary to a file instead of stdout")
    .option("--write <file>", "also write the checked tape as CSV in the standard headings (only when it has no problem)")
    .option("--max-loans <n>", "refuse a tape with more loans than this (bounds memory)", "1000000")
    .option("--quiet", "no progress on stderr")
    .addHelpText("after", `\nFields (the usual headings are recognized; a map names others):\n${TAPE_FIELDS.map((f) => `  ${f.name.padEnd(17)} ${f.description}`).join("\n")}\n`)
    .action(async (file: string, flags: ImportFlags) => {
      if (!["table", "csv", "json", "xlsx"].includes(flags.format)) throw new UserError(`--format: expected table, csv, json or xlsx, got "${flags.format}"`);
      if (flags.format === "xlsx" && flags.out === undefined) throw new UserError("--format xlsx: needs --out FILE.xlsx");
      const imported = await importTape(file, flags);
      const summary = summarizeTape(imported.loans);
      if (flags.write !== undefined) writeAtomically(flags.write, canonicalCsv(imported.loans));
      if (flags.format === "xlsx") {
        writeAtomically(flags.out!, await summaryXlsx(imported, summary));
        process.stderr.write(`wrote ${flags.out}\n`);
        return;
      }
      const text =
        flags.format === "json"
          ? JSON.stringify({ file: imported.file, columns: imported.columns, ignoredColumns: imported.ignoredColumns, ...summary }, null, 2) + "\n"
          : flags.format === "csv"
            ? summaryCsv(summary)
            : summaryText(imported, summary);
      if (flags.out !== undefined) writeAtomically(flags.out, text);
      else process.stdout.write(text);
    });
  registerRepLines(tape);
}

interface RepLineFlags extends Pick<ImportFlags, "map" | "cutoff" | "maxLoans" | "quiet"> {
  rateStep?: string;
  format: string;
}

function registerRepLines(tape: Command): void {
  tape
    .command("replines")
    .description("build a deal's rep lines from a loan tape: loans grouped by group, fixed or ARM terms, IO, original term (and rate band)")
    .argument("<file>", "the tape: .csv or .xlsx")
    .option("--map <file>", "column map (YAML), as for tape import")
    .option("--cutoff <date>", "the Cut-off Date (YYYY-MM-DD) ages and first resets are measured to")
    .option("--rate-step <percent>", "also split lines by note-rate band of this width (e.g. 0.25)")
    .option("--format <format>", "yaml (collateral.groups of a deal file) or json", "yaml")
    .option("--max-loans <n>", "refuse a tape with more loans than this", "1000000")
    .option("--quiet", "no progress on stderr")
    .action(async (file: string, flags: RepLineFlags) => {
      if (!["yaml", "json"].includes(flags.format)) throw new UserError(`--format: expected yaml or json, got "${flags.format}"`);
      const rateStep = flags.rateStep === undefined ? 0 : Number(flags.rateStep);
      if (!(rateStep >= 0) || !Number.isFinite(rateStep)) throw new UserError(`--rate-step: expected a non-negative percent, got "${flags.rateStep}"`);
      const imported = await importTape(file, flags);
      const groups = repLinesFromTape(imported.loans, { rateStep });
      if (flags.format === "json") {
        process.stdout.write(JSON.stringify({ groups }, null, 2) + "\n");
        return;
      }
      const { stringify } = await import("yaml");
      const lines = groups.reduce((a, g) => a + g.repLines.length, 0);
      process.stdout.write(
        `# Rep lines of ${imported.file}: ${imported.loans.length} loans in ${lines} lines (tranche tape replines).\n` +
          `# Paste under collateral: in the deal file; the deal names the tape with loanTape: {file: ..., map: ...}.\n` +
          stringify({ groups }),
      );
    });
}

function parseCutoff(text: string | undefined): CivilDate | undefined {
  if (text === undefined) return undefined;
  if (!isCivilDate(text)) throw new UserError(`--cutoff: expected a date YYYY-MM-DD, got "${text}"`);
  return text;
}

export async function importTape(file: string, flags: Pick<ImportFlags, "map" | "cutoff" | "maxLoans" | "quiet">): Promise<ImportedTape> {
  const cutoffDate = parseCutoff(flags.cutoff);
  const maxLoans = Number(flags.maxLoans ?? 1_000_000);
  if (!Number.isInteger(maxLoans) || maxLoans < 1) throw new UserError(`--max-loans: expected a positive whole number, got "${flags.maxLoans}"`);
  let map: TapeColumnMap | undefined;
  const { default: cliProgress } = await import("cli-progress");
  const showProgress = flags.quiet !== true && process.stderr.isTTY === true;
  const bar = showProgress ? new cliProgress.SingleBar({ format: "reading {bar} {percentage}% | {value}/{total} MB", stream: process.stderr }, cliProgress.Presets.shades_classic) : null;
  try {
    if (flags.map !== undefined) map = readColumnMap(flags.map);
    let started = false;
    return await readTapeFile(file, {
      ...(map ? { map } : {}),
      ...(cutoffDate ? { cutoffDate } : {}),
      maxLoans,
      onProgress: (read, total) => {
        if (!bar) return;
        const mb = (x: number) => Math.round(x / 1e5) / 10;
        if (!started) bar.start(mb(total), 0), (started = true);
        bar.update(mb(read));
      },
    });
  } catch (e) {
    if (e instanceof TapeError) throw new UserError(e.message, 1);
    throw e;
  } finally {
    bar?.stop();
  }
}

function writeAtomically(path: string, data: string | Uint8Array): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (e) {
    throw new UserError(`cannot write ${path}: ${(e as Error).message}`, 2);
  }
}

const pct = (x: number) => x.toFixed(2);
const opt = (x: number | null, d: number) => (x === null ? "" : x.toFixed(d));

const STRATUM_COLUMNS: readonly Column[] = [
  { header: "Bucket" },
  { header: "Loans", align: "right" },
  { header: "Balance", align: "right" },
  { header: "% Bal", align: "right" },
  { header: "WAC", align: "right" },
  { header: "WAM", align: "right" },
  { header: "Age", align: "right" },
  { header: "FICO", align: "right" },
  { header: "LTV", align: "right" },
];

const stratumCells = (r: StratumRow): string[] => [
  r.bucket,
  String(r.loans),
  money(r.balance),
  pct(r.percentBalance),
  r.waRate.toFixed(3),
  r.waRemainingTerm.toFixed(0),
  r.waAge.toFixed(0),
  opt(r.waFico, 0),
  opt(r.waLtv, 2),
];

function summaryText(tape: ImportedTape, s: TapeSummary): string {
  const t = s.total;
  const lines = [
    `${tape.file}: ${t.loans} loans, ${money(t.balance)} (average ${money(s.averageBalance)}), WAC ${t.waRate.toFixed(3)}%, WAM ${t.waRemainingTerm.toFixed(0)}, age ${t.waAge.toFixed(0)}` +
      (t.waFico === null ? "" : `, FICO ${t.waFico.toFixed(0)}`) +
      (t.waLtv === null ? "" : `, LTV ${t.waLtv.toFixed(2)}%`),
    `columns: ${Object.entries(tape.columns)
      .map(([f, h]) => (f === h ? f : `${f} ← "${h}"`))
      .join(", ")}`,
  ];
  if (tape.ignoredColumns.length) lines.push(`not read: ${tape.ignoredColumns.join(", ")}`);
  for (const strat of s.stratifications) {
    lines.push("", strat.title, renderTable(STRATUM_COLUMNS, [...strat.rows.map(stratumCells), stratumCells(t)]));
  }
  return lines.join("\n") + "\n";
}

const CSV_HEADERS = ["stratification", "bucket", "loans", "balance", "percentBalance", "waRate", "waRemainingTerm", "waAge", "waFico", "waLtv"];
const csvRow = (name: string, r: StratumRow) => [name, r.bucket, r.loans, r.balance.toFixed(2), r.percentBalance, r.waRate, r.waRemainingTerm, r.waAge, r.waFico, r.waLtv];

function summaryCsv(s: TapeSummary): string {
  return renderCsv(CSV_HEADERS, [csvRow("total", s.total), ...s.stratifications.flatMap((st) => st.rows.map((r) => csvRow(st.name, r)))]);
}

async function summaryXlsx(tape: ImportedTape, s: TapeSummary): Promise<Uint8Array> {
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  const sheetFor = (title: string, strat: Stratification | null) => {
    const sheet = book.addWorksheet(title.replace(/[\\/?*[\]:]/g, " ").slice(0, 31));
    sheet.addRow(["Bucket", "Loans", "Balance", "% Balance", "WAC", "WAM", "Age", "FICO", "LTV"]).font = { bold: true };
    const add = (r: StratumRow) => sheet.addRow([r.bucket, r.loans, r.balance, r.percentBalance, r.waRate, r.waRemainingTerm, r.waAge, r.waFico, r.waLtv]);
    for (const r of strat?.rows ?? []) add(r);
    add(s.total).font = { bold: true };
    sheet.getColumn(1).width = 24;
    sheet.getColumn(3).numFmt = "#,##0.00";
    for (const c of [4, 5]) sheet.getColumn(c).numFmt = "0.000";
    for (const c of [6, 7, 8]) sheet.getColumn(c).numFmt = "0";
    sheet.getColumn(9).numFmt = "0.00";
  };
  sheetFor("Summary", null);
  for (const strat of s.stratifications) sheetFor(strat.title, strat);
  book.creator = `tranche tape import ${tape.file}`;
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** The checked tape in the standard headings (dates resolved to ages and first-reset ages). */
export function canonicalCsv(loans: readonly TapeLoan[]): string {
  const headers = ["loanId", "group", "currentBalance", "originalBalance", "noteRate", "servicingFee", "originalTerm", "remainingTerm", "age", "product", "armIndex", "margin", "initialCap", "periodicCap", "lifetimeCap", "floor", "firstResetAge", "resetFrequency", "ioTerm", "delinquency", "state", "fico", "ltv"];
  return renderCsv(
    headers,
    loans.map((l) => [
      l.loanId,
      l.group,
      l.currentBalance,
      l.originalBalance,
      l.noteRate,
      l.servicingFee,
      l.originalTerm,
      l.remainingTerm,
      l.age,
      l.product,
      l.arm?.index,
      l.arm?.margin,
      l.arm?.initialCap,
      l.arm?.periodicCap,
      l.arm?.lifetimeCap,
      l.arm?.floor,
      l.arm?.firstResetAge,
      l.arm?.resetFrequency,
      l.ioTerm,
      l.delinquency,
      l.state,
      l.fico,
      l.ltv,
    ]),
  );
}
