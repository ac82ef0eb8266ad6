/**
 * A servicer's remittance as the waterfall reads it: per loan group, the
 * collections of the Due Period and Prepayment Period (§4.02 "Available Funds")
 * in integer cents for the statement, and the same figures in dollars as
 * `GroupCollections` for `distributePeriod`.
 *
 * - Principal: scheduled principal (collected or advanced); prepayments =
 *   payoffs + curtailments + repurchase principal; for each Liquidated Mortgage
 *   Loan its Stated Principal Balance, the Net Liquidation Proceeds allocable to
 *   principal (proceeds − expenses, within [0, balance]) and the Realized Loss
 *   (balance − that); Subsequent Recoveries.
 * - Interest remittance: interest collected + interest advanced − advances
 *   reimbursed + Compensating Interest, plus Net Liquidation Proceeds above the
 *   loan's balance, less Liquidation Expenses above the proceeds.
 * - Expense Fees: Master Servicing Fee and Trustee Fee, each its rate / 12 on the
 *   group's Stated Principal Balance at the start of the Due Period, rounded to
 *   the cent (half away from zero).
 * - Available Funds = interest remittance − Expense Fees + principal.
 * - Net Prepayment Interest Shortfall = shortfall − Compensating Interest;
 *   Relief Act Reductions; the 60+ day delinquent balance (60, 90+, foreclosure,
 *   REO, bankruptcy) after the date; the group's net WAC at the start of the Due
 *   Period (each loan's reported Mortgage Rate less its Expense Fee Rate).
 * - PO amounts: each Discount Mortgage Loan's items × its PO Percentage; Class X:
 *   Non-Discount balances and Σ balance × (net rate − Required Coupon) / 12.
 */
import { cents, toCents, type Cents } from "../../core/money.js";
import type { Deal } from "../../deal/schema.js";
import type { GroupCollections } from "../../waterfall/collections.js";
import { liquidationInterestAdjustment, liquidationPrincipal } from "../loans/loan-book.js";
import type { TrustLoans } from "../loans/trust-loans.js";
import { liquidatedBalance } from "../remittance/row-checks.js";
import { DELINQUENCY_STATUSES, SIXTY_PLUS_STATUSES, type DelinquencyStatus, type Remittance } from "../remittance/schema.js";

export interface DelinquencyBucket {
  readonly count: number;
  readonly balance: Cents;
}

/** One loan group's collections for the Distribution Date, in cents. */
export interface GroupCollectionsCents {
  readonly groupId: string;
  readonly loanCountBegin: number;
  readonly loanCountEnd: number;
  readonly beginBalance: Cents;
  readonly endBalance: Cents;
  readonly scheduledPrincipal: Cents;
  readonly curtailments: Cents;
  readonly payoffs: Cents;
  readonly payoffCount: number;
  readonly repurchases: Cents;
  readonly liquidationCount: number;
  readonly liquidatedBalance: Cents;
  readonly liquidationProceeds: Cents;
  readonly liquidationExpenses: Cents;
  readonly liquidationPrincipal: Cents;
  readonly realizedLoss: Cents;
  readonly subsequentRecoveries: Cents;
  readonly principalRemittance: Cents;
  readonly interestCollected: Cents;
  readonly interestAdvances: Cents;
  readonly principalAdvances: Cents;
  readonly advanceReimbursements: Cents;
  readonly compensatingInterest: Cents;
  readonly liquidationInterestAdjustment: Cents;
  readonly interestRemittance: Cents;
  readonly masterServicingFee: Cents;
  readonly trusteeFee: Cents;
  readonly availableFunds: Cents;
  readonly prepaymentInterestShortfall: Cents;
  readonly netPrepaymentInterestShortfall: Cents;
  readonly reliefActReductions: Cents;
  /** Loans in the trust after the date, by delinquency status. */
  readonly delinquency: Readonly<Record<DelinquencyStatus, DelinquencyBucket>>;
  readonly delinquent60Plus: Cents;
  /** Weighted average Mortgage Rate and Adjusted Net Mortgage Rate at the start of the Due Period, percent. */
  readonly grossWac: number;
  readonly netWac: number;
}

export interface RemittanceCollections {
  readonly groups: readonly GroupCollectionsCents[];
  /** The same, in dollars, for `distributePeriod`. */
  readonly waterfall: readonly GroupCollections[];
}

interface Accumulator {
  [key: string]: number;
}

