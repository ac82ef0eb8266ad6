/**
 * Name resolution in a deal: every class, group and section a rule, the loss
 * allocation, a notional or a contract names must exist, ids must be unique,
 * and the subordinate classes must be complete in both §4.02 and §4.04.
 */
import type { DealCheckInput, DealIssue } from "./deal-issue.js";
import { depletionGroups, type ClassSpec, type Rule } from "./schema.js";
import type { FieldPath } from "./source-map.js";

/** Duplicate values of `key` in `items`, reported at the later occurrence. */
export function duplicateIssues<T>(
  items: readonly T[],
  key: (item: T) => string,
  at: (index: number) => FieldPath,
  what: string,
): DealIssue[] {
  const seen = new Map<string, number>();
  const issues: DealIssue[] = [];
  items.forEach((item, index) => {
    const value = key(item);
    const first = seen.get(value);
    if (first === undefined) seen.set(value, index);
    else issues.push({ path: at(index), message: `duplicate ${what} "${value}" (already used at index ${first})` });
  });
  return issues;
}

export function checkUniqueIds(input: DealCheckInput): DealIssue[] {
  const { deal } = input;
  const issues: DealIssue[] = [];
  issues.push(...duplicateIssues(input.classes, (c) => c.spec.id, (i) => ["classes", input.classes[i].index, "id"], "class id"));
  if (deal.collateral) {
    const groups = deal.collateral.groups;
    issues.push(...duplicateIssues(groups, (g) => g.id, (i) => ["collateral", "groups", i, "id"], "loan group id"));
    const repLines = groups.flatMap((g, gi) => g.repLines.map((r, ri) => ({ id: r.id, path: ["collateral", "groups", gi, "repLines", ri, "id"] })));
    issues.push(...duplicateIssues(repLines, (r) => r.id, (i) => repLines[i].path, "rep line id"));
  }
  issues.push(...duplicateIssues(input.rules, (r) => r.rule.section, (i) => ["rules", input.rules[i].index, "section"], "rule section"));
  issues.push(...duplicateIssues(input.contracts, (c) => c.contract.id, (i) => ["contracts", input.contracts[i].index, "id"], "contract id"));
  return issues;
}

/** A class id named at `path`, with the type it must carry (if any). */
interface ClassReference {
  readonly id: string;
  readonly path: FieldPath;
  readonly mustBe?: ClassSpec["types"][number];
}

function ruleReferences(rule: Rule, index: number): { classes: ClassReference[]; groups: { id: string; path: FieldPath }[] } {
  const at = (...rest: (string | number)[]): FieldPath => ["rules", index, ...rest];
  const list = (ids: readonly string[], ...rest: (string | number)[]): ClassReference[] => ids.map((id, i) => ({ id, path: at(...rest, i) }));
  switch (rule.kind) {
    case "seniorInterest":
      return { classes: list(rule.classes, "classes"), groups: [{ id: rule.group, path: at("group") }] };
    case "poPrincipal":
    case "poDeferred":
      return { classes: [{ id: rule.class, path: at("class"), mustBe: "principalOnly" }], groups: [{ id: rule.group, path: at("group") }] };
    case "seniorPrincipal":
      return {
        classes: rule.sequence.flatMap((payee, p) => list(payee.classes, "sequence", p, "classes")),
        groups: [{ id: rule.group, path: at("group") }],
      };
    case "seniorPrincipalAfterDepletion": {
      if (!("groups" in rule)) return { classes: list(rule.classes, "classes"), groups: [{ id: rule.group, path: at("group") }] };
      const pairs = depletionGroups(rule);
      return {
        classes: pairs.flatMap((pair, g) => list(pair.classes, "groups", g, "classes")),
        groups: pairs.map((pair, g) => ({ id: pair.group, path: at("groups", g, "group") })),
      };
    }
    case "accrualDistribution":
      return {
        classes: [{ id: rule.class, path: at("class") }, ...rule.sequence.flatMap((payee, p) => list(payee.classes, "sequence", p, "classes"))],
        groups: [{ id: rule.group, path: at("group") }],
      };
    case "crossCollateralization":
      return { classes: [], groups: [] };
    case "subordinates":
      return { classes: rule.classes.map((id, i) => ({ id, path: at("classes", i), mustBe: "subordinate" })), groups: [] };
    case "residual":
      return { classes: [{ id: rule.class, path: at("class"), mustBe: "residual" }], groups: [] };
  }
}

