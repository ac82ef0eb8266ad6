/**
 * Line numbers for a remittance written as JSON. `JSON.parse` gives values but no
 * positions; this scanner walks the same text once (strings, escapes, nesting)
 * and records the line where each header field and each element of the
 * top-level `loans` array starts, so a problem can name `file:line`.
 */

export interface JsonPositions {
  /** Line of each top-level key, and of `header.<key>` / `header.totals.<key>`. */
  readonly keys: ReadonlyMap<string, number>;
  /** Line where each element of the top-level `loans` array starts. */
  readonly loans: readonly number[];
  /** Per loan element: line of each of its keys. */
  readonly loanKeys: readonly ReadonlyMap<string, number>[];
}

/** Characters that end a bare scalar: whitespace, ',', ']' and '}'. */
const SCALAR_END = new Set([0x20, 0x09, 0x0a, 0x0d, 0x2c, 0x5d, 0x7d]);

interface Frame {
  readonly kind: "object" | "array";
  /** Dotted path of this container ("" for the root). */
  readonly path: string;
  /** The key whose value is being read (objects). */
  key: string | null;
  /** Elements started so far (arrays). */
  count: number;
}

/**
 * Scans syntactically valid JSON (call after `JSON.parse` succeeded).
 *
 * @example jsonPositions('{\n"loans": [\n {"loanId": "A"}\n]}').loans // [3]
 */
export function jsonPositions(text: string): JsonPositions {
  const keys = new Map<string, number>();
  const loans: number[] = [];
  const loanKeys: Map<string, number>[] = [];
  const stack: Frame[] = [];
  let line = 1;
  let expectKey = false;

  const childPath = (frame: Frame): string =>
    frame.kind === "object" ? (frame.path === "" ? (frame.key ?? "") : `${frame.path}.${frame.key}`) : `${frame.path}[]`;

  // Called when a value (scalar or container) starts at the current line.
  const valueStarts = (): void => {
    const top = stack[stack.length - 1];
    if (top && top.kind === "array") {
      if (top.path === "loans") {
        loans.push(line);
        loanKeys.push(new Map());
      }
      top.count++;
    }
  };

  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\n") {
      line++;
      continue;
    }
    if (ch === " " || ch === "\t" || ch === "\r" || ch === ",") {
      if (ch === ",") {
        const top = stack[stack.length - 1];
        if (top?.kind === "object") expectKey = true;
      }
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let escaped = false;
      while (j < text.length) {
        const c = text.charCodeAt(j);
        if (c === 0x22) break;
        if (c === 0x5c) {
          escaped = true;
          j += 2;
        } else j++;
      }
      const top = stack[stack.length - 1];
      if (top?.kind === "object" && expectKey) {
        const raw = text.slice(i + 1, j);
        const key = escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
        top.key = key;
        if (top.path === "loans[]") loanKeys[loanKeys.length - 1].set(key, line);
        else if (!top.path.startsWith("loans")) keys.set(top.path === "" ? key : `${top.path}.${key}`, line);
        expectKey = false;
      } else {
        valueStarts();
      }
      i = j;
      continue;
    }
    if (ch === ":") continue;
    if (ch === "{" || ch === "[") {
      const parent = stack[stack.length - 1];
      valueStarts();
      const path = parent ? childPath(parent) : "";
      stack.push({ kind: ch === "{" ? "object" : "array", path, key: null, count: 0 });
      expectKey = ch === "{";
      continue;
    }
    if (ch === "}" || ch === "]") {
      stack.pop();
      expectKey = false;
      continue;
    }
    // A bare scalar (number, true, false, null): skip to its end.
    valueStarts();
    while (i + 1 < text.length && !SCALAR_END.has(text.charCodeAt(i + 1))) i++;
  }
  return { keys, loans, loanKeys };
}
