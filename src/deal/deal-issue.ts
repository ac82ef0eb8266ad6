/**
 * A semantic problem found in a parsed deal, by field path; the loader turns it
 * into a located `DealProblem` through the file's source map.
 */
import type { Deal } from "./schema.js";
import type { FieldPath } from "./source-map.js";

export interface DealIssue {
  readonly path: FieldPath;
  readonly message: string;
}

/**
 * The top-level sections of a deal that passed the schema. Checks run on the
 * sections they need, so one malformed section does not hide problems elsewhere.
 */
export type PartialDeal = Partial<Deal>;
