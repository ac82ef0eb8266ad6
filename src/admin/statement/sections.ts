/**
 * The statement as titled tables: one layout that the text, CSV, HTML and PDF
 * renderers all draw, so the four forms always carry the same figures.
 */
import { CUSIP_PLACEHOLDER, dollars, factor, rate } from "./format.js";
import type { Statement } from "./statement.js";

export interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  /** Columns aligned right (numbers). */
  readonly numeric: readonly boolean[];
  readonly rows: readonly (readonly string[])[];
}

const yesNo = (b: boolean): string => (b ? "yes" : "no");

export function statementTables(s: Statement): Table[] {
  const tables: Table[] = [];
  tables.push({
    title: "Distribution summary",
    columns: ["Item", "Value"],
    numeric: [false, false],
    rows: [
      ["Trust", s.deal.name],
      ["Distribution Date", s.distributionDate],
      ["Period", String(s.period)],
      ["Revision", s.revision === 1 ? "1 (original)" : `${s.revision} (restatement)`],
      ["Trustee", s.deal.trustee],
      ["Master Servicer", s.deal.masterServicer],
      ["Remittance SHA-256", s.remittanceSha256],
      ...Object.entries(s.indexFixings).map(([k, v]) => [`Index fixing ${k}`, rate(v)]),
    ],
  });
  tables.push({
    title: "Certificates",
    columns: ["Class", "CUSIP", "Rate", "Original", "Beginning", "Principal", "Interest", "Losses", "Ending", "Total paid"],
    numeric: [false, false, true, true, true, true, true, true, true, true],
    rows: s.classes.map((c) => [
      c.notional ? `${c.classId} (notional)` : c.classId,
      c.cusip ?? CUSIP_PLACEHOLDER,
      rate(c.passThroughRate),
      dollars(c.originalBalance),
      dollars(c.beginningBalance),
      dollars(c.principal),
      dollars(c.interest + c.residual + c.yieldSupplement),
      dollars(c.realizedLosses),
      dollars(c.endingBalance),
      dollars(c.totalDistribution),
    ]),
  });
  tables.push({
    title: "Interest detail",
    columns: ["Class", "Accrued", "Shortfall share", "Interest paid", "Accreted", "Carry-forward", "Yield Supplement", "PO Deferred paid", "Residual"],
    numeric: [false, true, true, true, true, true, true, true, true],
    rows: s.classes.map((c) => [
      c.classId,
      dollars(c.accruedInterest),
      dollars(c.interestReduction),
      dollars(c.interest),
      dollars(c.accretion ?? 0),
      dollars(c.interestCarryForward),
      dollars(c.yieldSupplement),
      dollars(c.poDeferredPaid),
      dollars(c.residual),
    ]),
  });
  tables.push({
    title: "Per $1,000 of original balance",
    columns: ["Class", "Principal", "Interest", "Losses", "Ending balance"],
    numeric: [false, true, true, true, true],
    rows: s.classes.map((c) => [c.classId, factor(c.perThousand.principal), factor(c.perThousand.interest), factor(c.perThousand.realizedLosses), factor(c.perThousand.endingBalance)]),
  });
  for (const p of s.pool) {
    const label = p.group === "all" ? "Pool" : `Loan Group ${p.group}`;
    tables.push({
      title: `${label}: collateral`,
      columns: ["Item", "Count", "Amount"],
      numeric: [false, true, true],
      rows: [
        ["Beginning Stated Principal Balance", String(p.beginningCount), dollars(p.beginningBalance)],
        ["Scheduled principal", "", dollars(p.scheduledPrincipal)],
        ["Principal prepayments in full", String(p.payoffCount), dollars(p.payoffs)],
        ["Curtailments", "", dollars(p.curtailments)],
        ["Repurchases", "", dollars(p.repurchases)],
        ["Liquidated loans (Stated Principal Balance)", String(p.liquidationCount), dollars(p.liquidatedBalance)],
        ["Liquidation proceeds", "", dollars(p.liquidationProceeds)],
        ["Liquidation expenses", "", dollars(p.liquidationExpenses)],
        ["Net liquidation proceeds (principal)", "", dollars(p.netLiquidationPrincipal)],
        ["Realized Losses", "", dollars(p.realizedLosses)],
        ["Subsequent Recoveries", "", dollars(p.subsequentRecoveries)],
        ["Ending Stated Principal Balance", String(p.endingCount), dollars(p.endingBalance)],
        ["Interest collected", "", dollars(p.interestCollected)],
        ["P&I Advances: principal", "", dollars(p.principalAdvances)],
        ["P&I Advances: interest", "", dollars(p.interestAdvances)],
        ["Advances reimbursed", "", dollars(p.advancesReimbursed)],
        ["Prepayment Interest Shortfall", "", dollars(p.prepaymentInterestShortfall)],
        ["Compensating Interest", "", dollars(p.compensatingInterest)],
        ["Net Prepayment Interest Shortfall", "", dollars(p.netPrepaymentInterestShortfall)],
        ["Relief Act Reductions", "", dollars(p.reliefActReductions)],
        ["Master Servicing Fee", "", dollars(p.masterServicingFee)],
        ["Trustee Fee", "", dollars(p.trusteeFee)],
        ["Available Funds", "", dollars(p.availableFunds)],
        ["Weighted average Mortgage Rate", "", rate(p.grossWac)],
        ["Weighted average Adjusted Net Mortgage Rate", "", rate(p.netWac)],
      ],
    });
    tables.push({
      title: `${label}: delinquency (loans in the trust after the date)`,
      columns: ["Status", "Count", "Balance", "% of pool"],
      numeric: [false, true, true, true],
      rows: [
        ...p.delinquency.map((d) => [d.status, String(d.count), dollars(d.balance), rate(d.percentOfPool, 4)]),
        ["60+ days (incl. foreclosure, REO, bankruptcy)", "", dollars(p.delinquent60Plus), ""],
      ],
    });
  }
  tables.push({
    title: "Losses",
    columns: ["Item", "Amount"],
    numeric: [false, true],
    rows: [
      ["Cumulative Realized Losses", dollars(s.cumulativeRealizedLosses)],
      ["Cumulative Subsequent Recoveries", dollars(s.cumulativeSubsequentRecoveries)],
      ["Class PO Deferred Amount outstanding", dollars(s.classPoDeferredAmountOutstanding)],
    ],
  });
  tables.push({
    title: "Shifting interest",
    columns: ["Group", "Senior %", "Original Senior %", "Senior Prepayment %", "Senior Principal Distribution Amount", "PO Formula Principal Amount"],
    numeric: [false, true, true, true, true, true],
    rows: s.percentages.map((p) => [p.group, rate(p.seniorPercentage, 6), rate(p.originalSeniorPercentage, 6), rate(p.seniorPrepaymentPercentage, 6), dollars(p.seniorPrincipalDistributionAmount), dollars(p.poFormulaPrincipalAmount)]),
  });
  tables.push({
    title: "Triggers",
    columns: ["Test", "Value", "Threshold", "Result"],
    numeric: [false, false, false, false],
    rows: [
      ...s.triggers.map((t) => [t.name, t.value, t.threshold, t.result]),
      ["Subordinated Principal Distribution Amount", dollars(s.subordinatedPrincipalDistributionAmount), "", ""],
      ["Restricted Classes", s.restrictedClasses.length ? s.restrictedClasses.join(", ") : "none", "", ""],
      ["On or after the Senior Credit Support Depletion Date", yesNo(s.depletion.depleted), s.depletion.seniorCreditSupportDepletionDate ?? "not reached", ""],
    ],
  });
  if (s.corridor.length > 0) {
    tables.push({
      title: "Corridor Contract and Corridor Reserve Fund",
      columns: ["Contract", "Index", "Notional", "Payment received", "Yield Supplement Amount", "Paid to beneficiary", "Unpaid", "Released"],
      numeric: [false, true, true, true, true, true, true, true],
      rows: s.corridor.map((c) => [
        `${c.contractId} (${c.counterparty}) for ${c.beneficiary}`,
        `${c.index} ${rate(c.indexRate)}`,
        dollars(c.notional),
        dollars(c.payment),
        dollars(c.yieldSupplementAmount),
        dollars(c.yieldSupplementPaid),
        dollars(c.unpaidYieldSupplement),
        dollars(c.released),
      ]),
    });
  }
  tables.push({ title: "Sources", columns: ["Source", "Amount"], numeric: [false, true], rows: [...s.sources.map((l) => [l.label, dollars(l.amount)]), ["Total sources", dollars(s.totalSources)]] });
  tables.push({ title: "Uses", columns: ["Use", "Amount"], numeric: [false, true], rows: [...s.uses.map((l) => [l.label, dollars(l.amount)]), ["Total uses", dollars(s.totalUses)]] });
  const b = s.balanceCheck;
  tables.push({
    title: "Pool and certificate balances",
    columns: ["Item", "Amount"],
    numeric: [false, true],
    rows: [
      ["Pool Stated Principal Balance", dollars(b.poolBalance)],
      ["Aggregate Class Certificate Balance", dollars(b.classBalances)],
      ["Difference (Subsequent Recoveries not yet written up)", dollars(b.difference)],
      ["Ties", yesNo(b.ties)],
    ],
  });
  return tables;
}
