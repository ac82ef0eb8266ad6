/**
 * "Edit deal": a deal file in CodeMirror 6 (YAML, completion from the deal JSON
 * Schema), its problems from POST /api/deals/validate marked on their lines as
 * you type; a loan tape (and column map) uploaded and stratified by POST
 * /api/tapes/summary; saving (bearer token) as the next version in the store
 * through POST /api/deals/versions, after which the deal runs in the other tabs.
 */
import { useEffect, useRef, useState } from "react";
import { EditorView, basicSetup } from "codemirror";
import { EditorState, type Extension } from "@codemirror/state";
import { hoverTooltip } from "@codemirror/view";
import { yaml, yamlLanguage } from "@codemirror/lang-yaml";
import { linter, lintGutter, type Diagnostic } from "@codemirror/lint";
import { yamlCompletion, yamlSchemaHover } from "codemirror-json-schema/yaml";
import * as jsonSchemaFeatures from "codemirror-json-schema";
import dealSchema from "../../../schema/deal.schema.json" with { type: "json" };

// Its types re-export the schema state without file extensions (unresolvable under NodeNext); the module has it.
const { stateExtensions } = jsonSchemaFeatures as unknown as { stateExtensions: (schema: unknown) => Extension[] };
import { ApiCallError, type DealSummary } from "../api.js";
import { Chart } from "./Chart.js";
import { DataTable } from "./DataTable.js";

interface Problem {
  line: number;
  column: number;
  path: string;
  message: string;
}

interface StratumRow {
  bucket: string;
  loans: number;
  balance: number;
  percentBalance: number;
  waRate: number;
  waRemainingTerm: number;
  waAge: number;
  waFico: number | null;
  waLtv: number | null;
}

interface TapeSummary {
  file: string;
  loans: number;
  columns: Record<string, string>;
  total: StratumRow;
  stratifications: { name: string; title: string; rows: StratumRow[] }[];
}

interface TapeProblem {
  row: number;
  column: string;
  message: string;
}

interface Upload {
  fileName: string;
  contentBase64: string;
}

async function send<T>(method: "GET" | "POST", url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? headers : { "Content-Type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) {
    let e: { code?: string; message?: string; details?: unknown } = {};
    try {
      e = JSON.parse(text).error ?? {};
    } catch {
      /* not JSON */
    }
    throw new ApiCallError(res.status, e.code ?? "error", e.message ?? `HTTP ${res.status}`, e.details);
  }
  return (res.headers.get("content-type") ?? "").includes("json") ? (JSON.parse(text) as T) : (text as T);
}

async function validateText(text: string): Promise<Problem[]> {
  const res = await fetch("/api/deals/validate?fileName=deal.yaml", { method: "POST", headers: { "Content-Type": "application/yaml" }, body: text });
  const body = (await res.json()) as { valid?: boolean; errors?: Problem[]; error?: { message: string } };
  if (res.status === 200 || res.status === 422) return body.errors ?? [];
  return [{ line: 1, column: 1, path: "", message: body.error?.message ?? `HTTP ${res.status}` }];
}

function base64(bytes: ArrayBuffer): string {
  let s = "";
  const view = new Uint8Array(bytes);
  for (let i = 0; i < view.length; i += 0x8000) s += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(s);
}

const STRATUM_COLUMNS = [
  { key: "bucket", label: "Bucket", format: "text" as const },
  { key: "loans", label: "Loans", format: "int" as const },
  { key: "balance", label: "Balance", format: "money" as const },
  { key: "percentBalance", label: "% Bal", format: "pct" as const },
  { key: "waRate", label: "WAC", format: "pct" as const },
  { key: "waRemainingTerm", label: "WAM", format: "int" as const },
  { key: "waFico", label: "FICO", format: "int" as const },
  { key: "waLtv", label: "LTV", format: "pct" as const },
];

const roundRow = (r: StratumRow) => ({
  ...r,
  waRemainingTerm: Math.round(r.waRemainingTerm),
  waFico: r.waFico === null ? null : Math.round(r.waFico),
});

