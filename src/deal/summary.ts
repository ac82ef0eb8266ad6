/**
 * A plain-data summary of a loaded deal for `tranche validate` and the API:
 * dates, pool by group, classes, the offered total against the filed amount,
 * the rules in PSA order with the text that governs each, contracts and
 * amendments.
 */
import { toCents } from "../core/money.js";
import type { RuleSource } from "./amendments.js";
import type { LoadedDeal } from "./parse-deal.js";
import type { ClassSpec, Coupon, Deal } from "./schema.js";

export interface RuleSummary {
  readonly section: string;
  /** The rule kind, or `"deleted"` for a section an amendment deleted. */
  readonly kind: string;
  readonly title: string;
  /** `"as signed"` or the amendment id whose text governs. */
  readonly text: string;
  readonly deleted: boolean;
  readonly replacementText?: string;
  readonly effectiveDate?: string;
}

export interface DealSummary {
  readonly id: string;
  readonly name: string;
  readonly file: string;
  readonly dates: Deal["dates"];
  readonly groups: readonly { id: string; repLines: number; loanCount: number; statedPrincipalBalance: number }[];
  readonly poolBalance: number;
  readonly classes: readonly {
    id: string;
    group: string | null;
    types: readonly string[];
    initialBalance: number;
    notional: string | null;
    coupon: string;
    offered: boolean;
  }[];
  readonly offered: { readonly classesTotal: number; readonly filed: number; readonly matches: boolean };
  readonly rules: readonly RuleSummary[];
  readonly contracts: readonly {
    id: string;
    kind: string;
    section: string;
    counterparty: string;
    beneficiary: string;
    index: string;
    strikeRate: number;
    ceilingRate: number;
    firstDistributionDate: string;
    lastDistributionDate: string;
  }[];
  readonly amendments: readonly {
    id: string;
    title: string;
    dateSigned: string;
    effectiveDate: string;
    applied: boolean;
    authority: string;
    source: string;
    patches: readonly string[];
  }[];
  readonly optionalTermination: Deal["optionalTermination"];
}

/** "6.00%", "LIBOR_1M + 0.40% (floor 0.40%, cap 6.00%)", "Group 1 net WAC", ... */
export function describeCoupon(coupon: Coupon): string {
  const pct = (x: number): string => `${x.toFixed(2)}%`;
  switch (coupon.kind) {
    case "fixed":
      return pct(coupon.rate);
    case "floater":
      return `${coupon.index} + ${pct(coupon.margin)} (floor ${pct(coupon.floor)}, cap ${pct(coupon.cap)})`;
    case "inverseFloater":
      return `${pct(coupon.constant)} − ${coupon.multiplier === 1 ? "" : `${coupon.multiplier} × `}${coupon.index} (floor ${pct(coupon.floor)}, cap ${pct(coupon.cap)})`;
    case "premiumStrip":
      return "premium strip over the Required Coupon";
    case "none":
      return "none (principal only)";
    case "groupNetWac":
      return `Group ${coupon.group} net WAC`;
    case "subordinateNetWac":
      return "subordinate net WAC";
  }
}

function describeNotional(spec: ClassSpec): string | null {
  if (spec.notional === undefined) return null;
  return spec.notional.of === "class" ? `Class ${spec.notional.class} balance` : "Non-Discount loans' balance";
}

/**
 * The rules of the amended deal in order, with each deleted section shown where
 * it stood in the PSA as signed (after the rule that preceded it).
 */
export function rulesInPsaOrder(loaded: LoadedDeal): RuleSummary[] {
  const source = (section: string): RuleSource => loaded.ruleSources.get(section) ?? { text: "as signed", deleted: false };
  const list: RuleSummary[] = loaded.deal.rules.map((rule) => {
    const s = source(rule.section);
    return { section: rule.section, kind: rule.kind, title: rule.title, text: s.text, deleted: false, effectiveDate: s.effectiveDate };
  });
  loaded.base.rules.forEach((rule, index) => {
    const s = source(rule.section);
    if (!s.deleted || loaded.deal.rules.some((r) => r.section === rule.section)) return;
    const previous = index > 0 ? loaded.base.rules[index - 1].section : undefined;
    const at = previous === undefined ? 0 : list.findIndex((r) => r.section === previous) + 1;
    list.splice(at, 0, {
      section: rule.section,
      kind: "deleted",
      title: rule.title,
      text: s.text,
      deleted: true,
      replacementText: s.replacementText,
      effectiveDate: s.effectiveDate,
    });
  });
  return list;
}

export function summarizeDeal(loaded: LoadedDeal): DealSummary {
  const { deal } = loaded;
  const groups = deal.collateral.groups.map((g) => ({
    id: g.id,
    repLines: g.repLines.length,
    loanCount: g.repLines.reduce((n, r) => n + r.loanCount, 0),
    statedPrincipalBalance: g.repLines.reduce((s, r) => s + toCents(r.statedPrincipalBalance), 0) / 100,
  }));
  const offeredCents = deal.classes.filter((c) => c.offered).reduce((s, c) => s + toCents(c.initialBalance), 0);
  const applied = new Set(loaded.appliedAmendments);
  return {
    id: deal.id,
    name: deal.name,
    file: loaded.path,
    dates: deal.dates,
    groups,
    poolBalance: groups.reduce((s, g) => s + toCents(g.statedPrincipalBalance), 0) / 100,
    classes: deal.classes.map((c) => ({
      id: c.id,
      group: c.group ?? null,
      types: c.types,
      initialBalance: c.initialBalance,
      notional: describeNotional(c),
      coupon: describeCoupon(c.coupon),
      offered: c.offered,
    })),
    offered: { classesTotal: offeredCents / 100, filed: deal.offeredAmount, matches: offeredCents === toCents(deal.offeredAmount) },
    rules: rulesInPsaOrder(loaded),
    contracts: deal.contracts.map((c) => ({
      id: c.id,
      kind: c.kind,
      section: c.section,
      counterparty: c.counterparty,
      beneficiary: c.beneficiary,
      index: c.index,
      strikeRate: c.strikeRate,
      ceilingRate: c.ceilingRate,
      firstDistributionDate: c.firstDistributionDate,
      lastDistributionDate: c.lastDistributionDate,
    })),
    amendments: loaded.amendments.map(({ amendment: a }) => ({
      id: a.id,
      title: a.title,
      dateSigned: a.dateSigned,
      effectiveDate: a.effectiveDate,
      applied: applied.has(a.id),
      authority: a.authority,
      source: a.source,
      patches: a.patches.map((p) =>
        p.op === "delete" ? `delete ${p.section} → "${p.replacementText}"` : p.op === "replace" ? `replace ${p.section}` : `insert ${p.rule.section} after ${p.after}`,
      ),
    })),
    optionalTermination: deal.optionalTermination,
  };
}
