/**
 * The analysts' one-line scenario syntax and its inverse.
 *
 * Clauses are `VALUE UNIT` or a keyword, separated by commas, semicolons or
 * spaces; a VALUE may be a period vector written without spaces
 * (`6,8,10x12,20`, see `parseVector`). Units and keywords are case-insensitive.
 *
 * | clause | sets |
 * |---|---|
 * | `100 PPC`, `8 CPR`, `150 PSA`, `0.5 SMM` | prepayment |
 * | `2 CDR`, `0.1 MDR`, `100 SDA` | defaults |
 * | `40 sev` (`severity`) | loss severity, percent |
 * | `12 lag` | months from default to liquidation |
 * | `LIBOR 5.5`, `LIBOR_1Y 4,5x12,6` | an index path, percent (`LIBOR` names the deal's LIBOR) |
 * | `LIBOR history`, `LIBOR history,5.5x12,6` | the published fixings from the Closing Date, then the last fixing held or the vector (needs `options.history`) |
 * | `call` / `no-call` | exercise the Optional Termination when first allowed |
 * | `advance` / `no-advance` | servicer advances of P&I |
 * | `50 PIS` | Net Prepayment Interest Shortfall, percent of a month's interest on prepayments |
 * | `0.1 relief` | Relief Act Reductions, percent a year of the pool's interest |
 *
 * Anything not written comes from `options.base` (the deal's pricing scenario
 * when the caller has one, else `DEFAULT_SCENARIO`).
 *
 * @example parseScenarioText("100 PPC, 2 CDR, 40 sev, 12 lag")
 * // {prepayment: {unit: "ppc", values: [100]}, default: {unit: "cdr", values: [2]},
 * //  severity: [40], recoveryLag: 12, advancing: true, indices: {}, optionalTermination: false}
 * @example formatScenarioText(DEFAULT_SCENARIO) // "100 PPC, 0 CDR, 0 sev, 0 lag"
 */
import {
  DEFAULT_SCENARIO,
  type DefaultUnit,
  type IndexPath,
  type PrepaymentUnit,
  type Scenario,
} from "../core/scenario.js";
import { formatVector, parseVector, type PeriodVector } from "../core/vector.js";

export interface ScenarioTextOptions {
  /** Values for everything the text does not set. */
  readonly base?: Scenario;
  /** The index the bare word `LIBOR` stands for (the deal's LIBOR); default "LIBOR_1M". */
  readonly liborIndex?: string;
  /**
   * Resolves `INDEX history[,VECTOR]`: the index on its published fixings,
   * then `after` (the last fixing held when empty). Callers with the deal and
   * the shipped series pass one (the CLI and the API: `shippedHistory(deal)`);
   * without it `history` is an error. A thrown Error becomes a ScenarioTextError
   * at the clause.
   */
  readonly history?: (index: string, after: readonly number[]) => IndexPath;
}

/** A syntax or range error, with the 0-based column span of the offending text. */
export class ScenarioTextError extends Error {
  constructor(
    message: string,
    readonly column: number,
    readonly length: number,
  ) {
    super(message);
    this.name = "ScenarioTextError";
  }
}

interface Token {
  readonly text: string;
  readonly column: number;
  readonly kind: "value" | "word";
}

const PREPAYMENT_UNITS: Readonly<Record<string, PrepaymentUnit>> = { ppc: "ppc", cpr: "cpr", psa: "psa", smm: "smm" };
const DEFAULT_UNITS: Readonly<Record<string, DefaultUnit>> = { cdr: "cdr", mdr: "mdr", sda: "sda" };
const SEVERITY_WORDS = new Set(["sev", "severity"]);
const FLAG_WORDS: Readonly<Record<string, { field: "advancing" | "optionalTermination"; value: boolean }>> = {
  call: { field: "optionalTermination", value: true },
  "no-call": { field: "optionalTermination", value: false },
  nocall: { field: "optionalTermination", value: false },
  advance: { field: "advancing", value: true },
  advancing: { field: "advancing", value: true },
  "no-advance": { field: "advancing", value: false },
  "no-advancing": { field: "advancing", value: false },
  noadv: { field: "advancing", value: false },
};
const UNIT_HELP = "PPC, CPR, PSA, SMM, CDR, MDR, SDA, sev, lag, PIS or relief";

