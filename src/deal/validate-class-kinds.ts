/**
 * The class kinds beyond the strips and shifting interest: PAC/TAC principal
 * schedules and the payees that pay to them, accrual (Z) classes and their
 * accretion-directed classes, exchangeable (MACR) combinations. Each problem is
 * reported at the field that causes it.
 */
import type { DealIssue, PartialDeal } from "./deal-issue.js";
import type { PrincipalPayee } from "./schema.js";
import type { FieldPath } from "./source-map.js";

const month = (date: string) => date.slice(0, 7);
const nextMonth = (m: string): string => {
  const [y, mo] = m.split("-").map(Number);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
};
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/** Principal schedules cover their classes' lives; `limit: schedule` payees name one for their own classes. */
export function checkPrincipalSchedules(deal: PartialDeal): DealIssue[] {
  const issues: DealIssue[] = [];
  const schedules = deal.principalSchedules ?? [];
  const classes = new Map((deal.classes ?? []).map((c) => [c.id, c]));
  const seen = new Set<string>();
  schedules.forEach((x, i) => {
    const at = (...rest: (string | number)[]): FieldPath => ["principalSchedules", i, ...rest];
    if (seen.has(x.id)) issues.push({ path: at("id"), message: `duplicate principal schedule id "${x.id}"` });
    seen.add(x.id);
    let original = 0;
    x.classes.forEach((id, k) => {
      const c = classes.get(id);
      if (deal.classes && !c) issues.push({ path: at("classes", k), message: `unknown class "${id}" in principal schedule ${x.id}` });
      else if (c?.notional) issues.push({ path: at("classes", k), message: `principal schedule ${x.id}: ${id} is a notional class and has no principal to schedule` });
      original += c?.initialBalance ?? 0;
    });
    if (x.kind === "pac" && x.band.speeds.length !== 2) issues.push({ path: at("band", "speeds"), message: `a PAC schedule is generated at its band's two speeds (low, high); got ${x.band.speeds.length}` });
    if (x.band.speeds.length === 2 && x.band.speeds[0] > x.band.speeds[1]) issues.push({ path: at("band", "speeds"), message: `the band's speeds must be low then high, got ${x.band.speeds.join(", ")}` });
    const entries = x.plannedBalances;
    const first = deal.dates?.firstDistributionDate;
    if (first && month(entries[0].date) !== month(first)) {
      issues.push({ path: at("plannedBalances", 0, "date"), message: `principal schedule ${x.id} must start on the first Distribution Date (${first}), not ${entries[0].date}: it does not cover the classes' life` });
    }
    for (let k = 1; k < entries.length; k++) {
      if (month(entries[k].date) !== nextMonth(month(entries[k - 1].date))) {
        issues.push({ path: at("plannedBalances", k, "date"), message: `principal schedule ${x.id}: ${entries[k].date} does not follow ${entries[k - 1].date} by one month (one entry per Distribution Date, no gaps)` });
        break;
      }
      if (entries[k].balance > entries[k - 1].balance + 0.005) {
        issues.push({ path: at("plannedBalances", k, "balance"), message: `principal schedule ${x.id}: the planned balance rises from ${entries[k - 1].balance.toFixed(2)} to ${entries[k].balance.toFixed(2)} on ${entries[k].date}` });
        break;
      }
    }
    if (deal.classes && entries[0].balance > original + 0.005) {
      issues.push({ path: at("plannedBalances", 0, "balance"), message: `principal schedule ${x.id}: the first planned balance ${entries[0].balance.toFixed(2)} exceeds the classes' original balance ${original.toFixed(2)}` });
    }
    const last = entries[entries.length - 1];
    if (last.balance !== 0) {
      issues.push({ path: at("plannedBalances", entries.length - 1, "balance"), message: `principal schedule ${x.id} ends on ${last.date} at ${last.balance.toFixed(2)}, not 0: it does not cover the life of ${x.classes.join(", ")} (regenerate it with \`tranche principal-schedule\`, or size the classes to what the band can pay)` });
    }
  });
  const ids = new Set(schedules.map((x) => x.id));
  (deal.rules ?? []).forEach((rule, r) => {
    if (rule.kind !== "seniorPrincipal" && rule.kind !== "accrualDistribution") return;
    rule.sequence.forEach((payee: PrincipalPayee, p) => {
      const at = (...rest: (string | number)[]): FieldPath => ["rules", r, "sequence", p, ...rest];
      if (payee.limit === "schedule") {
        if (payee.schedule === undefined) issues.push({ path: at("limit"), message: `payee ${payee.citation}: \`limit: schedule\` needs \`schedule: <id>\` naming one of principalSchedules${ids.size ? ` (${[...ids].join(", ")})` : " (the deal has none)"}` });
        else if (!ids.has(payee.schedule)) issues.push({ path: at("schedule"), message: `payee ${payee.citation}: unknown principal schedule "${payee.schedule}"${ids.size ? ` (known: ${[...ids].join(", ")})` : " (the deal has none)"}` });
        else {
          const x = schedules.find((s) => s.id === payee.schedule)!;
          if (!sameSet(x.classes, payee.classes)) issues.push({ path: at("classes"), message: `payee ${payee.citation} pays ${payee.classes.join(", ")} but principal schedule ${x.id} is for ${x.classes.join(", ")}` });
        }
      } else if (payee.schedule !== undefined) {
        issues.push({ path: at("schedule"), message: `payee ${payee.citation} names schedule ${payee.schedule} but its limit is ${payee.limit}: write \`limit: schedule\`` });
      }
    });
  });
  return issues;
}

