/**
 * What a deal class's yield table (`tranche yield-table`) and a pool's
 * (`tranche pool --prices/--yields`) print alike: quotes down, speeds across,
 * the yield (or, quoted by yield, the price) in each cell to 3 decimals, then
 * the average life per speed and the modified duration at the reference quote
 * (the rows "WAL (years)" and "Mod dur @ 99.000").
 *
 * Each command pushes its own rows under these (principal window, effective
 * measures, spreads) and renders the lot with `renderTable`.
 */
import type { PrepaymentUnit } from "../core/scenario.js";
import { speedLabel } from "./table-options.js";
import type { Column } from "./text-table.js";

export interface YieldMatrix {
  readonly quotedBy: "price" | "yield";
  readonly unit: PrepaymentUnit;
  readonly speeds: readonly number[];
  readonly rows: readonly { readonly quote: number; readonly cells: readonly { readonly price: number; readonly yield: number }[] }[];
  readonly referenceQuote: number;
  readonly bySpeed: readonly { readonly averageLife: number | null; readonly modifiedDuration: number }[];
}

/** A quote as the first column prints it. */
export const formatQuote = (q: number) => q.toFixed(3);

/** Years to 2 decimals; "-" for none. */
export const formatYears = (x: number | null) => (x === null ? "-" : x.toFixed(2));

/** The columns, and the rows down to "Mod dur @ <reference quote>". */
export function yieldMatrix(table: YieldMatrix): { columns: Column[]; rows: string[][] } {
  const byPrice = table.quotedBy === "price";
  const columns: Column[] = [{ header: byPrice ? "price" : "yield" }, ...table.speeds.map((s) => ({ header: speedLabel(s, table.unit), align: "right" as const }))];
  const rows: string[][] = table.rows.map((r) => [formatQuote(r.quote), ...r.cells.map((c) => (byPrice ? c.yield.toFixed(3) : c.price.toFixed(3)))]);
  rows.push(["WAL (years)", ...table.bySpeed.map((s) => formatYears(s.averageLife))]);
  rows.push([`Mod dur @ ${formatQuote(table.referenceQuote)}`, ...table.bySpeed.map((s) => s.modifiedDuration.toFixed(2))]);
  return { columns, rows };
}
