/**
 * `tranche amendment-diff <deal> <amendment> [scenario]`: per class, the
 * difference the amendment makes (principal, interest, writedowns, WAL) and the
 * first Distribution Date on which the flows differ.
 */
import type { Command } from "commander";
import { amendmentDiff, type AmendmentDiff } from "../../engine/amendment-diff.js";
import { formatScenarioText } from "../../engine/scenario-text.js";
import { loadDealForCli } from "../load-deal-for-cli.js";
import { addScenarioOptions, scenarioFromFlags, type ScenarioFlags } from "../scenario-options.js";
import { money, renderCsv, renderTable } from "../text-table.js";
import { UserError } from "../user-error.js";

export function register(program: Command): void {
  const cmd = program
    .command("amendment-diff")
    .description("compare a deal run on the PSA as signed (without the amendment) and as amended, class by class")
    .argument("<deal>", "deal id or path")
    .argument("<amendment>", "amendment id, e.g. amendment-1");
  addScenarioOptions(cmd)
    .option("--format <format>", "table, json or csv", "table")
    .action(async (ref: string, amendmentId: string, flags: ScenarioFlags & { format: string }) => {
      if (!["table", "json", "csv"].includes(flags.format)) throw new UserError(`--format: expected table, json or csv, got "${flags.format}"`);
      const amended = await loadDealForCli(ref);
      const signed = await loadDealForCli(ref, [amendmentId]);
      const scenario = scenarioFromFlags(flags, amended.deal);
      const diff = amendmentDiff({
        signed: signed.deal,
        amended: amended.deal,
        amendments: [amendmentId],
        scenario,
        signedRulesAt: signed.rulesAt,
        amendedRulesAt: amended.rulesAt,
      });
      process.stdout.write(renderDiff(diff, flags.format));
    });
}

export function renderDiff(diff: AmendmentDiff, format: string): string {
  if (format === "json") return JSON.stringify(diff, null, 2) + "\n";
  const signedWal = (n: number | null) => (n === null ? "" : n.toFixed(4));
  if (format === "csv") {
    return renderCsv(
      ["class", "signedPrincipal", "amendedPrincipal", "principalDifference", "signedInterest", "amendedInterest", "interestDifference", "signedWritedown", "amendedWritedown", "writedownDifference", "signedWal", "amendedWal", "walDifference", "firstDifferentPeriod", "firstDifferentDate"],
      diff.classes.map((c) => [
        c.class,
        c.signed.principal.toFixed(2), c.amended.principal.toFixed(2), c.difference.principal.toFixed(2),
        c.signed.interest.toFixed(2), c.amended.interest.toFixed(2), c.difference.interest.toFixed(2),
        c.signed.writedown.toFixed(2), c.amended.writedown.toFixed(2), c.difference.writedown.toFixed(2),
        signedWal(c.signed.wal), signedWal(c.amended.wal), signedWal(c.difference.wal),
        c.firstDifferentPeriod ?? "", c.firstDifferentDate ?? "",
      ]),
    );
  }
  const out = [
    `${diff.deal.name}: ${diff.amendments.join(", ")} (amended − as signed)`,
    `Scenario: ${formatScenarioText(diff.scenario)}`,
    `Senior Credit Support Depletion Date: as signed ${diff.depletionPeriod.signed ?? "not reached"}, as amended ${diff.depletionPeriod.amended ?? "not reached"}`,
    "",
    renderTable(
      [
        { header: "class" },
        { header: "principal Δ", align: "right" },
        { header: "interest Δ", align: "right" },
        { header: "writedown Δ", align: "right" },
        { header: "WAL signed", align: "right" },
        { header: "WAL amended", align: "right" },
        { header: "first differs" },
      ],
      diff.classes.map((c) => [
        c.class,
        money(c.difference.principal),
        money(c.difference.interest),
        money(c.difference.writedown),
        c.signed.wal === null ? "-" : c.signed.wal.toFixed(2),
        c.amended.wal === null ? "-" : c.amended.wal.toFixed(2),
        c.firstDifferentPeriod === null ? "never" : `period ${c.firstDifferentPeriod} (${c.firstDifferentDate})`,
      ]),
    ),
  ];
  return out.join("\n") + "\n";
}
