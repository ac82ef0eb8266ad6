/**
 * `tranche validate <deal> [--provenance] [--format text|json]`: loads a deal
 * file (by id or path) with its amendments and either summarizes it or lists
 * every problem as `file:line:col  path: problem`.
 *
 * Exit codes: 0 valid; 1 the deal (or an amendment) is invalid; 2 the file does
 * not exist, cannot be read or is not YAML.
 */
import type { Command } from "commander";
import { loadDeal } from "../../deal/load-deal.js";
import type { LoadedDeal } from "../../deal/parse-deal.js";
import { DealFileError, DealValidationError, formatProblem, type DealProblem } from "../../deal/problems.js";
import type { ProvenanceRecord } from "../../deal/provenance.js";
import { summarizeDeal, type DealSummary } from "../../deal/summary.js";
import { money, renderTable } from "../text-table.js";
import { attachDealTape } from "../load-deal-for-cli.js";
import { UserError } from "../user-error.js";

interface ValidateFlags {
  provenance?: boolean;
  format: string;
}

export function register(program: Command): void {
  program
    .command("validate")
    .description("check a deal file (and its amendments) and summarize it, or list every problem with file:line:column")
    .argument("<deal>", "deal id (e.g. cwalt-2006-hy12) or path to a deal file")
    .option("--provenance", "list every value's field path and source (filed or modeled)")
    .option("--format <format>", "text or json", "text")
    .action(async (dealRef: string, flags: ValidateFlags) => {
      if (!["text", "json"].includes(flags.format)) throw new UserError(`--format: expected text or json, got "${flags.format}"`);
      const outcome = validate(dealRef);
      // A deal naming a tape file: the tape is read and checked against the deal too.
      if (outcome.kind === "valid") await attachDealTape(outcome.loaded.deal, outcome.loaded.path);
      if (flags.format === "json") {
        process.stdout.write(JSON.stringify(jsonOutput(outcome, flags.provenance === true), null, 2) + "\n");
        if (outcome.kind !== "valid") process.exitCode = outcome.kind === "invalid" ? 1 : 2;
        return;
      }
      if (outcome.kind === "file-error") throw new UserError(outcome.error.message, 2);
      if (outcome.kind === "invalid") throw new UserError(outcome.error.message, 1);
      process.stdout.write(renderText(outcome.loaded, flags.provenance === true));
    });
}

type Outcome =
  | { kind: "valid"; loaded: LoadedDeal }
  | { kind: "invalid"; error: DealValidationError }
  | { kind: "file-error"; error: DealFileError };

function validate(dealRef: string): Outcome {
  try {
    return { kind: "valid", loaded: loadDeal(dealRef) };
  } catch (error) {
    if (error instanceof DealValidationError) return { kind: "invalid", error };
    if (error instanceof DealFileError) return { kind: "file-error", error };
    throw error;
  }
}

function provenanceRows(loaded: LoadedDeal): { file: string; path: string; kind: string; source: string }[] {
  const row = (file: string) => (r: ProvenanceRecord) => ({ file, path: r.path, kind: r.kind, source: r.source });
  return [
    ...loaded.provenance.entries().map(row(loaded.path)),
    ...loaded.amendments.flatMap((a) => a.provenance.entries().map(row(a.path))),
  ];
}

function jsonOutput(outcome: Outcome, withProvenance: boolean): unknown {
  const problem = (p: DealProblem) => ({ ...p, text: formatProblem(p) });
  switch (outcome.kind) {
    case "valid":
      return {
        valid: true,
        deal: summarizeDeal(outcome.loaded),
        ...(withProvenance ? { provenance: provenanceRows(outcome.loaded) } : {}),
      };
    case "invalid":
      return { valid: false, errors: outcome.error.errors.map(problem) };
    case "file-error":
      return {
        valid: false,
        fileError: { file: outcome.error.file, failure: outcome.error.failure, message: outcome.error.message.split("\n")[0] },
        errors: outcome.error.problems.map(problem),
      };
  }
}

