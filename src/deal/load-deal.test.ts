/**
 * Loading and validating deal files: every error path on small fixtures
 * (test/fixtures/deals), with the line, column and field path of each problem,
 * and the two real deals. Expected positions are read off the fixture text
 * (each fixture's first line says where its problem is).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { toCents } from "../core/money.js";
import { loadDeal, resolveDealPath } from "./load-deal.js";
import { parseDealText } from "./parse-deal.js";
import { DealFileError, DealValidationError, formatProblem, type DealProblem } from "./problems.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const fixtures = join(repo, "test", "fixtures", "deals");
const fixture = (name: string): string => join(fixtures, name);

/** The problems `load` throws (fails the test when it does not throw a DealValidationError). */
function problemsOf(load: () => unknown): DealProblem[] {
  try {
    load();
  } catch (error) {
    if (error instanceof DealValidationError) return [...error.errors];
    throw error;
  }
  throw new Error("expected a DealValidationError, but the deal loaded");
}

/** 1-based column of the first occurrence of `text` on line `line` of a fixture. */
function columnOf(file: string, line: number, text: string): number {
  const lineText = readFileSync(file, "utf8").split("\n")[line - 1];
  const index = lineText.indexOf(text);
  if (index < 0) throw new Error(`"${text}" is not on line ${line} of ${file}`);
  return index + 1;
}

describe("loadDeal: the real deals", () => {
  it("loads cwalt-2007-12t1 by id, and its offered classes sum to the filed $855,728,140", () => {
    const loaded = loadDeal("cwalt-2007-12t1");
    expect(loaded.path).toBe(join(repo, "deals", "cwalt-2007-12t1.yaml"));
    expect(loaded.deal.id).toBe("cwalt-2007-12t1");
    const offered = loaded.deal.classes.filter((c) => c.offered).reduce((s, c) => s + toCents(c.initialBalance), 0);
    expect(offered).toBe(85_572_814_000);
    expect(toCents(loaded.deal.offeredAmount)).toBe(85_572_814_000);
    expect(loaded.amendments).toEqual([]);
    expect(loaded.appliedAmendments).toEqual([]);
    expect(loaded.deal).toEqual(loaded.base);
    expect([...loaded.ruleSources.values()].every((s) => s.text === "as signed")).toBe(true);
  });

  it("loads cwalt-2006-hy12 with Amendment No. 1 applied; offered classes sum to the filed $791,111,100", () => {
    const loaded = loadDeal("cwalt-2006-hy12");
    const offered = loaded.deal.classes.filter((c) => c.offered).reduce((s, c) => s + toCents(c.initialBalance), 0);
    expect(offered).toBe(79_111_110_000);
    expect(toCents(loaded.deal.offeredAmount)).toBe(79_111_110_000);
    // Spec §4: 470,944,400 / 500,000,000 = 282,566,700 / 300,000,000.
    const seniors = (g: string) => loaded.deal.classes.filter((c) => c.group === g && c.types.includes("senior")).reduce((s, c) => s + c.initialBalance, 0);
    expect(seniors("1")).toBe(470_944_400);
    expect(seniors("2")).toBe(282_566_700);
    expect(loaded.deal.collateral.groups.map((g) => g.repLines.reduce((s, r) => s + r.statedPrincipalBalance, 0))).toEqual([500_000_000, 300_000_000]);
    expect(loaded.deal.contracts).toEqual([]);
    expect(loaded.appliedAmendments).toEqual(["amendment-1"]);
    expect(loaded.base.rules.some((r) => r.section === "§4.02(c)")).toBe(true);
    expect(loaded.deal.rules.some((r) => r.section === "§4.02(c)")).toBe(false);
    expect(loaded.ruleSources.get("§4.02(c)")).toEqual({ text: "amendment-1", deleted: true, replacementText: "[Reserved]", effectiveDate: "2006-06-29" });
    expect(loaded.ruleSources.get("§4.02(a)(vi)")).toEqual({ text: "as signed", deleted: false });
    expect(loaded.amendmentTimeline).toEqual([
      expect.objectContaining({ amendmentId: "amendment-1", dateSigned: "2007-02-13", effectiveDate: "2006-06-29" }),
    ]);
    expect(loaded.amendments[0].path).toBe(join(repo, "deals", "cwalt-2006-hy12.amendment-1.yaml"));
    expect(loaded.amendments[0].amendment.effectiveDate).toBe(loaded.deal.dates.closingDate);
  });

  it("loads cwalt-2006-hy12 as signed with amendments: none, and with the amendment excluded", () => {
    for (const amendments of ["none", { exclude: ["amendment-1"] }] as const) {
      const loaded = loadDeal("cwalt-2006-hy12", { amendments });
      expect(loaded.appliedAmendments).toEqual([]);
      expect(loaded.deal.rules).toEqual(loaded.base.rules);
      const depletion = loaded.deal.rules.find((r) => r.section === "§4.02(c)");
      expect(depletion).toMatchObject({ kind: "seniorPrincipalAfterDepletion", groups: [{ group: "1", classes: ["A-R", "1-A-1", "1-A-2"] }, { group: "2", classes: ["2-A-1", "2-A-2"] }] });
      expect(loaded.amendments).toHaveLength(1);
    }
  });

  it("finds the deals directory from any working directory and accepts paths", () => {
    expect(resolveDealPath("cwalt-2007-12t1", "/")).toBe(join(repo, "deals", "cwalt-2007-12t1.yaml"));
    expect(loadDeal("deals/cwalt-2007-12t1.yaml", { cwd: repo }).deal.id).toBe("cwalt-2007-12t1");
    expect(loadDeal("minimal.yaml", { cwd: fixtures }).deal.id).toBe("fixture-minimal");
  });
});

