/** `node --import tsx test/support/run-cli.ts ARGS`: the CLI from sources, as a separate process (no build needed). */
import { main } from "../../src/cli/main.js";

process.exitCode = await main(process.argv);