function renderText(loaded: LoadedDeal, withProvenance: boolean): string {
  const s = summarizeDeal(loaded);
  const out: string[] = [];
  out.push(`${s.name} (${s.id}): valid`, `file: ${s.file}`, "");
  out.push(
    `Dates: PSA dated as of ${s.dates.psaDate}; Cut-off Date ${s.dates.cutoffDate}; Closing Date ${s.dates.closingDate}; ` +
      `first Distribution Date ${s.dates.firstDistributionDate} (the ${s.dates.distributionDay}th or next Business Day, ${s.dates.businessDayCalendar} calendar)`,
    "",
  );
  out.push("Pool at the Cut-off Date", poolTable(s), "");
  out.push("Classes", classTable(s), "");
  out.push(
    `Offered classes total ${money(s.offered.classesTotal)}; filed offered amount ${money(s.offered.filed)}: ${s.offered.matches ? "equal" : "DIFFERENT"}`,
    "",
  );
  out.push(`Rules, in order${loaded.amendments.length > 0 ? " (text: as signed, or the amendment that governs)" : ""}`, ruleTable(s, loaded), "");
  out.push("Contracts", s.contracts.length === 0 ? "  (none)" : contractTable(s), "");
  if (s.amendments.length > 0) out.push("Amendments", amendmentTable(s), "");
  out.push(`Optional termination (${s.optionalTermination.section}): at or below ${s.optionalTermination.cleanUpPercent}% of the Cut-off Date pool balance`);
  if (withProvenance) {
    const rows = provenanceRows(loaded);
    out.push("", `Provenance (${rows.length} values)`);
    out.push(renderTable([{ header: "file" }, { header: "path" }, { header: "kind" }, { header: "source" }], rows.map((r) => [shortFile(r.file, loaded.path), r.path, r.kind, r.source])));
  }
  return out.join("\n") + "\n";
}

function shortFile(file: string, dealFile: string): string {
  return file === dealFile ? "deal" : (file.split(/[\\/]/).pop() ?? file);
}

function poolTable(s: DealSummary): string {
  const rows = s.groups.map((g) => [g.id, String(g.repLines), String(g.loanCount), money(g.statedPrincipalBalance)]);
  rows.push(["total", String(s.groups.reduce((n, g) => n + g.repLines, 0)), String(s.groups.reduce((n, g) => n + g.loanCount, 0)), money(s.poolBalance)]);
  return renderTable(
    [{ header: "group" }, { header: "rep lines", align: "right" }, { header: "loans", align: "right" }, { header: "Stated Principal Balance", align: "right" }],
    rows,
  );
}

function classTable(s: DealSummary): string {
  return renderTable(
    [{ header: "class" }, { header: "group" }, { header: "types" }, { header: "initial balance", align: "right" }, { header: "pass-through rate" }, { header: "offered" }],
    s.classes.map((c) => [
      c.id,
      c.group ?? "all",
      c.types.join(", "),
      c.notional === null ? money(c.initialBalance) : `notional: ${c.notional}`,
      c.coupon,
      c.offered ? "yes" : "no",
    ]),
  );
}

function ruleTable(s: DealSummary, loaded: LoadedDeal): string {
  const withText = loaded.amendments.length > 0;
  return renderTable(
    [{ header: "section" }, { header: "kind" }, { header: "title" }, ...(withText ? [{ header: "text" }] : [])],
    s.rules.map((r) => [
      r.section,
      r.deleted ? "(deleted)" : r.kind,
      r.deleted ? `${r.replacementText ?? ""} (was: ${r.title})` : r.title,
      ...(withText ? [r.text === "as signed" ? "as signed" : `${r.text}, effective ${r.effectiveDate ?? "?"}`] : []),
    ]),
  );
}

function contractTable(s: DealSummary): string {
  return renderTable(
    [{ header: "id" }, { header: "kind" }, { header: "section" }, { header: "counterparty" }, { header: "beneficiary" }, { header: "index, strike–ceiling" }, { header: "dates" }],
    s.contracts.map((c) => [
      c.id,
      c.kind,
      c.section,
      c.counterparty,
      c.beneficiary,
      `${c.index} ${c.strikeRate.toFixed(2)}%–${c.ceilingRate.toFixed(2)}%`,
      `${c.firstDistributionDate} to ${c.lastDistributionDate}`,
    ]),
  );
}

function amendmentTable(s: DealSummary): string {
  return renderTable(
    [{ header: "id" }, { header: "signed" }, { header: "effective" }, { header: "applied" }, { header: "patches" }, { header: "authority" }],
    s.amendments.map((a) => [a.id, a.dateSigned, a.effectiveDate, a.applied ? "yes" : "no", a.patches.join("; "), a.authority]),
  );
}
