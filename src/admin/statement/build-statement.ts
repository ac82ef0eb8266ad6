/**
 * Builds the §4.06 statement of one Distribution Date from the remittance's
 * collections (cents), the waterfall's report, the cents ledger and the trust
 * state before and after. Asserts that sources equal uses to the cent.
 */
import { cents, sumCents, toCents, type Cents } from "../../core/money.js";
import type { Deal } from "../../deal/schema.js";
import { distributionDate } from "../../engine/schedule.js";
import { buildDealView } from "../../waterfall/deal-view.js";
import type { PeriodReport } from "../../waterfall/report.js";
import { scheduleValue } from "../../waterfall/shifting-interest.js";
import type { CentsLedgerEntry } from "../distribution/ledger-cents.js";
import type { GroupCollectionsCents } from "../distribution/remittance-collections.js";
import type { TrustState } from "../distribution/trust-state.js";
import type { TrustLoans } from "../loans/trust-loans.js";
import { DELINQUENCY_STATUSES } from "../remittance/schema.js";
import {
  STATEMENT_FORMAT,
  type AmountLine,
  type ClassStatementLine,
  type CorridorLine,
  type PoolStatement,
  type Statement,
  type TriggerLine,
} from "./statement.js";

export interface StatementInput {
  readonly deal: Deal;
  readonly loans: TrustLoans;
  readonly period: number;
  readonly distributionDate: string;
  readonly revision: number;
  readonly remittanceSha256: string;
  readonly indexFixings: Readonly<Record<string, number>>;
  readonly collections: readonly GroupCollectionsCents[];
  readonly report: PeriodReport;
  readonly ledger: readonly CentsLedgerEntry[];
  readonly before: TrustState;
  readonly after: TrustState;
}

export class StatementBalanceError extends Error {
  constructor(message: string) {
    super(`statement does not balance: ${message}`);
    this.name = "StatementBalanceError";
  }
}

const round8 = (x: number): number => Math.round(x * 1e8) / 1e8;
const perThousand = (amount: number, original: number): number => (original > 0 ? round8((amount / original) * 1000) : 0);
const money = (c: number): string => {
  const sign = c < 0 ? "-" : "";
  const abs = Math.abs(c);
  return `${sign}${Math.floor(abs / 100).toLocaleString("en-US")}.${String(abs % 100).padStart(2, "0")}`;
};
const pct = (x: number, digits = 4): string => `${x.toFixed(digits)}%`;

function originalBalance(deal: Deal, loans: TrustLoans, classId: string): Cents {
  const spec = deal.classes.find((c) => c.id === classId)!;
  if (!spec.notional) return cents(Math.round(spec.initialBalance * 100));
  if (spec.notional.of === "class") return originalBalance(deal, loans, spec.notional.class);
  let sum = 0;
  for (const loan of loans.loans) if (loan.poPercentage === 0 && (!spec.group || loan.groupId === spec.group)) sum += loan.cutoffBalance;
  return cents(sum);
}

function sumBy(ledger: readonly CentsLedgerEntry[], pred: (e: CentsLedgerEntry) => boolean): Cents {
  return sumCents(ledger.filter(pred).map((e) => e.amount));
}

function classLines(input: StatementInput): ClassStatementLine[] {
  const { deal, report, ledger, before, after } = input;
  return deal.classes.map((spec) => {
    const r = report.classes[spec.id];
    const to = (kind: CentsLedgerEntry["kind"]): Cents => sumBy(ledger, (e) => e.kind === kind && e.classId === spec.id);
    const original = originalBalance(deal, input.loans, spec.id);
    const notional = spec.notional !== undefined;
    const interest = to("interest");
    const principal = to("principal");
    const poDeferredPaid = to("poDeferred");
    const residual = to("residual");
    const yieldSupplement = to("yieldSupplement");
    const realizedLosses = to("writedown");
    const writeups = to("writeup");
    const accretion = to("accretion");
    const beginningBalance = notional ? toCents(r?.beginBalance ?? 0) : before.classBalances[spec.id];
    const endingBalance = notional ? toCents(r?.endBalance ?? 0) : after.classBalances[spec.id];
    return {
      classId: spec.id,
      cusip: spec.cusip ?? null,
      types: spec.types,
      notional,
      passThroughRate: r?.passThroughRate === null || r?.passThroughRate === undefined ? null : round8(r.passThroughRate),
      originalBalance: original,
      beginningBalance,
      principal,
      interest,
      accruedInterest: toCents(r?.interestAccrued ?? 0),
      interestReduction: toCents(r?.interestShortfall ?? 0),
      interestCarryForward: toCents(r?.unpaidInterest ?? 0),
      yieldSupplement,
      poDeferredPaid,
      residual,
      realizedLosses,
      writeups,
      accretion,
      endingBalance,
      totalDistribution: cents(interest + principal + poDeferredPaid + residual + yieldSupplement),
      perThousand: {
        principal: perThousand(principal, original),
        interest: perThousand(interest + residual + yieldSupplement, original),
        realizedLosses: perThousand(realizedLosses, original),
        endingBalance: perThousand(endingBalance, original),
      },
    };
  });
}

