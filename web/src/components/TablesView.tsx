import { useEffect, useMemo, useRef, useState } from "react";
import { api, type BreakevenResult, type DecrementTable, type YieldTable } from "../api.js";
import { Chart, PALETTE } from "./Chart.js";
import { DataTable } from "./DataTable.js";

export type Load<T> = { status: "idle" } | { status: "running" } | { status: "done"; value: T; ms: number } | { status: "error"; message: string };

export function parseList(text: string): number[] | null {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const xs = parts.map(Number);
  return xs.length && xs.every((x) => Number.isFinite(x)) ? xs : null;
}

export function useRun<T>() {
  const [state, setState] = useState<Load<T>>({ status: "idle" });
  const abort = useRef<AbortController | null>(null);
  const run = (f: (signal: AbortSignal) => Promise<T>) => {
    abort.current?.abort();
    const c = new AbortController();
    abort.current = c;
    const t0 = Date.now();
    setState({ status: "running" });
    f(c.signal)
      .then((value) => setState({ status: "done", value, ms: Date.now() - t0 }))
      .catch((e: Error) => {
        if (e.name !== "AbortError") setState({ status: "error", message: e.message });
      });
  };
  useEffect(() => () => abort.current?.abort(), []);
  return [state, run] as const;
}

export function Status<T>({ state }: { state: Load<T> }) {
  if (state.status === "running") return <span className="run-status"><span className="spinner" /> running…</span>;
  if (state.status === "done") return <span className="run-status ok">{state.ms} ms</span>;
  if (state.status === "error") return <span className="run-status error">{state.message}</span>;
  return null;
}