/**
 * Splits the text into values (vectors, no spaces inside) and words. A comma is
 * part of a vector only between two numbers with no space around it; any other
 * comma or semicolon separates clauses.
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const num = String.raw`[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e-?\d+)?(?:x\d+)?`;
  const value = new RegExp(String.raw`${num}(?:,${num})*`, "iy");
  const word = /[A-Za-z][A-Za-z0-9_-]*/y;
  let pos = 0;
  while (pos < text.length) {
    const c = text[pos];
    if (/\s|,|;/.test(c)) {
      pos++;
      continue;
    }
    value.lastIndex = pos;
    word.lastIndex = pos;
    const v = /[-+.\d]/.test(c) ? value.exec(text) : null;
    if (v) {
      tokens.push({ text: v[0], column: pos, kind: "value" });
      pos += v[0].length;
      if (text[pos] === "%") pos++;
      continue;
    }
    const w = word.exec(text);
    if (w) {
      tokens.push({ text: w[0], column: pos, kind: "word" });
      pos += w[0].length;
      continue;
    }
    throw new ScenarioTextError(`unexpected "${c}" at column ${pos + 1}`, pos, 1);
  }
  return tokens;
}

type Field = "prepayment" | "default" | "severity" | "recoveryLag" | "advancing" | "optionalTermination" | "pis" | "relief";

/** Parses the analysts' syntax into a `Scenario`; throws `ScenarioTextError` saying what to fix. */
export function parseScenarioText(text: string, options: ScenarioTextOptions = {}): Scenario {
  const base = options.base ?? DEFAULT_SCENARIO;
  const libor = options.liborIndex ?? "LIBOR_1M";
  const tokens = tokenize(text);
  const seen = new Map<string, Token>();
  const indices: Record<string, IndexPath> = { ...base.indices };
  const out: { -readonly [K in keyof Scenario]: Scenario[K] } = { ...base, indices };

  const once = (field: string, at: Token): void => {
    const before = seen.get(field);
    if (before) {
      throw new ScenarioTextError(
        `${field} is given twice (column ${before.column + 1} and column ${at.column + 1}); keep one`,
        at.column,
        at.text.length,
      );
    }
    seen.set(field, at);
  };
  const vector = (tok: Token, what: string, min: number, max: number): PeriodVector => {
    let v: PeriodVector;
    try {
      v = parseVector(tok.text, what);
    } catch (e) {
      throw new ScenarioTextError((e as Error).message, tok.column, tok.text.length);
    }
    for (const x of v) {
      if (!Number.isFinite(x) || x < min || x > max) {
        throw new ScenarioTextError(`${what} ${x} is out of range: use ${min} to ${max}`, tok.column, tok.text.length);
      }
    }
    return v;
  };

  const applyValue = (tok: Token, u: string): Field | null => {
    const prepay = PREPAYMENT_UNITS[u];
    if (prepay) {
      once("prepayment", tok);
      const max = prepay === "cpr" || prepay === "smm" ? 100 : 100_000;
      out.prepayment = { unit: prepay, values: vector(tok, `${u.toUpperCase()}`, 0, max) };
      return "prepayment";
    }
    const dflt = DEFAULT_UNITS[u];
    if (dflt) {
      once("default", tok);
      const max = dflt === "sda" ? 100_000 : 100;
      out.default = { unit: dflt, values: vector(tok, `${u.toUpperCase()}`, 0, max) };
      return "default";
    }
    if (SEVERITY_WORDS.has(u)) {
      once("severity", tok);
      out.severity = vector(tok, "severity", 0, 100);
      return "severity";
    }
    if (u === "lag") {
      once("lag", tok);
      const lag = Number(tok.text);
      if (!/^\d+$/.test(tok.text) || lag > 360) {
        throw new ScenarioTextError(`lag must be whole months from 0 to 360, not "${tok.text}"`, tok.column, tok.text.length);
      }
      out.recoveryLag = lag;
      return "recoveryLag";
    }
    if (u === "pis") {
      once("PIS", tok);
      out.prepaymentInterestShortfall = scalar(tok, "PIS", 0, 100);
      return "pis";
    }
    if (u === "relief") {
      once("relief", tok);
      out.reliefActReduction = scalar(tok, "relief", 0, 100);
      return "relief";
    }
    return null;
  };

  let i = 0;
  while (i < tokens.length) {
    const tok = tokens[i];
    const lower = tok.text.toLowerCase();
    if (tok.kind === "word") {
      const flag = FLAG_WORDS[lower];
      if (flag) {
        once(flag.field === "advancing" ? "advancing" : "call", tok);
        out[flag.field] = flag.value;
        i++;
        continue;
      }
      // "no call", "no advance" written with a space.
      if (lower === "no" && tokens[i + 1]?.kind === "word") {
        const next = FLAG_WORDS[`no-${tokens[i + 1].text.toLowerCase()}`];
        if (next) {
          once(next.field === "advancing" ? "advancing" : "call", tok);
          out[next.field] = next.value;
          i += 2;
          continue;
        }
      }
      if (isIndexWord(lower) && tokens[i + 1]?.text.toLowerCase() === "history") {
        const name = lower === "libor" ? libor : tok.text.toUpperCase();
        once(`index ${name}`, tok);
        const word = tokens[i + 1];
        // `history,5.5x12,6`: a vector joined to the word by a comma, no spaces, continues the path.
        const next = tokens[i + 2];
        const joined = next?.kind === "value" && text[word.column + word.text.length] === "," && next.column === word.column + word.text.length + 1;
        const span = { column: tok.column, length: (joined ? next.column + next.text.length : word.column + word.text.length) - tok.column };
        const unitAfter = joined ? tokens[i + 3] : undefined;
        if (unitAfter?.kind === "word" && isUnitWord(unitAfter.text.toLowerCase())) {
          throw new ScenarioTextError(
            `"history,${next.text}" reads ${next.text} as the rates after the published series; to start a new clause put a space after the comma ("history, ${next.text} ${unitAfter.text}")`,
            next.column,
            next.text.length,
          );
        }
        const after = joined ? vector(next, `${name} history continuation`, -100, 100) : [];
        if (!options.history) {
          throw new ScenarioTextError(`${tok.text} history needs the published fixings and the deal; this caller has neither`, span.column, span.length);
        }
        try {
          indices[name] = options.history(name, after);
        } catch (e) {
          throw new ScenarioTextError(`${tok.text} history: ${(e as Error).message}`, span.column, span.length);
        }
        i += joined ? 3 : 2;
        continue;
      }
      if (isIndexWord(lower)) {
        const valueTok = tokens[i + 1];
        if (!valueTok || valueTok.kind !== "value") {
          throw new ScenarioTextError(`${tok.text} needs a rate after it, e.g. "${tok.text} 5.5" or "${tok.text} history"`, tok.column, tok.text.length);
        }
        const name = lower === "libor" ? libor : tok.text.toUpperCase();
        once(`index ${name}`, tok);
        indices[name] = { values: vector(valueTok, name, -100, 100) };
        i += 2;
        continue;
      }
      throw new ScenarioTextError(
        PREPAYMENT_UNITS[lower] || DEFAULT_UNITS[lower] || SEVERITY_WORDS.has(lower) || lower === "lag"
          ? `${tok.text} needs a number before it, e.g. "2 ${tok.text}"`
          : lower === "history"
            ? `"history" follows an index: write "LIBOR history" (the deal's LIBOR) or e.g. "LIBOR_1Y history"`
            : `unknown word "${tok.text}": expected ${UNIT_HELP}, LIBOR, call or no-advance`,
        tok.column,
        tok.text.length,
      );
    }
    const unitTok = tokens[i + 1];
    if (!unitTok || unitTok.kind !== "word") {
      throw new ScenarioTextError(
        `${tok.text} needs a unit after it (${UNIT_HELP}); write vectors without spaces, e.g. "6,8,10x12,20 CPR"`,
        tok.column,
        tok.text.length,
      );
    }
    if (!applyValue(tok, unitTok.text.toLowerCase())) {
      throw new ScenarioTextError(`unknown unit "${unitTok.text}": expected ${UNIT_HELP}`, unitTok.column, unitTok.text.length);
    }
    i += 2;
  }
  return out;
}

