/**
 * Grid: a scenario grid on the open deal through POST /api/grid (bearer token),
 * polled at GET /api/grid/{id}; a heat map (ECharts) of one measure of one class
 * over the two scenario axes (speed × default rate), and the rows as CSV/XLSX.
 */
import { useMemo, useState } from "react";
import * as echarts from "echarts/core";
import { HeatmapChart } from "echarts/charts";
import { VisualMapComponent } from "echarts/components";
import { Chart } from "./Chart.js";
import { parseList } from "./TablesView.js";
import { downloadCsv, downloadXlsx, type ExportColumn } from "../export.js";

echarts.use([HeatmapChart, VisualMapComponent]);

interface GridRow {
  deal: string;
  scenario: number;
  classId: string;
  [k: string]: unknown;
}
interface GridJob {
  status: "running" | "done" | "failed";
  done: number;
  total: number;
  error?: string;
  rows: GridRow[];
}

const MEASURES = [
  { key: "lossPercent", label: "Loss % of original balance" },
  { key: "writedown", label: "Writedown" },
  { key: "wal", label: "WAL (years)" },
  { key: "principal", label: "Principal" },
  { key: "firstWritedownPeriod", label: "First writedown period" },
  { key: "yield", label: "Yield (at the price)" },
] as const;

export function GridView({ dealId, units = ["ppc", "cpr", "psa"] }: { dealId: string; units?: readonly string[] }) {
  const [token, setToken] = useState("");
  const [unit, setUnit] = useState<"cpr" | "ppc" | "psa">("cpr");
  const [speeds, setSpeeds] = useState("5,10,15,20,30");
  const [cdrs, setCdrs] = useState("0,1,2,4,8");
  const [severity, setSeverity] = useState("40");
  const [lag, setLag] = useState("12");
  const [classId, setClassId] = useState("B-1");
  const [price, setPrice] = useState("");
  const [measure, setMeasure] = useState<(typeof MEASURES)[number]["key"]>("lossPercent");
  const [job, setJob] = useState<GridJob | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setError(null);
    const sp = parseList(speeds), cd = parseList(cdrs), sv = parseList(severity), lg = parseList(lag);
    if (!sp || !cd || !sv || !lg) return setError("Speeds, CDRs, severity and lag: write numbers separated by commas");
    const body = {
      deals: [dealId],
      prepayment: { unit, values: sp },
      default: { unit: "cdr", values: cd },
      severity: sv,
      lag: lg,
      classes: [classId.trim()],
      ...(price.trim() ? { prices: { [classId.trim()]: Number(price) } } : {}),
    };
    const res = await fetch("/api/grid", { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
    const answer = await res.json();
    if (res.status !== 202) return setError(answer.message ?? `HTTP ${res.status}`);
    setJob({ status: "running", done: 0, total: answer.total, rows: [] });
    for (;;) {
      await new Promise((r) => setTimeout(r, 200));
      const j = (await (await fetch(`/api/grid/${answer.id}`)).json()) as GridJob;
      setJob(j);
      if (j.status !== "running") break;
    }
  };

  const rows = job?.status === "done" ? job.rows : [];
  const option = useMemo(() => {
    const xs = [...new Set(rows.map((r) => Number(r[unit])))];
    const ys = [...new Set(rows.map((r) => Number(r.cdr)))];
    const data = rows.filter((r) => Number(r.severity) === rows[0]?.severity && Number(r.lag) === rows[0]?.lag).map((r) => [xs.indexOf(Number(r[unit])), ys.indexOf(Number(r.cdr)), r[measure] ?? "-"]);
    const values = data.map((d) => d[2]).filter((v): v is number => typeof v === "number");
    return {
      tooltip: { position: "top" },
      grid: { left: 70, right: 30, top: 20, bottom: 90 },
      xAxis: { type: "category", data: xs.map(String), name: unit.toUpperCase(), nameLocation: "middle", nameGap: 28, splitArea: { show: true } },
      yAxis: { type: "category", data: ys.map(String), name: "CDR", nameLocation: "middle", nameGap: 40, splitArea: { show: true } },
      visualMap: { min: Math.min(0, ...values), max: Math.max(1e-9, ...values), calculable: true, orient: "horizontal", left: "center", bottom: 10 },
      series: [{ name: measure, type: "heatmap", data, label: { show: true, formatter: (p: { value: unknown[] }) => (typeof p.value[2] === "number" ? (p.value[2] as number).toFixed(2) : "-") } }],
    };
  }, [rows, unit, measure]);

  const columns: ExportColumn[] = useMemo(() => {
    const keys = rows.length ? Object.keys(rows[0]) : [];
    return keys.map((k) => ({ key: k, label: k, format: typeof rows[0][k] === "number" && !["scenario", "firstWritedownPeriod", "depletionPeriod"].includes(k) ? ("pct" as const) : ("text" as const) }));
  }, [rows]);

  return (
    <section className="panel" data-testid="grid-view">
      <div className="form-row">
        <label>Speeds <select data-testid="grid-unit" value={unit} onChange={(e) => setUnit(e.target.value as typeof unit)}>{(["cpr", "ppc", "psa"] as const).filter((u) => units.includes(u)).map((u) => <option key={u} value={u}>{u.toUpperCase()}</option>)}</select>
          <input data-testid="grid-speeds" value={speeds} onChange={(e) => setSpeeds(e.target.value)} /></label>
        <label>CDRs <input data-testid="grid-cdrs" value={cdrs} onChange={(e) => setCdrs(e.target.value)} /></label>
        <label>Severity % <input data-testid="grid-severity" value={severity} onChange={(e) => setSeverity(e.target.value)} /></label>
        <label>Lag <input data-testid="grid-lag" value={lag} onChange={(e) => setLag(e.target.value)} /></label>
        <label>Class <input data-testid="grid-class" value={classId} onChange={(e) => setClassId(e.target.value)} /></label>
        <label>Price <input data-testid="grid-price" value={price} placeholder="(optional)" onChange={(e) => setPrice(e.target.value)} /></label>
        <label>API token <input type="password" data-testid="grid-token" value={token} onChange={(e) => setToken(e.target.value)} /></label>
        <button type="button" data-testid="grid-run" onClick={() => void run().catch((e: Error) => setError(e.message))}>Run grid</button>
        <span data-testid="grid-status" data-status={error ? "error" : job?.status ?? "idle"} className="run-status">
          {error ?? (job ? (job.status === "failed" ? job.error : `${job.done}/${job.total} scenarios${job.status === "done" ? ", done" : "…"}`) : "")}
        </span>
      </div>
      {rows.length ? (
        <>
          <div className="form-row">
            <label>Measure <select data-testid="grid-measure" value={measure} onChange={(e) => setMeasure(e.target.value as typeof measure)}>{MEASURES.map((m) => <option key={m.key} value={m.key}>{m.label}</option>)}</select></label>
            <span className="muted">Class {rows[0].classId}, severity {String(rows[0].severity)}%, lag {String(rows[0].lag)}</span>
            <button type="button" data-testid="csv-grid" onClick={() => downloadCsv(`${dealId}-grid`, columns, rows)}>CSV</button>
            <button type="button" data-testid="xlsx-grid" onClick={() => void downloadXlsx(`${dealId}-grid`, dealId, columns, rows)}>XLSX</button>
          </div>
          <Chart id="grid-heatmap" option={option} height={380} />
        </>
      ) : null}
    </section>
  );
}
