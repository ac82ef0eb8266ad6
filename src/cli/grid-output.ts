/**
 * `tranche grid`'s rows as a terminal table, CSV, JSON Lines or an Excel
 * workbook (one sheet a deal). A file is written to a temporary name beside
 * it and renamed into place, so a failed run leaves nothing partial.
 */
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { GridCell } from "../compute/grid.js";
import type { ScenarioRow } from "./grid-scenarios.js";
import { renderCsv, renderTable } from "./text-table.js";
import { UserError } from "./user-error.js";

export type GridFormat = "table" | "csv" | "jsonl" | "xlsx";

export interface GridDealRows {
  readonly dealId: string;
  readonly dealName: string;
  readonly classes: readonly string[];
  readonly scenarios: readonly ScenarioRow[];
  /** cells[s][c]: scenario s, class c. */
  readonly cells: GridCell[][];
}

export function gridOutputFormat(out: string | undefined, format: string | undefined): GridFormat {
  if (out !== undefined) {
    if (format !== undefined) throw new UserError("--format: with --out the file's extension decides the format; leave out --format");
    const ext = /\.([A-Za-z]+)$/.exec(out)?.[1]?.toLowerCase();
    if (ext === "csv" || ext === "jsonl" || ext === "xlsx") return ext;
    throw new UserError(`--out ${out}: name a .csv, .jsonl or .xlsx file`);
  }
  const f = format ?? "table";
  if (f === "table" || f === "csv" || f === "jsonl") return f;
  throw new UserError(`--format: expected table, csv or jsonl, got "${format}"`);
}

/** The scenario columns: the labels the scenarios use, in flag order. */
function axisColumns(deals: readonly GridDealRows[]): string[] {
  const order = ["ppc", "cpr", "psa", "smm", "cdr", "mdr", "sda", "severity", "lag", "libor", "advance", "call", "pis", "relief"];
  const used = new Set(deals.flatMap((d) => d.scenarios.flatMap((s) => Object.keys(s.labels))));
  return order.filter((k) => used.has(k));
}

export const GRID_MEASURES = ["wal", "principal", "interest", "writedown", "loss_pct", "first_writedown_period", "depletion_period"] as const;

function headers(axes: readonly string[], priced: boolean, spread: boolean): string[] {
  return ["deal", "scenario", ...axes, "class", ...GRID_MEASURES, ...(priced ? ["yield"] : []), ...(spread ? ["spread_bp"] : [])];
}

type Value = string | number | null;

/** One row's values; numbers at fixed decimals in text formats, full precision in JSON. */
function rowValues(d: GridDealRows, s: number, cell: GridCell, axes: readonly string[], priced: boolean, spread: boolean, text: boolean): Value[] {
  const fx = (x: number | null, n: number): Value => (x === null ? null : text ? x.toFixed(n) : x);
  const labels = d.scenarios[s].labels;
  return [
    d.dealId,
    s + 1,
    ...axes.map((a) => labels[a] ?? null),
    cell.classId,
    fx(cell.wal, 4),
    fx(cell.principal, 2),
    fx(cell.interest, 2),
    fx(cell.writedown, 2),
    fx(cell.lossPercent, 6),
    cell.firstWritedownPeriod,
    cell.depletionPeriod,
    ...(priced ? [fx(cell.yield, 6)] : []),
    ...(spread ? [fx(cell.spreadBp, 2)] : []),
  ];
}

function* allRows(deals: readonly GridDealRows[], axes: readonly string[], priced: boolean, spread: boolean, text: boolean): Generator<{ deal: GridDealRows; values: Value[] }> {
  for (const d of deals) {
    for (let s = 0; s < d.cells.length; s++) for (const cell of d.cells[s]) yield { deal: d, values: rowValues(d, s, cell, axes, priced, spread, text) };
  }
}

export function renderGridText(format: "csv" | "jsonl", deals: readonly GridDealRows[], priced: boolean, spread: boolean): string {
  const axes = axisColumns(deals);
  const head = headers(axes, priced, spread);
  if (format === "csv") return renderCsv(head, [...allRows(deals, axes, priced, spread, true)].map((r) => r.values.map((v) => v ?? "")));
  const lines: string[] = [];
  for (const r of allRows(deals, axes, priced, spread, false)) lines.push(JSON.stringify(Object.fromEntries(head.map((h, i) => [h, r.values[i]]))));
  return lines.join("\n") + (lines.length ? "\n" : "");
}

export function renderGridTable(deals: readonly GridDealRows[], priced: boolean, spread: boolean): string {
  const axes = axisColumns(deals);
  const head = headers(axes, priced, spread);
  const out: string[] = [];
  for (const d of deals) {
    out.push(`${d.dealName} (${d.dealId}): ${d.cells.length} scenarios × ${d.classes.length} classes`);
    const rows = [...allRows([d], axes, priced, spread, true)].map((r) => r.values.slice(1).map((v) => (v === null ? "-" : String(v))));
    out.push(renderTable(head.slice(1).map((h, i) => ({ header: h, align: i === axes.length + 1 ? ("left" as const) : ("right" as const) })), rows), "");
  }
  return out.join("\n");
}

async function xlsxBuffer(deals: readonly GridDealRows[], priced: boolean, spread: boolean): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  book.creator = "tranche grid";
  const axes = axisColumns(deals);
  const head = headers(axes, priced, spread);
  const used = new Set<string>();
  for (const d of deals) {
    // Sheet names: at most 31 characters, none of : \ / ? * [ ], unique.
    let name = d.dealId.replace(/[:\\/?*[\]]/g, "_").slice(0, 31);
    for (let i = 2; used.has(name); i++) name = `${d.dealId.slice(0, 28)}~${i}`;
    used.add(name);
    const sheet = book.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.addRow(head).font = { bold: true };
    for (const r of allRows([d], axes, priced, spread, false)) {
      sheet.addRow(r.values.map((v, i) => (v !== null && i >= 2 && i < 2 + axes.length && /^\d+(\.\d+)?$/.test(String(v)) ? Number(v) : v)));
    }
    sheet.columns.forEach((c, i) => (c.width = Math.max(9, head[i].length + 2)));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Writes the rows to `path` atomically (a temporary file beside it, then rename). */
export async function writeGridOutput(path: string, format: GridFormat, deals: readonly GridDealRows[], priced: boolean, spread: boolean): Promise<void> {
  const body = format === "xlsx" ? await xlsxBuffer(deals, priced, spread) : format === "table" ? renderGridTable(deals, priced, spread) : renderGridText(format, deals, priced, spread);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, body);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UserError(`--out ${path}: cannot write: ${(e as Error).message}`);
  }
}
