/**
 * Plain-text tables for the terminal and CSV for spreadsheets: the two output
 * forms every command shares. Numbers are formatted by the caller.
 */
export interface Column {
  readonly header: string;
  /** Right-align (numbers); default left. */
  readonly align?: "left" | "right";
}

export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? "").length)));
  const cell = (text: string, i: number) => (columns[i].align === "right" ? text.padStart(widths[i]) : text.padEnd(widths[i]));
  const lines = [columns.map((c, i) => cell(c.header, i)).join("  "), widths.map((w) => "-".repeat(w)).join("  ")];
  for (const r of rows) lines.push(columns.map((_, i) => cell(r[i] ?? "", i)).join("  ").trimEnd());
  return lines.join("\n");
}

function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(headers: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return [headers.map(csvCell).join(","), ...rows.map((r) => r.map(csvCell).join(","))].join("\n") + "\n";
}

/** 1234567.891 → "1,234,567.89". */
export function money(value: number, decimals = 2): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function percent(fraction: number, decimals = 4): string {
  return `${(fraction * 100).toFixed(decimals)}%`;
}
