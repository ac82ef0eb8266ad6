/**
 * The `tranche` command line. Each command lives in `commands/<name>.ts` and
 * exports `register(program)`; `commands/index.ts` lists them.
 */
import { Command, CommanderError } from "commander";
import { commands } from "./commands/index.js";
import { UserError } from "./user-error.js";

/** The command a command line names (its first word that is not an option), if it is one of ours. */
function requestedCommand(argv: readonly string[]): string | null {
  const word = argv.slice(2).find((a) => !a.startsWith("-"));
  return word !== undefined && word in commands ? word : null;
}

export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command();
  program
    .name("tranche")
    .description("Runs private-label MBS deals the way their PSAs say they run.")
    .version("0.1.0")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  const wanted = requestedCommand(argv);
  const names = wanted ? [wanted] : Object.keys(commands).sort();
  for (const name of names) (await commands[name]()).register(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = await buildProgram(argv);
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
