/**
 * Text → a validated deal: YAML with positions, provenance resolved, the zod
 * schema, the semantic checks, then the amendments; every problem in every file
 * reported at once as `file:line:col  path: problem`. No file system access, so
 * the API can validate uploads with it.
 */
import type { z } from "zod";
import {
  applyAmendmentsChecked,
  type AmendedDeal,
  type AmendmentIssue,
  type AmendmentSelection,
  type AmendmentTimelineEntry,
  type RuleSource,
} from "./amendments.js";
import { checkInputOf, type DealCheckInput, type PartialDeal } from "./deal-issue.js";
import { DealValidationError, type DealProblem } from "./problems.js";
import type { ProvenanceMap } from "./provenance.js";
import { amendmentSchema, classSpecSchema, contractSchema, dealSchema, ruleSchema, type Amendment, type Deal } from "./schema.js";
import type { SourceMap } from "./source-map.js";
import { checkRuleReferences, checkSubordinateCoverage, checkUniqueIds } from "./validate-references.js";
import { validateDealSections } from "./validate.js";
import { readYamlSource } from "./yaml-source.js";
import { zodProblems } from "./zod-problems.js";

/** A file's text and the name its problems are reported under. */
export interface DealSourceText {
  readonly text: string;
  readonly fileName: string;
}

export interface LoadedAmendment {
  readonly amendment: Amendment;
  readonly path: string;
  readonly provenance: ProvenanceMap;
}

export interface LoadedDeal {
  /** The deal with the selected amendments applied: what a run uses. */
  readonly deal: Deal;
  /** The deal as signed. */
  readonly base: Deal;
  /** The deal file (absolute path for files, the given name for text). */
  readonly path: string;
  readonly provenance: ProvenanceMap;
  /** Every amendment found beside the deal, applied or not, in effective-date order. */
  readonly amendments: readonly LoadedAmendment[];
  readonly appliedAmendments: readonly string[];
  /** For each section of the amended deal (and each deleted one): which text governs. */
  readonly ruleSources: ReadonlyMap<string, RuleSource>;
  /** The applied amendments with their effective dates, in application order. */
  readonly amendmentTimeline: readonly AmendmentTimelineEntry[];
}

export interface ParseDealOptions {
  readonly amendments?: readonly DealSourceText[];
  readonly selection?: AmendmentSelection;
}

interface ParsedFile<T> {
  readonly data: T | undefined;
  readonly provenance: ProvenanceMap;
  readonly sourceMap: SourceMap;
  readonly fileName: string;
}

/**
 * Parses and validates a deal file's text and its amendments' texts. Throws
 * `DealFileError` for text that is not YAML, `DealValidationError` with every
 * problem otherwise.
 */
export function parseDealText(text: string, fileName: string, options: ParseDealOptions = {}): LoadedDeal {
  const problems: DealProblem[] = [];
  const dealFile = parseDealFile({ text, fileName }, problems);
  const amendmentFiles = (options.amendments ?? []).map((source) => parseAmendmentFile(source, problems));
  const base = dealFile.data;
  const amendments = amendmentFiles.flatMap((f) => (f.data === undefined ? [] : [f.data]));
  if (base === undefined || amendments.length !== amendmentFiles.length) throw new DealValidationError(problems);

  const fileOf = new Map(amendmentFiles.map((f) => [f.data!.id, f]));
  const selection = options.selection ?? "all";
  const runs = selection === "all" ? ["all" as const] : ["all" as const, selection];
  let chosen: AmendedDeal | undefined;
  const seen = new Set<string>();
  for (const run of runs) {
    const { result, issues } = applyAmendmentsChecked(base, amendments, run);
    const located = [
      ...issues.map((issue) => locateAmendmentIssue(issue, fileOf, dealFile)),
      ...amendedRuleProblems(base, result, dealFile, fileOf),
    ];
    for (const p of located) {
      const key = `${p.file}:${p.line}:${p.column}:${p.message}`;
      if (!seen.has(key)) problems.push(p);
      seen.add(key);
    }
    chosen = result;
  }
  if (problems.length > 0 || chosen === undefined) throw new DealValidationError(problems);

  const order = chosen.timeline.map((t) => t.amendmentId);
  const loadedAmendments = [...amendmentFiles]
    .map((f) => ({ amendment: f.data!, path: f.fileName, provenance: f.provenance }))
    .sort((a, b) => a.amendment.effectiveDate.localeCompare(b.amendment.effectiveDate) || a.amendment.id.localeCompare(b.amendment.id));
  return {
    deal: chosen.deal,
    base,
    path: fileName,
    provenance: dealFile.provenance,
    amendments: loadedAmendments,
    appliedAmendments: order,
    ruleSources: chosen.ruleSources,
    amendmentTimeline: chosen.timeline,
  };
}

