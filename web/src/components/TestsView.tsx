import { useMemo } from "react";
import type { ProjectionResult } from "../api.js";
import { Chart, seriesOption } from "./Chart.js";
import { DataTable } from "./DataTable.js";

/** Senior and Senior Prepayment Percentages by group, and the step-down tests, over time. */
export function TestsView({ result }: { result: ProjectionResult }) {
  const groups = useMemo(() => [...new Set(result.tests.map((t) => t.group))], [result]);
  const dates = useMemo(() => result.collateral.map((r) => r.date), [result]);
  const byGroup = (g: string) => result.tests.filter((t) => t.group === g);

  const percentOption = useMemo(
    () =>
      seriesOption(
        "Senior Percentage and Senior Prepayment Percentage",
        dates,
        groups.flatMap((g) => [
          { name: `Senior % (group ${g})`, type: "line", showSymbol: false, data: byGroup(g).map((t) => 100 * t.seniorPercentage) },
          { name: `Senior Prepayment % (group ${g})`, type: "line", step: "end", showSymbol: false, data: byGroup(g).map((t) => 100 * t.seniorPrepaymentPercentage) },
        ]),
        "%",
        { yAxis: { type: "value", name: "%", min: (v: { min: number }) => Math.max(0, Math.floor(v.min - 2)), max: 100 } },
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [result, dates, groups],
  );

  const first = groups[0];
  const triggerOption = useMemo(() => {
    const rows = byGroup(first);
    const flag = (x: boolean) => (x ? 1 : 0);
    return seriesOption(
      "Step-down tests and depletion (1 = passes / reached)",
      dates,
      [
        { name: "Delinquency test", type: "line", step: "end", showSymbol: false, data: rows.map((t) => flag(t.delinquencyTest) + 0.06) },
        { name: "Loss test", type: "line", step: "end", showSymbol: false, data: rows.map((t) => flag(t.lossTest) + 0.03) },
        { name: "Two Times Test", type: "line", step: "end", showSymbol: false, data: rows.map((t) => flag(t.twoTimesTest)) },
        { name: "Depletion Date reached", type: "line", step: "end", showSymbol: false, data: rows.map((t) => flag(t.depleted) - 0.03), lineStyle: { type: "dashed" } },
      ],
      "",
      { grid: { left: 70, right: 24, top: 70, bottom: 56 }, yAxis: { type: "value", min: -0.2, max: 1.2, interval: 1, axisLabel: { formatter: (v: number) => (v === 1 ? "yes" : v === 0 ? "no" : "") } } },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [result, dates, first]);

  return (
    <div className="view" data-testid="tests-view">
      <Chart id="shifting-interest" option={percentOption} height={320} />
      <Chart id="triggers" option={triggerOption} height={240} />
      <DataTable
        id="tests"
        title="Shifting interest and tests by Distribution Date"
        columns={[
          { key: "period", label: "Period", format: "int" },
          { key: "date", label: "Distribution Date", format: "text" },
          { key: "group", label: "Group", format: "text" },
          { key: "seniorPercentage", label: "Senior %", format: "pct" },
          { key: "seniorPrepaymentPercentage", label: "Senior Prepayment %", format: "pct" },
          { key: "delinquencyTest", label: "Delinquency test", format: "bool" },
          { key: "lossTest", label: "Loss test", format: "bool" },
          { key: "twoTimesTest", label: "Two Times Test", format: "bool" },
          { key: "depleted", label: "Depleted", format: "text" },
        ]}
        note="Percentages in percent (the API reports fractions)."
        rows={result.tests.map((t) => ({
          ...t,
          seniorPercentage: 100 * t.seniorPercentage,
          seniorPrepaymentPercentage: 100 * t.seniorPrepaymentPercentage,
          depleted: t.depleted ? "yes" : "",
        }))}
      />
      {result.corridor.length ? (
        <DataTable
          id="corridor"
          title="Corridor Contract (§4.08)"
          maxHeight={260}
          columns={[
            { key: "period", label: "Period", format: "int" },
            { key: "date", label: "Distribution Date", format: "text" },
            { key: "notional", label: "Notional", format: "money" },
            { key: "payment", label: "Payment", format: "money" },
            { key: "yieldSupplementPaid", label: "Yield Supplement paid", format: "money" },
            { key: "released", label: "Released", format: "money" },
          ]}
          rows={result.corridor}
        />
      ) : null}
    </div>
  );
}
