import { useEffect, useMemo, useState } from "react";
import { api, type PoolReport, type PoolSettlement, type PoolTerms, type PoolYieldTable } from "../api.js";
import { Chart, seriesOption } from "./Chart.js";
import { DataTable } from "./DataTable.js";
import { axisMoney } from "./ProjectionView.js";
import { parseList, Status, useRun, type Load } from "./TablesView.js";

type PrepayUnit = "psa" | "cpr" | "smm";
type DefaultUnit = "cdr" | "mdr" | "sda";

/** The form as typed: every number a string until Run. The default is SIFMA's GNMA I 9% example on 9.5% mortgages. */
interface PoolForm {
  balance: string;
  wac: string;
  net: string;
  term: string;
  age: string;
  prepayUnit: PrepayUnit;
  prepaySpeed: string;
  defaultUnit: DefaultUnit;
  defaultRate: string;
  severity: string;
  lag: string;
  advancing: boolean;
  quoteKind: "price" | "yield";
  quote: string;
  delayDays: string;
  settleDays: string;
}

const GNMA: PoolForm = {
  balance: "1000000",
  wac: "9.5",
  net: "9",
  term: "360",
  age: "0",
  prepayUnit: "psa",
  prepaySpeed: "150",
  defaultUnit: "cdr",
  defaultRate: "0",
  severity: "0",
  lag: "0",
  advancing: true,
  quoteKind: "price",
  quote: "99.5",
  delayDays: "14",
  settleDays: "0",
};

/** A number typed in a field: null (and a message naming the field) when it is not one. */
function numberOf(text: string, field: string, errors: string[]): number {
  const t = text.trim();
  const x = t === "" ? Number.NaN : Number(t);
  if (!Number.isFinite(x)) errors.push(`${field}: write a number, got "${text}"`);
  return x;
}

/** The pool's terms and settlement from the form, or the fields that are not numbers. */
function readForm(f: PoolForm): { terms: PoolTerms; settlement: PoolSettlement; speed: number; quote: number | null; errors: string[] } {
  const errors: string[] = [];
  const terms: PoolTerms = {
    balance: numberOf(f.balance, "balance", errors),
    wac: numberOf(f.wac, "WAC", errors),
    net: numberOf(f.net, "net", errors),
    term: numberOf(f.term, "term", errors),
    age: numberOf(f.age, "age", errors),
    default: { unit: f.defaultUnit, values: [numberOf(f.defaultRate, "default rate", errors)] },
    severity: numberOf(f.severity, "severity", errors),
    lag: numberOf(f.lag, "lag", errors),
    advancing: f.advancing,
  };
  const settlement: PoolSettlement = { delayDays: numberOf(f.delayDays, "delay", errors), settleDays: numberOf(f.settleDays, "settle days", errors) };
  const speed = numberOf(f.prepaySpeed, "prepayment speed", errors);
  const quote = f.quote.trim() === "" ? null : numberOf(f.quote, f.quoteKind, errors);
  return { terms, settlement, speed, quote, errors };
}

type PoolRow = PoolReport["rows"][number];

/** What the pass-through's holder receives as principal in a month (the engine's `poolHolderFlows`). */
function holderPrincipal(r: PoolRow, advancing: boolean): number {
  return r.actualAmortization + (advancing ? r.amortizationFromDefaults : 0) + r.voluntaryPrepayments + r.principalRecovery;
}

const MONTHLY_COLUMNS = [
  { key: "month", label: "Month", format: "int" as const },
  { key: "performingBalance", label: "Performing balance", format: "money" as const },
  { key: "newDefaults", label: "New defaults", format: "money" as const },
  { key: "inForeclosure", label: "In foreclosure", format: "money" as const },
  { key: "expectedAmortization", label: "Expected amortization", format: "money" as const },
  { key: "voluntaryPrepayments", label: "Voluntary prepayments", format: "money" as const },
  { key: "amortizationFromDefaults", label: "Amortization from defaults", format: "money" as const },
  { key: "actualAmortization", label: "Actual amortization", format: "money" as const },
  { key: "expectedInterest", label: "Expected interest", format: "money" as const },
  { key: "lostInterest", label: "Lost interest", format: "money" as const },
  { key: "actualInterest", label: "Actual interest", format: "money" as const },
  { key: "principalRecovery", label: "Principal recovery", format: "money" as const },
  { key: "principalLoss", label: "Principal loss", format: "money" as const },
  { key: "principal", label: "Principal to holder", format: "money" as const },
];