const INTEGER_FIELDS = [
  "loanCountBegin",
  "loanCountEnd",
  "beginBalance",
  "endBalance",
  "scheduledPrincipal",
  "curtailments",
  "payoffs",
  "payoffCount",
  "repurchases",
  "liquidationCount",
  "liquidatedBalance",
  "liquidationProceeds",
  "liquidationExpenses",
  "liquidationPrincipal",
  "realizedLoss",
  "subsequentRecoveries",
  "interestCollected",
  "interestAdvances",
  "principalAdvances",
  "advanceReimbursements",
  "compensatingInterest",
  "liquidationInterestAdjustment",
  "prepaymentInterestShortfall",
  "reliefActReductions",
] as const;

const FLOAT_FIELDS = [
  "grossRateBalance",
  "netRateBalance",
  "poBegin",
  "poEnd",
  "poScheduled",
  "poPrepayments",
  "poLiquidated",
  "poLiquidationPrincipal",
  "poRealizedLoss",
  "nonDiscountBegin",
  "nonDiscountEnd",
  "premiumStrip",
] as const;

export function remittanceCollections(input: { deal: Deal; loans: TrustLoans; remittance: Remittance }): RemittanceCollections {
  const { deal, loans, remittance } = input;
  const requiredCoupon = deal.collateral.requiredCoupon;
  const acc = new Map<string, Accumulator>();
  const buckets = new Map<string, Record<DelinquencyStatus, { count: number; balance: number }>>();
  for (const g of deal.collateral.groups) {
    const a: Accumulator = {};
    for (const f of [...INTEGER_FIELDS, ...FLOAT_FIELDS]) a[f] = 0;
    acc.set(g.id, a);
    buckets.set(g.id, Object.fromEntries(DELINQUENCY_STATUSES.map((s) => [s, { count: 0, balance: 0 }])) as Record<DelinquencyStatus, { count: number; balance: number }>);
  }
  for (const row of remittance.loans) {
    const loan = loans.byId.get(row.loanId);
    const a = acc.get(row.group);
    if (!loan || !a) throw new Error(`remittance row ${row.loanId} was not checked against the loan tape`);
    const po = loan.poPercentage;
    const net = row.mortgageRate - loan.expenseFeeRate;
    const liquidated = liquidatedBalance(row);
    const liqPrincipal = row.liquidated ? liquidationPrincipal(liquidated, row.liquidationProceeds, row.liquidationExpenses) : 0;
    const loss = liquidated - liqPrincipal;
    const prepaid = row.payoff + row.curtailment + row.repurchase;
    if (row.beginningBalance > 0) a.loanCountBegin++;
    if (row.endingBalance > 0) {
      a.loanCountEnd++;
      const b = buckets.get(row.group)![row.delinquencyStatus];
      b.count++;
      b.balance += row.endingBalance;
    }
    a.beginBalance += row.beginningBalance;
    a.endBalance += row.endingBalance;
    a.scheduledPrincipal += row.scheduledPrincipal;
    a.curtailments += row.curtailment;
    a.payoffs += row.payoff;
    if (row.payoff > 0) a.payoffCount++;
    a.repurchases += row.repurchase;
    if (row.liquidated) a.liquidationCount++;
    a.liquidatedBalance += liquidated;
    a.liquidationProceeds += row.liquidationProceeds;
    a.liquidationExpenses += row.liquidationExpenses;
    a.liquidationPrincipal += liqPrincipal;
    a.realizedLoss += loss;
    a.subsequentRecoveries += row.subsequentRecovery;
    a.interestCollected += row.interestCollected;
    a.interestAdvances += row.interestAdvance;
    a.principalAdvances += row.principalAdvance;
    a.advanceReimbursements += row.advanceReimbursement;
    a.compensatingInterest += row.compensatingInterest;
    if (row.liquidated) a.liquidationInterestAdjustment += liquidationInterestAdjustment(liquidated, row.liquidationProceeds, row.liquidationExpenses);
    a.prepaymentInterestShortfall += row.prepaymentInterestShortfall;
    a.reliefActReductions += row.reliefActReduction;
    a.grossRateBalance += row.beginningBalance * row.mortgageRate;
    a.netRateBalance += row.beginningBalance * net;
    if (po > 0) {
      a.poBegin += po * row.beginningBalance;
      a.poEnd += po * row.endingBalance;
      a.poScheduled += po * row.scheduledPrincipal;
      a.poPrepayments += po * prepaid;
      a.poLiquidated += po * liquidated;
      a.poLiquidationPrincipal += po * liqPrincipal;
      a.poRealizedLoss += po * loss;
    } else {
      a.nonDiscountBegin += row.beginningBalance;
      a.nonDiscountEnd += row.endingBalance;
      if (requiredCoupon !== undefined) a.premiumStrip += (row.beginningBalance * (net - requiredCoupon)) / 1200;
    }
  }

  const groups: GroupCollectionsCents[] = [];
  const waterfall: GroupCollections[] = [];
  for (const g of deal.collateral.groups) {
    const a = acc.get(g.id)!;
    const b = buckets.get(g.id)!;
    const c = (x: number): Cents => cents(x);
    const masterServicingFee = toCents((a.beginBalance / 100) * (deal.collateral.masterServicingFeeRate / 1200));
    const trusteeFee = toCents((a.beginBalance / 100) * (deal.collateral.trusteeFeeRate / 1200));
    const prepayments = a.payoffs + a.curtailments + a.repurchases;
    const principalRemittance = a.scheduledPrincipal + prepayments + a.liquidationPrincipal + a.subsequentRecoveries;
    const interestRemittance = a.interestCollected + a.interestAdvances - a.advanceReimbursements + a.compensatingInterest + a.liquidationInterestAdjustment;
    const netPpis = a.prepaymentInterestShortfall - a.compensatingInterest;
    const delinquent60Plus = DELINQUENCY_STATUSES.filter((s) => SIXTY_PLUS_STATUSES.has(s)).reduce((s, k) => s + b[k].balance, 0);
    const summary: GroupCollectionsCents = {
      groupId: g.id,
      loanCountBegin: a.loanCountBegin,
      loanCountEnd: a.loanCountEnd,
      beginBalance: c(a.beginBalance),
      endBalance: c(a.endBalance),
      scheduledPrincipal: c(a.scheduledPrincipal),
      curtailments: c(a.curtailments),
      payoffs: c(a.payoffs),
      payoffCount: a.payoffCount,
      repurchases: c(a.repurchases),
      liquidationCount: a.liquidationCount,
      liquidatedBalance: c(a.liquidatedBalance),
      liquidationProceeds: c(a.liquidationProceeds),
      liquidationExpenses: c(a.liquidationExpenses),
      liquidationPrincipal: c(a.liquidationPrincipal),
      realizedLoss: c(a.realizedLoss),
      subsequentRecoveries: c(a.subsequentRecoveries),
      principalRemittance: c(principalRemittance),
      interestCollected: c(a.interestCollected),
      interestAdvances: c(a.interestAdvances),
      principalAdvances: c(a.principalAdvances),
      advanceReimbursements: c(a.advanceReimbursements),
      compensatingInterest: c(a.compensatingInterest),
      liquidationInterestAdjustment: c(a.liquidationInterestAdjustment),
      interestRemittance: c(interestRemittance),
      masterServicingFee,
      trusteeFee,
      availableFunds: c(interestRemittance - masterServicingFee - trusteeFee + principalRemittance),
      prepaymentInterestShortfall: c(a.prepaymentInterestShortfall),
      netPrepaymentInterestShortfall: c(netPpis),
      reliefActReductions: c(a.reliefActReductions),
      delinquency: Object.fromEntries(DELINQUENCY_STATUSES.map((s) => [s, { count: b[s].count, balance: c(b[s].balance) }])) as Record<DelinquencyStatus, DelinquencyBucket>,
      delinquent60Plus: c(delinquent60Plus),
      grossWac: a.beginBalance > 0 ? a.grossRateBalance / a.beginBalance : 0,
      netWac: a.beginBalance > 0 ? a.netRateBalance / a.beginBalance : 0,
    };
    groups.push(summary);
    const d = (x: number): number => x / 100;
    waterfall.push({
      groupId: g.id,
      beginBalance: d(a.beginBalance),
      endBalance: d(a.endBalance),
      scheduledPrincipal: d(a.scheduledPrincipal),
      prepayments: d(prepayments),
      liquidatedBalance: d(a.liquidatedBalance),
      liquidationPrincipal: d(a.liquidationPrincipal),
      realizedLoss: d(a.realizedLoss),
      subsequentRecoveries: d(a.subsequentRecoveries),
      interest: d(interestRemittance),
      fees: d(masterServicingFee + trusteeFee),
      netPrepaymentInterestShortfall: d(netPpis),
      reliefActReduction: d(a.reliefActReductions),
      delinquent60PlusBalance: d(delinquent60Plus),
      netWac: summary.netWac,
      poBeginBalance: d(a.poBegin),
      poEndBalance: d(a.poEnd),
      poScheduledPrincipal: d(a.poScheduled),
      poPrepayments: d(a.poPrepayments),
      poLiquidatedBalance: d(a.poLiquidated),
      poLiquidationPrincipal: d(a.poLiquidationPrincipal),
      poRealizedLoss: d(a.poRealizedLoss),
      nonDiscountBeginBalance: d(a.nonDiscountBegin),
      nonDiscountEndBalance: d(a.nonDiscountEnd),
      premiumStripInterest: d(a.premiumStrip),
    });
  }
  return { groups, waterfall };
}
