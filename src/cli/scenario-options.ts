/**
 * Scenario flags shared by the commands that project a deal:
 * `--ppc 100 | --cpr 8 | --psa 150 | --smm 1` (vectors allowed: `--cpr 6,8,10x12,20`),
 * `--cdr 2 | --mdr 0.5 | --sda 100`, `--severity 40`, `--lag 12`, `--no-advance`,
 * `--libor 5.32` (the deal's LIBOR: One-Month for 2007-12T1, One-Year for 2006-HY12),
 * `--index NAME=VECTOR`, `--call`, `--pis 50`, `--relief 0.1`, and
 * `--scenario FILE` (YAML/JSON with the same keys) or `--scenario "100 PPC, 2 CDR, 40 sev"`.
 * Flags override the file; anything unset takes the defaults (100 PPC, 0 CDR,
 * severity 0, lag 0, advancing on, the deal's index defaults).
 */
import { existsSync, readFileSync } from "node:fs";
import type { Command } from "commander";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { DEFAULT_SCENARIO, type DefaultUnit, type IndexPath, type PrepaymentUnit, type Scenario } from "../core/scenario.js";
import { parseVector } from "../core/vector.js";
import type { Deal } from "../deal/schema.js";
import { parseScenarioText, ScenarioTextError } from "../engine/scenario-text.js";
import { cliHistory, historyIndexPath } from "./libor-history.js";
import { UserError } from "./user-error.js";

export interface ScenarioFlags {
  ppc?: string;
  cpr?: string;
  psa?: string;
  smm?: string;
  cdr?: string;
  mdr?: string;
  sda?: string;
  severity?: string;
  lag?: string;
  advance?: boolean;
  libor?: string;
  index?: string[];
  call?: boolean;
  pis?: string;
  relief?: string;
  scenario?: string;
}

export function addScenarioOptions(cmd: Command): Command {
  return cmd
    .option("--ppc <vector>", "prepayment, % of the deal's Prepayment Assumption (default: the deal's pricing speed)")
    .option("--cpr <vector>", "prepayment, CPR %")
    .option("--psa <vector>", "prepayment, % PSA")
    .option("--smm <vector>", "prepayment, SMM %")
    .option("--cdr <vector>", "defaults, CDR % (default 0)")
    .option("--mdr <vector>", "defaults, MDR %")
    .option("--sda <vector>", "defaults, % SDA")
    .option("--severity <vector>", "loss severity, % of the balance at default (default 0)")
    .option("--lag <months>", "months from default to liquidation (default 0)")
    .option("--no-advance", "the servicer does not advance P&I on delinquent loans")
    .option("--libor <vector>", "the deal's LIBOR index path, % (flat or vector), or history[,VECTOR]: the published fixings from the Closing Date, then VECTOR (default: the last fixing held)")
    .option("--index <name=vector>", "any index path, e.g. LIBOR_1Y=5,5.5x12,6 or LIBOR_1Y=history[,VECTOR] (repeatable)", (v: string, prev: string[] = []) => [...prev, v])
    .option("--call", "exercise the Optional Termination when first allowed")
    .option("--pis <percent>", "Net Prepayment Interest Shortfall, % of a month's interest on prepayments")
    .option("--relief <percent>", "Relief Act Reductions, % of the pool's interest")
    .option("--scenario <file|text>", "a scenario file (YAML/JSON, same keys as the flags) or text like \"100 PPC, 2 CDR, 40 sev, 12 lag\"");
}

const fileSchema = z.strictObject({
  ppc: z.union([z.number(), z.string()]).optional(),
  cpr: z.union([z.number(), z.string()]).optional(),
  psa: z.union([z.number(), z.string()]).optional(),
  smm: z.union([z.number(), z.string()]).optional(),
  cdr: z.union([z.number(), z.string()]).optional(),
  mdr: z.union([z.number(), z.string()]).optional(),
  sda: z.union([z.number(), z.string()]).optional(),
  severity: z.union([z.number(), z.string()]).optional(),
  lag: z.number().int().nonnegative().optional(),
  advance: z.boolean().optional(),
  libor: z.union([z.number(), z.string()]).optional(),
  indices: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  call: z.boolean().optional(),
  pis: z.number().min(0).max(100).optional(),
  relief: z.number().min(0).max(100).optional(),
});

/** The index `--libor` stands for: the first LIBOR in the deal's index defaults. */
export function dealLiborIndex(deal: Deal): string {
  return Object.keys(deal.collateral.defaultIndices).find((k) => k.startsWith("LIBOR")) ?? "LIBOR_1M";
}

function vector(text: string | number, what: string): number[] {
  try {
    const v = parseVector(String(text), what);
    if (v.some((x) => !Number.isFinite(x) || x < 0)) throw new RangeError(`${what}: values must be non-negative`);
    return [...v];
  } catch (e) {
    throw new UserError((e as Error).message);
  }
}

function pick<U extends string>(flags: Record<string, unknown>, units: readonly U[], what: string): { unit: U; value: string } | null {
  const given = units.filter((u) => flags[u] !== undefined);
  if (given.length > 1) throw new UserError(`${what}: give one of ${units.map((u) => `--${u}`).join(", ")}, not ${given.map((u) => `--${u}`).join(" and ")}`);
  return given.length ? { unit: given[0], value: String(flags[given[0]]) } : null;
}

