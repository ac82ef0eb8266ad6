/**
 * The `tranche` command line. Each command lives in `commands/<name>.ts` and
 * exports `register(program)`; `commands/index.ts` lists them.
 */
import { Command, CommanderError } from "commander";
import { commands } from "./commands/index.js";
import { UserError } from "./user-error.js";

export function buildProgram(): Command {
  const program = new Command();
  program
    .name("tranche")
    .description("Runs private-label MBS deals the way their PSAs say they run.")
    .version("0.1.0")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  for (const register of commands) register(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode;
    }
    if (error instanceof UserError) {
      process.stderr.write(`tranche: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`tranche: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return 70;
  }
}
