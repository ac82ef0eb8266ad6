/**
 * Problems found in a remittance file, each at `file:line` and named by its field
 * path (`loans[L0001234].payoff`), so an operator can go straight to the row.
 */

export interface RemittanceProblem {
  /** 1-based line of the offending row or header field (0 when the whole file is meant). */
  readonly line: number;
  /** Field path, e.g. `header.totals.payoff` or `loans[L000123].endingBalance`; "" for the file. */
  readonly path: string;
  readonly message: string;
}

/** `file:line  path: problem`. */
export function formatRemittanceProblem(file: string, problem: RemittanceProblem): string {
  const where = problem.line > 0 ? `${file}:${problem.line}` : file;
  return problem.path === "" ? `${where}  ${problem.message}` : `${where}  ${problem.path}: ${problem.message}`;
}

/** At most this many problems are listed; the message says how many more there were. */
export const MAX_LISTED_PROBLEMS = 50;

/** The remittance was rejected: every problem found, in file order. Nothing was posted. */
export class RemittanceError extends Error {
  readonly problems: readonly RemittanceProblem[];

  constructor(
    readonly file: string,
    problems: readonly RemittanceProblem[],
  ) {
    const sorted = [...problems].sort((a, b) => a.line - b.line || a.path.localeCompare(b.path));
    const shown = sorted.slice(0, MAX_LISTED_PROBLEMS).map((p) => formatRemittanceProblem(file, p));
    const more = sorted.length > MAX_LISTED_PROBLEMS ? [`... and ${sorted.length - MAX_LISTED_PROBLEMS} more`] : [];
    const count = sorted.length === 1 ? "1 problem" : `${sorted.length} problems`;
    super(`remittance rejected (${count}); nothing was posted:\n${[...shown, ...more].join("\n")}`);
    this.name = "RemittanceError";
    this.problems = sorted;
  }
}
