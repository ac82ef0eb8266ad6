import { useMemo, useState } from "react";
import type { ProjectionResult } from "../api.js";
import { Chart, seriesOption } from "./Chart.js";
import { DataTable } from "./DataTable.js";

export function classSummaryRows(result: ProjectionResult) {
  return Object.entries(result.classes).map(([id, c]) => {
    let principal = 0;
    let interest = 0;
    let writedown = 0;
    let shortfall = 0;
    let first: number | null = null;
    let last: number | null = null;
    for (const f of c.flows) {
      principal += f.principal;
      interest += f.interest;
      writedown += f.writedown;
      shortfall = f.interestShortfall;
      if (f.principal > 0.005) {
        first ??= f.period;
        last = f.period;
      }
    }
    const final = c.flows.length ? c.flows[c.flows.length - 1].endBalance : c.initialBalance;
    return {
      class: id,
      type: c.type.join(", "),
      initialBalance: c.initialBalance,
      wal: c.wal,
      principal,
      interest,
      writedown,
      finalBalance: final,
      unpaidInterest: shortfall,
      window: first === null ? "" : `${first}–${last}`,
    };
  });
}

export function ProjectionView({ result }: { result: ProjectionResult }) {
  const classIds = Object.keys(result.classes);
  const [selected, setSelected] = useState<string>(() => classIds.find((id) => !result.classes[id].notional) ?? classIds[0]);
  const current = result.classes[selected] ? selected : classIds[0];
  const dates = useMemo(() => result.collateral.map((r) => r.date), [result]);
  const summary = useMemo(() => classSummaryRows(result), [result]);

  const collateralOption = useMemo(
    () =>
      seriesOption(
        "Collateral",
        dates,
        [
          { name: "Balance", type: "line", yAxisIndex: 0, showSymbol: false, data: result.collateral.map((r) => r.endBalance), lineStyle: { width: 2 } },
          { name: "Scheduled principal", type: "bar", stack: "p", yAxisIndex: 1, data: result.collateral.map((r) => r.scheduledPrincipal) },
          { name: "Prepayments", type: "bar", stack: "p", yAxisIndex: 1, data: result.collateral.map((r) => r.prepayments) },
          { name: "Liquidation principal", type: "bar", stack: "p", yAxisIndex: 1, data: result.collateral.map((r) => r.liquidationPrincipal) },
          { name: "Realized loss", type: "bar", stack: "p", yAxisIndex: 1, data: result.collateral.map((r) => r.realizedLoss) },
          { name: "Interest", type: "line", yAxisIndex: 1, showSymbol: false, data: result.collateral.map((r) => r.interest), lineStyle: { type: "dashed" } },
        ],
        "$",
        {
          yAxis: [
            { type: "value", name: "balance", axisLabel: { formatter: axisMoney } },
            { type: "value", name: "per period", axisLabel: { formatter: axisMoney }, splitLine: { show: false } },
          ],
          grid: { left: 70, right: 70, top: 70, bottom: 56 },
        },
      ),
    [result, dates],
  );

  const balancesOption = useMemo(
    () =>
      seriesOption(
        "Class Certificate Balances",
        dates,
        classIds
          .filter((id) => !result.classes[id].notional && result.classes[id].initialBalance > 1000)
          .map((id) => ({ name: id, type: "line", showSymbol: false, data: result.classes[id].flows.map((f) => f.endBalance) })),
        "$",
      ),
    [result, dates, classIds],
  );

  const cls = result.classes[current];
  const classOption = useMemo(
    () =>
      seriesOption(
        `Class ${current}: principal, interest, losses`,
        dates,
        [
          { name: "Principal", type: "bar", stack: "cf", data: cls.flows.map((f) => f.principal) },
          { name: "Interest", type: "bar", stack: "cf", data: cls.flows.map((f) => f.interest) },
          { name: "Writedown", type: "bar", stack: "loss", data: cls.flows.map((f) => -f.writedown) },
          { name: cls.notional ? "Notional" : "Balance", type: "line", yAxisIndex: 1, showSymbol: false, data: cls.flows.map((f) => f.endBalance) },
        ],
        "$",
        {
          yAxis: [
            { type: "value", name: "per period", axisLabel: { formatter: axisMoney } },
            { type: "value", name: "balance", axisLabel: { formatter: axisMoney }, splitLine: { show: false } },
          ],
          grid: { left: 70, right: 70, top: 70, bottom: 56 },
        },
      ),
    [cls, current, dates],
  );

  return (
    <div className="view" data-testid="projection-view">
      <DataTable
        id="class-summary"
        title="Classes"
        maxHeight={400}
        note={`WAL in years from the Closing Date, 30/360. ${result.depletionPeriod ? `Senior Credit Support Depletion Date: period ${result.depletionPeriod}. ` : ""}${result.terminationPeriod ? `Optional Termination in period ${result.terminationPeriod}.` : ""}`}
        columns={[
          { key: "class", label: "Class", format: "text" },
          { key: "type", label: "Type", format: "text" },
          { key: "initialBalance", label: "Initial balance", format: "money" },
          { key: "wal", label: "WAL (yrs)", format: "years" },
          { key: "principal", label: "Principal", format: "money" },
          { key: "interest", label: "Interest", format: "money" },
          { key: "writedown", label: "Writedown", format: "money" },
          { key: "finalBalance", label: "Final balance", format: "money" },
          { key: "unpaidInterest", label: "Unpaid interest", format: "money" },
          { key: "window", label: "Principal window", format: "text" },
        ]}
        rows={summary}
      />
      <div className="grid2">
        <Chart id="collateral" option={collateralOption} height={300} />
        <Chart id="balances" option={balancesOption} height={300} />
      </div>
      <div className="class-picker">
        <span className="muted">Class:</span>
        {classIds.map((id) => (
          <button key={id} type="button" className={id === current ? "chip active" : "chip"} data-testid={`class-chip-${id}`} onClick={() => setSelected(id)}>
            {id}
          </button>
        ))}
      </div>
      <Chart id="class" option={classOption} height={280} />
      <DataTable
        id={`class-flows-${current}`}
        title={`Class ${current} cash flows`}
        maxHeight={300}
        columns={[
          { key: "period", label: "Period", format: "int" },
          { key: "date", label: "Distribution Date", format: "text" },
          { key: "beginBalance", label: cls.notional ? "Begin notional" : "Begin balance", format: "money" },
          { key: "interest", label: "Interest", format: "money" },
          { key: "principal", label: "Principal", format: "money" },
          { key: "writedown", label: "Writedown", format: "money" },
          { key: "endBalance", label: cls.notional ? "End notional" : "End balance", format: "money" },
          { key: "interestShortfall", label: "Unpaid interest", format: "money" },
        ]}
        rows={cls.flows}
      />
      <DataTable
        id="collateral"
        title="Collateral cash flows"
        maxHeight={300}
        columns={[
          { key: "period", label: "Period", format: "int" },
          { key: "date", label: "Distribution Date", format: "text" },
          { key: "beginBalance", label: "Begin balance", format: "money" },
          { key: "scheduledPrincipal", label: "Scheduled principal", format: "money" },
          { key: "prepayments", label: "Prepayments", format: "money" },
          { key: "newDefaults", label: "New defaults", format: "money" },
          { key: "liquidationPrincipal", label: "Liquidation principal", format: "money" },
          { key: "realizedLoss", label: "Realized loss", format: "money" },
          { key: "interest", label: "Interest", format: "money" },
          { key: "fees", label: "Fees", format: "money" },
          { key: "endBalance", label: "End balance", format: "money" },
        ]}
        rows={result.collateral}
      />
    </div>
  );
}

export function axisMoney(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toFixed(1)}B`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(0)}M`;
  if (a >= 1e3) return `${(v / 1e3).toFixed(0)}K`;
  return String(Math.round(v));
}
