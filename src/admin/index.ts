/**
 * Trustee administration (PSA Articles III–IV): servicer remittances read and
 * checked, the loan book, the servicing simulator, one Distribution Date
 * distributed in cents with its §4.06 statement, and reconciliation against a
 * projection. Pure: the store (src/store) and the CLI do the I/O.
 */
export * from "./remittance/schema.js";
export * from "./remittance/problems.js";
export * from "./remittance/lines.js";
export * from "./remittance/read.js";
export * from "./remittance/write.js";
export * from "./remittance/totals.js";
export * from "./remittance/row-checks.js";
export * from "./remittance/book-checks.js";
export * from "./loans/trust-loans.js";
export * from "./loans/loan-book.js";
export * from "./servicing/simulate.js";
export * from "./servicing/transition-matrix.js";
export * from "./servicing/mortgage-rate.js";
export * from "./distribution/remittance-collections.js";
export * from "./distribution/ledger-cents.js";
export * from "./distribution/trust-state.js";
export * from "./distribution/run-distribution.js";
export * from "./distribution/required-indices.js";
export * from "./statement/statement.js";
export * from "./statement/build-statement.js";
export * from "./statement/render.js";
export * from "./statement/render-pdf.js";
export * from "./reconcile/implied-speeds.js";
export * from "./reconcile/reconcile.js";