/** Every accrual class has an `accrualDistribution` rule directing its accretion to other classes, and only accrual classes do. */
export function checkAccrualClasses(deal: PartialDeal): DealIssue[] {
  if (!deal.classes || !deal.rules) return [];
  const issues: DealIssue[] = [];
  const rules = deal.rules.map((rule, r) => ({ rule, r })).filter(({ rule }) => rule.kind === "accrualDistribution");
  const classes = new Map(deal.classes.map((c) => [c.id, c]));
  deal.classes.forEach((c, i) => {
    const accrual = (c.coupon.kind === "fixed" || c.coupon.kind === "floater") && c.coupon.accrual === true;
    if (!accrual) return;
    if (!rules.some(({ rule }) => rule.kind === "accrualDistribution" && rule.class === c.id)) {
      issues.push({ path: ["classes", i, "coupon", "accrual"], message: `accrual class ${c.id} has no accretion-directed class: add an \`accrualDistribution\` rule (class: ${c.id}, sequence: the classes its Accrual Distribution Amount pays)` });
    }
    if (c.notional) issues.push({ path: ["classes", i, "coupon", "accrual"], message: `notional class ${c.id} has no balance to accrete` });
    const interest = deal.rules!.some((rule) => rule.kind === "seniorInterest" && rule.classes.includes(c.id));
    if (!interest) issues.push({ path: ["classes", i, "coupon", "accrual"], message: `accrual class ${c.id} must be in a seniorInterest rule: its Accrued Certificate Interest is what accretes` });
  });
  for (const { rule, r } of rules) {
    if (rule.kind !== "accrualDistribution") continue;
    const z = classes.get(rule.class);
    if (z && !((z.coupon.kind === "fixed" || z.coupon.kind === "floater") && z.coupon.accrual === true)) {
      issues.push({ path: ["rules", r, "class"], message: `rule ${rule.section}: class ${z.id} is not an accrual class (set \`coupon.accrual: true\`)` });
    }
    if (z && z.group !== rule.group) issues.push({ path: ["rules", r, "group"], message: `rule ${rule.section}: accrual class ${z.id} is in group ${z.group ?? "none"}, not ${rule.group}` });
    rule.sequence.forEach((payee, p) => {
      payee.classes.forEach((id, k) => {
        if (id === rule.class) issues.push({ path: ["rules", r, "sequence", p, "classes", k], message: `rule ${rule.section}: the accrual class ${id} cannot be its own accretion-directed class (what the directed classes cannot take goes to it anyway)` });
        const c = classes.get(id);
        if (c?.notional) issues.push({ path: ["rules", r, "sequence", p, "classes", k], message: `rule ${rule.section}: ${id} is notional and cannot be paid principal` });
      });
    });
  }
  return issues;
}