describe("loadDeal: file errors", () => {
  it("names a deal id that does not exist and lists the deals", () => {
    const error = (() => {
      try {
        loadDeal("cwalt-2099-x1");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DealFileError);
    expect((error as DealFileError).failure).toBe("not-found");
    expect((error as DealFileError).message).toContain("cwalt-2007-12t1");
  });

  it("reports a path that does not exist", () => {
    expect(() => loadDeal(fixture("no-such.yaml"))).toThrow(DealFileError);
  });

  it("reports text that is not YAML with the line of the syntax error", () => {
    try {
      loadDeal(fixture("not-yaml.yaml"));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DealFileError);
      const error = e as DealFileError;
      expect(error.failure).toBe("not-yaml");
      expect(error.problems.length).toBeGreaterThan(0);
      // The unclosed `[` opens on line 3; the parser notices by line 4.
      expect(error.problems[0].line).toBeGreaterThanOrEqual(3);
      expect(error.problems[0].line).toBeLessThanOrEqual(4);
    }
  });

  it("rejects a YAML document that is not a mapping", () => {
    expect(() => parseDealText("- just\n- a list\n", "list.yaml")).toThrow(/expected a YAML mapping/);
  });
});

describe("loadDeal: validation errors, located", () => {
  it("accepts the minimal fixture", () => {
    expect(loadDeal(fixture("minimal.yaml")).deal.classes.map((c) => c.id)).toEqual(["A", "R", "B"]);
  });

  it("wrong type: points at the value", () => {
    const file = fixture("wrong-type.yaml");
    expect(problemsOf(() => loadDeal(file))).toEqual([
      { file, line: 27, column: columnOf(file, 27, '"949,900"'), path: "classes[A].initialBalance", message: 'expected a number, got "949,900"' },
    ]);
  });

  it("missing required field: points at the parent mapping", () => {
    const file = fixture("missing-field.yaml");
    const [problem, ...rest] = problemsOf(() => loadDeal(file));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ line: 8, column: 3, path: "dates.closingDate", message: "required field is missing" });
  });

  it("a rule naming a class that does not exist", () => {
    const file = fixture("rule-unknown-class.yaml");
    const [problem, ...rest] = problemsOf(() => loadDeal(file));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ line: 43, column: columnOf(file, 43, "A-9"), path: "rules[§4.02(a)(i)].classes[2]" });
    expect(problem.message).toMatch(/^unknown class "A-9" in rule §4\.02\(a\)\(i\)/);
  });

  it("an unknown class in the loss allocation", () => {
    const file = fixture("loss-unknown-class.yaml");
    const [problem, ...rest] = problemsOf(() => loadDeal(file));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ line: 47, column: columnOf(file, 47, "Z,"), path: "lossAllocation.subordinateOrder[0]" });
    expect(problem.message).toContain('unknown class "Z"');
  });

  it("balances that do not add up: offered amount and pool, each one cent short", () => {
    const file = fixture("balance-mismatch.yaml");
    const problems = problemsOf(() => loadDeal(file));
    expect(problems.map((p) => [p.line, p.path])).toEqual([
      [14, "offeredAmount"],
      [27, "classes"],
    ]);
    expect(problems[0].message).toBe("the offered classes (A, R) sum to $949,999.99, not the filed $950,000.00 (difference −$0.01)");
    expect(problems[1].message).toBe("the class balances sum to $999,999.99, not the pool balance $1,000,000.00 (difference −$0.01)");
  });

  it("a date that is not a calendar day", () => {
    const file = fixture("bad-date.yaml");
    expect(problemsOf(() => loadDeal(file))).toEqual([
      { file, line: 9, column: 15, path: "dates.cutoffDate", message: 'must be a calendar date written YYYY-MM-DD, got "2020-02-30"' },
    ]);
  });

  it("dates out of order", () => {
    const file = fixture("dates-out-of-order.yaml");
    const [problem, ...rest] = problemsOf(() => loadDeal(file));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ line: 11, path: "dates.firstDistributionDate" });
    expect(problem.message).toContain("must be after the Closing Date 2020-01-30");
  });

  it("a duplicate id", () => {
    const file = fixture("duplicate-id.yaml");
    const [problem, ...rest] = problemsOf(() => loadDeal(file));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ line: 26, column: columnOf(file, 26, "L1"), path: "collateral.groups[1].repLines[L1].id" });
    expect(problem.message).toBe('duplicate rep line id "L1" (already used at index 0)');
  });

  it("reports all four problems of a file at once, schema and semantic together", () => {
    const file = fixture("four-problems.yaml");
    const problems = problemsOf(() => loadDeal(file));
    expect(problems.map((p) => `${p.line} ${p.path}`)).toEqual([
      "11 dates.firstDistributionDate",
      "31 classes[B].coupon.rate",
      "45 rules[§4.02(a)(iii)].classes[1]",
      "48 optionalTermination.colour",
    ]);
    expect(problems[3]).toMatchObject({ column: columnOf(file, 48, "colour"), message: 'unknown field "colour"' });
    expect(formatProblem(problems[1])).toBe(`${file}:31:${columnOf(file, 31, "six")}  classes[B].coupon.rate: expected a number, got "six"`);
  });

  it("a key written twice in one mapping", () => {
    const text = readFileSync(fixture("minimal.yaml"), "utf8").replace("{id: R, group:", "{id: R, id: S, group:");
    const problems = problemsOf(() => parseDealText(text, "dup.yaml"));
    expect(problems.map((p) => [p.line, p.message])).toEqual([[29, "Map keys must be unique"]]);
  });

  it("an unknown rule kind lists the kinds", () => {
    const text = readFileSync(fixture("minimal.yaml"), "utf8").replace("kind: residual", "kind: remainder");
    const [problem] = problemsOf(() => parseDealText(text, "t.yaml"));
    expect(problem).toMatchObject({ line: 46, path: "rules[§4.02(a)(iv)].kind" });
    expect(problem.message).toContain('got "remainder"');
    expect(problem.message).toContain('"crossCollateralization"');
  });
});

