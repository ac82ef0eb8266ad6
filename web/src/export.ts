/**
 * Table export: CSV (RFC 4180, full-precision numbers) and XLSX (exceljs,
 * loaded on first use so it does not weigh on the page).
 */
import type { ColumnFormat } from "./format.js";

export interface ExportColumn {
  readonly key: string;
  readonly label: string;
  readonly format: ColumnFormat;
}

export type Row = object;

function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const s = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(columns: readonly ExportColumn[], rows: readonly Row[]): string {
  const lines = [columns.map((c) => csvField(c.label)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvField((row as Record<string, unknown>)[c.key])).join(","));
  return lines.join("\r\n") + "\r\n";
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadCsv(fileName: string, columns: readonly ExportColumn[], rows: readonly Row[]): void {
  download(new Blob([toCsv(columns, rows)], { type: "text/csv;charset=utf-8" }), `${fileName}.csv`);
}

const numFmt: Partial<Record<ColumnFormat, string>> = {
  money: "#,##0.00",
  pct: "0.0000",
  years: "0.00",
  int: "0",
};

export async function downloadXlsx(fileName: string, sheetName: string, columns: readonly ExportColumn[], rows: readonly Row[]): Promise<void> {
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  book.creator = "Tranche";
  const sheet = book.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, " ").slice(0, 31) || "Sheet1", {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  sheet.columns = columns.map((c) => ({
    header: c.label,
    key: c.key,
    width: Math.max(10, c.label.length + 2, c.format === "money" ? 18 : 0),
    style: numFmt[c.format] ? { numFmt: numFmt[c.format] } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const out: Record<string, unknown> = {};
    for (const c of columns) {
      const v = (row as Record<string, unknown>)[c.key];
      out[c.key] = c.format === "bool" ? (v ? "pass" : "fail") : v ?? null;
    }
    sheet.addRow(out);
  }
  const buffer = await book.xlsx.writeBuffer();
  download(new Blob([buffer], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }), `${fileName}.xlsx`);
}
