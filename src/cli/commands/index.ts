import type { Command } from "commander";

/**
 * Every command, loaded on demand: `tranche <name>` imports only that command's
 * module (the API server, the PDF writer and the database drivers stay unloaded
 * for a projection); `tranche --help` loads them all. Add one line per command file.
 */
export interface CommandModule {
  register(program: Command): void;
}

export const commands: Readonly<Record<string, () => Promise<CommandModule>>> = {
  "amendment-diff": () => import("./amendment-diff.js"),
  breakeven: () => import("./breakeven.js"),
  "corridor-schedule": () => import("./corridor-schedule.js"),
  decrement: () => import("./decrement.js"),
  distribute: () => import("./distribute.js"),
  grid: () => import("./grid.js"),
  history: () => import("./history.js"),
  oas: () => import("./oas.js"),
  pool: () => import("./pool.js"),
  "principal-schedule": () => import("./principal-schedule.js"),
  project: () => import("./project.js"),
  reconcile: () => import("./reconcile.js"),
  serve: () => import("./serve.js"),
  significance: () => import("./significance.js"),
  "simulate-servicing": () => import("./simulate-servicing.js"),
  statement: () => import("./statement.js"),
  tape: () => import("./tape.js"),
  validate: () => import("./validate.js"),
  worker: () => import("./worker.js"),
  "yield-table": () => import("./yield-table.js"),
};
