/**
 * Provenance of deal-file values (deals/README.md, "Filed facts and modeled
 * terms"): every value is either **filed** (a fact from a public filing, with
 * its source) or **modeled** (a term in the standard form, with a note).
 *
 * Conventions, resolved here before the schema sees the document:
 * - a `provenance:` key in any mapping sets the provenance of every value below
 *   that mapping: `provenance: modeled`, `provenance: {modeled: "note"}` or
 *   `provenance: {filed: "source"}`; the top-level one is required;
 * - a value written `{value: X, filed: "source"}` or `{value: X, modeled: "note"}`
 *   is unwrapped to `X` and `X` (and everything inside it) takes that provenance.
 *
 * @example
 *   provenance: {modeled: "standard form"}
 *   offeredAmount: {value: 855728140.00, filed: "Final Term Sheet cover"}
 *   // → offeredAmount: 855728140, provenance filed "Final Term Sheet cover";
 *   //   every other value: modeled "standard form".
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair } from "yaml";
import type { DealProblem } from "./problems.js";
import { appendLabel, type FieldPath, type SourceMap } from "./source-map.js";

export type ProvenanceKind = "filed" | "modeled";

export interface ProvenanceSource {
  readonly kind: ProvenanceKind;
  /** For `filed`: the filing and place; for `modeled`: the note ("" when none was given). */
  readonly source: string;
}

export interface ProvenanceRecord extends ProvenanceSource {
  /** Labelled path, e.g. `classes[A-3].initialBalance`. */
  readonly path: string;
  /** The same path by index, as zod reports it: `["classes", 2, "initialBalance"]`. */
  readonly fieldPath: FieldPath;
}

/** Every value's provenance, found by labelled path (`classes[A-3].initialBalance`) or index path (`classes.2.initialBalance`). */
export class ProvenanceMap {
  private readonly byLabel = new Map<string, ProvenanceRecord>();
  private readonly byIndexPath = new Map<string, ProvenanceRecord>();

  add(record: ProvenanceRecord): void {
    this.byLabel.set(record.path, record);
    this.byIndexPath.set(record.fieldPath.join("."), record);
  }

  get(path: string | FieldPath): ProvenanceRecord | undefined {
    if (typeof path !== "string") return this.byIndexPath.get(path.join("."));
    return this.byLabel.get(path) ?? this.byIndexPath.get(path);
  }

  /** Records in file order. */
  entries(): ProvenanceRecord[] {
    return [...this.byLabel.values()];
  }

  get size(): number {
    return this.byLabel.size;
  }
}

export interface ReadDocument {
  /** The document as plain data, provenance keys and wrappers removed. */
  readonly value: unknown;
  readonly provenance: ProvenanceMap;
  readonly problems: DealProblem[];
}

interface WalkState {
  readonly doc: Document;
  readonly sourceMap: SourceMap;
  readonly provenance: ProvenanceMap;
  readonly problems: DealProblem[];
}

interface Position {
  readonly path: FieldPath;
  readonly label: string;
  readonly keyOffset: number | undefined;
}

const PROVENANCE_KEY = "provenance";

/**
 * Reads the YAML document into plain data, recording each value's position in
 * `sourceMap` and its provenance. With `requireProvenance`, a missing top-level
 * `provenance:` is a problem (deal files); amendment files may omit it.
 */
export function readWithProvenance(
  doc: Document,
  sourceMap: SourceMap,
  options: { requireProvenance: boolean },
): ReadDocument {
  const state: WalkState = { doc, sourceMap, provenance: new ProvenanceMap(), problems: [] };
  const root = doc.contents as Node | null;
  if (options.requireProvenance && !(isMap(root) && root.has(PROVENANCE_KEY))) {
    sourceMap.record([], { valueOffset: root?.range?.[0] ?? 0, keyOffset: undefined, label: "" });
    state.problems.push(
      sourceMap.problem(
        [PROVENANCE_KEY],
        'missing required top-level provenance (write `provenance: {modeled: "note"}` or `provenance: {filed: "source"}`); every value must resolve to a filed or modeled source',
      ),
    );
  }
  const value = walk(state, root, { path: [], label: "", keyOffset: undefined }, undefined);
  return { value, provenance: state.provenance, problems: state.problems };
}