/** Every class and group a rule names exists (and has the type the rule needs). */
export function checkRuleReferences(input: DealCheckInput): DealIssue[] {
  const issues: DealIssue[] = [];
  for (const { index, rule } of input.rules) {
    const refs = ruleReferences(rule, index);
    issues.push(...classIssues(refs.classes, input, `rule ${rule.section}`));
    if (input.groupsKnown) {
      for (const g of refs.groups) {
        if (!input.groupIds.has(g.id)) issues.push({ path: g.path, message: `unknown loan group "${g.id}" in rule ${rule.section}${known(input.groupIds)}` });
      }
    }
  }
  return issues;
}

/** Unknown names are checked against every id in the file; types only for classes that pass the schema. */
function classIssues(refs: readonly ClassReference[], input: DealCheckInput, where: string): DealIssue[] {
  const parsed = new Map(input.classes.map((c) => [c.spec.id, c.spec]));
  const issues: DealIssue[] = [];
  for (const ref of refs) {
    const spec = parsed.get(ref.id);
    if (!input.classIds.has(ref.id)) {
      issues.push({ path: ref.path, message: `unknown class "${ref.id}" in ${where}${known(input.classIds)}` });
    } else if (spec !== undefined && ref.mustBe !== undefined && !spec.types.includes(ref.mustBe)) {
      issues.push({ path: ref.path, message: `class "${ref.id}" named in ${where} must have type ${ref.mustBe} (its types: ${spec.types.join(", ")})` });
    }
  }
  return issues;
}

function known(ids: Iterable<string>): string {
  const list = [...ids];
  return list.length === 0 ? "" : ` (known: ${list.join(", ")})`;
}

/** §4.04 loss allocation, the priority amount, notionals and corridor beneficiaries name existing classes. */
export function checkOtherClassReferences(input: DealCheckInput): DealIssue[] {
  const { deal } = input;
  const classes = new Map(input.classes.map((c) => [c.spec.id, c.spec]));
  const issues: DealIssue[] = [];
  const loss = deal.lossAllocation;
  if (loss) {
    const refs: ClassReference[] = loss.subordinateOrder.map((id, i) => ({ id, path: ["lossAllocation", "subordinateOrder", i], mustBe: "subordinate" as const }));
    if (loss.poClass !== undefined) refs.push({ id: loss.poClass, path: ["lossAllocation", "poClass"], mustBe: "principalOnly" });
    loss.seniorSupport.forEach((pair, i) => {
      refs.push({ id: pair.superSenior, path: ["lossAllocation", "seniorSupport", i, "superSenior"], mustBe: "superSenior" });
      refs.push({ id: pair.support, path: ["lossAllocation", "seniorSupport", i, "support"], mustBe: "seniorSupport" });
    });
    issues.push(...classIssues(refs, input, `the loss allocation (${loss.section})`));
    loss.seniorSupport.forEach((pair, i) => {
      const a = classes.get(pair.superSenior);
      const b = classes.get(pair.support);
      if (a && b && a.group !== b.group) {
        issues.push({ path: ["lossAllocation", "seniorSupport", i], message: `super senior ${a.id} (group ${a.group ?? "none"}) and its support ${b.id} (group ${b.group ?? "none"}) must be in the same loan group` });
      }
    });
    issues.push(...duplicateIssues(loss.subordinateOrder, (id) => id, (i) => ["lossAllocation", "subordinateOrder", i], "class"));
  }
  if (deal.priorityAmount) {
    issues.push(...classIssues([{ id: deal.priorityAmount.class, path: ["priorityAmount", "class"] }], input, `the priority amount (${deal.priorityAmount.citation})`));
  }
  for (const { index: i, spec } of input.classes) {
    if (spec.notional?.of === "class") {
      const base = classes.get(spec.notional.class);
      if (!input.classIds.has(spec.notional.class)) issues.push({ path: ["classes", i, "notional", "class"], message: `unknown class "${spec.notional.class}" as the notional of ${spec.id}${known(input.classIds)}` });
      else if (base?.notional !== undefined) issues.push({ path: ["classes", i, "notional", "class"], message: `the notional of ${spec.id} must be a class with a balance, but ${base.id} is itself notional` });
    }
  }
  for (const { index: i, contract } of input.contracts) {
    issues.push(...classIssues([{ id: contract.beneficiary, path: ["contracts", i, "beneficiary"], mustBe: "corridorBeneficiary" }], input, `contract ${contract.id}`));
  }
  return issues;
}

