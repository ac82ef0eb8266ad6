/**
 * Analytics: pure functions over any cash-flow list (SIFMA Uniform Practices
 * SF-43 to SF-55). Depends on `core` only.
 */
export * from "./cash-flow.js";
export * from "./receipt-time.js";
export * from "./root-finder.js";
export * from "./accrued-interest.js";
export * from "./bond-equivalent-yield.js";
export * from "./mortgage-yield.js";
export * from "./average-life.js";
export * from "./duration.js";
export * from "./convexity.js";
export * from "./total-return.js";
export * from "./yield-curve.js";
export * from "./spread.js";
export * from "./index-convention.js";
export * from "./discount-margin.js";
export * from "./effective-duration.js";
export * from "./cash-flow-measures.js";