function poolLine(group: string, parts: readonly GroupCollectionsCents[]): PoolStatement {
  const s = (f: (g: GroupCollectionsCents) => number): number => parts.reduce((acc, g) => acc + f(g), 0);
  const c = (f: (g: GroupCollectionsCents) => number): Cents => cents(s(f));
  const begin = s((g) => g.beginBalance);
  const end = s((g) => g.endBalance);
  return {
    group,
    beginningBalance: cents(begin),
    beginningCount: s((g) => g.loanCountBegin),
    scheduledPrincipal: c((g) => g.scheduledPrincipal),
    payoffs: c((g) => g.payoffs),
    payoffCount: s((g) => g.payoffCount),
    curtailments: c((g) => g.curtailments),
    repurchases: c((g) => g.repurchases),
    liquidationCount: s((g) => g.liquidationCount),
    liquidatedBalance: c((g) => g.liquidatedBalance),
    liquidationProceeds: c((g) => g.liquidationProceeds),
    liquidationExpenses: c((g) => g.liquidationExpenses),
    netLiquidationPrincipal: c((g) => g.liquidationPrincipal),
    realizedLosses: c((g) => g.realizedLoss),
    subsequentRecoveries: c((g) => g.subsequentRecoveries),
    endingBalance: cents(end),
    endingCount: s((g) => g.loanCountEnd),
    interestCollected: c((g) => g.interestCollected),
    principalAdvances: c((g) => g.principalAdvances),
    interestAdvances: c((g) => g.interestAdvances),
    advancesReimbursed: c((g) => g.advanceReimbursements),
    prepaymentInterestShortfall: c((g) => g.prepaymentInterestShortfall),
    compensatingInterest: c((g) => g.compensatingInterest),
    netPrepaymentInterestShortfall: c((g) => g.netPrepaymentInterestShortfall),
    reliefActReductions: c((g) => g.reliefActReductions),
    masterServicingFee: c((g) => g.masterServicingFee),
    trusteeFee: c((g) => g.trusteeFee),
    availableFunds: c((g) => g.availableFunds),
    grossWac: begin > 0 ? round8(s((g) => g.grossWac * g.beginBalance) / begin) : 0,
    netWac: begin > 0 ? round8(s((g) => g.netWac * g.beginBalance) / begin) : 0,
    delinquency: DELINQUENCY_STATUSES.map((status) => {
      const balance = s((g) => g.delinquency[status].balance);
      return { status, count: s((g) => g.delinquency[status].count), balance: cents(balance), percentOfPool: end > 0 ? round8((balance / end) * 100) : 0 };
    }),
    delinquent60Plus: c((g) => g.delinquent60Plus),
  };
}

