import { lazy, Suspense, useCallback, useEffect, useRef, useState } from "react";
import { api, ApiCallError, type DealDetail, type DealSummary, type ProjectionResult } from "./api.js";
import { StructureView } from "./components/StructureView.js";
import { ProjectionView } from "./components/ProjectionView.js";
import { TestsView } from "./components/TestsView.js";
import { AmendmentDiffView } from "./components/AmendmentDiffView.js";
import { TablesView } from "./components/TablesView.js";
import { StatementsView } from "./components/StatementsView.js";
import { PoolView } from "./components/PoolView.js";
import { GridView } from "./components/GridView.js";
// The editor (CodeMirror, the schema completion) loads when its tab opens.
const EditDealView = lazy(() => import("./components/EditDealView.js").then((m) => ({ default: m.EditDealView })));

type Tab = "structure" | "projection" | "tests" | "tables" | "amendments" | "statements" | "pool" | "edit" | "grid";

const TABS: { id: Tab; label: string }[] = [
  { id: "structure", label: "Structure" },
  { id: "projection", label: "Cash flows" },
  { id: "tests", label: "Shifting interest & triggers" },
  { id: "tables", label: "Decrement & WAL" },
  { id: "amendments", label: "Signed vs amended" },
  { id: "statements", label: "Statements" },
  { id: "pool", label: "Pool" },
  { id: "grid", label: "Grid" },
  { id: "edit", label: "Edit deal" },
];

/** The tabs that show the run of the scenario bar (the others have their own inputs, or none). */
const SCENARIO_TABS: ReadonlySet<Tab> = new Set<Tab>(["projection", "tests"]);

/** With no deal in the link: the last deal opened here, else the README's deal, else the first. */
const LAST_DEAL_KEY = "tranche.workbench.deal";
const OPENING_DEAL = "cwalt-2007-12t1";

function rememberedDeal(): string | null {
  try {
    return localStorage.getItem(LAST_DEAL_KEY);
  } catch {
    return null;
  }
}

/** What the scenario field takes for this deal, in words (the units it accepts). */
export function scenarioUnitsText(d: DealSummary): string {
  const units = d.prepaymentUnits.map((u) => u.toUpperCase());
  const prepay = `${units.slice(0, -1).join(", ")} or ${units[units.length - 1]}`;
  const ppc = d.prepaymentAssumption
    ? ` (100 PPC: ${d.prepaymentAssumption.startCpr}→${d.prepaymentAssumption.endCpr} CPR over ${d.prepaymentAssumption.rampMonths} months)`
    : " (no PPC: the deal has no Prepayment Assumption)";
  return `speed in ${prepay}${ppc}; defaults in CDR, MDR or SDA; sev, lag; LIBOR = ${d.liborIndex} (a rate, a vector, or "LIBOR history": the published fixings to 2017-11-24, then held or "history,VECTOR")`;
}

/** A stress in the deal's own pricing unit, shown as the field's placeholder. */
export function exampleScenarioOf(d: DealSummary): string {
  return `${d.pricingScenario}, 2 CDR, 40 sev, 12 lag`;
}

export type RunState =
  | { status: "idle" }
  | { status: "running"; startedAt: number; scenario: string }
  | { status: "done"; ms: number; result: ProjectionResult; scenario: string }
  | { status: "error"; message: string; column?: number; scenario: string };

function readHash(): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(location.hash.slice(1)));
}

function writeHash(values: Record<string, string>): void {
  const next = "#" + new URLSearchParams(values).toString();
  if (location.hash !== next) history.replaceState(null, "", next);
}

/** Elapsed time of a running request, refreshed while it runs. */
function useElapsed(startedAt: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (startedAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [startedAt]);
  return startedAt === null ? 0 : Math.max(0, now - startedAt);
}