function scalar(tok: Token, what: string, min: number, max: number): number {
  const x = Number(tok.text);
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)(e-?\d+)?$/.test(tok.text) || x < min || x > max) {
    throw new ScenarioTextError(`${what} takes one number from ${min} to ${max}, not "${tok.text}"`, tok.column, tok.text.length);
  }
  return x;
}

function isUnitWord(lower: string): boolean {
  return Boolean(PREPAYMENT_UNITS[lower] || DEFAULT_UNITS[lower]) || SEVERITY_WORDS.has(lower) || ["lag", "pis", "relief"].includes(lower);
}

function isIndexWord(lower: string): boolean {
  return lower === "libor" || /^(libor|sofr|cmt|cofi|mta|prime)_[a-z0-9]+$/.test(lower);
}

/**
 * The canonical text of a scenario: `parseScenarioText(formatScenarioText(s))`
 * gives `s` back (indices by their full names, so no `liborIndex` is needed).
 */
export function formatScenarioText(scenario: Scenario): string {
  const parts = [
    `${formatVector(scenario.prepayment.values)} ${scenario.prepayment.unit.toUpperCase()}`,
    `${formatVector(scenario.default.values)} ${scenario.default.unit.toUpperCase()}`,
    `${formatVector(scenario.severity)} sev`,
    `${scenario.recoveryLag} lag`,
  ];
  for (const name of Object.keys(scenario.indices).sort()) {
    parts.push(`${name} ${formatVector(scenario.indices[name].values)}`);
  }
  if (scenario.optionalTermination) parts.push("call");
  if (!scenario.advancing) parts.push("no-advance");
  if (scenario.prepaymentInterestShortfall !== undefined) parts.push(`${scenario.prepaymentInterestShortfall} PIS`);
  if (scenario.reliefActReduction !== undefined) parts.push(`${scenario.reliefActReduction} relief`);
  return parts.join(", ");
}