function walk(state: WalkState, input: Node | null, at: Position, inherited: ProvenanceSource | undefined): unknown {
  const node = isAlias(input) ? (input.resolve(state.doc) ?? null) : input;
  const offset = node?.range?.[0] ?? at.keyOffset ?? 0;
  state.sourceMap.record(at.path, { valueOffset: offset, keyOffset: at.keyOffset, label: at.label });

  if (isMap(node)) {
    const wrapper = readWrapper(state, node, at);
    if (wrapper !== undefined) {
      return walk(state, wrapper.valueNode, at, wrapper.source ?? inherited);
    }
    const own = node.items.find((pair) => scalarKey(pair) === PROVENANCE_KEY);
    const here = own === undefined ? inherited : (readSource(state, own.value as Node | null, [...at.path, PROVENANCE_KEY]) ?? inherited);
    const result: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = scalarKey(pair);
      // A repeated key is reported by the YAML parser; the first one stands, so it does not cascade.
      if (key === PROVENANCE_KEY || (key !== undefined && Object.hasOwn(result, key))) continue;
      const keyNode = pair.key as Node | null;
      if (key === undefined) {
        state.problems.push(state.sourceMap.problem(at.path, "mapping keys must be plain strings"));
        continue;
      }
      const child: Position = { path: [...at.path, key], label: appendLabel(at.label, key), keyOffset: keyNode?.range?.[0] };
      result[key] = walk(state, pair.value as Node | null, child, here);
    }
    if (node.items.length === 0) recordLeaf(state, at, inherited);
    return result;
  }

  if (isSeq(node)) {
    const items = node.items.map((item, index) => {
      const itemNode = (isAlias(item) ? item.resolve(state.doc) : item) as Node | null;
      const child: Position = {
        path: [...at.path, index],
        label: appendLabel(at.label, index, itemName(itemNode)),
        keyOffset: undefined,
      };
      return walk(state, itemNode, child, inherited);
    });
    if (items.length === 0) recordLeaf(state, at, inherited);
    return items;
  }

  recordLeaf(state, at, inherited);
  return isScalar(node) ? node.value : null;
}

function recordLeaf(state: WalkState, at: Position, source: ProvenanceSource | undefined): void {
  // Without any source the top-level problem has already been reported once.
  if (source !== undefined) state.provenance.add({ ...source, path: at.label, fieldPath: at.path });
}

/** `{value: X, filed: "..."}` / `{value: X, modeled: "..."}`: the inner node and its source. */
function readWrapper(
  state: WalkState,
  node: Node & { items: Pair[] },
  at: Position,
): { valueNode: Node | null; source: ProvenanceSource | undefined } | undefined {
  const keys = node.items.map(scalarKey);
  if (!keys.includes("value") || !(keys.includes("filed") || keys.includes("modeled"))) return undefined;
  const valuePair = node.items[keys.indexOf("value")];
  const sourcePairs = node.items.filter((_, i) => keys[i] !== "value");
  if (sourcePairs.length !== 1) {
    state.problems.push(
      state.sourceMap.problem(
        at.path,
        "a provenance wrapper holds exactly `value` and one of `filed` or `modeled`, e.g. {value: 6.00, filed: \"source\"}",
      ),
    );
    return { valueNode: valuePair.value as Node | null, source: undefined };
  }
  const kind = scalarKey(sourcePairs[0]) as ProvenanceKind;
  const text = sourceText(sourcePairs[0].value as Node | null);
  if (kind === "filed" && (text === undefined || text === "")) {
    state.problems.push(state.sourceMap.problem(at.path, "`filed` provenance needs the source as text, e.g. filed: \"Form 8-K, Item 8.01\""));
    return { valueNode: valuePair.value as Node | null, source: undefined };
  }
  if (text === undefined) {
    state.problems.push(state.sourceMap.problem(at.path, `\`${kind}\` provenance must be text`));
    return { valueNode: valuePair.value as Node | null, source: undefined };
  }
  return { valueNode: valuePair.value as Node | null, source: { kind, source: text } };
}

/** The value of a `provenance:` key: `modeled`, `{modeled: "note"}` or `{filed: "source"}`. */
function readSource(state: WalkState, input: Node | null, path: FieldPath): ProvenanceSource | undefined {
  const node = isAlias(input) ? (input.resolve(state.doc) ?? null) : input;
  const fail = (message: string): undefined => {
    state.sourceMap.record(path, { valueOffset: node?.range?.[0] ?? 0, keyOffset: undefined, label: state.sourceMap.label(path) });
    state.problems.push(state.sourceMap.problem(path, message));
    return undefined;
  };
  const expected = 'must be `modeled`, `{modeled: "note"}` or `{filed: "source"}`';
  if (isScalar(node)) {
    if (node.value === "modeled") return { kind: "modeled", source: "" };
    if (node.value === "filed") return fail('`filed` needs its source: {filed: "Form 8-K, Item 8.01"}');
    return fail(`${expected}, got ${JSON.stringify(node.value)}`);
  }
  if (isMap(node) && node.items.length === 1) {
    const kind = scalarKey(node.items[0]);
    const text = sourceText(node.items[0].value as Node | null);
    if ((kind === "filed" || kind === "modeled") && text !== undefined) {
      if (kind === "filed" && text === "") return fail("`filed` provenance needs a non-empty source");
      return { kind, source: text };
    }
  }
  return fail(expected);
}

function sourceText(node: Node | null): string | undefined {
  if (isScalar(node) && typeof node.value === "string") return node.value;
  if (node === null) return "";
  return undefined;
}

function scalarKey(pair: Pair): string | undefined {
  const key = pair.key as Node | null;
  if (!isScalar(key)) return undefined;
  const value = key.value;
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
}

/** Array items are named by their `id`, or their `section` (rules), when they have one. */
function itemName(node: Node | null): string | undefined {
  if (!isMap(node)) return undefined;
  for (const field of ["id", "section"]) {
    const pair = node.items.find((p) => scalarKey(p) === field);
    const value = pair?.value as Node | null | undefined;
    if (isScalar(value) && (typeof value.value === "string" || typeof value.value === "number")) return String(value.value);
  }
  return undefined;
}
