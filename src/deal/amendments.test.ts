/**
 * Amendments as dated patches (§10.01): application order, which text governs
 * each section, the timeline, the rules in force on a date, and the problems.
 */
import { describe, expect, it } from "vitest";
import type { CivilDate } from "../core/civil-date.js";
import { AmendmentError, applyAmendments, applyAmendmentsChecked, governingDeal, orderAmendments } from "./amendments.js";
import { loadDeal } from "./load-deal.js";
import type { Amendment, Rule } from "./schema.js";

const base = loadDeal("cwalt-2006-hy12", { amendments: "none" }).base;
const d = (s: string) => s as CivilDate;

function amendment(over: Partial<Amendment> & Pick<Amendment, "id" | "patches">): Amendment {
  return {
    deal: "cwalt-2006-hy12",
    title: over.id,
    dateSigned: d("2007-02-13"),
    effectiveDate: d("2006-06-29"),
    authority: "§10.01",
    source: "test",
    ...over,
  };
}

const deleteC = amendment({ id: "amendment-1", patches: [{ op: "delete", section: "§4.02(c)", replacementText: "[Reserved]" }] });
const residualRule: Rule = { kind: "residual", section: "§4.02(a)(vii)", title: "Remainder to Class A-R, as amended", class: "A-R" };

