/**
 * A semantic problem found in a parsed deal, by field path; the loader turns it
 * into a located `DealProblem` through the file's source map.
 */
import type { ClassSpec, CorridorContract, Deal, Rule } from "./schema.js";
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

/**
 * What the semantic checks read. Whole sections (`deal`) feed the checks that
 * need a section complete (balances add up); the list items that pass the
 * schema one by one, and every id written in the file, feed name resolution,
 * so a typo in one class does not hide an unknown class named by a rule.
 */
export interface DealCheckInput {
  readonly deal: PartialDeal;
  /** The items (with their index in the file) of each list that pass the schema on their own. */
  readonly classes: readonly { readonly index: number; readonly spec: ClassSpec }[];
  readonly rules: readonly { readonly index: number; readonly rule: Rule }[];
  readonly contracts: readonly { readonly index: number; readonly contract: CorridorContract }[];
  /** Every class id written in the file, including in classes that fail the schema. */
  readonly classIds: ReadonlySet<string>;
  /** Every loan group id written in the file. */
  readonly groupIds: ReadonlySet<string>;
  /** False when `collateral.groups` could not be read, so group names cannot be resolved. */
  readonly groupsKnown: boolean;
}

/** The check input of a deal whose sections are all either whole or absent. */
export function checkInputOf(deal: PartialDeal): DealCheckInput {
  return {
    deal,
    classes: (deal.classes ?? []).map((spec, index) => ({ index, spec })),
    rules: (deal.rules ?? []).map((rule, index) => ({ index, rule })),
    contracts: (deal.contracts ?? []).map((contract, index) => ({ index, contract })),
    classIds: new Set((deal.classes ?? []).map((c) => c.id)),
    groupIds: new Set((deal.collateral?.groups ?? []).map((g) => g.id)),
    groupsKnown: deal.collateral !== undefined,
  };
}
