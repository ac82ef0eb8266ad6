/**
 * Index fixings for a projection: the scenario's path for each index (flat or a
 * vector by period, last value held), else the deal's default.
 */
import type { Scenario } from "../core/scenario.js";
import { valueAt } from "../core/vector.js";
import type { Deal } from "../deal/schema.js";

const namesByDeal = new WeakMap<Deal, readonly string[]>();

/** Every index name the deal reads: class coupons, contracts, ARM terms, defaults. */
export function indexNames(deal: Deal): string[] {
  return [...namesOf(deal)];
}

/** The names, collected once per deal. */
function namesOf(deal: Deal): readonly string[] {
  let names = namesByDeal.get(deal);
  if (!names) {
    names = collectIndexNames(deal);
    namesByDeal.set(deal, names);
  }
  return names;
}

function collectIndexNames(deal: Deal): string[] {
  const names = new Set<string>(Object.keys(deal.collateral.defaultIndices));
  for (const c of deal.classes) if ("index" in c.coupon) names.add(c.coupon.index);
  for (const k of deal.contracts) names.add(k.index);
  for (const g of deal.collateral.groups) for (const l of g.repLines) if (l.arm) names.add(l.arm.index);
  return [...names];
}

export function indexFixings(deal: Deal, scenario: Scenario, period: number): Record<string, number> {
  const out: Record<string, number> = {};
  writeIndexFixings(out, deal, scenario, period);
  return out;
}

/** `indexFixings` written into `out` (a projection reuses one record from date to date). */
export function writeIndexFixings(out: Record<string, number>, deal: Deal, scenario: Scenario, period: number): void {
  for (const name of namesOf(deal)) {
    const path = scenario.indices[name];
    const fallback = deal.collateral.defaultIndices[name];
    if (path && path.values.length) out[name] = valueAt(path.values, period);
    else if (fallback !== undefined) out[name] = fallback;
  }
}