/** Every subordinate class is in §4.04's `subordinateOrder` and in the `subordinates` rule, in reverse orders of each other. */
export function checkSubordinateCoverage(input: DealCheckInput): DealIssue[] {
  const { deal } = input;
  if (!deal.classes) return [];
  const subordinates = deal.classes.map((c, i) => ({ c, i })).filter(({ c }) => c.types.includes("subordinate"));
  const issues: DealIssue[] = [];
  const rules = deal.rules?.map((r, i) => ({ r, i })).filter(({ r }) => r.kind === "subordinates") ?? [];
  if (deal.rules && subordinates.length > 0 && rules.length === 0) {
    issues.push({ path: ["rules"], message: "the deal has subordinate classes but no `subordinates` rule pays them" });
  }
  if (rules.length > 1) {
    issues.push({ path: ["rules", rules[1].i], message: "only one `subordinates` rule is allowed: it pays every subordinate class in order of seniority" });
  }
  const paid = rules[0]?.r.kind === "subordinates" ? rules[0].r.classes : undefined;
  const order = deal.lossAllocation?.subordinateOrder;
  for (const { c, i } of subordinates) {
    if (order && !order.includes(c.id)) issues.push({ path: ["classes", i], message: `subordinate class ${c.id} is missing from lossAllocation.subordinateOrder` });
    if (paid && !paid.includes(c.id)) issues.push({ path: ["classes", i], message: `subordinate class ${c.id} is missing from the subordinates rule (${rules[0].r.section})` });
  }
  if (paid && order && paid.length === order.length && paid.every((id, k) => order[order.length - 1 - k] === id) === false) {
    issues.push({ path: ["lossAllocation", "subordinateOrder"], message: `must be the subordinates rule's order reversed (most junior first): ${[...paid].reverse().join(", ")}` });
  }
  return issues;
}

/** Classes' groups, coupons' groups and notionals refer to existing groups; notional classes carry no balance. */
export function checkClassDefinitions(input: DealCheckInput): DealIssue[] {
  const { deal } = input;
  const groups = input.groupsKnown ? input.groupIds : undefined;
  const issues: DealIssue[] = [];
  for (const { index: i, spec } of input.classes) {
    if (groups && spec.group !== undefined && !groups.has(spec.group)) {
      issues.push({ path: ["classes", i, "group"], message: `unknown loan group "${spec.group}" for class ${spec.id}${known(groups)}` });
    }
    if (groups && spec.coupon.kind === "groupNetWac" && !groups.has(spec.coupon.group)) {
      issues.push({ path: ["classes", i, "coupon", "group"], message: `unknown loan group "${spec.coupon.group}" for the net WAC of class ${spec.id}${known(groups)}` });
    }
    const typedNotional = spec.types.includes("notionalIo");
    if (typedNotional && spec.notional === undefined) {
      issues.push({ path: ["classes", i, "notional"], message: `notional class ${spec.id} needs a \`notional\` (of: class, or of: nonDiscountLoans)` });
    }
    if (spec.notional !== undefined && !typedNotional) {
      issues.push({ path: ["classes", i, "types"], message: `class ${spec.id} has a notional, so its types must include notionalIo` });
    }
    if ((typedNotional || spec.notional !== undefined) && spec.initialBalance !== 0) {
      issues.push({ path: ["classes", i, "initialBalance"], message: `notional class ${spec.id} owns no principal: initialBalance must be 0, got ${spec.initialBalance}` });
    }
    if (spec.notional?.of === "nonDiscountLoans" && deal.collateral && deal.collateral.requiredCoupon === undefined) {
      issues.push({ path: ["classes", i, "notional"], message: `a notional of the Non-Discount loans needs collateral.requiredCoupon` });
    }
  }
  return issues;
}