export function EditDealView({ deals, onSaved }: { deals: readonly DealSummary[]; onSaved: (dealId: string) => void }) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [openId, setOpenId] = useState("");
  const [tape, setTape] = useState<Upload | null>(null);
  const [map, setMap] = useState<{ fileName: string; yaml: string } | null>(null);
  const [summary, setSummary] = useState<TapeSummary | null>(null);
  const [tapeErrors, setTapeErrors] = useState<TapeProblem[] | string | null>(null);
  const [token, setToken] = useState("");
  const [saveState, setSaveState] = useState<{ kind: "idle" | "saving" | "saved" | "error"; text?: string; problems?: unknown[] }>({ kind: "idle" });

  useEffect(() => {
    if (!host.current) return;
    const problemsLinter = linter(
      async (v) => {
        const text = v.state.doc.toString();
        const found = await validateText(text);
        setProblems(found);
        const doc = v.state.doc;
        return found.map((p): Diagnostic => {
          const line = doc.line(Math.min(Math.max(1, p.line), doc.lines));
          const from = Math.min(line.from + Math.max(0, p.column - 1), line.to);
          return { from, to: line.to > from ? line.to : from, severity: "error", message: p.path ? `${p.path}: ${p.message}` : p.message };
        });
      },
      { delay: 400 },
    );
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: "",
        extensions: [
          basicSetup,
          yaml(),
          lintGutter(),
          problemsLinter,
          stateExtensions(dealSchema),
          yamlLanguage.data.of({ autocomplete: yamlCompletion() }),
          hoverTooltip(yamlSchemaHover()),
          EditorView.theme({ "&": { height: "520px", fontSize: "13px" }, ".cm-scroller": { overflow: "auto" } }),
        ],
      }),
    });
    view.current = editor;
    (window as unknown as { dealEditor?: EditorView }).dealEditor = editor;
    return () => editor.destroy();
  }, []);

  const setText = (text: string) => {
    const v = view.current;
    if (!v) return;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } });
  };

  const open = async (id: string) => {
    setOpenId(id);
    if (!id) return;
    setText(await send<string>("GET", `/api/deals/${encodeURIComponent(id)}/source`));
  };

  const readTape = async (file: File | undefined, mapOverride?: { fileName: string; yaml: string } | null) => {
    if (!file && !tape) return;
    const upload = file ? { fileName: file.name, contentBase64: base64(await file.arrayBuffer()) } : tape!;
    setTape(upload);
    setTapeErrors(null);
    setSummary(null);
    const m = mapOverride === undefined ? map : mapOverride;
    try {
      setSummary(await send<TapeSummary>("POST", "/api/tapes/summary", { ...upload, ...(m ? { map: m.yaml } : {}) }));
    } catch (e) {
      const details = e instanceof ApiCallError ? (e.details as TapeProblem[] | undefined) : undefined;
      setTapeErrors(details?.length ? details : (e as Error).message);
    }
  };

  const save = async () => {
    const v = view.current;
    if (!v) return;
    setSaveState({ kind: "saving" });
    try {
      const saved = await send<{ dealId: string; version: number }>(
        "POST",
        "/api/deals/versions",
        { fileName: "deal.yaml", yaml: v.state.doc.toString(), ...(tape ? { tape } : {}), ...(map ? { map } : {}) },
        { Authorization: `Bearer ${token}` },
      );
      setSaveState({ kind: "saved", text: `saved ${saved.dealId} version ${saved.version}` });
      onSaved(saved.dealId);
    } catch (e) {
      const details = e instanceof ApiCallError && Array.isArray(e.details) ? e.details : undefined;
      setSaveState({ kind: "error", text: (e as Error).message, problems: details });
    }
  };

  const chartOf = (name: string) => {
    const s = summary?.stratifications.find((x) => x.name === name);
    if (!s) return null;
    return (
      <Chart
        id={`tape-${name}`}
        height={240}
        option={{
          title: { text: `${s.title}: balance`, textStyle: { fontSize: 13 } },
          tooltip: { trigger: "axis" },
          grid: { left: 80, right: 16, top: 36, bottom: 48 },
          xAxis: { type: "category", data: s.rows.map((r) => r.bucket), axisLabel: { rotate: 30 } },
          yAxis: { type: "value" },
          series: [{ type: "bar", data: s.rows.map((r) => r.balance), name: "balance" }],
        }}
      />
    );
  };

  return (
    <div className="edit-deal" data-testid="edit-deal">
      <div className="controls">
        <label className="field">
          <span>Open a deal</span>
          <select data-testid="edit-open" value={openId} onChange={(e) => void open(e.target.value)}>
            <option value="">—</option>
            {deals.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>or upload a deal file</span>
          <input type="file" accept=".yaml,.yml" data-testid="edit-upload-deal" onChange={(e) => void e.target.files?.[0]?.text().then(setText)} />
        </label>
        <label className="field">
          <span>Loan tape (.csv, .xlsx)</span>
          <input type="file" accept=".csv,.xlsx" data-testid="edit-upload-tape" onChange={(e) => void readTape(e.target.files?.[0])} />
        </label>
        <label className="field">
          <span>Column map (.yaml)</span>
          <input
            type="file"
            accept=".yaml,.yml"
            data-testid="edit-upload-map"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (!f) return;
              void f.text().then((text) => {
                const m = { fileName: f.name, yaml: text };
                setMap(m);
                if (tape) void readTape(undefined, m);
              });
            }}
          />
        </label>
      </div>
      <div className="edit-grid">
        <section>
          <div ref={host} className="editor" data-testid="deal-editor" />
          <p data-testid="edit-problems" data-count={problems?.length ?? -1} className={problems?.length ? "error" : "ok"}>
            {problems === null ? "checking…" : problems.length === 0 ? "valid: no problems" : `${problems.length} problem(s):`}
          </p>
          {problems?.length ? (
            <ul className="problems" data-testid="edit-problem-list">
              {problems.map((p, i) => (
                <li key={i}>
                  line {p.line}: {p.path ? `${p.path}: ` : ""}
                  {p.message}
                </li>
              ))}
            </ul>
          ) : null}
          <div className="controls">
            <label className="field">
              <span>API token</span>
              <input type="password" data-testid="edit-token" value={token} onChange={(e) => setToken(e.target.value)} />
            </label>
            <button type="button" data-testid="edit-save" disabled={saveState.kind === "saving"} onClick={() => void save()}>
              Save &amp; run
            </button>
            <span data-testid="edit-save-status" data-status={saveState.kind} className={saveState.kind === "error" ? "error" : "muted"}>
              {saveState.text ?? ""}
            </span>
          </div>
          {saveState.problems?.length ? (
            <ul className="problems error">
              {saveState.problems.map((p, i) => (
                <li key={i}>{JSON.stringify(p)}</li>
              ))}
            </ul>
          ) : null}
        </section>
        <section data-testid="tape-summary">
          {tapeErrors ? (
            <div className="banner error" data-testid="tape-errors">
              {typeof tapeErrors === "string" ? (
                tapeErrors
              ) : (
                <ul>
                  {tapeErrors.map((p, i) => (
                    <li key={i}>
                      row {p.row}
                      {p.column ? `, ${p.column}` : ""}: {p.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          ) : null}
          {summary ? (
            <>
              <p data-testid="tape-total">
                {summary.file}: {summary.loans} loans, balance {summary.total.balance.toLocaleString("en-US", { minimumFractionDigits: 2 })}, WAC {summary.total.waRate.toFixed(3)}%
              </p>
              {chartOf("rate")}
              {chartOf("state")}
              {summary.stratifications.map((s) => (
                <DataTable key={s.name} id={`tape-${s.name}`} title={s.title} columns={STRATUM_COLUMNS} rows={[...s.rows, summary.total].map(roundRow)} maxHeight={260} />
              ))}
            </>
          ) : !tapeErrors ? (
            <p className="muted">Upload a loan tape (and its column map) to see its stratification.</p>
          ) : null}
        </section>
      </div>
    </div>
  );
}
