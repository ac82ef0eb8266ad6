import { useEffect, useMemo, useRef, useState } from "react";
import { api, type AmendmentDiff } from "../api.js";
import { Chart, PALETTE, seriesOption } from "./Chart.js";
import { DataTable } from "./DataTable.js";

type State = { status: "idle" } | { status: "running"; started: number } | { status: "done"; diff: AmendmentDiff; ms: number } | { status: "error"; message: string };

/** The deal run on the PSA as signed and as amended, class by class. */
export function AmendmentDiffView({ dealId, scenario }: { dealId: string; scenario: string }) {
  const [text, setText] = useState(scenario);
  const [state, setState] = useState<State>({ status: "idle" });
  const abort = useRef<AbortController | null>(null);

  const run = (t: string) => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const started = Date.now();
    setState({ status: "running", started });
    api
      .amendmentDiff(dealId, t, controller.signal)
      .then((diff) => setState({ status: "done", diff, ms: Date.now() - started }))
      .catch((e: Error) => {
        if (e.name !== "AbortError") setState({ status: "error", message: e.message });
      });
  };
  useEffect(() => {
    run(text);
    return () => abort.current?.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dealId]);

  const diff = state.status === "done" ? state.diff : null;
  const changed = useMemo(() => (diff ? diff.classes.filter((c) => c.firstDifferentPeriod !== null).map((c) => c.class) : []), [diff]);
  const option = useMemo(() => {
    if (!diff) return null;
    const dates = diff.periods.map((p) => p.date);
    const shown = changed.length ? changed : diff.classes.slice(0, 2).map((c) => c.class);
    return seriesOption(
      "Class balances: as signed (dashed) and as amended (solid)",
      dates,
      shown.flatMap((id, i) => [
        { name: `${id} amended`, type: "line", showSymbol: false, color: PALETTE[i % PALETTE.length], data: diff.periods.map((p) => p.balances[id]?.amended ?? 0) },
        { name: `${id} signed`, type: "line", showSymbol: false, color: PALETTE[i % PALETTE.length], lineStyle: { type: "dashed" }, data: diff.periods.map((p) => p.balances[id]?.signed ?? 0) },
      ]),
      "$",
    );
  }, [diff, changed]);

  return (
    <div className="view" data-testid="amendment-view">
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          run(text);
        }}
      >
        <label className="field grow">
          <span>Scenario for the comparison (defaults need to exhaust the subordinates for §4.02(c) to matter)</span>
          <input data-testid="diff-scenario" value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} />
        </label>
        <button type="submit">Compare ⏎</button>
        <button type="button" className="secondary" onClick={() => { const t = "25 CPR, 15 CDR, 60 sev, 12 lag"; setText(t); run(t); }}>
          Stress example
        </button>
        <span className="run-status">
          {state.status === "running" ? <><span className="spinner" /> running both texts…</> : state.status === "done" ? <span className="ok">{state.ms} ms</span> : null}
        </span>
      </form>
      {state.status === "error" ? <p className="banner error">{state.message}</p> : null}
      {diff ? (
        <>
          <div className="cards">
            {diff.amendmentDetails.map((a) => (
              <div className="card wide" key={a.id}>
                <div className="card-label">{a.id} · effective {a.effectiveDate}</div>
                <div className="small-text">{a.title}</div>
                <div>{a.changes.join("; ")}</div>
              </div>
            ))}
            <div className="card">
              <div className="card-label">Senior Credit Support Depletion</div>
              <div className="card-value" data-testid="diff-depletion">
                {diff.depletionPeriod.amended === null ? "not reached" : `period ${diff.depletionPeriod.amended}`}
              </div>
              <div className="muted">{changed.length ? `${changed.length} classes differ` : "the two texts pay the same under this scenario"}</div>
            </div>
          </div>
          {option ? <Chart id="amendment-diff" option={option} height={320} /> : null}
          <DataTable
            id="amendment-diff"
            title="Per class: as signed, as amended, difference"
            columns={[
              { key: "class", label: "Class", format: "text" },
              { key: "signedPrincipal", label: "Principal (signed)", format: "money" },
              { key: "amendedPrincipal", label: "Principal (amended)", format: "money" },
              { key: "principalDiff", label: "Δ principal", format: "money" },
              { key: "interestDiff", label: "Δ interest", format: "money" },
              { key: "writedownDiff", label: "Δ writedown", format: "money" },
              { key: "signedWal", label: "WAL signed", format: "years" },
              { key: "amendedWal", label: "WAL amended", format: "years" },
              { key: "firstDifferentPeriod", label: "First differs", format: "int" },
            ]}
            rows={diff.classes.map((c) => ({
              class: c.class,
              signedPrincipal: c.signed.principal,
              amendedPrincipal: c.amended.principal,
              principalDiff: c.difference.principal,
              interestDiff: c.difference.interest,
              writedownDiff: c.difference.writedown,
              signedWal: c.signed.wal,
              amendedWal: c.amended.wal,
              firstDifferentPeriod: c.firstDifferentPeriod,
            }))}
            rowClass={(r) => ((r as { firstDifferentPeriod: number | null }).firstDifferentPeriod !== null ? "changed" : undefined)}
          />
        </>
      ) : null}
    </div>
  );
}
