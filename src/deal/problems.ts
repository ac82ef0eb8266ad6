/**
 * Problems found in a deal file, each located at `file:line:column` and named by
 * its field path, so a user can go straight to the offending value.
 */

/** One problem in a deal or amendment file. Lines and columns are 1-based. */
export interface DealProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Field path, e.g. `classes[A-3].initialBalance` (array items named by id or section when they have one). */
  readonly path: string;
  readonly message: string;
}

/** `file:line:col  path: problem` (the path is omitted for the document itself). */
export function formatProblem(problem: DealProblem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  return problem.path === "" ? `${where}  ${problem.message}` : `${where}  ${problem.path}: ${problem.message}`;
}

/** Orders problems by file, then position, so reports read top to bottom. */
export function sortProblems(problems: readonly DealProblem[]): DealProblem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.path.localeCompare(b.path),
  );
}

/** The deal file was read and parsed as YAML but is not a valid deal: every problem at once. */
export class DealValidationError extends Error {
  readonly errors: readonly DealProblem[];

  constructor(errors: readonly DealProblem[]) {
    const sorted = sortProblems(errors);
    const count = sorted.length === 1 ? "1 problem" : `${sorted.length} problems`;
    super(`invalid deal (${count}):\n${sorted.map(formatProblem).join("\n")}`);
    this.name = "DealValidationError";
    this.errors = sorted;
  }
}

/** Why a deal file could not be read as YAML at all. */
export type DealFileFailure = "not-found" | "unreadable" | "not-yaml";

/**
 * The file does not exist, cannot be read, or is not a YAML mapping. YAML syntax
 * errors are located like validation problems (`problems`).
 */
export class DealFileError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly failure: DealFileFailure,
    readonly problems: readonly DealProblem[] = [],
  ) {
    super(problems.length === 0 ? message : `${message}\n${sortProblems(problems).map(formatProblem).join("\n")}`);
    this.name = "DealFileError";
  }
}