function triggers(input: StatementInput): TriggerLine[] {
  const { deal, report, before } = input;
  const view = buildDealView(deal);
  const si = deal.shiftingInterest;
  const month = input.distributionDate.slice(0, 7);
  const subordinateBegin = view.subordinateClasses.reduce((s, id) => s + (before.classBalances[id] ?? 0), 0);
  const lossLimit = scheduleValue(si.stepDownTests.cumulativeLossLimits, month)?.value ?? si.stepDownTests.cumulativeLossLimits[0].value;
  const originalSub = Math.round(view.originalSubordinateBalance * 100);
  const cumulative = input.after.cumulativeRealizedLoss;
  const nonPoClassBegin = deal.classes.filter((c) => !c.notional && !c.types.includes("principalOnly")).reduce((s, c) => s + before.classBalances[c.id], 0);
  const subordinatedPct = nonPoClassBegin > 0 ? (subordinateBegin / nonPoClassBegin) * 100 : 0;
  const early = month < si.twoTimesTest.cutoverMonth;
  const ttLimit = early ? si.twoTimesTest.lossLimitBefore : si.twoTimesTest.lossLimitAfter;
  const lines: TriggerLine[] = [
    {
      name: "Delinquency Test: six-month average 60+ day delinquent balance under the limit",
      citation: `${si.stepDownTests.citation} (a)`,
      value: money(toCents(report.tests.delinquencyAverage)),
      threshold: `< ${money(Math.round((si.stepDownTests.delinquencyLimit / 100) * subordinateBegin))} (${si.stepDownTests.delinquencyLimit}% of the subordinate balance ${money(subordinateBegin)})`,
      result: report.tests.delinquencyTest ? "pass" : "fail",
    },
    {
      name: "Cumulative Loss Test: cumulative Realized Losses within the limit",
      citation: `${si.stepDownTests.citation} (b)`,
      value: `${money(cumulative)} (${pct(originalSub > 0 ? (cumulative / originalSub) * 100 : 0)} of the original subordinate balance)`,
      threshold: `<= ${lossLimit}% of ${money(originalSub)}`,
      result: report.tests.lossTest ? "pass" : "fail",
    },
    {
      name: "Two Times Test",
      citation: si.twoTimesTest.citation,
      value: `Subordinated Percentage ${pct(subordinatedPct)}`,
      threshold: `>= ${pct(2 * view.originalSubordinatedPercentage * 100)} (twice the original), the Delinquency Test, cumulative losses <= ${ttLimit}% of the original subordinate balance`,
      result: report.tests.twoTimesTest ? "pass" : "fail",
    },
  ];
  for (const g of view.groups) {
    const r = report.groups[g.id];
    if (!r) continue;
    lines.push({
      name: `Senior Percentage at or below its original value${view.groups.length > 1 ? ` (group ${g.id})` : ""}`,
      citation: si.citation,
      value: pct(r.seniorPercentage * 100),
      threshold: `<= ${pct(r.originalSeniorPercentage * 100)}`,
      result: r.seniorPercentage <= r.originalSeniorPercentage + 1e-12 ? "pass" : "fail",
    });
  }
  return lines;
}

function corridorLines(input: StatementInput): CorridorLine[] {
  return input.report.corridor.map((o) => {
    const contract = input.deal.contracts.find((k) => k.id === o.contractId)!;
    const e = (kind: CentsLedgerEntry["kind"]): Cents => sumBy(input.ledger, (x) => x.kind === kind && (kind !== "corridor" || x.from === `counterparty:${contract.id}`));
    return {
      contractId: contract.id,
      counterparty: contract.counterparty,
      beneficiary: contract.beneficiary,
      index: contract.index,
      indexRate: input.indexFixings[contract.index] ?? 0,
      notional: toCents(o.notional),
      payment: e("corridor"),
      yieldSupplementAmount: toCents(o.yieldSupplementAmount),
      yieldSupplementPaid: e("yieldSupplement"),
      unpaidYieldSupplement: toCents(o.unpaidAfter),
      released: e("release"),
    };
  });
}

function sourcesAndUses(input: StatementInput, total: PoolStatement): { sources: AmountLine[]; uses: AmountLine[] } {
  const g = input.collections;
  const s = (f: (x: GroupCollectionsCents) => number): Cents => cents(g.reduce((acc, x) => acc + f(x), 0));
  const kind = (k: CentsLedgerEntry["kind"]): Cents => sumBy(input.ledger, (e) => e.kind === k);
  const sources: AmountLine[] = [
    { label: "Interest collected", amount: total.interestCollected },
    { label: "Interest advanced (P&I Advances)", amount: total.interestAdvances },
    { label: "Compensating Interest", amount: total.compensatingInterest },
    { label: "Liquidation proceeds above balance / expenses above proceeds", amount: s((x) => x.liquidationInterestAdjustment) },
    { label: "Less: Advances reimbursed to the Master Servicer", amount: cents(0 - total.advancesReimbursed) },
    { label: "Scheduled principal (collected and advanced)", amount: total.scheduledPrincipal },
    { label: "Principal prepayments in full", amount: total.payoffs },
    { label: "Curtailments", amount: total.curtailments },
    { label: "Repurchase principal", amount: total.repurchases },
    { label: "Net Liquidation Proceeds allocable to principal", amount: total.netLiquidationPrincipal },
    { label: "Subsequent Recoveries", amount: total.subsequentRecoveries },
    { label: "Corridor Contract payments received", amount: kind("corridor") },
  ];
  const uses: AmountLine[] = [
    { label: "Master Servicing Fee", amount: total.masterServicingFee },
    { label: "Trustee Fee", amount: total.trusteeFee },
    { label: "Interest distributions", amount: kind("interest") },
    { label: "Principal distributions", amount: kind("principal") },
    { label: "Class PO Deferred Amounts paid", amount: kind("poDeferred") },
    { label: "Residual distribution", amount: kind("residual") },
    { label: "Yield Supplement Amounts (Corridor Reserve Fund)", amount: kind("yieldSupplement") },
    { label: "Corridor Reserve Fund release to the residual holder", amount: kind("release") },
    { label: "Not distributed", amount: kind("undistributed") },
  ];
  return { sources, uses };
}

