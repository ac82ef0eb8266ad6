/**
 * The scenarios of `tranche grid`: the cartesian product of the list flags
 * (first axis outermost, the last varying fastest) or the rows of a CSV file
 * whose columns are named as the flags. Each becomes a `Scenario` through the
 * same rules as every other command's scenario flags (`scenarioFromFlags`),
 * per deal (the deal decides which index `--libor` is).
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { Scenario } from "../core/scenario.js";
import type { Deal } from "../deal/schema.js";
import { scenarioFromFlags, type ScenarioFlags } from "./scenario-options.js";
import { UserError } from "./user-error.js";

/** The list flags, in product order. */
export const GRID_AXES = ["ppc", "cpr", "psa", "smm", "cdr", "mdr", "sda", "severity", "lag", "libor"] as const;
export type GridAxisName = (typeof GRID_AXES)[number];

export type GridAxisFlags = { [K in GridAxisName]?: string } & { advance?: boolean; call?: boolean };

export interface GridAxis {
  readonly flag: GridAxisName;
  readonly values: readonly string[];
}

/** A scenario of the grid: its labels (flag → value as given) and how it reads on a deal. */
export interface ScenarioRow {
  readonly labels: Readonly<Record<string, string>>;
  /** Where it came from, for errors ("--cpr 5 --cdr 2", "grid.csv:3"). */
  readonly source: string;
  scenario(deal: Deal): Scenario;
}

const CSV_COLUMNS = [...GRID_AXES, "advance", "call", "pis", "relief"] as const;

export function gridAxesFromFlags(flags: GridAxisFlags): GridAxis[] {
  const axes: GridAxis[] = [];
  for (const flag of GRID_AXES) {
    const text = flags[flag];
    if (text === undefined) continue;
    const values = text.split(",").map((v) => v.trim());
    if (values.some((v) => v === "")) throw new UserError(`--${flag} "${text}": an empty value in the list`);
    for (const v of values) {
      if (!/^\d+(\.\d+)?$/.test(v)) throw new UserError(`--${flag} "${text}": "${v}" is not a number (a grid flag is a list of values, e.g. --${flag} 5,10,20)`);
    }
    if (new Set(values).size !== values.length) throw new UserError(`--${flag} "${text}": a value appears twice`);
    axes.push({ flag, values });
  }
  return axes;
}

function rowOf(labels: Record<string, string>, source: string, common: Pick<ScenarioFlags, "advance" | "call">): ScenarioRow {
  return {
    labels,
    source,
    scenario(deal) {
      try {
        return scenarioFromFlags({ ...labels, ...common } as ScenarioFlags, deal);
      } catch (e) {
        throw new UserError(`${source}: ${(e as Error).message}`);
      }
    },
  };
}

/** The cartesian product of the axes (one scenario when there are none: the defaults). */
export function gridScenarios(axes: readonly GridAxis[], common: Pick<ScenarioFlags, "advance" | "call"> = {}): ScenarioRow[] {
  let combos: Record<string, string>[] = [{}];
  for (const axis of axes) combos = combos.flatMap((c) => axis.values.map((v) => ({ ...c, [axis.flag]: v })));
  return combos.map((labels) => rowOf(labels, Object.entries(labels).map(([k, v]) => `--${k} ${v}`).join(" ") || "the default scenario", common));
}

const yes = new Set(["true", "yes", "y", "1"]);
const no = new Set(["false", "no", "n", "0"]);

/** Reads `--scenarios FILE.csv`: a header of flag names, one scenario a row; every problem named by line. */
export function readScenarioCsv(path: string): ScenarioRow[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UserError(`--scenarios ${path}: cannot read: ${(e as Error).message}`);
  }
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, trim: true, info: true, comment: "#" }) as typeof records;
  } catch (e) {
    throw new UserError(`${path}: not CSV: ${(e as Error).message}`);
  }
  const header = text.split(/\r?\n/).find((l) => l.trim() !== "" && !l.trim().startsWith("#"));
  if (!header) throw new UserError(`${path}: empty (write a header of flag names, e.g. cpr,cdr,severity,lag)`);
  const problems: string[] = [];
  const headerLine = text.split(/\r?\n/).indexOf(header) + 1;
  const columns = header.split(",").map((c) => c.trim());
  for (const c of columns) {
    if (!(CSV_COLUMNS as readonly string[]).includes(c)) problems.push(`${path}:${headerLine}: unknown column "${c}" (columns are the flags: ${CSV_COLUMNS.join(", ")})`);
  }
  if (problems.length) throw new UserError(problems.join("\n"));
  if (records.length === 0) throw new UserError(`${path}: no scenarios (a header and no rows)`);
  const rows: ScenarioRow[] = [];
  for (const { record, info } of records) {
    const source = `${path}:${info.lines}`;
    const labels: Record<string, string> = {};
    const common: Pick<ScenarioFlags, "advance" | "call"> = {};
    for (const [k, raw] of Object.entries(record)) {
      const v = raw.trim();
      if (v === "") continue;
      if (k === "advance" || k === "call") {
        const low = v.toLowerCase();
        if (!yes.has(low) && !no.has(low)) {
          problems.push(`${source}: ${k}: "${v}" is not true or false`);
          continue;
        }
        common[k] = yes.has(low);
        labels[k] = String(yes.has(low));
      } else labels[k] = v;
    }
    const row = rowOf(
      Object.fromEntries(Object.entries(labels).filter(([k]) => k !== "advance" && k !== "call")),
      source,
      { advance: common.advance ?? true, ...(common.call ? { call: true } : {}) },
    );
    rows.push({ ...row, labels, scenario: row.scenario });
  }
  if (problems.length) throw new UserError(problems.join("\n"));
  return rows;
}
