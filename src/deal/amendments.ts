/**
 * Amendments (§10.01) as dated patches on the rules of the PSA as signed. The
 * base deal is never changed: `applyAmendments` returns a new deal with the
 * selected amendments applied in effective-date order, which text governs each
 * section, and a timeline so a run can use the signed text before an
 * amendment's effective date and the amended text from it ("as of the Closing
 * Date" means every Distribution Date). Pure.
 */
import type { CivilDate } from "../core/civil-date.js";
import type { Amendment, AmendmentPatch, Deal, Rule } from "./schema.js";
import type { FieldPath } from "./source-map.js";

/** Which amendments a run applies. */
export type AmendmentSelection = "all" | "none" | { readonly exclude: readonly string[] };

/** The text that governs a section: the PSA as signed, or the amendment that last set it. */
export interface RuleSource {
  /** `"as signed"` or the id of the amendment whose text governs. */
  readonly text: "as signed" | string;
  /** True when the section was deleted (its text is `replacementText`, e.g. "[Reserved]"). */
  readonly deleted: boolean;
  readonly replacementText?: string;
  /** When the governing amendment takes effect. */
  readonly effectiveDate?: CivilDate;
}

/** One applied amendment on the timeline, in application order. */
export interface AmendmentTimelineEntry {
  readonly amendmentId: string;
  readonly title: string;
  readonly dateSigned: CivilDate;
  /** Distribution Dates on or after this date run on the amended text. */
  readonly effectiveDate: CivilDate;
  readonly patches: readonly AmendmentPatch[];
}

/** Where a rule of the amended deal was written: the base deal's rules, or an amendment's patch. */
export type RuleOrigin =
  | { readonly kind: "base"; readonly ruleIndex: number }
  | { readonly kind: "amendment"; readonly amendmentId: string; readonly patchIndex: number };

export interface AmendedDeal {
  readonly deal: Deal;
  readonly appliedAmendments: readonly string[];
  readonly ruleSources: ReadonlyMap<string, RuleSource>;
  readonly timeline: readonly AmendmentTimelineEntry[];
  /** One per rule of `deal.rules`, same order. */
  readonly ruleOrigins: readonly RuleOrigin[];
}

/** A problem in an amendment, by the amendment's id and a path inside its file. */
export interface AmendmentIssue {
  readonly amendmentId: string;
  readonly path: FieldPath;
  readonly message: string;
}

export class AmendmentError extends Error {
  constructor(readonly issues: readonly AmendmentIssue[]) {
    super(`cannot apply amendments:\n${issues.map((i) => `${i.amendmentId} ${i.path.join(".")}: ${i.message}`).join("\n")}`);
    this.name = "AmendmentError";
  }
}

/** Effective date, then date signed, then id: the order amendments take effect. */
export function orderAmendments(amendments: readonly Amendment[]): Amendment[] {
  return [...amendments].sort(
    (a, b) =>
      a.effectiveDate.localeCompare(b.effectiveDate) || a.dateSigned.localeCompare(b.dateSigned) || a.id.localeCompare(b.id),
  );
}

/** The amendments a selection applies; unknown ids in `exclude` are issues. */
export function selectAmendments(
  amendments: readonly Amendment[],
  selection: AmendmentSelection,
): { selected: Amendment[]; unknownExcluded: string[] } {
  if (selection === "all") return { selected: [...amendments], unknownExcluded: [] };
  if (selection === "none") return { selected: [], unknownExcluded: [] };
  const ids = new Set(amendments.map((a) => a.id));
  return {
    selected: amendments.filter((a) => !selection.exclude.includes(a.id)),
    unknownExcluded: selection.exclude.filter((id) => !ids.has(id)),
  };
}

interface Slot {
  readonly rule: Rule;
  readonly origin: RuleOrigin;
}

/**
 * Applies the selected amendments and reports every problem instead of
 * throwing: a patch naming a section the deal (as amended so far) lacks, a
 * replacement rule with another section, an insert whose section exists, an
 * amendment for another deal or effective before the PSA date.
 */