describe("applyAmendments", () => {
  it("deletes §4.02(c) as one unit and records the replacement text", () => {
    const result = applyAmendments(base, [deleteC]);
    expect(result.deal.rules.map((r) => r.section)).not.toContain("§4.02(c)");
    expect(result.deal.rules).toHaveLength(base.rules.length - 1);
    expect(result.ruleSources.get("§4.02(c)")).toEqual({ text: "amendment-1", deleted: true, replacementText: "[Reserved]", effectiveDate: "2006-06-29" });
    expect(base.rules.some((r) => r.section === "§4.02(c)")).toBe(true); // the base is untouched
  });

  it("replaces and inserts, keeping order and recording the governing amendment", () => {
    const insert: Rule = { kind: "crossCollateralization", section: "§4.02(a)(v)(A)", title: "extra" };
    const result = applyAmendments(base, [
      amendment({ id: "a-2", patches: [{ op: "replace", section: "§4.02(a)(vii)", rule: residualRule }, { op: "insert", after: "§4.02(a)(v)", rule: insert }] }),
    ]);
    const sections = result.deal.rules.map((r) => r.section);
    expect(sections.indexOf("§4.02(a)(v)(A)")).toBe(sections.indexOf("§4.02(a)(v)") + 1);
    expect(result.deal.rules.find((r) => r.section === "§4.02(a)(vii)")!.title).toBe("Remainder to Class A-R, as amended");
    expect(result.ruleSources.get("§4.02(a)(vii)")).toMatchObject({ text: "a-2", deleted: false });
    expect(result.ruleSources.get("§4.02(a)(v)(A)")).toMatchObject({ text: "a-2" });
    expect(result.ruleOrigins[sections.indexOf("§4.02(a)(v)(A)")]).toEqual({ kind: "amendment", amendmentId: "a-2", patchIndex: 1 });
    expect(result.ruleOrigins[0]).toEqual({ kind: "base", ruleIndex: 0 });
  });

  it("applies in effective-date order, then date signed, then id", () => {
    const late = amendment({ id: "a-late", effectiveDate: d("2008-01-01"), dateSigned: d("2007-12-01"), patches: [{ op: "replace", section: "§4.02(a)(vii)", rule: residualRule }] });
    const early = amendment({ id: "z-early", effectiveDate: d("2006-06-29"), dateSigned: d("2007-01-01"), patches: [{ op: "delete", section: "§4.02(c)", replacementText: "[Reserved]" }] });
    const tie = amendment({ id: "b-tie", effectiveDate: d("2006-06-29"), dateSigned: d("2007-01-01"), patches: [{ op: "delete", section: "§4.02(a)(v)", replacementText: "[Reserved]" }] });
    expect(orderAmendments([late, early, tie]).map((a) => a.id)).toEqual(["b-tie", "z-early", "a-late"]);
    const result = applyAmendments(base, [late, early, tie]);
    expect(result.appliedAmendments).toEqual(["b-tie", "z-early", "a-late"]);
    expect(result.timeline.map((t) => t.effectiveDate)).toEqual(["2006-06-29", "2006-06-29", "2008-01-01"]);
  });

  it("a later amendment can act on a section an earlier one inserted, but not on one it deleted", () => {
    const rule: Rule = { kind: "crossCollateralization", section: "§4.02(e)", title: "new" };
    const first = amendment({ id: "a-1", effectiveDate: d("2006-07-01"), patches: [{ op: "insert", after: "§4.02(a)(v)", rule }, { op: "delete", section: "§4.02(c)", replacementText: "[Reserved]" }] });
    const second = amendment({ id: "a-2", effectiveDate: d("2006-08-01"), patches: [{ op: "delete", section: "§4.02(e)", replacementText: "[Reserved]" }, { op: "delete", section: "§4.02(c)", replacementText: "x" }] });
    const { result, issues } = applyAmendmentsChecked(base, [first, second]);
    expect(result.deal.rules.map((r) => r.section)).not.toContain("§4.02(e)");
    expect(issues).toEqual([{ amendmentId: "a-2", path: ["patches", 1, "section"], message: 'section "§4.02(c)" was already deleted by a-1' }]);
  });

  it("selection: none, exclude, and an unknown id to exclude", () => {
    expect(applyAmendments(base, [deleteC], "none").deal.rules).toEqual(base.rules);
    expect(applyAmendments(base, [deleteC], { exclude: ["amendment-1"] }).appliedAmendments).toEqual([]);
    expect(() => applyAmendments(base, [deleteC], { exclude: ["amendment-9"] })).toThrow(AmendmentError);
  });

  it("reports every problem: another deal, effective before the PSA, unknown section, replacement renaming the section, insert of an existing section", () => {
    const bad = amendment({
      id: "bad",
      deal: "cwalt-2007-12t1",
      effectiveDate: d("2006-05-31"),
      patches: [
        { op: "delete", section: "§4.02(z)", replacementText: "[Reserved]" },
        { op: "replace", section: "§4.02(a)(vii)", rule: { ...residualRule, section: "§4.02(a)(viii)" } },
        { op: "insert", after: "§4.02(a)(vi)", rule: residualRule },
        { op: "insert", after: "§4.02(q)", rule: { ...residualRule, section: "§4.02(r)" } },
      ],
    });
    const { issues } = applyAmendmentsChecked(base, [bad]);
    expect(issues.map((i) => i.path.join("."))).toEqual(["deal", "effectiveDate", "patches.0.section", "patches.1.rule.section", "patches.2.rule.section", "patches.3.after"]);
    expect(() => applyAmendments(base, [bad])).toThrow(AmendmentError);
  });
});

describe("governingDeal: the text in force on a Distribution Date", () => {
  const later = amendment({ id: "a-later", effectiveDate: d("2010-01-01"), patches: [{ op: "replace", section: "§4.02(a)(vii)", rule: residualRule }] });

  it("as of the Closing Date: the amended text governs every Distribution Date", () => {
    const first = governingDeal(base, [deleteC], d("2006-07-25"));
    expect(first.rules.map((r) => r.section)).not.toContain("§4.02(c)");
  });

  it("an amendment effective later governs from its effective date only", () => {
    const before = governingDeal(base, [deleteC, later], d("2009-12-28"));
    const after = governingDeal(base, [deleteC, later], d("2010-01-25"));
    const title = (rules: readonly Rule[]) => rules.find((r) => r.section === "§4.02(a)(vii)")!.title;
    expect(title(before.rules)).toBe("Remainder to Class A-R");
    expect(title(after.rules)).toBe("Remainder to Class A-R, as amended");
    expect(governingDeal(base, [deleteC, later], d("2010-01-25"), "none").rules).toEqual(base.rules);
  });
});
