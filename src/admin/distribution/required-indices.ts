/**
 * The index fixings a Distribution Date needs: every index a class's
 * Pass-Through Rate (floater, inverse floater) or a contract (§4.08 corridor)
 * reads. The trustee sets them (One-Month LIBOR two London business days before
 * the accrual period) and records them with the posting.
 */
import type { Deal } from "../../deal/schema.js";

export function requiredIndices(deal: Deal): string[] {
  const names = new Set<string>();
  for (const c of deal.classes) {
    if (c.coupon.kind === "floater" || c.coupon.kind === "inverseFloater") names.add(c.coupon.index);
  }
  for (const k of deal.contracts) names.add(k.index);
  return [...names].sort();
}