export function buildStatement(input: StatementInput): Statement {
  const { deal, report, after } = input;
  const groups = input.collections.map((g) => poolLine(g.groupId, [g]));
  const total = poolLine("all", input.collections);
  const pool = groups.length > 1 ? [total, ...groups] : [total];
  const { sources, uses } = sourcesAndUses(input, total);
  const totalSources = sumCents(sources.map((l) => l.amount));
  const totalUses = sumCents(uses.map((l) => l.amount));
  if (totalSources !== totalUses) throw new StatementBalanceError(`sources ${money(totalSources)} ≠ uses ${money(totalUses)} on ${input.distributionDate}`);
  if (cents(totalSources - sumBy(input.ledger, (e) => e.kind === "corridor")) !== cents(total.availableFunds + total.masterServicingFee + total.trusteeFee)) {
    throw new StatementBalanceError(`collections do not equal Available Funds plus Expense Fees on ${input.distributionDate}`);
  }
  const classes = classLines(input);
  const classBalances = cents(classes.filter((c) => !c.notional).reduce((s, c) => s + c.endingBalance, 0));
  const cushionAllowed = cents(Math.max(0, after.cumulativeSubsequentRecoveries - after.cumulativeWriteups));
  const difference = cents(total.endingBalance - classBalances);
  const depletionPeriod = after.waterfall.depletionPeriod;
  return {
    format: STATEMENT_FORMAT,
    deal: {
      id: deal.id,
      name: deal.name,
      trustee: typeof deal.parties.trustee === "string" ? deal.parties.trustee : "Trustee",
      masterServicer: typeof deal.parties.masterServicer === "string" ? deal.parties.masterServicer : "Master Servicer",
    },
    distributionDate: input.distributionDate,
    period: input.period,
    revision: input.revision,
    remittanceSha256: input.remittanceSha256,
    indexFixings: Object.fromEntries(Object.entries(input.indexFixings).sort(([a], [b]) => a.localeCompare(b))),
    classes,
    pool,
    cumulativeRealizedLosses: after.cumulativeRealizedLoss,
    cumulativeSubsequentRecoveries: after.cumulativeSubsequentRecoveries,
    percentages: Object.entries(report.groups).map(([group, r]) => ({
      group,
      seniorPercentage: round8(r.seniorPercentage * 100),
      originalSeniorPercentage: round8(r.originalSeniorPercentage * 100),
      seniorPrepaymentPercentage: round8(r.seniorPrepaymentPercentage * 100),
      seniorPrincipalDistributionAmount: toCents(r.seniorPrincipalDistributionAmount),
      poFormulaPrincipalAmount: toCents(r.poFormulaPrincipalAmount),
    })),
    subordinatedPrincipalDistributionAmount: toCents(report.subordinatedPrincipalDistributionAmount),
    restrictedClasses: [...report.restrictedClasses],
    triggers: triggers(input),
    depletion: { depleted: report.depleted, seniorCreditSupportDepletionDate: depletionPeriod === null ? null : distributionDate(deal, depletionPeriod) },
    classPoDeferredAmountOutstanding: toCents(after.waterfall.poDeferred),
    corridor: corridorLines(input),
    sources,
    uses,
    totalSources,
    totalUses,
    balanceCheck: { poolBalance: total.endingBalance, classBalances, difference, cushionAllowed, ties: difference === 0 || (difference > 0 && difference <= cushionAllowed) },
  };
}
