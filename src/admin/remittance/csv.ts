/**
 * CSV as RFC 4180 writes it: comma-separated, fields with a comma, quote or line
 * break in double quotes, a quote inside doubled. Each record keeps the line it
 * starts on, for `file:line` problems.
 */

export interface CsvRecord {
  /** 1-based line where the record starts. */
  readonly line: number;
  readonly fields: readonly string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

/**
 * Splits CSV text into records. A blank line is a record with one empty field.
 *
 * @example parseCsv('a,"b,c"\n1,2').map((r) => r.fields) // [["a", "b,c"], ["1", "2"]]
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1; // byte-order mark
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let field = "";
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) throw new CsvSyntaxError(start, "a quoted field is not closed");
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === "\n") line++;
          field += ch;
          i++;
        }
        if (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") {
          throw new CsvSyntaxError(line, "text after a closing quote (a quote inside a field must be doubled)");
        }
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 0x2c || c === 0x0a || c === 0x0d) break;
          if (c === 0x22) throw new CsvSyntaxError(line, "a quote inside an unquoted field");
          j++;
        }
        field = text.slice(i, j);
        i = j;
      }
      fields.push(field);
      if (i < n && text[i] === ",") {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === "\r") i++;
    if (text[i] === "\n") {
      i++;
      line++;
    }
    records.push({ line: start, fields });
  }
  return records;
}

/** Quotes a field when it needs it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(fields: readonly string[]): string {
  return fields.map(csvField).join(",");
}
