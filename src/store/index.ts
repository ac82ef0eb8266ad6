/** The trustee's store: postings, the append-only ledger, statements and trust state, on SQLite or PostgreSQL. */
export * from "./database.js";
export * from "./migrations.js";
export * from "./open-store.js";
export * from "./postings.js";
export * from "./post-remittance.js";
export * from "./deal-versions.js";