describe("loadDeal: amendments beside the deal", () => {
  it("applies amendments in effective-date order and records the timeline", () => {
    const loaded = loadDeal(fixture("amendments/amended.yaml"));
    expect(loaded.amendments.map((a) => a.amendment.id)).toEqual(["amendment-2", "amendment-1"]);
    expect(loaded.appliedAmendments).toEqual(["amendment-2", "amendment-1"]);
    expect(loaded.amendmentTimeline.map((t) => [t.amendmentId, t.effectiveDate])).toEqual([
      ["amendment-2", "2020-01-30"],
      ["amendment-1", "2021-06-01"],
    ]);
    expect(loaded.deal.rules.map((r) => r.section)).toEqual(["§4.02(a)(i)", "§4.02(a)(ii)", "§4.02(a)(iii)", "§4.02(a)(iv)"]);
    expect(loaded.deal.rules[2].title).toBe("Subordinates, as amended");
    expect(loaded.ruleSources.get("§4.02(a)(iii)")).toMatchObject({ text: "amendment-1", deleted: false, effectiveDate: "2021-06-01" });
    expect(loaded.ruleSources.get("§4.02(c)")).toMatchObject({ text: "amendment-2", deleted: true, replacementText: "[Reserved]" });
    expect(loaded.amendments[0].provenance.get("effectiveDate")).toMatchObject({ kind: "filed", source: "fixture filing, Section 2" });
  });

  it("locates an amendment deleting a section the deal lacks, and a patch rule naming an unknown class", () => {
    const file = fixture("amendments/bad-section.amendment-1.yaml");
    const problems = problemsOf(() => loadDeal(fixture("amendments/bad-section.yaml")));
    expect(problems.map((p) => [p.file, p.line, p.path])).toEqual([
      [file, 11, "patches[§4.02(z)].section"],
      [file, 13, "patches[1].rule.class"],
    ]);
    expect(problems[0].message).toContain('no rule with section "§4.02(z)"');
    expect(problems[1].message).toContain('unknown class "Q"');
  });

  it("locates schema errors in an amendment file", () => {
    const file = fixture("amendments/bad-type.amendment-1.yaml");
    expect(problemsOf(() => loadDeal(fixture("amendments/bad-type.yaml")))).toEqual([
      { file, line: 5, column: 13, path: "dateSigned", message: 'must be a calendar date written YYYY-MM-DD, got "yesterday"' },
      { file, line: 10, column: 10, path: "patches[§4.02(a)(i)].op", message: 'must be one of "delete", "replace", "insert"; got "rename"' },
    ]);
  });

  it("validates an amendment for another deal and one effective before the PSA", () => {
    const deal = readFileSync(fixture("minimal.yaml"), "utf8");
    const amendment = [
      "id: a-1",
      "deal: some-other-deal",
      "title: t",
      "dateSigned: 2021-01-01",
      "effectiveDate: 2019-12-31",
      "authority: x",
      "source: y",
      "patches: [{op: delete, section: \"§4.02(a)(iv)\", replacementText: \"[Reserved]\"}]",
    ].join("\n");
    const problems = problemsOf(() => parseDealText(deal, "d.yaml", { amendments: [{ text: amendment, fileName: "a.yaml" }] }));
    expect(problems.map((p) => [p.file, p.line, p.path])).toEqual([
      ["a.yaml", 2, "deal"],
      ["a.yaml", 5, "effectiveDate"],
    ]);
  });

  it("reports a deletion that leaves a subordinate class unpaid, at the patch", () => {
    const deal = readFileSync(fixture("minimal.yaml"), "utf8");
    const amendment = "id: a-1\ndeal: fixture-minimal\ntitle: t\ndateSigned: 2021-01-01\neffectiveDate: 2021-01-01\nauthority: x\nsource: y\npatches:\n  - {op: delete, section: \"§4.02(a)(iii)\", replacementText: \"[Reserved]\"}\n";
    const problems = problemsOf(() => parseDealText(deal, "d.yaml", { amendments: [{ text: amendment, fileName: "a.yaml" }] }));
    expect(problems.map((p) => [p.file, p.line, p.path])).toEqual([["a.yaml", 9, "patches"]]);
    expect(problems[0].message).toContain("no `subordinates` rule");
  });
});
