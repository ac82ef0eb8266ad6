/**
 * The statement in each output form: text (terminal), JSON (the stored canonical
 * form), CSV (one table after another, each headed by its title), HTML (a
 * self-contained page) and PDF (pdfkit). Deterministic: no dates or times of
 * rendering appear anywhere.
 */
import { csvLine } from "../remittance/csv.js";
import { statementTables, type Table } from "./sections.js";
import type { Statement } from "./statement.js";

export const STATEMENT_FORMATS = ["text", "json", "csv", "html", "pdf"] as const;
export type StatementFormat = (typeof STATEMENT_FORMATS)[number];

function textTable(t: Table): string {
  const widths = t.columns.map((c, i) => Math.max(c.length, ...t.rows.map((r) => (r[i] ?? "").length)));
  const cell = (text: string, i: number): string => (t.numeric[i] ? text.padStart(widths[i]) : text.padEnd(widths[i]));
  const lines = [t.title, "=".repeat(t.title.length), t.columns.map(cell).join("  ").trimEnd(), widths.map((w) => "-".repeat(w)).join("  ")];
  for (const r of t.rows) lines.push(t.columns.map((_, i) => cell(r[i] ?? "", i)).join("  ").trimEnd());
  return lines.join("\n");
}

export function renderStatementText(s: Statement): string {
  const head = `STATEMENT TO CERTIFICATEHOLDERS (PSA §4.06)\n${s.deal.name}, Distribution Date ${s.distributionDate}`;
  return `${[head, ...statementTables(s).map(textTable)].join("\n\n")}\n`;
}

export function renderStatementCsv(s: Statement): string {
  const blocks = statementTables(s).map((t) => [csvLine([t.title]), csvLine(t.columns), ...t.rows.map((r) => csvLine(r.map((x) => x.replaceAll(",", "").replace(/%$/, ""))))].join("\n"));
  return `${blocks.join("\n\n")}\n`;
}

const escapeHtml = (text: string): string => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

export function renderStatementHtml(s: Statement): string {
  const tables = statementTables(s)
    .map((t) => {
      const head = t.columns.map((c, i) => `<th${t.numeric[i] ? ' class="n"' : ""}>${escapeHtml(c)}</th>`).join("");
      const body = t.rows.map((r) => `<tr>${r.map((x, i) => `<td${t.numeric[i] ? ' class="n"' : ""}>${escapeHtml(x)}</td>`).join("")}</tr>`).join("\n");
      return `<section>\n<h2>${escapeHtml(t.title)}</h2>\n<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n</section>`;
    })
    .join("\n");
  const title = `${escapeHtml(s.deal.name)}: statement for ${s.distributionDate}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2rem; color: #111; }
h1 { font-size: 1.3rem; } h2 { font-size: 1rem; margin-top: 1.5rem; }
table { border-collapse: collapse; font-size: 0.85rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.2rem 0.6rem; text-align: left; }
th.n, td.n { text-align: right; font-variant-numeric: tabular-nums; }
</style>
</head>
<body>
<h1>Statement to Certificateholders (PSA §4.06)<br>${title}</h1>
${tables}
</body>
</html>
`;
}

export function renderStatementJson(s: Statement): string {
  return `${JSON.stringify(s, null, 2)}\n`;
}
