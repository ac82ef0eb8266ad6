import { useEffect, useRef } from "react";
import * as echarts from "echarts/core";
import { BarChart, LineChart } from "echarts/charts";
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import type { EChartsCoreOption } from "echarts/core";

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, TitleComponent, DataZoomComponent, MarkLineComponent, CanvasRenderer]);

export interface ChartProps {
  readonly id: string;
  readonly option: EChartsCoreOption;
  readonly height?: number;
}

/** One ECharts canvas; re-renders when `option` changes, resizes with its box. */
export function Chart({ id, option, height = 300 }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const instance = echarts.init(box.current, undefined, { renderer: "canvas" });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    box.current?.removeAttribute("data-rendered");
    instance.off("finished");
    instance.on("finished", () => box.current?.setAttribute("data-rendered", "true"));
    instance.setOption(option, { notMerge: true });
  }, [option]);

  return <div className="chart" data-testid={`chart-${id}`} ref={box} style={{ height }} />;
}

export const PALETTE = ["#1f5fa8", "#d9822b", "#2f9e6e", "#b53b3b", "#7b5ea7", "#8c6d31", "#d45fa0", "#5d6d7e", "#17a2b8", "#a4b32e", "#e07b91", "#3c8dbc", "#6f42c1", "#20c997"];

/** Shared axis/legend/tooltip defaults for time series by Distribution Date. */
export function seriesOption(title: string, dates: readonly string[], series: object[], yName: string, extra: Record<string, unknown> = {}): EChartsCoreOption {
  return {
    color: PALETTE,
    animation: false,
    title: { text: title, left: 8, top: 4, textStyle: { fontSize: 13, fontWeight: 600 } },
    tooltip: { trigger: "axis", valueFormatter: (v: unknown) => (typeof v === "number" ? v.toLocaleString("en-US", { maximumFractionDigits: 2 }) : String(v)) },
    legend: { type: "scroll", top: 24, left: 8, right: 12 },
    grid: { left: 70, right: 24, top: 70, bottom: 56 },
    xAxis: { type: "category", data: dates, boundaryGap: false },
    yAxis: { type: "value", name: yName, nameGap: 8, axisLabel: { formatter: (v: number) => compactAxis(v) } },
    dataZoom: [{ type: "inside" }, { type: "slider", height: 18, bottom: 8 }],
    series,
    ...extra,
  };
}

function compactAxis(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${(v / 1e9).toFixed(1)}B`;
  if (a >= 1e6) return `${(v / 1e6).toFixed(0)}M`;
  if (a >= 1e3) return `${(v / 1e3).toFixed(0)}K`;
  return String(Math.round(v * 100) / 100);
}