function readScenarioFile(path: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, "utf8"));
  } catch (e) {
    throw new UserError(`${path}: not a YAML/JSON scenario file: ${(e as Error).message}`);
  }
  const parsed = fileSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${path}: ${i.path.join(".") || "(top)"}: ${i.message}`);
    throw new UserError(problems.join("\n"));
  }
  return parsed.data;
}

export function scenarioFromFlags(flags: ScenarioFlags, deal: Deal): Scenario {
  const libor = dealLiborIndex(deal);
  // Without a prepayment flag the deal's pricing speed (100 PPC for 2007-12T1, 25 CPR for 2006-HY12),
  // as the API does: a deal without a Prepayment Assumption cannot run at PPC.
  const pricing = deal.collateral.pricingSpeed;
  let base: Scenario = { ...DEFAULT_SCENARIO, prepayment: { unit: pricing.unit, values: [pricing.value] } };
  let fromFile: Record<string, unknown> = {};
  if (flags.scenario !== undefined) {
    if (existsSync(flags.scenario)) fromFile = readScenarioFile(flags.scenario);
    else {
      try {
        base = parseScenarioText(flags.scenario, { liborIndex: libor, history: cliHistory(deal), base });
      } catch (e) {
        const col = e instanceof ScenarioTextError ? ` (at column ${e.column + 1})` : "";
        throw new UserError(`--scenario "${flags.scenario}": ${(e as Error).message}${col}`);
      }
    }
  }
  const merged: Record<string, unknown> = { ...fromFile };
  for (const [k, v] of Object.entries(flags)) if (v !== undefined && k !== "scenario" && k !== "index") merged[k] = v;
  // commander sets advance=true by default for --no-advance; only a false value is an explicit choice.
  if (flags.advance === true && fromFile.advance !== undefined) merged.advance = fromFile.advance;

  const prepay = pick(merged, ["ppc", "cpr", "psa", "smm"] as PrepaymentUnit[], "prepayment");
  const dflt = pick(merged, ["cdr", "mdr", "sda"] as DefaultUnit[], "defaults");
  const indices: Record<string, IndexPath> = { ...base.indices };
  if (merged.libor !== undefined) {
    const history = historyIndexPath(deal, libor, String(merged.libor), (v) => vector(v, "--libor history,VECTOR"));
    indices[libor] = history ?? { values: vector(merged.libor as string, "--libor") };
  }
  const fileIndices = (fromFile.indices ?? {}) as Record<string, string | number>;
  for (const [name, v] of Object.entries(fileIndices)) {
    const what = `${flags.scenario}: indices.${name}`;
    indices[name] = historyIndexPath(deal, name, String(v), (t) => vector(t, `${what} history,VECTOR`), what) ?? { values: vector(v, what) };
  }
  for (const spec of flags.index ?? []) {
    const m = /^([A-Za-z0-9_]+)=(.+)$/.exec(spec);
    if (!m) throw new UserError(`--index "${spec}": write NAME=VECTOR or NAME=history[,VECTOR], e.g. LIBOR_1Y=5.3`);
    const what = `--index ${m[1]}`;
    indices[m[1]] = historyIndexPath(deal, m[1], m[2], (t) => vector(t, `${what}=history,VECTOR`), what) ?? { values: vector(m[2], what) };
  }
  const lag = merged.lag !== undefined ? Number(merged.lag) : base.recoveryLag;
  if (!Number.isInteger(lag) || lag < 0 || lag > 360) throw new UserError(`--lag: must be a whole number of months from 0 to 360, got "${merged.lag}"`);
  const severity = merged.severity !== undefined ? vector(merged.severity as string, "--severity") : [...base.severity];
  if (severity.some((s) => s > 100)) throw new UserError("--severity: at most 100 (percent of the balance at default)");
  const scenario: Scenario = {
    prepayment: prepay ? { unit: prepay.unit, values: vector(prepay.value, `--${prepay.unit}`) } : base.prepayment,
    default: dflt ? { unit: dflt.unit, values: vector(dflt.value, `--${dflt.unit}`) } : base.default,
    severity,
    recoveryLag: lag,
    advancing: merged.advance === false ? false : base.advancing,
    indices,
    optionalTermination: merged.call === true ? true : base.optionalTermination,
    ...(merged.pis !== undefined ? { prepaymentInterestShortfall: Number(merged.pis) } : base.prepaymentInterestShortfall !== undefined ? { prepaymentInterestShortfall: base.prepaymentInterestShortfall } : {}),
    ...(merged.relief !== undefined ? { reliefActReduction: Number(merged.relief) } : base.reliefActReduction !== undefined ? { reliefActReduction: base.reliefActReduction } : {}),
  };
  if (scenario.prepayment.unit === "smm" && scenario.prepayment.values.some((v) => v > 100)) throw new UserError("--smm: at most 100");
  if (scenario.prepayment.unit === "cpr" && scenario.prepayment.values.some((v) => v > 100)) throw new UserError("--cpr: at most 100");
  if ((scenario.default.unit === "cdr" || scenario.default.unit === "mdr") && scenario.default.values.some((v) => v > 100)) throw new UserError(`--${scenario.default.unit}: at most 100`);
  return scenario;
}
