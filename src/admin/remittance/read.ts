/**
 * Reads a remittance file's text (JSON or CSV) into a `Remittance` (cents), or
 * throws a `RemittanceError` listing every problem at `file:line`: syntax, the
 * schema, the header totals against the loan rows, and each row's own
 * consistency (`checkLoanRows`). Pure: the caller reads the file.
 */
import { z } from "zod";
import { CsvSyntaxError, parseCsv, type CsvRecord } from "./csv.js";
import { jsonPositions, type JsonPositions } from "./json-positions.js";
import type { RemittanceLines } from "./lines.js";
import { RemittanceError, type RemittanceProblem } from "./problems.js";
import { checkLoanRows } from "./row-checks.js";
import { checkTotals } from "./totals.js";
import {
  DELINQUENCY_STATUSES,
  LOAN_CSV_COLUMNS,
  remittanceSchema,
  remittanceTotalsSchema,
  type CsvFieldKind,
  type Remittance,
} from "./schema.js";

export type RemittanceFormat = "json" | "csv";


export interface ReadRemittance {
  readonly remittance: Remittance;
  readonly lines: RemittanceLines;
  readonly format: RemittanceFormat;
}

/** The file form by extension, else by the first non-blank character. */
export function detectFormat(file: string, text: string): RemittanceFormat {
  if (/\.json$/i.test(file)) return "json";
  if (/\.csv$/i.test(file)) return "csv";
  return text.trimStart().startsWith("{") ? "json" : "csv";
}

export function readRemittance(file: string, input: string): ReadRemittance {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input; // a byte-order mark is not content
  const format = detectFormat(file, text);
  const { value, lines } = format === "json" ? fromJson(file, text) : fromCsv(file, text);
  const parsed = remittanceSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    throw new RemittanceError(file, parsed.error.issues.map((issue) => issueProblem(issue, value, lines)));
  }
  const remittance = parsed.data;
  const problems = [...checkTotals(remittance, lines), ...checkLoanRows(remittance, lines)];
  if (problems.length > 0) throw new RemittanceError(file, problems);
  return { remittance, lines, format };
}

// ---------------------------------------------------------------------------
// JSON

function fromJson(file: string, text: string): { value: unknown; lines: RemittanceLines } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new RemittanceError(file, [{ line: jsonErrorLine(text, error as Error), path: "", message: `not valid JSON: ${(error as Error).message}` }]);
  }
  const positions: JsonPositions = jsonPositions(text);
  return { value, lines: { header: positions.keys, loans: positions.loans, loanFields: positions.loanKeys } };
}

/** V8 reports "at position N" (or "line L column C" in newer versions). */
function jsonErrorLine(text: string, error: Error): number {
  const lineMatch = /line (\d+)/.exec(error.message);
  if (lineMatch) return Number(lineMatch[1]);
  const posMatch = /position (\d+)/.exec(error.message);
  if (!posMatch) return 0;
  const pos = Number(posMatch[1]);
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}

// ---------------------------------------------------------------------------
// CSV

const TOTALS_FIELDS = new Set(Object.keys(remittanceTotalsSchema.shape));

