/**
 * The classes a holder can price: the REMIC classes of `classes`, then each
 * exchangeable (MACR) class of `exchangeableClasses` as a class of its own. An
 * exchangeable class is the whole combination exchanged, so its terms are its
 * components': their accrual (validation requires one), the components' coupon
 * when they share it, their original balances summed. When the components' coupons
 * differ, its Pass-Through Rate is the one its projected interest implies
 * (`couponIsImplied`); the engine sums its flows from the components'.
 */
import type { ClassSpec, Deal, ExchangeableClass } from "./schema.js";

const byDeal = new WeakMap<Deal, readonly ClassSpec[]>();
const implied = new WeakSet<ClassSpec>();

function sameCoupon(a: ClassSpec["coupon"], b: ClassSpec["coupon"]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The ClassSpec an exchangeable class is priced by. Throws a RangeError on an unknown component. */
export function exchangeableClassSpec(deal: Deal, x: ExchangeableClass): ClassSpec {
  const parts = x.components.map((c) => {
    const spec = deal.classes.find((k) => k.id === c.class);
    if (!spec) throw new RangeError(`exchangeable class ${x.id}: unknown component class "${c.class}"`);
    return spec;
  });
  const groups = new Set(parts.map((p) => p.group));
  const common = parts.every((p) => sameCoupon(p.coupon, parts[0].coupon));
  const spec: ClassSpec = {
    id: x.id,
    ...(groups.size === 1 && parts[0].group !== undefined ? { group: parts[0].group } : {}),
    types: ["exchangeable"],
    initialBalance: parts.reduce((s, p) => s + p.initialBalance, 0),
    coupon: common ? parts[0].coupon : { kind: "none" },
    accrual: parts[0].accrual,
    offered: x.offered,
    ...(x.cusip !== undefined ? { cusip: x.cusip } : {}),
  };
  if (!common) implied.add(spec);
  return spec;
}

/** The REMIC classes, then the exchangeable classes (as specs), in deal order. */
export function priceableClasses(deal: Deal): readonly ClassSpec[] {
  let all = byDeal.get(deal);
  if (!all) {
    all = [...deal.classes, ...(deal.exchangeableClasses ?? []).map((x) => exchangeableClassSpec(deal, x))];
    byDeal.set(deal, all);
  }
  return all;
}

/** A REMIC or exchangeable class by id. */
export function priceableClass(deal: Deal, classId: string): ClassSpec | undefined {
  return priceableClasses(deal).find((c) => c.id === classId);
}

/** True for an exchangeable class whose components' coupons differ: its rate is implied by its projected interest. */
export function couponIsImplied(spec: ClassSpec): boolean {
  return implied.has(spec);
}

/** `DEAL has no class "X" (classes: …)`, listing the exchangeable classes too. */
export function unknownClassMessage(deal: Deal, classId: string): string {
  return `${deal.id} has no class "${classId}" (classes: ${priceableClasses(deal).map((c) => c.id).join(", ")})`;
}