/** Exchangeable combinations name distinct REMIC classes in the proportions of their original balances. */
export function checkExchangeableClasses(deal: PartialDeal): DealIssue[] {
  const issues: DealIssue[] = [];
  const classes = new Map((deal.classes ?? []).map((c) => [c.id, c]));
  const seen = new Set<string>();
  (deal.classes ?? []).forEach((c, i) => {
    const k = c.types?.indexOf("exchangeable") ?? -1;
    if (k >= 0) issues.push({ path: ["classes", i, "types", k], message: `class ${c.id}: "exchangeable" is the type of an exchangeableClasses entry, not of a REMIC class (a component is "exchangeableRemic")` });
  });
  (deal.exchangeableClasses ?? []).forEach((x, i) => {
    const at = (...rest: (string | number)[]): FieldPath => ["exchangeableClasses", i, ...rest];
    if (classes.has(x.id)) issues.push({ path: at("id"), message: `exchangeable class ${x.id} has the id of a REMIC class` });
    if (seen.has(x.id)) issues.push({ path: at("id"), message: `duplicate exchangeable class id "${x.id}"` });
    seen.add(x.id);
    const ids = x.components.map((c) => c.class);
    let original = 0;
    let known = true;
    x.components.forEach((component, k) => {
      const c = classes.get(component.class);
      if (ids.indexOf(component.class) !== k) issues.push({ path: at("components", k, "class"), message: `exchangeable class ${x.id} names ${component.class} twice` });
      if (!c) {
        known = false;
        if (deal.classes) issues.push({ path: at("components", k, "class"), message: `unknown class "${component.class}" in exchangeable class ${x.id}` });
      } else if (c.notional || c.types.includes("residual")) {
        known = false;
        issues.push({ path: at("components", k, "class"), message: `exchangeable class ${x.id}: ${c.id} is ${c.notional ? "a notional" : "the residual"} class and cannot be exchanged` });
      } else original += c.initialBalance;
    });
    const parts = x.components.map((c) => classes.get(c.class)).filter((c) => c !== undefined);
    const accrualOf = (c: (typeof parts)[number]) => `${c.accrual?.period} accrual, ${c.accrual?.delayDays}-day delay`;
    if (parts.length > 1 && parts.some((c) => accrualOf(c) !== accrualOf(parts[0]))) {
      issues.push({
        path: at("components"),
        message: `exchangeable class ${x.id}: its components accrue differently (${parts.map((c) => `${c.id} ${accrualOf(c)}`).join("; ")}), so the combination has no one accrual period to be priced on`,
      });
    }
    const total = x.components.reduce((s, c) => s + c.proportion, 0);
    if (Math.abs(total - 1) > 1e-9) {
      issues.push({ path: at("components"), message: `exchangeable class ${x.id}: the proportions add to ${total}, not 1` });
    } else if (known && original > 0) {
      x.components.forEach((component, k) => {
        const share = classes.get(component.class)!.initialBalance / original;
        if (Math.abs(share - component.proportion) > 1e-6) {
          issues.push({
            path: at("components", k, "proportion"),
            message: `exchangeable class ${x.id}: ${component.class} is ${(share * 100).toFixed(6)}% of the combination's original balance, but its proportion is ${(component.proportion * 100).toFixed(6)}%: the proportions do not match the classes' balances`,
          });
        }
      });
    }
  });
  return issues;
}
