/**
 * The semantic checks beyond the fixture files: each mutation of a valid deal
 * yields the problem at the line of the mutated text (found by searching the
 * text), and the Article I PO arithmetic of 2007-12T1 by hand.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadDeal } from "./load-deal.js";
import { parseDealText } from "./parse-deal.js";
import { DealValidationError, type DealProblem } from "./problems.js";
import { poPercentage, poPortionCents } from "./validate-balances.js";
import { validateDeal } from "./validate.js";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const read = (path: string) => readFileSync(join(repo, path), "utf8");
const minimal = read("test/fixtures/deals/minimal.yaml");
const t1 = read("deals/cwalt-2007-12t1.yaml");
const hy12 = read("deals/cwalt-2006-hy12.yaml");

/** `text` with `from` replaced by `to` (which must occur exactly once). */
function mutate(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`"${from}" must occur exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** 1-based line of the first occurrence of `marker`. */
const lineOf = (text: string, marker: string): number => text.slice(0, text.indexOf(marker)).split("\n").length;

function problems(text: string): DealProblem[] {
  try {
    parseDealText(text, "deal.yaml");
  } catch (e) {
    if (e instanceof DealValidationError) return [...e.errors];
    throw e;
  }
  return [];
}

const brief = (ps: DealProblem[]) => ps.map((p) => `${p.line} ${p.path}`);

describe("Article I PO arithmetic (2007-12T1, by hand)", () => {
  const deal = loadDeal("cwalt-2007-12t1").deal;
  const [r1, r2] = deal.collateral.groups[0].repLines;

  it("R1 is a Discount loan: net 6.125 − 0.209 = 5.916 < 6.00, PO Percentage 1 − 5.916/6 = 1.4%", () => {
    expect(poPercentage(deal.collateral, r1)).toBeCloseTo(0.014, 12);
    expect(poPercentage(deal.collateral, r2)).toBe(0);
  });

  it("the PO portion is 43,200,000 × 1.4% = $604,800.00, Class PO's balance", () => {
    expect(poPortionCents(deal.collateral, deal.collateral.groups[0].repLines)).toBe(60_480_000);
    expect(deal.classes.find((c) => c.id === "PO")!.initialBalance).toBe(604_800);
  });

  it("a PO class a cent off is reported at its balance, and so is the non-PO total", () => {
    const text = mutate(t1, "initialBalance: 604800.00", "initialBalance: 604800.01");
    const ps = problems(text);
    // PO is offered, so the offered total is a cent over the filed amount too.
    expect(brief(ps)).toEqual([`${lineOf(text, "offeredAmount:")} offeredAmount`, `${lineOf(text, "604800.01")} classes[PO].initialBalance`]);
    expect(ps[1].message).toContain("must equal the PO portion of the Discount Mortgage Loans, $604,800.00");
  });

  it("non-PO classes must add up to the non-PO pool balance", () => {
    const text = mutate(t1, "initialBalance: 2223860.00", "initialBalance: 2223860.50");
    const ps = problems(text);
    expect(ps.map((p) => p.path)).toEqual(["classes"]);
    expect(ps[0].message).toContain("the non-PO class balances sum to $863,395,200.50, not the non-PO pool balance $863,395,200.00");
  });
});

describe("classes and names", () => {
  it("a notional class carries no balance and needs a notional", () => {
    const text = mutate(t1, "initialBalance: 0, notional: {of: class, class: A-1}", "initialBalance: 0");
    expect(brief(problems(text))).toEqual([`${lineOf(text, "id: A-2")} classes[A-2].notional`]);
    const balance = mutate(t1, "types: [senior, inverseFloater, notionalIo], initialBalance: 0,", "types: [senior, inverseFloater, notionalIo], initialBalance: 5,");
    expect(problems(balance).map((p) => p.path)).toContain("classes[A-2].initialBalance");
  });

  it("a notional of an unknown or a notional class", () => {
    const unknown = mutate(t1, "notional: {of: class, class: A-1}", "notional: {of: class, class: A-7}");
    expect(problems(unknown).map((p) => p.message)).toEqual([expect.stringContaining('unknown class "A-7" as the notional of A-2')]);
    const selfish = mutate(t1, "notional: {of: class, class: A-1}", "notional: {of: class, class: X}");
    expect(problems(selfish).map((p) => p.message)).toEqual(["the notional of A-2 must be a class with a balance, but X is itself notional"]);
  });

  it("unknown loan groups in a class, a coupon and a rule", () => {
    let text = mutate(minimal, '{id: A, group: "1"', '{id: A, group: "7"');
    text = mutate(text, 'group: "1", classes: [A, R]}', 'group: "9", classes: [A, R]}');
    const ps = problems(text);
    expect(brief(ps)).toEqual([`${lineOf(text, "id: A,")} classes[A].group`, `${lineOf(text, "seniorInterest")} rules[§4.02(a)(i)].group`]);
    const wac = problems(mutate(hy12, 'initialBalance: 240000000.00,\n     coupon: {kind: groupNetWac, group: "2"}', 'initialBalance: 240000000.00,\n     coupon: {kind: groupNetWac, group: "3"}'));
    expect(wac.map((p) => p.path)).toEqual(["classes[2-A-1].coupon.group"]);
  });

  it("a rule class must have the type the rule needs (residual, subordinate, PO)", () => {
    const text = mutate(minimal, 'title: "Remainder", class: R}', 'title: "Remainder", class: A}');
    expect(problems(text).map((p) => p.message)).toEqual([expect.stringContaining('class "A" named in rule §4.02(a)(iv) must have type residual')]);
  });

  it("every subordinate class in subordinateOrder and the subordinates rule, in reverse orders", () => {
    const missing = mutate(t1, "classes: [M, B-1, B-2, B-3, B-4, B-5]}", "classes: [M, B-1, B-2, B-3, B-4]}");
    const ps = problems(missing);
    expect(ps.map((p) => p.message)).toEqual(["subordinate class B-5 is missing from the subordinates rule (§4.02(a)(iv))"]);
    expect(ps[0].line).toBe(lineOf(missing, "id: B-5"));
    const order = mutate(t1, "subordinateOrder: [B-5, B-4, B-3, B-2, B-1, M]", "subordinateOrder: [B-4, B-5, B-3, B-2, B-1, M]");
    expect(problems(order).map((p) => p.path)).toEqual(["lossAllocation.subordinateOrder"]);
    const lossGap = mutate(t1, "subordinateOrder: [B-5, B-4, B-3, B-2, B-1, M]", "subordinateOrder: [B-5, B-4, B-3, B-2, B-1]");
    expect(problems(lossGap).map((p) => p.message)).toEqual(["subordinate class M is missing from lossAllocation.subordinateOrder"]);
  });

  it("senior support pairs: types and groups", () => {
    const swapped = mutate(hy12, "{superSenior: 2-A-1, support: 2-A-2}", "{superSenior: 2-A-2, support: 2-A-1}");
    expect(problems(swapped).map((p) => p.path)).toEqual(["lossAllocation.seniorSupport[1].superSenior", "lossAllocation.seniorSupport[1].support"]);
    const crossed = mutate(hy12, "{superSenior: 2-A-1, support: 2-A-2}", "{superSenior: 2-A-1, support: 1-A-2}");
    expect(problems(crossed).map((p) => p.message)).toEqual([expect.stringContaining("must be in the same loan group")]);
  });

  it("rule sections are unique", () => {
    const text = mutate(minimal, 'section: "§4.02(a)(iv)"', 'section: "§4.02(a)(iii)"');
    const ps = problems(text);
    expect(ps).toEqual([expect.objectContaining({ line: lineOf(text, "kind: residual"), message: 'duplicate rule section "§4.02(a)(iii)" (already used at index 2)' })]);
  });

  it("§4.02(c) in one-group or several-group form, not both, not neither", () => {
    const both = mutate(hy12, '    groups:\n      - {group: "1"', '    group: "1"\n    groups:\n      - {group: "1"');
    expect(problems(both).map((p) => p.message)).toEqual(["write either `group` + `classes` or `groups`, not both"]);
    const neither = mutate(hy12, '    groups:\n      - {group: "1", classes: [A-R, 1-A-1, 1-A-2]}\n      - {group: "2", classes: [2-A-1, 2-A-2]}\n', "");
    expect(problems(neither).map((p) => p.path)).toEqual(["rules[§4.02(c)]"]);
    const unknown = mutate(hy12, '- {group: "2", classes: [2-A-1, 2-A-2]}', '- {group: "3", classes: [2-A-1, 2-A-9]}');
    expect(problems(unknown).map((p) => p.path)).toEqual(["rules[§4.02(c)].groups[1].group", "rules[§4.02(c)].groups[1].classes[1]"]);
  });
});

describe("balances per group", () => {
  it("a group's senior classes may not exceed its loans", () => {
    let text = mutate(hy12, "initialBalance: 400000000.00", "initialBalance: 430000000.00");
    text = mutate(text, "{id: M, types: [subordinate], initialBalance: 24000000.00", "{id: M, types: [subordinate], initialBalance: 0.00");
    text = mutate(text, "{id: B-1, types: [subordinate], initialBalance: 8000000.00", "{id: B-1, types: [subordinate], initialBalance: 2000000.00");
    const ps = problems(text);
    expect(brief(ps)).toEqual([`${lineOf(text, '- id: "1"')} collateral.groups[1]`]);
    expect(ps[0].message).toBe("the senior classes of group 1 (1-A-1, 1-A-2, A-R) total $500,944,400.00, more than the group's non-PO loans $500,000,000.00");
  });

  it("in a deal with several groups, each senior class names its group", () => {
    const text = mutate(hy12, '{id: 2-A-2, group: "2", ', "{id: 2-A-2, ");
    expect(problems(text).map((p) => p.message)).toEqual([
      "senior class 2-A-2 must name its loan group (the deal has 2 groups)",
      "super senior 2-A-1 (group 2) and its support 2-A-2 (group none) must be in the same loan group",
    ]);
  });
});

describe("dates, schedules, terms, indices", () => {
  it("cut-off after closing, PSA after closing", () => {
    const text = mutate(mutate(minimal, "cutoffDate: 2020-01-01", "cutoffDate: 2020-02-01"), "psaDate: 2020-01-01", "psaDate: 2020-02-01");
    expect(problems(text).map((p) => p.path)).toEqual(["dates.psaDate", "dates.cutoffDate"]);
  });

  it("schedule steps in increasing month order", () => {
    const text = mutate(minimal, "seniorPrepaymentSchedule: [{from: 2025-02, value: 70}, {from: 2026-02, value: 0}]", "seniorPrepaymentSchedule: [{from: 2026-02, value: 70}, {from: 2026-02, value: 0}]");
    const ps = problems(text);
    expect(ps.map((p) => p.path)).toEqual(["shiftingInterest.seniorPrepaymentSchedule[1].from"]);
    expect(ps[0].message).toBe("schedule steps must be in increasing month order: 2026-02 does not follow 2026-02");
    const priority = mutate(t1, "- {from: 2014-05, value: 60}\n    - {from: 2015-05, value: 80}", "- {from: 2015-05, value: 60}\n    - {from: 2014-05, value: 80}");
    expect(problems(priority).map((p) => p.path)).toEqual(["priorityAmount.shiftPercentage[4].from"]);
  });

  it("corridor notional dates within the contract window and increasing", () => {
    let text = mutate(t1, "{date: 2007-06-25,", "{date: 2007-05-25,");
    text = mutate(text, "{date: 2007-08-25,", "{date: 2007-07-25,");
    text = mutate(text, "{date: 2012-04-25,", "{date: 2012-05-25,");
    const last = (text.match(/\{date: \d{4}-\d{2}-\d{2}, notional:/g) ?? []).length - 1;
    const ps = problems(text);
    expect(ps.map((p) => [p.line, p.path])).toEqual([
      [lineOf(text, "{date: 2007-05-25,"), "contracts[corridor-boa].notionalSchedule[0].date"],
      [lineOf(text, "{date: 2007-07-25,") + 1, "contracts[corridor-boa].notionalSchedule[2].date"],
      [lineOf(text, "{date: 2012-05-25,"), `contracts[corridor-boa].notionalSchedule[${last}].date`],
    ]);
    expect(ps[0].message).toBe("2007-05-25 is outside the contract window 2007-06-25 to 2012-04-25");
    expect(ps[1].message).toBe("notional dates must increase: 2007-07-25 does not follow 2007-07-25");
  });

  it("a corridor's ceiling above its strike, and its beneficiary a corridor beneficiary", () => {
    const text = mutate(mutate(t1, "ceilingRate: 9.10", "ceilingRate: 5.00"), "beneficiary: A-1", "beneficiary: A-3");
    expect(problems(text).map((p) => p.path)).toEqual(["contracts[corridor-boa].beneficiary", "contracts[corridor-boa].ceilingRate"]);
  });

  it("rep line remaining term + age ≤ original term", () => {
    const text = mutate(minimal, "age: 0, remainingTerm: 360", "age: 1, remainingTerm: 360");
    const ps = problems(text);
    expect(brief(ps)).toEqual([`${lineOf(text, "id: L1")} collateral.groups[1].repLines[L1].remainingTerm`]);
    expect(ps[0].message).toBe("remaining term 360 + age 1 exceeds the original term 360");
  });

  it("every index read by an ARM, floater or corridor has a default", () => {
    const text = mutate(hy12, "defaultIndices: {LIBOR_1Y: 5.30}", "defaultIndices: {LIBOR_6M: 5.30}");
    expect(problems(text).map((p) => p.path)).toEqual([
      "collateral.groups[1].repLines[1a].arm.index",
      "collateral.groups[1].repLines[1b].arm.index",
      "collateral.groups[2].repLines[2a].arm.index",
    ]);
  });
});

describe("validateDeal on data", () => {
  it("finds nothing wrong with the real deals, and works on a partial deal", () => {
    expect(validateDeal(loadDeal("cwalt-2007-12t1").deal)).toEqual([]);
    expect(validateDeal(loadDeal("cwalt-2006-hy12", { amendments: "none" }).deal)).toEqual([]);
    const { classes, rules } = loadDeal("cwalt-2007-12t1").deal;
    expect(validateDeal({ classes, rules: rules.map((r) => (r.kind === "residual" ? { ...r, class: "A-9" } : r)) })).toEqual([
      { path: ["rules", 6, "class"], message: expect.stringContaining('unknown class "A-9"') },
    ]);
  });
});
