export * from "./curve.js";
export * from "./hull-white.js";
export * from "./random.js";
export * from "./simulate.js";
export * from "./curve-file.js";
export * from "./prepayment-model.js";
