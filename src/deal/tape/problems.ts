/** Problems in a loan tape, each at its row (the file's line, the heading being row 1) and column. */
export interface TapeProblem {
  /** 1-based row of the file (the heading row is 1); 0 for the file as a whole. */
  readonly row: number;
  /** The column's heading as written in the file (or a map field), "" for the row or file. */
  readonly column: string;
  readonly message: string;
}

/** How many problems an error lists; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 200;

export function formatTapeProblem(file: string, p: TapeProblem): string {
  const where = p.row > 0 ? `${file}:${p.row}` : file;
  return p.column === "" ? `${where}  ${p.message}` : `${where}  ${p.column}: ${p.message}`;
}

/** The tape (or its column map) is not usable: every problem found, in row order. Nothing was stored. */
export class TapeError extends Error {
  readonly problems: readonly TapeProblem[];
  constructor(
    readonly file: string,
    problems: readonly TapeProblem[],
    what = "loan tape",
    /** Problems found beyond the listed ones. */
    readonly unlisted = 0,
  ) {
    const sorted = [...problems].sort((a, b) => a.row - b.row);
    const total = sorted.length + unlisted;
    const count = total === 1 ? "1 problem" : `${total} problems`;
    const more = unlisted > 0 ? `\n… and ${unlisted} more` : "";
    super(`invalid ${what} ${file} (${count}):\n${sorted.map((p) => formatTapeProblem(file, p)).join("\n")}${more}`);
    this.name = "TapeError";
    this.problems = sorted;
  }
}