/** Decrement table and WAL by speed; breakeven CDR and yield table of one class. */
export function TablesView({ dealId, pricing, scenario, units = ["ppc", "cpr", "psa", "smm"] }: { dealId: string; pricing: string; scenario: string; units?: readonly string[] }) {
  const [unit, setUnit] = useState(pricing.split(" ")[1]?.toLowerCase() ?? "ppc");
  const pricingValue = Number(pricing.split(" ")[0]) || 100;
  const [speedsText, setSpeedsText] = useState(() => [0, 0.5, 1, 1.5, 2, 3].map((m) => m * pricingValue).join(", "));
  const [base, setBase] = useState(scenario);
  const [decrement, runDecrement] = useRun<DecrementTable>();
  const [speedError, setSpeedError] = useState<string | null>(null);

  const submit = () => {
    const speeds = parseList(speedsText);
    if (!speeds) {
      setSpeedError("speeds: write numbers separated by commas, e.g. 0, 50, 100, 150");
      return;
    }
    setSpeedError(null);
    runDecrement((signal) => api.decrementTable(dealId, { scenario: base, speeds, unit, amendments: "amended" }, signal));
  };
  useEffect(() => {
    submit();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dealId]);

  const table = decrement.status === "done" ? decrement.value : null;
  const walOption = useMemo(() => {
    if (!table) return null;
    return {
      color: PALETTE,
      animation: false,
      title: { text: `Weighted average life by speed (${table.unit.toUpperCase()})`, left: 8, top: 4, textStyle: { fontSize: 13 } },
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", top: 24, left: 8, right: 12 },
      grid: { left: 56, right: 48, top: 70, bottom: 36 },
      xAxis: { type: "category", name: table.unit.toUpperCase(), data: table.speeds.map(String) },
      yAxis: { type: "value", name: "years" },
      series: table.classes
        .filter((c) => !c.notional)
        .map((c) => ({ name: c.classId, type: "line", data: c.weightedAverageLife.map((w) => (w === null ? null : Math.round(w * 100) / 100)) })),
    };
  }, [table]);

  const decrementRows = useMemo(() => {
    if (!table) return [];
    return table.classes.flatMap((c) => [
      ...c.rows.map((r) => {
        const row: Record<string, unknown> = { class: c.classId, date: r.date ?? "Initial" };
        table.speeds.forEach((s, i) => (row[`s${i}`] = r.display[i]));
        return row;
      }),
      (() => {
        const row: Record<string, unknown> = { class: c.classId, date: "WAL (years)" };
        table.speeds.forEach((s, i) => (row[`s${i}`] = c.weightedAverageLife[i] === null ? "–" : c.weightedAverageLife[i]!.toFixed(2)));
        return row;
      })(),
    ]);
  }, [table]);

  return (
    <div className="view" data-testid="tables-view">
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="field">
          <span>Unit</span>
          <select value={unit} onChange={(e) => setUnit(e.target.value)}>
            {units.map((u) => (
              <option key={u} value={u}>
                {u.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <label className="field grow">
          <span>Speeds</span>
          <input data-testid="speeds-input" value={speedsText} onChange={(e) => setSpeedsText(e.target.value)} />
        </label>
        <label className="field grow">
          <span>Other assumptions (defaults, severity, LIBOR…)</span>
          <input value={base} onChange={(e) => setBase(e.target.value)} spellCheck={false} />
        </label>
        <button type="submit">Run ⏎</button>
        <Status state={decrement} />
      </form>
      {speedError ? <p className="banner error">{speedError}</p> : null}
      {walOption ? <Chart id="wal" option={walOption} height={280} /> : null}
      {table ? (
        <DataTable
          id="decrement"
          title="Percent of initial Class Certificate Balance outstanding"
          maxHeight={420}
          note={table.skipped.length ? `Not shown: ${table.skipped.map((s) => `${s.classId} (${s.reason})`).join("; ")}` : undefined}
          columns={[
            { key: "class", label: "Class", format: "text" },
            { key: "date", label: "Distribution Date", format: "text" },
            ...table.speeds.map((s, i) => ({ key: `s${i}`, label: `${s} ${table.unit.toUpperCase()}`, format: "text" as const })),
          ]}
          rows={decrementRows}
          rowClass={(r) => ((r as { date?: string }).date === "WAL (years)" ? "total" : undefined)}
        />
      ) : null}
      <ClassAnalyticsPanel dealId={dealId} base={base} unit={unit} speedsText={speedsText} classes={table?.classes.map((c) => c.classId) ?? []} />
    </div>
  );
}

/** The shift the "effective duration" box asks the API for, bp (the CLI's default too). */
const EFFECTIVE_BP = 25;

type YieldCell = YieldTable["rows"][number]["cells"][number];

/** An optional flat benchmark yield, percent: null when blank, NaN when not a number. */
function parseBenchmark(text: string): number | null {
  const t = text.trim();
  if (t === "") return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/**
 * The yield table's rows: the yield matrix (one row per price), then, when the
 * run asked for them, a spread block (bp to the benchmark at each speed's
 * average life) and an effective duration block, each a row per price, with
 * a Measure column naming the block. Every number at full precision (exports).
 */
function yieldTableLayout(t: YieldTable) {
  const cells = t.rows.flatMap((r) => r.cells);
  const spread = cells.some((c) => c.spread !== undefined);
  const effective = cells.some((c) => c.effectiveDuration !== undefined);
  const measures: { label: string; value: (c: YieldCell) => number | undefined }[] = [
    { label: "Yield (%)", value: (c) => c.yield },
    ...(spread ? [{ label: "Spread (bp)", value: (c: YieldCell) => c.spread?.spreadBp }] : []),
    ...(effective ? [{ label: "Eff dur", value: (c: YieldCell) => c.effectiveDuration }] : []),
  ];
  const extra = measures.length > 1;
  const columns = [
    { key: "quote", label: "Price", format: "years" as const },
    ...(extra ? [{ key: "measure", label: "Measure", format: "text" as const }] : []),
    ...t.speeds.map((s, i) => ({ key: `s${i}`, label: `${s} ${t.unit.toUpperCase()}`, format: "pct" as const })),
  ];
  // blockStart (not a column: not exported) draws a rule above the first row of the spread and effective blocks.
  const rows = measures.flatMap((m, k) =>
    t.rows.map((r, j) => {
      const row: Record<string, unknown> = { quote: r.quote, ...(extra ? { measure: m.label } : {}), blockStart: k > 0 && j === 0 };
      r.cells.forEach((c, i) => (row[`s${i}`] = m.value(c) ?? null));
      return row;
    }),
  );
  const benchmark = cells.find((c) => c.spread !== undefined)?.spread?.benchmarkYield;
  const shift = cells.find((c) => c.effectiveShiftBp !== undefined)?.effectiveShiftBp;
  const notes = [
    ...(spread ? [`spread: (yield − ${benchmark === undefined ? "benchmark" : `${benchmark}% benchmark`}) in bp at each speed's average life`] : []),
    ...(effective ? [`effective duration: yield and index paths ±${shift} bp, the deal re-projected`] : []),
  ];
  const title = `Class ${t.classId}: yield (%)${spread ? ", spread (bp)" : ""}${effective ? ", effective duration" : ""} at each price, settlement ${t.settlement}`;
  return { columns, rows, notes, title };
}

function ClassAnalyticsPanel({ dealId, base, unit, speedsText, classes }: { dealId: string; base: string; unit: string; speedsText: string; classes: string[] }) {
  const [cls, setCls] = useState("");
  const [prices, setPrices] = useState("98, 99, 100, 101, 102");
  const [benchmarkText, setBenchmarkText] = useState("");
  const [effective, setEffective] = useState(false);
  const [be, runBe] = useRun<BreakevenResult>();
  const [yt, runYt] = useRun<YieldTable>();
  const chosen = cls || classes.find((c) => c.startsWith("B-")) || classes[0] || "";
  const benchmark = parseBenchmark(benchmarkText);
  const benchmarkInvalid = benchmark !== null && !Number.isFinite(benchmark);
  const pricesInvalid = parseList(prices) === null;
  const layout = useMemo(() => (yt.status === "done" ? yieldTableLayout(yt.value) : null), [yt]);
  return (
    <section className="table-block">
      <h3>Class analytics</h3>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const ps = parseList(prices);
          const speeds = parseList(speedsText) ?? [];
          if (ps && !benchmarkInvalid) {
            const extras = { ...(benchmark !== null ? { benchmark } : {}), ...(effective ? { effectiveBp: EFFECTIVE_BP } : {}) };
            runYt((signal) => api.yieldTable(dealId, { scenario: base, class: chosen, speeds, unit, prices: ps, ...extras, amendments: "amended" }, signal));
          }
        }}
      >
        <label className="field">
          <span>Class</span>
          <select data-testid="analytics-class" value={chosen} onChange={(e) => setCls(e.target.value)}>
            {classes.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" onClick={() => runBe((signal) => api.breakeven(dealId, { scenario: base, class: chosen, amendments: "amended" }, signal))}>
          Breakeven CDR
        </button>
        <Status state={be} />
        <label className="field grow">
          <span>Prices</span>
          <input data-testid="prices-input" aria-invalid={pricesInvalid} value={prices} onChange={(e) => setPrices(e.target.value)} />
        </label>
        <label className="field">
          <span>Benchmark yield %</span>
          <input
            data-testid="benchmark-input"
            size={8}
            placeholder="none"
            title="A flat benchmark yield, bond-equivalent %: adds each cell's spread (bp) at its average life"
            aria-invalid={benchmarkInvalid}
            value={benchmarkText}
            onChange={(e) => setBenchmarkText(e.target.value)}
          />
        </label>
        <label className="field check" title={`Effective duration: yield and every index path shifted ±${EFFECTIVE_BP} bp, the deal re-projected (two more projections per speed)`}>
          <span>Eff dur ±{EFFECTIVE_BP}bp</span>
          <input type="checkbox" data-testid="effective-input" checked={effective} onChange={(e) => setEffective(e.target.checked)} />
        </label>
        <button type="submit" data-testid="yield-table-run">
          Yield table ⏎
        </button>
        <Status state={yt} />
      </form>
      {pricesInvalid ? <p className="error">prices: write clean prices per 100 separated by commas, e.g. 98, 99, 100</p> : null}
      {benchmarkInvalid ? <p className="error">benchmark yield: write a percent such as 4.75, or leave it blank</p> : null}
      {be.status === "done" ? (
        <p data-testid="breakeven-result">
          Class {be.value.classId}: breakeven CDR <strong>{be.value.breakevenCdr === null ? `none up to ${be.value.maxCdr}` : be.value.breakevenCdr.toFixed(2)}</strong>
          {be.value.highestCdrWithoutLoss !== null ? ` (no loss at ${be.value.highestCdrWithoutLoss.toFixed(2)} CDR)` : ""} · {be.value.projections} projections
        </p>
      ) : null}
      {yt.status === "done" && layout ? (
        <DataTable
          id="yield-table"
          title={layout.title}
          maxHeight={layout.notes.length ? 460 : 300}
          columns={layout.columns}
          rows={layout.rows}
          rowClass={(r) => ((r as { blockStart?: boolean }).blockStart ? "block-start" : undefined)}
          note={[
            `Average life: ${yt.value.bySpeed.map((b) => (b.averageLife === null ? "–" : b.averageLife.toFixed(2))).join(" / ")} years; modified duration at ${yt.value.referenceQuote}: ${yt.value.bySpeed.map((b) => b.modifiedDuration.toFixed(2)).join(" / ")}`,
            ...layout.notes,
          ].join("; ")}
        />
      ) : null}
    </section>
  );
}