const ANALYTICS: { key: keyof NonNullable<PoolReport["analytics"]>; label: string }[] = [
  { key: "price", label: "Price (per 100)" },
  { key: "yield", label: "Yield (BEY %)" },
  { key: "mortgageYield", label: "Mortgage yield (%)" },
  { key: "accruedInterest", label: "Accrued interest (per 100)" },
  { key: "fullPrice", label: "Full price (per 100)" },
  { key: "averageLife", label: "Average life (years)" },
  { key: "macaulayDuration", label: "Macaulay duration" },
  { key: "modifiedDuration", label: "Modified duration" },
  { key: "convexity", label: "Convexity" },
];

/** A generic pool (SIFMA's standard cash flow with defaults), a pass-through of it priced, and its yield table. */
export function PoolView() {
  const [form, setForm] = useState<PoolForm>(GNMA);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [flow, runFlow] = useRun<PoolReport>();
  const [pricesText, setPricesText] = useState("98, 99.5, 100, 101");
  const [speedsText, setSpeedsText] = useState("0, 100, 150, 200, 300");
  const [tableErrors, setTableErrors] = useState<string[]>([]);
  const [yt, runYt] = useRun<PoolYieldTable>();
  const set = <K extends keyof PoolForm>(key: K) => (value: PoolForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const submit = () => {
    const { terms, settlement, speed, quote, errors } = readForm(form);
    setFormErrors(errors);
    if (errors.length) return;
    const prepayment = { unit: form.prepayUnit, values: [speed] };
    const pricing = quote === null ? undefined : { ...(form.quoteKind === "price" ? { price: quote } : { yield: quote }), ...settlement };
    runFlow((signal) => api.pool({ ...terms, prepayment, ...(pricing ? { pricing } : {}) }, signal));
  };
  const submitTable = () => {
    const { terms, settlement, errors } = readForm(form);
    const prices = parseList(pricesText);
    const speeds = parseList(speedsText);
    if (!prices) errors.push("prices: write clean prices per 100 separated by commas, e.g. 98, 99.5, 100");
    if (!speeds) errors.push(`speeds: write ${form.prepayUnit.toUpperCase()} speeds separated by commas, e.g. 0, 100, 150`);
    setTableErrors(errors);
    if (errors.length || !prices || !speeds) return;
    runYt((signal) => api.poolYieldTable({ ...terms, ...settlement, unit: form.prepayUnit, speeds, quotes: { kind: "price", values: prices } }, signal));
  };
  useEffect(() => {
    submit();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const report = flow.status === "done" ? flow.value : null;
  const advancing = report?.pool.advancing ?? true;
  const rows = useMemo(() => (report ? report.rows.map((r) => ({ ...r, principal: holderPrincipal(r, advancing) })) : []), [report, advancing]);
  const chartOption = useMemo(() => {
    if (!report) return null;
    const months = report.rows.map((r) => String(r.month));
    return seriesOption(
      "Pool",
      months,
      [
        { name: "Performing balance", type: "line", yAxisIndex: 0, showSymbol: false, data: report.rows.map((r) => r.performingBalance), lineStyle: { width: 2 } },
        { name: "Amortization", type: "bar", stack: "p", yAxisIndex: 1, data: report.rows.map((r) => r.actualAmortization + (advancing ? r.amortizationFromDefaults : 0)) },
        { name: "Prepayments", type: "bar", stack: "p", yAxisIndex: 1, data: report.rows.map((r) => r.voluntaryPrepayments) },
        { name: "Recoveries", type: "bar", stack: "p", yAxisIndex: 1, data: report.rows.map((r) => r.principalRecovery) },
        { name: "Loss", type: "bar", stack: "p", yAxisIndex: 1, data: report.rows.map((r) => r.principalLoss) },
        { name: "Interest", type: "line", yAxisIndex: 1, showSymbol: false, data: report.rows.map((r) => r.actualInterest), lineStyle: { type: "dashed" } },
      ],
      "$",
      {
        xAxis: { type: "category", data: months, boundaryGap: false, name: "month" },
        yAxis: [
          { type: "value", name: "balance", axisLabel: { formatter: axisMoney } },
          { type: "value", name: "per month", axisLabel: { formatter: axisMoney }, splitLine: { show: false } },
        ],
        grid: { left: 70, right: 70, top: 70, bottom: 56 },
      },
    );
  }, [report, advancing]);

  const analyticsRows = useMemo(() => {
    const a = report?.analytics;
    return a ? ANALYTICS.map((m) => ({ measure: m.label, value: a[m.key] as number | null })) : [];
  }, [report]);

  const yieldTable = yt.status === "done" ? yt.value : null;
  const yieldRows = useMemo(() => {
    if (!yieldTable) return [];
    const measure = yieldTable.quotedBy === "price" ? "Yield (%)" : "Price";
    return [
      ...yieldTable.rows.map((r) => {
        const row: Record<string, unknown> = { quote: r.quote, measure };
        r.cells.forEach((c, i) => (row[`s${i}`] = yieldTable.quotedBy === "price" ? c.yield : c.price));
        return row;
      }),
      Object.fromEntries([["quote", null], ["measure", "WAL (years)"], ["summary", true], ...yieldTable.bySpeed.map((b, i) => [`s${i}`, b.averageLife])]),
      Object.fromEntries([["quote", null], ["measure", `Mod dur at ${yieldTable.referenceQuote}`], ...yieldTable.bySpeed.map((b, i) => [`s${i}`, b.modifiedDuration])]),
    ];
  }, [yieldTable]);

  const field = (key: keyof PoolForm, label: string, size = 8, testId = `pool-${key}`) => (
    <label className="field">
      <span>{label}</span>
      <input data-testid={testId} size={size} value={form[key] as string} onChange={(e) => set(key)(e.target.value as never)} />
    </label>
  );

  /** A rate and its unit (a speed in PSA, CPR or SMM; a default rate in CDR, MDR or SDA). */
  const rateWithUnit = (label: string, rateKey: "prepaySpeed" | "defaultRate", unitKey: "prepayUnit" | "defaultUnit", units: readonly string[]) => (
    <label className="field">
      <span>{label}</span>
      <span className="pair">
        <input data-testid={`pool-${rateKey}`} size={5} value={form[rateKey]} onChange={(e) => set(rateKey)(e.target.value)} />
        <select data-testid={`pool-${unitKey}`} value={form[unitKey]} onChange={(e) => set(unitKey)(e.target.value as never)}>
          {units.map((u) => (
            <option key={u} value={u}>
              {u.toUpperCase()}
            </option>
          ))}
        </select>
      </span>
    </label>
  );

  return (
    <div className="view" data-testid="pool-view">
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        {field("balance", "Balance", 12)}
        {field("wac", "WAC %", 6)}
        {field("net", "Net %", 6)}
        {field("term", "Term (months)", 5)}
        {field("age", "Age", 4)}
        {rateWithUnit("Prepayments", "prepaySpeed", "prepayUnit", ["psa", "cpr", "smm"])}
        {rateWithUnit("Defaults", "defaultRate", "defaultUnit", ["cdr", "mdr", "sda"])}
        {field("severity", "Severity %", 5)}
        {field("lag", "Lag (months)", 4)}
        <label className="field check" title="The servicer advances P&I on defaulted loans until liquidation">
          <span>Advancing</span>
          <input type="checkbox" data-testid="pool-advancing" checked={form.advancing} onChange={(e) => set("advancing")(e.target.checked)} />
        </label>
        <label className="field">
          <span>Quote</span>
          <span className="pair">
            <select data-testid="pool-quoteKind" value={form.quoteKind} onChange={(e) => set("quoteKind")(e.target.value as "price" | "yield")}>
              <option value="price">price</option>
              <option value="yield">yield %</option>
            </select>
            <input data-testid="pool-quote" size={7} placeholder="none" title="Blank: no pricing" value={form.quote} onChange={(e) => set("quote")(e.target.value)} />
          </span>
        </label>
        {field("delayDays", "Delay (days)", 4)}
        {field("settleDays", "Settle (30/360 days)", 4)}
        <button type="submit" data-testid="pool-run">
          Run ⏎
        </button>
        <span data-testid="pool-status" data-status={flow.status}>
          <Status state={flow} />
        </span>
      </form>
      <Errors errors={formErrors} />
      {chartOption ? <Chart id="pool" option={chartOption} height={320} /> : null}
      {report?.analytics ? (
        <div style={{ maxWidth: 560 }}>
          <DataTable
            id="pool-analytics"
            title={`Pass-through at ${report.analytics.coupon}%: ${report.analytics.quotedBy === "price" ? `price ${report.analytics.price}` : `yield ${report.analytics.yield}%`}, ${report.analytics.delayDays} days delay, settled ${report.analytics.accruedDays} days in`}
            maxHeight={300}
            columns={[
              { key: "measure", label: "Measure", format: "text" },
              { key: "value", label: "Value", format: "pct" },
            ]}
            rows={analyticsRows}
          />
        </div>
      ) : null}
      {report ? (
        <DataTable
          id="pool-cash-flow"
          title="Standard cash flow with defaults, by month (interest at the net rate)"
          maxHeight={420}
          note={`Totals: principal to holder ${formatTotal(rows.reduce((s, r) => s + r.principal, 0))}, interest ${formatTotal(report.totals.actualInterest)}, loss ${formatTotal(report.totals.principalLoss)}`}
          columns={MONTHLY_COLUMNS}
          rows={rows}
        />
      ) : null}
      <section className="table-block">
        <h3>Yield table</h3>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            submitTable();
          }}
        >
          <label className="field grow">
            <span>Prices</span>
            <input data-testid="pool-prices-input" value={pricesText} onChange={(e) => setPricesText(e.target.value)} />
          </label>
          <label className="field grow">
            <span>Speeds ({form.prepayUnit.toUpperCase()})</span>
            <input data-testid="pool-speeds-input" value={speedsText} onChange={(e) => setSpeedsText(e.target.value)} />
          </label>
          <button type="submit" data-testid="pool-yield-table-run">
            Yield table ⏎
          </button>
          <span data-testid="pool-yield-table-status" data-status={yt.status}>
            <Status state={yt as Load<unknown>} />
          </span>
        </form>
        <Errors errors={tableErrors} />
        {yieldTable ? (
          <DataTable
            id="pool-yield-table"
            title={`Pass-through at ${yieldTable.coupon}%: yield (%) at each price, ${yieldTable.delayDays} days delay, settled ${yieldTable.accruedDays} days in`}
            maxHeight={360}
            note={`Principal months: ${yieldTable.bySpeed.map((b) => `${b.label} ${b.firstPrincipalMonth ?? "–"}–${b.lastPrincipalMonth ?? "–"}`).join("; ")}`}
            columns={[
              { key: "quote", label: yieldTable.quotedBy === "price" ? "Price" : "Yield", format: "years" },
              { key: "measure", label: "Measure", format: "text" },
              ...yieldTable.bySpeed.map((b, i) => ({ key: `s${i}`, label: b.label, format: "pct" as const })),
            ]}
            rows={yieldRows}
            rowClass={(r) => ((r as { summary?: boolean }).summary ? "block-start" : undefined)}
          />
        ) : null}
      </section>
    </div>
  );
}

function formatTotal(x: number): string {
  return x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function Errors({ errors }: { errors: string[] }) {
  return errors.length ? (
    <p className="banner error" data-testid="pool-form-error">
      {errors.join("; ")}
    </p>
  ) : null;
}
