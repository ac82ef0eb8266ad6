/**
 * Reconciliation of posted Distribution Dates against a projection from the
 * same starting point: the trust state before the first date of the window
 * (loan book, class balances, carry-forwards, delinquency history), projected
 * forward under a scenario with the index fixings the postings used, through
 * the same §4.02 waterfall. Per class, the posted and projected principal,
 * interest, losses and ending balance and their differences; per month, the
 * speeds the remittances imply (CPR, CDR from liquidations, severity) against
 * those the projection assumed, which explain the differences. Pure.
 */
import { buildLoanLevelTape } from "../../collateral/deal-tape.js";
import { collateralAssumptions } from "../../collateral/assumptions.js";
import { loanTapeFromRecords, type LoanRecord } from "../../collateral/loan-tape.js";
import { projectCollateral } from "../../collateral/project-collateral.js";
import type { Scenario } from "../../core/scenario.js";
import type { Deal, Rule } from "../../deal/schema.js";
import { projectedCollections } from "../../engine/projected-collections.js";
import { distributePeriod } from "../../waterfall/distribute.js";
import type { PeriodInputs } from "../../waterfall/collections.js";
import type { TrustState } from "../distribution/trust-state.js";
import type { TrustLoans } from "../loans/trust-loans.js";
import type { Statement } from "../statement/statement.js";
import { averageSpeeds, impliedSpeeds, type ImpliedSpeeds, type MonthCollateral } from "./implied-speeds.js";

export interface ClassReconciliation {
  readonly classId: string;
  readonly posted: ReconciledClassTotals;
  readonly projected: ReconciledClassTotals;
  /** Posted − projected. */
  readonly difference: ReconciledClassTotals;
}

/** A class's cash for one Distribution Date, posted or projected, in reconciliation. */
export interface ReconciledClassTotals {
  readonly principal: number;
  readonly interest: number;
  readonly losses: number;
  readonly endingBalance: number;
}

export interface MonthReconciliation {
  readonly distributionDate: string;
  readonly posted: MonthCollateral & { readonly endBalance: number };
  readonly projected: MonthCollateral & { readonly endBalance: number };
  readonly postedSpeeds: ImpliedSpeeds;
  readonly projectedSpeeds: ImpliedSpeeds;
}

export interface Reconciliation {
  readonly dealId: string;
  readonly from: string;
  readonly to: string;
  readonly scenario: Scenario;
  readonly months: readonly MonthReconciliation[];
  readonly postedAverage: ImpliedSpeeds;
  readonly projectedAverage: ImpliedSpeeds;
  readonly classes: readonly ClassReconciliation[];
  /** One sentence per driver, largest first. */
  readonly explanation: readonly string[];
}

export interface ReconcileInput {
  readonly deal: Deal;
  readonly loans: TrustLoans;
  /** The trust state before the window's first Distribution Date. */
  readonly start: TrustState;
  /** The live statements of the window, in date order (consecutive). */
  readonly statements: readonly Statement[];
  readonly scenario: Scenario;
  readonly rulesAt?: (date: string) => readonly Rule[];
}

/** The loans still in the trust at the start, aged to it, as a tape the collateral projection reads. */
function tapeAtStart(input: ReconcileInput, monthsElapsed: number) {
  const original = buildLoanLevelTape(input.deal);
  const byId = new Map(original.loanIds.map((id, i) => [id, i]));
  const records: LoanRecord[] = [];
  for (const p of input.start.loanBook.positions) {
    if (p.standing !== "active" || p.balance <= 0) continue;
    const loan = input.loans.byId.get(p.loanId)!;
    const i = byId.get(p.loanId);
    const armIndex = i === undefined ? -1 : original.arm.indexId[i];
    records.push({
      id: loan.loanId,
      groupId: loan.groupId,
      repLineId: loan.repLineId,
      balance: p.balance / 100,
      mortgageRate: loan.mortgageRate,
      feeRate: loan.expenseFeeRate,
      originalTerm: loan.originalTerm,
      age: loan.age + monthsElapsed,
      remainingTerm: Math.max(1, loan.remainingTerm - monthsElapsed),
      interestOnlyMonths: loan.interestOnlyMonths,
      ...(loan.arm && armIndex >= 0 ? { arm: { ...loan.arm, startRate: original.arm.startRate[i!] } } : {}),
    });
  }
  return loanTapeFromRecords(records, { requiredCoupon: input.deal.collateral.requiredCoupon ?? null });
}

const dollars = (c: number): number => c / 100;