function parseDealFile(source: DealSourceText, problems: DealProblem[]): ParsedFile<Deal> {
  const yaml = readYamlSource(source.text, source.fileName, { requireProvenance: true });
  problems.push(...yaml.problems);
  const parsed = dealSchema.safeParse(yaml.value, { reportInput: true });
  const input = parsed.success ? checkInputOf(parsed.data) : checkInputOfInvalid(yaml.value);
  if (!parsed.success) problems.push(...zodProblems(parsed.error.issues, yaml.sourceMap));
  const issues = validateDealSections(input);
  problems.push(...issues.map((issue) => yaml.sourceMap.problem(issue.path, issue.message)));
  const ok = parsed.success && issues.length === 0 && yaml.problems.length === 0;
  return { data: ok ? parsed.data : undefined, provenance: yaml.provenance, sourceMap: yaml.sourceMap, fileName: source.fileName };
}

function parseAmendmentFile(source: DealSourceText, problems: DealProblem[]): ParsedFile<Amendment> {
  const yaml = readYamlSource(source.text, source.fileName, { requireProvenance: false });
  problems.push(...yaml.problems);
  const parsed = amendmentSchema.safeParse(yaml.value, { reportInput: true });
  if (!parsed.success) problems.push(...zodProblems(parsed.error.issues, yaml.sourceMap));
  const ok = parsed.success && yaml.problems.length === 0;
  return { data: ok ? parsed.data : undefined, provenance: yaml.provenance, sourceMap: yaml.sourceMap, fileName: source.fileName };
}

/**
 * For a file that fails the schema: the top-level sections and the list items
 * that pass on their own, and every class and group id written anywhere, so the
 * semantic checks still report what they can.
 */
function checkInputOfInvalid(value: Record<string, unknown>): DealCheckInput {
  const partial: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(dealSchema.shape)) {
    const result = (schema as z.ZodType).safeParse(value[key]);
    if (result.success && result.data !== undefined) partial[key] = result.data;
  }
  const items = <T>(list: unknown, schema: z.ZodType<T>): { index: number; item: T }[] =>
    (Array.isArray(list) ? list : []).flatMap((raw, index) => {
      const result = schema.safeParse(raw);
      return result.success ? [{ index, item: result.data }] : [];
    });
  const idsOf = (list: unknown): Set<string> =>
    new Set((Array.isArray(list) ? list : []).flatMap((raw) => (isRecord(raw) && typeof raw.id === "string" ? [raw.id] : [])));
  const collateral = isRecord(value.collateral) ? value.collateral : {};
  return {
    deal: partial as PartialDeal,
    classes: items(value.classes, classSpecSchema).map(({ index, item }) => ({ index, spec: item })),
    rules: items(value.rules, ruleSchema).map(({ index, item }) => ({ index, rule: item })),
    contracts: items(value.contracts, contractSchema).map(({ index, item }) => ({ index, contract: item })),
    classIds: idsOf(value.classes),
    groupIds: idsOf(collateral.groups),
    groupsKnown: Array.isArray(collateral.groups),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function locateAmendmentIssue(
  issue: AmendmentIssue,
  fileOf: ReadonlyMap<string, ParsedFile<Amendment>>,
  dealFile: ParsedFile<Deal>,
): DealProblem {
  const file = fileOf.get(issue.amendmentId);
  if (file === undefined) return dealFile.sourceMap.problem([], `amendment selection: ${issue.message}`);
  return file.sourceMap.problem(issue.path, issue.message);
}

/**
 * Rule checks on the amended deal. Problems the base deal does not have are
 * reported where the offending rule was written: the deal file or the patch.
 */
function amendedRuleProblems(
  base: Deal,
  amended: AmendedDeal,
  dealFile: ParsedFile<Deal>,
  fileOf: ReadonlyMap<string, ParsedFile<Amendment>>,
): DealProblem[] {
  if (amended.appliedAmendments.length === 0) return [];
  const ruleChecks = (deal: Deal) => {
    const input = checkInputOf(deal);
    return [...checkUniqueIds(input), ...checkRuleReferences(input), ...checkSubordinateCoverage(input)];
  };
  const before = new Set(ruleChecks(base).map((i) => i.message));
  const lastApplied = fileOf.get(amended.appliedAmendments[amended.appliedAmendments.length - 1]);
  return ruleChecks(amended.deal)
    .filter((issue) => !before.has(issue.message))
    .map((issue) => {
      const [head, index, ...rest] = issue.path;
      const origin = head === "rules" && typeof index === "number" ? amended.ruleOrigins[index] : undefined;
      const suffix = ` (in the deal as amended by ${amended.appliedAmendments.join(", ")})`;
      if (origin?.kind === "base") return dealFile.sourceMap.problem(["rules", origin.ruleIndex, ...rest], issue.message + suffix);
      if (origin?.kind === "amendment") {
        const file = fileOf.get(origin.amendmentId)!;
        return file.sourceMap.problem(["patches", origin.patchIndex, "rule", ...rest], issue.message + suffix);
      }
      return (lastApplied ?? dealFile).sourceMap.problem(["patches"], issue.message + suffix);
    });
}
