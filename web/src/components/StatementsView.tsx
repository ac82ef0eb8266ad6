import { useEffect, useState } from "react";
import { ApiCallError } from "../api.js";
import { DataTable } from "./DataTable.js";
import type { ColumnFormat } from "../format.js";

interface StatementIndexEntry {
  period: number;
  distributionDate: string;
  postedAt?: string;
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiCallError(res.status, body?.error?.code ?? "error", body?.error?.message ?? `HTTP ${res.status}`);
  return body as T;
}

function columnsOf(rows: Record<string, unknown>[]): { key: string; label: string; format: ColumnFormat }[] {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => rows.every((r) => typeof r[k] !== "object" || r[k] === null));
  return keys.map((k) => {
    const sample = rows.find((r) => r[k] !== null && r[k] !== undefined)?.[k];
    const format: ColumnFormat = typeof sample === "number" ? (Number.isInteger(sample) && /period|count|days/i.test(k) ? "int" : "money") : "text";
    return { key: k, label: k.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/^./, (c) => c.toUpperCase()), format };
  });
}

/** Statements of the months posted to this server's store, each section as a table. */
export function StatementsView({ dealId }: { dealId: string }) {
  const [index, setIndex] = useState<StatementIndexEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [statement, setStatement] = useState<Record<string, unknown> | null>(null);

  useEffect(() => {
    setIndex(null);
    setError(null);
    setStatement(null);
    getJson<{ statements: StatementIndexEntry[] }>(`/api/deals/${encodeURIComponent(dealId)}/statements`)
      .then((r) => {
        setIndex(r.statements);
        setSelected(r.statements.length ? r.statements[r.statements.length - 1].distributionDate : null);
      })
      .catch((e: ApiCallError) =>
        setError(e.status === 404 && e.code === "not_found" ? "This server has no administration store configured (start it with tranche serve --db FILE)." : e.message),
      );
  }, [dealId]);

  useEffect(() => {
    if (!selected) return;
    setStatement(null);
    getJson<Record<string, unknown>>(`/api/deals/${encodeURIComponent(dealId)}/statements/${selected}`)
      .then(setStatement)
      .catch((e: Error) => setError(e.message));
  }, [dealId, selected]);

  if (error) return <p className="banner error" data-testid="statements-error">{error}</p>;
  if (!index) return <p className="muted">Loading statements…</p>;
  if (index.length === 0)
    return (
      <p className="muted" data-testid="statements-empty">
        No remittance has been posted for this deal yet. Post one with <code>POST /api/deals/{dealId}/remittances</code> (bearer token) or <code>tranche admin post</code>.
      </p>
    );
  return (
    <div className="view" data-testid="statements-view">
      <div className="class-picker">
        <span className="muted">Distribution Date:</span>
        {index.map((s) => (
          <button key={s.distributionDate} type="button" className={s.distributionDate === selected ? "chip active" : "chip"} onClick={() => setSelected(s.distributionDate)}>
            {s.distributionDate}
          </button>
        ))}
      </div>
      {statement ? (
        <>
          <div className="cards">
            {Object.entries(statement)
              .filter(([, v]) => v === null || typeof v !== "object")
              .map(([k, v]) => (
                <div className="card" key={k}>
                  <div className="card-label">{k}</div>
                  <div className="card-value small">{typeof v === "number" ? v.toLocaleString("en-US", { maximumFractionDigits: 2 }) : String(v)}</div>
                </div>
              ))}
          </div>
          {Object.entries(statement)
            .filter(([, v]) => Array.isArray(v) && v.length > 0 && typeof v[0] === "object")
            .map(([k, v]) => {
              const rows = v as Record<string, unknown>[];
              return <DataTable key={k} id={`statement-${k}`} title={k} columns={columnsOf(rows)} rows={rows} maxHeight={320} />;
            })}
        </>
      ) : (
        <p className="muted">Loading the statement…</p>
      )}
    </div>
  );
}
