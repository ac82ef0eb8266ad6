/**
 * Reads a loan tape from CSV or XLSX, streaming: rows are checked as they are
 * read (memory holds the checked loans, at most `maxLoans` of them, never the
 * file), every problem with its row and column. A file of the wrong kind, an
 * unreadable one or one with problems is a `TapeError`; nothing is kept.
 */
import { createReadStream, statSync } from "node:fs";
import { extname } from "node:path";
import { Readable, Transform } from "node:stream";
import { parse } from "csv-parse";
import { TapeError } from "./problems.js";
import { TapeBuilder, type ImportedTape, type TapeCell, type TapeReadOptions } from "./tape-builder.js";

export type TapeFormat = "csv" | "xlsx";

export function tapeFormatOf(fileName: string): TapeFormat | undefined {
  const ext = extname(fileName).toLowerCase();
  return ext === ".csv" || ext === ".txt" ? "csv" : ext === ".xlsx" ? "xlsx" : undefined;
}

/** A tape file on disk. */
export async function readTapeFile(
  path: string,
  options: TapeReadOptions & { onProgress?: (bytesRead: number, totalBytes: number) => void } = {},
): Promise<ImportedTape> {
  const format = tapeFormatOf(path);
  if (format === undefined) throw new TapeError(path, [{ row: 0, column: "", message: "not a tape file: expected .csv or .xlsx" }]);
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error("not a file");
    size = stat.size;
  } catch (e) {
    throw new TapeError(path, [{ row: 0, column: "", message: `cannot read: ${(e as Error).message}` }]);
  }
  const open = (): Readable => {
    const stream = createReadStream(path, { highWaterMark: 1 << 20 });
    const report = options.onProgress;
    if (!report) return stream;
    // Counted as the reader pulls (a "data" listener would start the flow before the reader is attached).
    let read = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        read += chunk.length;
        report(read, size);
        done(null, chunk);
      },
    });
    counted.on("close", () => stream.destroy());
    return stream.pipe(counted);
  };
  return readTape(open, path, format, options);
}

/** A tape's bytes (an upload), named for messages. */
export async function readTapeBytes(bytes: Uint8Array, fileName: string, options: TapeReadOptions = {}): Promise<ImportedTape> {
  const format = tapeFormatOf(fileName);
  if (format === undefined) throw new TapeError(fileName, [{ row: 0, column: "", message: "not a tape file: expected .csv or .xlsx" }]);
  return readTape(() => Readable.from([Buffer.from(bytes)]), fileName, format, options);
}

async function readTape(open: () => Readable, file: string, format: TapeFormat, options: TapeReadOptions): Promise<ImportedTape> {
  const builder = new TapeBuilder(file, options);
  try {
    if (format === "csv") await readCsv(open(), builder);
    else await readXlsx(open(), builder);
  } catch (e) {
    if (e instanceof TapeError) throw e;
    throw new TapeError(file, [{ row: 0, column: "", message: `cannot read as ${format.toUpperCase()}: ${(e as Error).message}` }]);
  }
  return builder.finish();
}

async function readCsv(input: Readable, builder: TapeBuilder): Promise<void> {
  const parser = input.pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true, max_record_size: 1 << 20, trim: true }),
  );
  let first = true;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (first) {
        builder.header(record, info.lines);
        first = false;
      } else builder.add(record, info.lines);
      if (builder.fatal) break;
    }
  } finally {
    input.destroy();
  }
}

async function readXlsx(input: Readable, builder: TapeBuilder): Promise<void> {
  const { default: ExcelJS } = await import("exceljs");
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", worksheets: "emit", entries: "ignore" });
  let headed = false;
  try {
    for await (const sheet of reader) {
      // The first worksheet is the tape.
      for await (const row of sheet) {
        const values = (row.values as unknown[]).slice(1).map(xlsxCell);
        if (!headed) {
          if (values.every((v) => v === undefined)) continue;
          builder.header(values, row.number);
          headed = true;
        } else builder.add(values, row.number);
        if (builder.fatal) break;
      }
      break;
    }
  } finally {
    input.destroy();
  }
}

function xlsxCell(value: unknown): TapeCell {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if (typeof value === "object") {
    const v = value as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: string };
    if (v.error !== undefined) return String(v.error);
    if ("result" in v) return xlsxCell(v.result);
    if (v.richText) return v.richText.map((r) => r.text).join("");
    if (v.text !== undefined) return xlsxCell(v.text);
  }
  return String(value);
}
