import { useState } from "react";
import { downloadCsv, downloadXlsx, type ExportColumn, type Row } from "../export.js";
import { formatCell } from "../format.js";

export interface DataTableProps {
  /** Stable id: test hooks and the export file name. */
  readonly id: string;
  readonly title: string;
  readonly columns: readonly ExportColumn[];
  readonly rows: readonly Row[];
  /** Height of the inner scroll, px; "none": every row shown, no inner scroll. */
  readonly maxHeight?: number | "none";
  /** Let text cells wrap (long labels) instead of widening the table. */
  readonly wrap?: boolean;
  readonly note?: string;
  /** Row key → CSS class (e.g. highlight). */
  readonly rowClass?: (row: Row) => string | undefined;
}

/** A table with sticky headers and CSV / XLSX export of exactly the rows shown. */
export function DataTable({ id, title, columns, rows, maxHeight = 420, note, rowClass, wrap = false }: DataTableProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const exportXlsx = async () => {
    setBusy(true);
    setError(null);
    try {
      await downloadXlsx(id, title, columns, rows);
    } catch (e) {
      setError(`XLSX export failed: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="table-block" data-testid={`table-${id}`}>
      <div className="table-head">
        <h3>{title}</h3>
        <span className="muted">{rows.length.toLocaleString()} rows</span>
        <span className="spacer" />
        <button type="button" className="small" data-testid={`csv-${id}`} onClick={() => downloadCsv(id, columns, rows)}>
          CSV
        </button>
        <button type="button" className="small" data-testid={`xlsx-${id}`} disabled={busy} onClick={() => void exportXlsx()}>
          {busy ? "XLSX…" : "XLSX"}
        </button>
      </div>
      {note ? <p className="muted note">{note}</p> : null}
      {error ? <p className="error">{error}</p> : null}
      <div className="table-scroll" style={maxHeight === "none" ? undefined : { maxHeight }}>
        <table className={wrap ? "wrap" : undefined}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.key} className={c.format === "text" ? "" : "num"}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i} className={rowClass?.(row)}>
                {columns.map((c) => (
                  <td key={c.key} className={c.format === "text" ? "" : "num"} data-col={c.key}>
                    {formatCell((row as Record<string, unknown>)[c.key], c.format)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
