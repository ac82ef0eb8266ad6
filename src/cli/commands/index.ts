import type { Command } from "commander";
import { register as amendmentDiff } from "./amendment-diff.js";
import { register as breakeven } from "./breakeven.js";
import { register as corridorSchedule } from "./corridor-schedule.js";
import { register as decrement } from "./decrement.js";
import { register as pool } from "./pool.js";
import { register as project } from "./project.js";
import { register as serve } from "./serve.js";
import { register as significance } from "./significance.js";
import { register as validate } from "./validate.js";
import { register as yieldTable } from "./yield-table.js";
import { register as distribute } from "./distribute.js";
import { register as history } from "./history.js";
import { register as reconcile } from "./reconcile.js";
import { register as simulateServicing } from "./simulate-servicing.js";
import { register as statement } from "./statement.js";

/** Every command's `register`. Add one line per command file. */
export const commands: Array<(program: Command) => void> = [amendmentDiff, corridorSchedule, pool, project, serve, significance, validate, decrement, yieldTable, breakeven, simulateServicing, distribute, statement, history, reconcile];
