/**
 * `tranche statement <deal> --date 2007-06-25 [--format text|json|csv|html|pdf]`:
 * the stored statement of a posted Distribution Date (the live revision, or
 * `--revision N` for a superseded one).
 */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import type { Statement } from "../../admin/statement/statement.js";
import { isCivilDate } from "../../core/civil-date.js";
import { postingHistory, statementFor } from "../../store/postings.js";
import { UserError } from "../user-error.js";
import { DB_OPTION_HELP, renderStatement, withStore } from "./distribute.js";

interface StatementFlags {
  date: string;
  format: string;
  revision?: string;
  out?: string;
  db?: string;
}

export function register(program: Command): void {
  program
    .command("statement")
    .description("print the statement to certificateholders of a posted Distribution Date")
    .argument("<deal>", "deal id")
    .requiredOption("--date <date>", "Distribution Date, YYYY-MM-DD")
    .option("--format <format>", "text, json, csv, html or pdf", "text")
    .option("--revision <n>", "a given revision (superseded ones included); default the live one")
    .option("--out <file>", "write to a file (required for pdf on a terminal)")
    .option("--db <location>", DB_OPTION_HELP)
    .action(async (dealId: string, flags: StatementFlags) => {
      if (!isCivilDate(flags.date)) throw new UserError(`--date: expected YYYY-MM-DD, got "${flags.date}"`);
      if (!["text", "json", "csv", "html", "pdf"].includes(flags.format)) throw new UserError(`--format: expected text, json, csv, html or pdf, got "${flags.format}"`);
      const revision = flags.revision === undefined ? undefined : Number(flags.revision);
      if (revision !== undefined && !(Number.isInteger(revision) && revision >= 1)) throw new UserError(`--revision: expected a whole number from 1, got "${flags.revision}"`);
      if (flags.format === "pdf" && !flags.out && process.stdout.isTTY) throw new UserError("--format pdf: give --out FILE (or redirect the output)");
      const stored = await withStore(flags.db, async (store) => {
        const found = await statementFor(store.db, dealId, flags.date, revision);
        if (found) return found;
        const history = await postingHistory(store.db, dealId);
        const dates = [...new Set(history.filter((p) => p.status === "posted").map((p) => p.distributionDate))];
        if (history.length === 0) throw new UserError(`${dealId}: nothing is posted in the store ${store.location}`);
        throw new UserError(
          revision === undefined
            ? `${dealId}: no posting for ${flags.date} (posted dates: ${dates.join(", ")})`
            : `${dealId}: no revision ${revision} for ${flags.date} (revisions: ${history.filter((p) => p.distributionDate === flags.date).map((p) => p.revision).join(", ") || "none"})`,
        );
      });
      const output = flags.format === "json" ? stored.body : await renderStatement(JSON.parse(stored.body) as Statement, flags.format);
      if (flags.out) writeFileSync(flags.out, output);
      else process.stdout.write(output);
    });
}