export function reconcile(input: ReconcileInput): Reconciliation {
  const { deal, statements, scenario } = input;
  if (statements.length === 0) throw new RangeError("reconcile: no posted Distribution Dates in the window");
  const firstPeriod = statements[0].period;
  const n = statements.length;
  const flows = projectCollateral(tapeAtStart(input, firstPeriod - 1), collateralAssumptions(deal, scenario), { periods: n + 1 }); // one more: the last date's ending balances are the next period's beginning
  let state = input.start.waterfall;
  const projectedTotals = new Map<string, { principal: number; interest: number; losses: number; endingBalance: number }>();
  for (const c of deal.classes) projectedTotals.set(c.id, { principal: 0, interest: 0, losses: 0, endingBalance: 0 });
  const months: MonthReconciliation[] = [];

  for (let t = 1; t <= n; t++) {
    const s = statements[t - 1];
    const inputs: PeriodInputs = {
      period: s.period,
      distributionDate: s.distributionDate,
      groups: flows.groups.map((g) => projectedCollections({ deal, scenario, flows: g, index: t - 1, terminate: false })),
      indices: { ...s.indexFixings },
      optionalTermination: false,
    };
    const rules = input.rulesAt?.(s.distributionDate);
    const result = distributePeriod(deal, state, inputs, rules ? { rules } : {});
    state = result.state;
    for (const c of deal.classes) {
      const r = result.report.classes[c.id];
      const tot = projectedTotals.get(c.id)!;
      tot.principal += r.principal + r.poDeferredPaid;
      tot.interest += r.interestPaid + r.yieldSupplementPaid;
      tot.losses += r.writedown;
      tot.endingBalance = r.endBalance;
    }
    const sum = (f: (g: PeriodInputs["groups"][number]) => number): number => inputs.groups.reduce((a, g) => a + f(g), 0);
    const pool = s.pool[0];
    const posted = {
      beginBalance: dollars(pool.beginningBalance),
      scheduledPrincipal: dollars(pool.scheduledPrincipal),
      prepayments: dollars(pool.payoffs + pool.curtailments + pool.repurchases),
      liquidatedBalance: dollars(pool.liquidatedBalance),
      realizedLoss: dollars(pool.realizedLosses),
      endBalance: dollars(pool.endingBalance),
    };
    const projected = {
      beginBalance: sum((g) => g.beginBalance),
      scheduledPrincipal: sum((g) => g.scheduledPrincipal),
      prepayments: sum((g) => g.prepayments),
      liquidatedBalance: sum((g) => g.liquidatedBalance),
      realizedLoss: sum((g) => g.realizedLoss),
      endBalance: sum((g) => g.endBalance),
    };
    months.push({ distributionDate: s.distributionDate, posted, projected, postedSpeeds: impliedSpeeds(posted), projectedSpeeds: impliedSpeeds(projected) });
  }

  const last = statements[n - 1];
  const classes: ClassReconciliation[] = deal.classes.map((c) => {
    const lines = statements.map((s) => s.classes.find((x) => x.classId === c.id)!);
    const posted: ReconciledClassTotals = {
      principal: dollars(lines.reduce((a, l) => a + l.principal + l.poDeferredPaid, 0)),
      interest: dollars(lines.reduce((a, l) => a + l.interest + l.residual + l.yieldSupplement, 0)),
      losses: dollars(lines.reduce((a, l) => a + l.realizedLosses, 0)),
      endingBalance: dollars(last.classes.find((x) => x.classId === c.id)!.endingBalance),
    };
    const p = projectedTotals.get(c.id)!;
    const projected: ReconciledClassTotals = { principal: p.principal, interest: p.interest, losses: p.losses, endingBalance: p.endingBalance };
    return {
      classId: c.id,
      posted,
      projected,
      difference: {
        principal: posted.principal - projected.principal,
        interest: posted.interest - projected.interest,
        losses: posted.losses - projected.losses,
        endingBalance: posted.endingBalance - projected.endingBalance,
      },
    };
  });
  const postedAverage = averageSpeeds(months.map((m) => m.posted));
  const projectedAverage = averageSpeeds(months.map((m) => m.projected));
  return {
    dealId: deal.id,
    from: statements[0].distributionDate,
    to: last.distributionDate,
    scenario,
    months,
    postedAverage,
    projectedAverage,
    classes,
    explanation: explain(months, postedAverage, projectedAverage, classes),
  };
}

function explain(months: readonly MonthReconciliation[], posted: ImpliedSpeeds, projected: ImpliedSpeeds, classes: readonly ClassReconciliation[]): string[] {
  const f = (x: number): string => x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const sum = (g: (m: MonthReconciliation) => number): number => months.reduce((a, m) => a + g(m), 0);
  const drivers: { size: number; text: string }[] = [];
  const prepaid = sum((m) => m.posted.prepayments - m.projected.prepayments);
  drivers.push({
    size: Math.abs(prepaid),
    text: `Prepayments ran at ${posted.cpr.toFixed(2)}% CPR against ${projected.cpr.toFixed(2)}% assumed: ${f(Math.abs(prepaid))} ${prepaid >= 0 ? "more" : "less"} unscheduled principal, paid to the classes the Senior Prepayment Percentage directs it to.`,
  });
  const liquidated = sum((m) => m.posted.liquidatedBalance - m.projected.liquidatedBalance);
  const loss = sum((m) => m.posted.realizedLoss - m.projected.realizedLoss);
  drivers.push({
    size: Math.abs(loss) + Math.abs(liquidated) / 10,
    text: `Liquidations ran at ${posted.cdr.toFixed(2)}% CDR against ${projected.cdr.toFixed(2)}% assumed, with severity ${posted.severity === null ? "n/a" : `${posted.severity.toFixed(1)}%`} against ${projected.severity === null ? "n/a" : `${projected.severity.toFixed(1)}%`}: ${f(Math.abs(loss))} ${loss >= 0 ? "more" : "less"} Realized Losses, borne by ${classes.filter((c) => Math.abs(c.difference.losses) >= 0.005).map((c) => c.classId).join(", ") || "no class"}.`,
  });
  const scheduled = sum((m) => m.posted.scheduledPrincipal - m.projected.scheduledPrincipal);
  drivers.push({ size: Math.abs(scheduled), text: `Scheduled principal differed by ${f(scheduled)} (loans that left the trust early stop amortizing; delinquent loans' principal is advanced).` });
  return drivers.sort((a, b) => b.size - a.size).map((d) => d.text);
}
