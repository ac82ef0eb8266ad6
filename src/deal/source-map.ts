/**
 * Where each value of a deal file sits in the YAML text: a field path → the
 * position of its value node (and of its key), so zod errors and semantic
 * problems can be reported at `file:line:column`.
 */
import type { LineCounter } from "yaml";
import type { DealProblem } from "./problems.js";

/** A field path as zod reports it: mapping keys and array indices. */
export type FieldPath = readonly (string | number)[];

interface Located {
  /** Offset of the value node (for a `{value, filed}` wrapper: of the inner value). */
  readonly valueOffset: number;
  /** Offset of the mapping key that introduces the value, when there is one. */
  readonly keyOffset: number | undefined;
  /** Human label of the path, array items named by their id/section when they have one. */
  readonly label: string;
}

const keyOf = (path: FieldPath): string => JSON.stringify(path);

/** Appends one segment to a label: `.key` for keys, `[name]` for array items. */
export function appendLabel(label: string, segment: string | number, itemName?: string): string {
  if (typeof segment === "number") return `${label}[${itemName ?? segment}]`;
  return label === "" ? segment : `${label}.${segment}`;
}

/** Positions of the values of one YAML file, filled in while the document is read. */
export class SourceMap {
  private readonly located = new Map<string, Located>();

  constructor(
    readonly file: string,
    private readonly lineCounter: LineCounter,
  ) {}

  record(path: FieldPath, entry: Located): void {
    this.located.set(keyOf(path), entry);
  }

  /** The label of a path (`classes[A-3].coupon.rate`), extending the nearest recorded ancestor. */
  label(path: FieldPath): string {
    const { depth, entry } = this.nearest(path);
    let label = entry?.label ?? "";
    for (const segment of path.slice(depth)) label = appendLabel(label, segment);
    return label;
  }

  /**
   * A problem at `path`. When the path itself is not in the file (a missing key),
   * the problem points at the nearest ancestor that is: the parent mapping.
   * `at: "key"` points at the key instead of the value (unknown fields).
   */
  problem(path: FieldPath, message: string, at: "value" | "key" = "value"): DealProblem {
    const { entry } = this.nearest(path);
    const offset = entry === undefined ? 0 : at === "key" && entry.keyOffset !== undefined ? entry.keyOffset : entry.valueOffset;
    const { line, col } = this.lineCounter.linePos(offset);
    return { file: this.file, line, column: col, path: this.label(path), message };
  }

  /** True when the file holds a value at exactly this path. */
  has(path: FieldPath): boolean {
    return this.located.has(keyOf(path));
  }

  private nearest(path: FieldPath): { depth: number; entry: Located | undefined } {
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const entry = this.located.get(keyOf(path.slice(0, depth)));
      if (entry !== undefined) return { depth, entry };
    }
    return { depth: 0, entry: undefined };
  }
}
