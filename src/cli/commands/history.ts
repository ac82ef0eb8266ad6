/**
 * `tranche history <deal>`: every posting of the deal, superseded ones included,
 * with its revision, remittance and what restated what.
 */
import type { Command } from "commander";
import { postingHistory } from "../../store/postings.js";
import { UserError } from "../user-error.js";
import { DB_OPTION_HELP, withStore } from "./distribute.js";

export function register(program: Command): void {
  program
    .command("history")
    .description("list a deal's postings, superseded ones included")
    .argument("<deal>", "deal id")
    .option("--format <format>", "text or json", "text")
    .option("--db <location>", DB_OPTION_HELP)
    .action(async (dealId: string, flags: { format: string; db?: string }) => {
      if (!["text", "json"].includes(flags.format)) throw new UserError(`--format: expected text or json, got "${flags.format}"`);
      const history = await withStore(flags.db, (store) => postingHistory(store.db, dealId));
      if (flags.format === "json") {
        process.stdout.write(`${JSON.stringify(history, null, 2)}\n`);
        return;
      }
      if (history.length === 0) {
        process.stdout.write(`${dealId}: no postings\n`);
        return;
      }
      const rows = history.map((p) => [
        String(p.id),
        p.distributionDate,
        String(p.revision),
        p.status,
        p.origin,
        p.supersedesId === null ? "" : String(p.supersedesId),
        p.supersededById === null ? "" : String(p.supersededById),
        p.remittanceSha256.slice(0, 12),
        p.remittanceFile,
        p.createdAt,
      ]);
      const head = ["posting", "date", "rev", "status", "origin", "supersedes", "superseded by", "sha256", "file", "posted at"];
      const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
      const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
      process.stdout.write([line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n") + "\n");
    });
}
