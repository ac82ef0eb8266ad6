/** Investor tables: decrement table, yield table, breakeven CDR. They run projections, so they live in the engine layer. */
export * from "./projector.js";
export * from "./weighted-average-life.js";
export * from "./decrement-rounding.js";
export * from "./decrement-table.js";
export * from "./yield-table.js";
export * from "./breakeven.js";
export * from "./pool-yield-table.js";
