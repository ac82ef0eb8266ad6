/**
 * Tranche as a library: `import { loadDeal, project, DEFAULT_SCENARIO } from "tranche"`.
 *
 * The layers' public modules, pure and without I/O but for reading deal files:
 * core (dates, day counts, cents, scenarios, the ledger entry), deal (schema,
 * loading and validation, amendments), collateral (curves, tapes, the pool cash
 * flow), waterfall (the §4.02 period step), engine (`project`, pricing, investor
 * tables), analytics (SIFMA price/yield formulas on any cash-flow list) and admin
 * (remittances, distributions in cents, statements). The store (SQLite or
 * PostgreSQL), the HTTP API and the CLI are not re-exported here: import them
 * from `tranche/dist/store/index.js` and `tranche/dist/api/index.js` so an embedding
 * program loads their drivers only when it uses them.
 */
export * from "./core/index.js";
export * from "./deal/index.js";
export * from "./collateral/index.js";
export * from "./waterfall/index.js";
export * from "./engine/index.js";
export * from "./analytics/index.js";
export * from "./admin/index.js";