export function App() {
  const initial = useRef(readHash());
  const [deals, setDeals] = useState<DealSummary[] | null>(null);
  const [dealsError, setDealsError] = useState<string | null>(null);
  const [dealId, setDealId] = useState<string>(initial.current.deal ?? "");
  const [detail, setDetail] = useState<DealDetail | null>(null);
  const [detailError, setDetailError] = useState<string | null>(null);
  const [scenario, setScenario] = useState<string>(initial.current.scenario ?? "");
  const [amendments, setAmendments] = useState<"amended" | "signed">(initial.current.text === "signed" ? "signed" : "amended");
  const [tab, setTab] = useState<Tab>((TABS.find((t) => t.id === initial.current.tab)?.id ?? "projection") as Tab);
  const [run, setRun] = useState<RunState>({ status: "idle" });
  const abort = useRef<AbortController | null>(null);
  const elapsed = useElapsed(run.status === "running" ? run.startedAt : null);

  const loadDeals = useCallback((select?: string) => {
    api
      .deals()
      .then(({ deals }) => {
        setDeals(deals);
        setDealId((current) => {
          const offered = (id: string | null | undefined): id is string => !!id && deals.some((d) => d.id === id);
          const want = select ?? current;
          if (offered(want)) return want;
          const last = rememberedDeal();
          if (offered(last)) return last;
          return offered(OPENING_DEAL) ? OPENING_DEAL : deals[0]?.id ?? "";
        });
      })
      .catch((e: Error) => setDealsError(e.message));
  }, []);
  useEffect(() => loadDeals(), [loadDeals]);

  const summary = deals?.find((d) => d.id === dealId) ?? null;

  useEffect(() => {
    if (!dealId) return;
    setDetail(null);
    setDetailError(null);
    api
      .deal(dealId)
      .then(setDetail)
      .catch((e: Error) => setDetailError(e.message));
  }, [dealId]);

  useEffect(() => {
    if (!dealId) return;
    try {
      localStorage.setItem(LAST_DEAL_KEY, dealId);
    } catch {
      // private mode: nothing remembered
    }
  }, [dealId]);

  useEffect(() => {
    writeHash({ deal: dealId, scenario, tab, ...(amendments === "signed" ? { text: "signed" } : {}) });
  }, [dealId, scenario, tab, amendments]);

  const execute = useCallback(
    (text: string) => {
      if (!dealId) return;
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      const startedAt = Date.now();
      setRun({ status: "running", startedAt, scenario: text });
      api
        .project(dealId, text, amendments, controller.signal)
        .then((result) => {
          if (abort.current === controller) setRun({ status: "done", ms: Date.now() - startedAt, result, scenario: text });
        })
        .catch((e: Error) => {
          if (e.name === "AbortError") return;
          const details = e instanceof ApiCallError ? (e.details as { column?: number } | undefined) : undefined;
          setRun({ status: "error", message: e.message, column: details?.column, scenario: text });
        });
    },
    [dealId, amendments],
  );

  // A new deal or text choice runs its pricing scenario (or the scenario in the link).
  useEffect(() => {
    if (!summary) return;
    const text = scenario.trim() === "" ? summary.pricingScenario : scenario;
    if (scenario.trim() === "") setScenario(text);
    execute(text);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [summary?.id, amendments]);

  const cancel = () => {
    abort.current?.abort();
    abort.current = null;
    setRun({ status: "idle" });
  };

  // The last result stays on screen (dimmed) while the next one runs.
  const [shown, setShown] = useState<{ result: ProjectionResult; scenario: string } | null>(null);
  useEffect(() => {
    if (run.status === "done") setShown({ result: run.result, scenario: run.scenario });
  }, [run]);
  const result = shown?.result ?? null;
  const hasAmendments = (summary?.amendments.length ?? 0) > 0;

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          Tranche <span className="muted">workbench</span>
        </div>
        <label className="field">
          <span>Deal</span>
          <select data-testid="deal-select" value={dealId} onChange={(e) => {
              setScenario("");
              setShown(null);
              setDealId(e.target.value);
            }} disabled={!deals}>
            {(deals ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <form
          className="scenario"
          onSubmit={(e) => {
            e.preventDefault();
            execute(scenario);
          }}
        >
          <label className="field grow">
            <span>
              Scenario
              {summary ? (
                <span className="units" data-testid="scenario-units">
                  {" "}
                  · {scenarioUnitsText(summary)}
                </span>
              ) : null}
            </span>
            <input
              data-testid="scenario-input"
              value={scenario}
              spellCheck={false}
              placeholder={summary ? exampleScenarioOf(summary) : ""}
              title={summary ? `e.g. ${exampleScenarioOf(summary)}: ${scenarioUnitsText(summary)}` : undefined}
              aria-invalid={run.status === "error"}
              onChange={(e) => setScenario(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Escape" && run.status === "running") cancel();
              }}
            />
          </label>
          {hasAmendments ? (
            <label className="field">
              <span>PSA text</span>
              <select data-testid="amendments-select" value={amendments} onChange={(e) => setAmendments(e.target.value as "amended" | "signed")}>
                <option value="amended">as amended</option>
                <option value="signed">as signed</option>
              </select>
            </label>
          ) : null}
          <button type="submit" data-testid="run-button" disabled={!dealId}>
            Run ⏎
          </button>
        </form>
        <div className="run-status" data-testid="run-status" data-status={run.status} aria-live="polite">
          {run.status === "running" ? (
            <>
              <span className="spinner" /> running… {(elapsed / 1000).toFixed(1)} s{" "}
              <button type="button" className="link" onClick={cancel}>
                cancel (Esc)
              </button>
            </>
          ) : run.status === "done" ? (
            <span className="ok">
              {run.result.collateral.length} periods · {run.ms} ms
            </span>
          ) : run.status === "error" ? (
            SCENARIO_TABS.has(tab) ? (
              <span className="error">error</span>
            ) : (
              <button type="button" className="link" data-testid="run-error-link" onClick={() => setTab("projection")}>
                scenario error: show
              </button>
            )
          ) : null}
        </div>
      </header>

      {dealsError ? <div className="banner error">Cannot load the deals: {dealsError}</div> : null}
      {run.status === "error" && SCENARIO_TABS.has(tab) ? (
        <div className="banner error" data-testid="run-error">
          <strong>{run.scenario}</strong>: {run.message}
          {run.column !== undefined ? (
            <pre className="caret">
              {run.scenario}
              {"\n"}
              {" ".repeat(run.column)}^
            </pre>
          ) : null}
        </div>
      ) : null}

      <nav className="tabs" role="tablist">
        {TABS.filter((t) => t.id !== "amendments" || hasAmendments).map((t) => (
          <button key={t.id} role="tab" type="button" aria-selected={tab === t.id} data-testid={`tab-${t.id}`} className={tab === t.id ? "tab active" : "tab"} onClick={() => setTab(t.id)}>
            {t.label}
          </button>
        ))}
        {result && tab !== "pool" && tab !== "grid" && tab !== "edit" ? (
          <span className="tab-note muted" data-testid="result-scenario">
            {result.deal.name} · {shown?.scenario}
            {result.deal.amendments.length ? ` · as amended (${result.deal.amendments.join(", ")})` : hasAmendments ? " · as signed" : ""}
          </span>
        ) : null}
      </nav>

      <main className={run.status === "running" ? "content stale" : "content"}>
        {tab === "structure" ? (
          detail ? <StructureView detail={detail} /> : detailError ? <p className="error">{detailError}</p> : <p className="muted">Loading the deal…</p>
        ) : null}
        {tab === "projection" ? result ? <ProjectionView result={result} /> : <Placeholder run={run} /> : null}
        {tab === "tests" ? result ? <TestsView result={result} /> : <Placeholder run={run} /> : null}
        {tab === "tables" && summary ? <TablesView dealId={summary.id} pricing={summary.pricingScenario} scenario={scenario} units={summary.prepaymentUnits} /> : null}
        {tab === "amendments" && summary ? <AmendmentDiffView dealId={summary.id} scenario={scenario} /> : null}
        {tab === "statements" && summary ? <StatementsView dealId={summary.id} /> : null}
        {tab === "pool" ? <PoolView /> : null}
        {tab === "grid" && summary ? <GridView dealId={summary.id} units={summary.prepaymentUnits} /> : null}
        {tab === "edit" ? (
          <Suspense fallback={<p className="muted">Loading the editor…</p>}>
          <EditDealView
            deals={deals ?? []}
            onSaved={(id) => {
              // The saved deal is served at once: select it and show its cash flows.
              setScenario("");
              setShown(null);
              loadDeals(id);
              setTab("projection");
            }}
          />
          </Suspense>
        ) : null}
      </main>
    </div>
  );
}

function Placeholder({ run }: { run: RunState }) {
  if (run.status === "running") return <p className="muted">Running the projection…</p>;
  if (run.status === "error") return <p className="muted">Fix the scenario above and press Enter.</p>;
  return <p className="muted">Type a scenario and press Enter.</p>;
}
