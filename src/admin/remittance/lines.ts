/** Where each part of a remittance file sits, for `file:line` problems. */
export interface RemittanceLines {
  /** Line of each header key, dotted (`header.distributionDate`, `header.totals.payoff`). */
  readonly header: ReadonlyMap<string, number>;
  /** Line where each loan row starts, by row index. */
  readonly loans: readonly number[];
  /** JSON only: the line of each key of each loan row. */
  readonly loanFields: readonly ReadonlyMap<string, number>[] | null;
}

/** Lines for a remittance built in memory (no file): every problem is reported at line 0. */
export const NO_LINES: RemittanceLines = { header: new Map(), loans: [], loanFields: null };