function fromCsv(file: string, text: string): { value: unknown; lines: RemittanceLines } {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new RemittanceError(file, [{ line: error.line, path: "", message: `not valid CSV: ${error.message}` }]);
    throw error;
  }
  const problems: RemittanceProblem[] = [];
  const isBlank = (r: CsvRecord): boolean => r.fields.every((f) => f.trim() === "");
  let i = 0;
  while (i < records.length && isBlank(records[i])) i++;
  const first = records[i];
  if (!first || first.fields[0] !== "field" || first.fields[1] !== "value") {
    throw new RemittanceError(file, [
      { line: first?.line ?? 1, path: "", message: 'a CSV remittance starts with a header block whose first row is "field,value", then a blank line, then the loan table' },
    ]);
  }
  const header: Record<string, unknown> = {};
  const totals: Record<string, unknown> = {};
  const indexFixings: Record<string, unknown> = {};
  const headerLines = new Map<string, number>();
  for (i++; i < records.length && !isBlank(records[i]); i++) {
    const { line, fields } = records[i];
    const [key, raw = ""] = fields;
    if (fields.length !== 2) problems.push({ line, path: `header.${key}`, message: `a header row has 2 fields (field,value), this one has ${fields.length}` });
    if (key.startsWith("totals.")) {
      const name = key.slice("totals.".length);
      totals[name] = TOTALS_FIELDS.has(name) ? numberCell(raw) : raw;
    } else if (key.startsWith("indexFixings.")) {
      indexFixings[key.slice("indexFixings.".length)] = numberCell(raw);
    } else {
      header[key] = raw;
    }
    headerLines.set(`header.${key}`, line);
  }
  header.totals = totals;
  header.indexFixings = indexFixings;
  while (i < records.length && isBlank(records[i])) i++;
  const loans: unknown[] = [];
  const loanLines: number[] = [];
  const columnsRecord = records[i];
  if (!columnsRecord) {
    problems.push({ line: (records[records.length - 1]?.line ?? 0) + 1, path: "loans", message: "the loan table (a row of column names, then one row per loan) is missing" });
  } else {
    const columns = columnsRecord.fields.map((c) => c.trim());
    const known = LOAN_CSV_COLUMNS as Readonly<Record<string, CsvFieldKind>>;
    for (const c of columns) {
      if (!(c in known)) problems.push({ line: columnsRecord.line, path: `loans.${c}`, message: `unknown column "${c}" (columns: ${Object.keys(known).join(", ")})` });
    }
    const seen = new Set<string>();
    for (const c of columns) {
      if (seen.has(c)) problems.push({ line: columnsRecord.line, path: `loans.${c}`, message: `column "${c}" appears twice` });
      seen.add(c);
    }
    for (i++; i < records.length; i++) {
      const record = records[i];
      if (isBlank(record)) continue;
      if (record.fields.length !== columns.length) {
        problems.push({ line: record.line, path: `loans[${record.fields[0] ?? ""}]`, message: `has ${record.fields.length} fields, the column row has ${columns.length}` });
        continue;
      }
      const row: Record<string, unknown> = {};
      columns.forEach((c, k) => {
        const cell = record.fields[k].trim();
        if (cell === "") return; // omitted: the schema's default (0, current, false, null)
        row[c] = convertCell(known[c], cell);
      });
      loans.push(row);
      loanLines.push(record.line);
    }
  }
  if (problems.length > 0) throw new RemittanceError(file, problems);
  return { value: { header, loans }, lines: { header: headerLines, loans: loanLines, loanFields: null } };
}

/** A CSV cell as the JSON value the schema expects; a cell that does not convert stays a string and the schema names it. */
function convertCell(kind: CsvFieldKind | undefined, cell: string): unknown {
  switch (kind) {
    case "money":
    case "number":
      return numberCell(cell);
    case "boolean":
      if (/^(true|y|yes|1)$/i.test(cell)) return true;
      if (/^(false|n|no|0)$/i.test(cell)) return false;
      return cell;
    default:
      return cell;
  }
}

function numberCell(cell: string): unknown {
  const text = cell.trim().replaceAll(",", "");
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : cell;
}

// ---------------------------------------------------------------------------
// zod issues → located problems

function issueProblem(issue: z.core.$ZodIssue, value: unknown, lines: RemittanceLines): RemittanceProblem {
  const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
  const located = locate(path, value, lines);
  return { line: located.line, path: located.label, message: describeIssue(issue) };
}

function locate(path: readonly (string | number)[], value: unknown, lines: RemittanceLines): { line: number; label: string } {
  if (path[0] === "loans" && typeof path[1] === "number") {
    const index = path[1];
    const row = Array.isArray((value as { loans?: unknown }).loans) ? (value as { loans: unknown[] }).loans[index] : undefined;
    const id = row && typeof row === "object" && typeof (row as { loanId?: unknown }).loanId === "string" ? (row as { loanId: string }).loanId : `#${index + 1}`;
    const rest = path.slice(2).map(String);
    const label = [`loans[${id}]`, ...rest].join(".");
    const fieldLine = rest.length > 0 ? lines.loanFields?.[index]?.get(rest[0]) : undefined;
    return { line: fieldLine ?? lines.loans[index] ?? 0, label };
  }
  const label = path.map(String).join(".");
  for (let k = path.length; k > 0; k--) {
    const line = lines.header.get(path.slice(0, k).map(String).join("."));
    if (line !== undefined) return { line, label };
  }
  return { line: 0, label };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const got = (v: unknown): string => (v === undefined ? "nothing" : typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v) ?? String(v));
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "required field is missing" : `expected ${issue.expected}, got ${got(issue.input)}`;
    case "unrecognized_keys":
      return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    case "invalid_value": {
      // zod lists an enum's values with integer-like ones first; show the delinquency statuses in their order.
      const values = issue.values.length === DELINQUENCY_STATUSES.length && DELINQUENCY_STATUSES.every((s) => issue.values.includes(s)) ? [...DELINQUENCY_STATUSES] : issue.values;
      return `must be ${values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.map((v) => JSON.stringify(v)).join(", ")}`}; got ${got(issue.input)}`;
    }
    case "too_small":
    case "too_big":
    case "custom":
      return issue.input === undefined ? issue.message : `${issue.message.replace(/^(Number|Too small: expected number to be)\s*/, "")}, got ${got(issue.input)}`;
    default:
      return issue.message;
  }
}
