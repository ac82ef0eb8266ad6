export * from "./result.js";
export * from "./project.js";
export * from "./schedule.js";
export * from "./indices.js";
export * from "./scenario-text.js";
export * from "./amendment-diff.js";
export * from "./corridor-schedule.js";
