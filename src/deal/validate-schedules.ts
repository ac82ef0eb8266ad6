/**
 * Dates and schedules: the deal's dates in order, schedule steps in increasing
 * month order, corridor notional schedules inside the contract window, rep line
 * terms that add up, and a default for every index the deal reads.
 */
import type { DealIssue, PartialDeal } from "./deal-issue.js";
import type { ScheduleStep } from "./schema.js";
import type { FieldPath } from "./source-map.js";

export function checkDealDates(deal: PartialDeal): DealIssue[] {
  const d = deal.dates;
  if (!d) return [];
  const issues: DealIssue[] = [];
  if (d.psaDate > d.closingDate) issues.push({ path: ["dates", "psaDate"], message: `the PSA date ${d.psaDate} is after the Closing Date ${d.closingDate}` });
  if (d.cutoffDate > d.closingDate) issues.push({ path: ["dates", "cutoffDate"], message: `the Cut-off Date ${d.cutoffDate} is after the Closing Date ${d.closingDate}` });
  if (d.firstDistributionDate <= d.closingDate) {
    issues.push({ path: ["dates", "firstDistributionDate"], message: `the first Distribution Date ${d.firstDistributionDate} must be after the Closing Date ${d.closingDate}` });
  }
  return issues;
}

function stepIssues(steps: readonly ScheduleStep[], at: FieldPath): DealIssue[] {
  const issues: DealIssue[] = [];
  for (let i = 1; i < steps.length; i += 1) {
    if (steps[i].from <= steps[i - 1].from) {
      issues.push({ path: [...at, i, "from"], message: `schedule steps must be in increasing month order: ${steps[i].from} does not follow ${steps[i - 1].from}` });
    }
  }
  return issues;
}

export function checkSchedules(deal: PartialDeal): DealIssue[] {
  const issues: DealIssue[] = [];
  const si = deal.shiftingInterest;
  if (si) {
    issues.push(...stepIssues(si.seniorPrepaymentSchedule, ["shiftingInterest", "seniorPrepaymentSchedule"]));
    issues.push(...stepIssues(si.stepDownTests.cumulativeLossLimits, ["shiftingInterest", "stepDownTests", "cumulativeLossLimits"]));
    si.seniorPrepaymentSchedule.forEach((step, i) => {
      if (step.value < 0 || step.value > 100) issues.push({ path: ["shiftingInterest", "seniorPrepaymentSchedule", i, "value"], message: `a share of the Subordinated Percentage must be 0 to 100, got ${step.value}` });
    });
  }
  if (deal.priorityAmount) {
    issues.push(...stepIssues(deal.priorityAmount.shiftPercentage, ["priorityAmount", "shiftPercentage"]));
  }
  return issues;
}

export function checkContracts(deal: PartialDeal): DealIssue[] {
  const issues: DealIssue[] = [];
  (deal.contracts ?? []).forEach((c, i) => {
    const at = (...rest: (string | number)[]): FieldPath => ["contracts", i, ...rest];
    if (c.firstDistributionDate > c.lastDistributionDate) {
      issues.push({ path: at("lastDistributionDate"), message: `the contract's last Distribution Date ${c.lastDistributionDate} is before its first ${c.firstDistributionDate}` });
    }
    if (c.strikeRate >= c.ceilingRate) {
      issues.push({ path: at("ceilingRate"), message: `Cap Rate II (${c.ceilingRate}%) must be above Cap Rate I (${c.strikeRate}%)` });
    }
    c.notionalSchedule.forEach((entry, k) => {
      if (entry.date < c.firstDistributionDate || entry.date > c.lastDistributionDate) {
        issues.push({ path: at("notionalSchedule", k, "date"), message: `${entry.date} is outside the contract window ${c.firstDistributionDate} to ${c.lastDistributionDate}` });
      }
      if (k > 0 && entry.date <= c.notionalSchedule[k - 1].date) {
        issues.push({ path: at("notionalSchedule", k, "date"), message: `notional dates must increase: ${entry.date} does not follow ${c.notionalSchedule[k - 1].date}` });
      }
    });
    if (deal.dates && c.firstDistributionDate < deal.dates.firstDistributionDate) {
      issues.push({ path: at("firstDistributionDate"), message: `${c.firstDistributionDate} is before the deal's first Distribution Date ${deal.dates.firstDistributionDate}` });
    }
  });
  return issues;
}

export function checkCollateral(deal: PartialDeal): DealIssue[] {
  const collateral = deal.collateral;
  if (!collateral) return [];
  const issues: DealIssue[] = [];
  const indices = new Set(Object.keys(collateral.defaultIndices));
  const needIndex = (index: string, path: FieldPath, user: string): void => {
    if (!indices.has(index)) issues.push({ path, message: `${user} reads index "${index}", which has no default in collateral.defaultIndices (has: ${[...indices].join(", ") || "none"})` });
  };
  collateral.groups.forEach((group, gi) => {
    group.repLines.forEach((r, ri) => {
      const at = (...rest: string[]): FieldPath => ["collateral", "groups", gi, "repLines", ri, ...rest];
      if (r.remainingTerm + r.age > r.originalTerm) {
        issues.push({ path: at("remainingTerm"), message: `remaining term ${r.remainingTerm} + age ${r.age} exceeds the original term ${r.originalTerm}` });
      }
      if (r.interestOnlyMonths >= r.originalTerm) {
        issues.push({ path: at("interestOnlyMonths"), message: `an interest-only period of ${r.interestOnlyMonths} months leaves no amortization in a ${r.originalTerm}-month term` });
      }
      if (r.arm) needIndex(r.arm.index, at("arm", "index"), `rep line ${r.id}`);
    });
  });
  (deal.classes ?? []).forEach((c, i) => {
    if (c.coupon.kind === "floater" || c.coupon.kind === "inverseFloater") needIndex(c.coupon.index, ["classes", i, "coupon", "index"], `class ${c.id}`);
  });
  (deal.contracts ?? []).forEach((c, i) => needIndex(c.index, ["contracts", i, "index"], `contract ${c.id}`));
  return issues;
}