export function applyAmendmentsChecked(
  base: Deal,
  amendments: readonly Amendment[],
  selection: AmendmentSelection = "all",
): { result: AmendedDeal; issues: AmendmentIssue[] } {
  const issues: AmendmentIssue[] = [];
  const { selected, unknownExcluded } = selectAmendments(amendments, selection);
  for (const id of unknownExcluded) {
    issues.push({ amendmentId: id, path: [], message: `no amendment "${id}" to exclude (the deal has: ${amendments.map((a) => a.id).join(", ") || "none"})` });
  }
  const seenIds = new Set<string>();
  for (const a of amendments) {
    if (seenIds.has(a.id)) issues.push({ amendmentId: a.id, path: ["id"], message: `duplicate amendment id "${a.id}"` });
    seenIds.add(a.id);
  }
  let slots: Slot[] = base.rules.map((rule, ruleIndex) => ({ rule, origin: { kind: "base", ruleIndex } }));
  const sources = new Map<string, RuleSource>(base.rules.map((r) => [r.section, { text: "as signed", deleted: false }]));
  const timeline: AmendmentTimelineEntry[] = [];
  for (const amendment of orderAmendments(selected)) {
    const issue = (path: FieldPath, message: string): void => {
      issues.push({ amendmentId: amendment.id, path, message });
    };
    if (amendment.deal !== base.id) issue(["deal"], `amends deal "${amendment.deal}", but this deal is "${base.id}"`);
    if (amendment.effectiveDate < base.dates.psaDate) {
      issue(["effectiveDate"], `${amendment.effectiveDate} is before the Pooling and Servicing Agreement's date ${base.dates.psaDate}`);
    }
    amendment.patches.forEach((patch, patchIndex) => {
      const at = (...rest: string[]): FieldPath => ["patches", patchIndex, ...rest];
      const source: RuleSource = { text: amendment.id, deleted: false, effectiveDate: amendment.effectiveDate };
      const indexOf = (section: string): number => slots.findIndex((s) => s.rule.section === section);
      const missing = (section: string, field: string): void => {
        const previous = sources.get(section);
        issue(
          at(field),
          previous?.deleted
            ? `section "${section}" was already deleted by ${previous.text}`
            : `the deal has no rule with section "${section}" (sections: ${slots.map((s) => s.rule.section).join(", ")})`,
        );
      };
      switch (patch.op) {
        case "delete": {
          const index = indexOf(patch.section);
          if (index < 0) return missing(patch.section, "section");
          slots = slots.filter((_, i) => i !== index);
          sources.set(patch.section, { ...source, deleted: true, replacementText: patch.replacementText });
          return;
        }
        case "replace": {
          const index = indexOf(patch.section);
          if (index < 0) return missing(patch.section, "section");
          if (patch.rule.section !== patch.section) {
            return issue(at("rule", "section"), `the replacement rule must keep section "${patch.section}", got "${patch.rule.section}"`);
          }
          slots = slots.map((s, i) => (i === index ? { rule: patch.rule, origin: { kind: "amendment", amendmentId: amendment.id, patchIndex } } : s));
          sources.set(patch.section, source);
          return;
        }
        case "insert": {
          const index = indexOf(patch.after);
          if (index < 0) return missing(patch.after, "after");
          if (indexOf(patch.rule.section) >= 0) {
            return issue(at("rule", "section"), `the deal already has a rule with section "${patch.rule.section}"; use op: replace`);
          }
          slots = [...slots.slice(0, index + 1), { rule: patch.rule, origin: { kind: "amendment", amendmentId: amendment.id, patchIndex } }, ...slots.slice(index + 1)];
          sources.set(patch.rule.section, source);
          return;
        }
      }
    });
    timeline.push({
      amendmentId: amendment.id,
      title: amendment.title,
      dateSigned: amendment.dateSigned,
      effectiveDate: amendment.effectiveDate,
      patches: amendment.patches,
    });
  }
  const deal: Deal = { ...base, rules: slots.map((s) => s.rule) };
  return {
    result: {
      deal,
      appliedAmendments: timeline.map((t) => t.amendmentId),
      ruleSources: sources,
      timeline,
      ruleOrigins: slots.map((s) => s.origin),
    },
    issues,
  };
}

/** As `applyAmendmentsChecked`, throwing an `AmendmentError` listing every problem. */
export function applyAmendments(base: Deal, amendments: readonly Amendment[], selection: AmendmentSelection = "all"): AmendedDeal {
  const { result, issues } = applyAmendmentsChecked(base, amendments, selection);
  if (issues.length > 0) throw new AmendmentError(issues);
  return result;
}

/**
 * The deal whose rules govern the Distribution Date `date`: the selected
 * amendments whose effective date is on or before it, applied to the base.
 *
 * @example governingDeal(base, [amendment1], "2006-07-25").rules // without §4.02(c) (effective 2006-06-29)
 */
export function governingDeal(
  base: Deal,
  amendments: readonly Amendment[],
  date: CivilDate,
  selection: AmendmentSelection = "all",
): Deal {
  const { selected } = selectAmendments(amendments, selection);
  return applyAmendments(base, selected.filter((a) => a.effectiveDate <= date)).deal;
}
