import type { Command } from "commander";

/** Every command's `register`. Add one line per command file. */
export const commands: Array<(program: Command) => void> = [];
