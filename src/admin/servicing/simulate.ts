/**
 * A servicing simulator: what a master servicer would remit each month for the
 * deal's Mortgage Loan Schedule, loan by loan, in integer cents, so the trustee
 * side (validation, distribution, statements) can be run on realistic files.
 *
 * Each month, for each loan still in the trust (seeded PRNG, loan-tape order):
 * - the Mortgage Rate for the month (ARM resets from the deal's default index);
 * - scheduled interest = balance × rate / 1200 and scheduled principal from the
 *   level payment over the remaining term (none during an interest-only period);
 * - the delinquency status rolls by `DEFAULT_TRANSITIONS`; a delinquent loan's
 *   P&I is advanced by the servicer (§4.01); a loan that cures pays its arrears,
 *   the late interest reimbursing the servicer's interest advances (reported as
 *   collected and reimbursed) and the late principal its principal advances
 *   (kept by the servicer, outside the remittance);
 * - a loan leaving foreclosure or REO is liquidated: the month's interest is
 *   advanced, and proceeds net of expenses (costs plus all the loan's advances)
 *   cover (1 − severity) of the balance, severity 25%–60%; later it may bring a
 *   Subsequent Recovery;
 * - a current loan may pay off (the deal's pricing speed by loan age) on a day
 *   of the Prepayment Period (16th of the prior month to the 15th): a payoff in
 *   the prior month pays interest only through its day, a Prepayment Interest
 *   Shortfall that the master servicer covers with Compensating Interest up to
 *   the cap (§3.17: the lesser of the shortfall, the Compensating Interest rate
 *   and the Master Servicing Fee, a twelfth of each on the pool balance);
 * - a current loan may curtail, be repurchased (§2.03), or (a few flagged
 *   borrowers) have its interest capped at 6% under the Relief Act.
 * Index fixings (LIBOR_1M for the floaters and the corridor) follow a seeded
 * random walk from the deal's default, quoted to five decimals.
 */
import { rampCpr } from "../../collateral/prepayment-ramp.js";
import { cprToSmm } from "../../collateral/cpr-smm.js";
import { psaCpr } from "../../collateral/psa.js";
import { amortizingPayment } from "../../collateral/level-pay.js";
import { deriveSeed, seededRandom } from "../../collateral/prng.js";
import { addDays, addMonths, civilDate, daysInMonth, toYmd, withDay, type CivilDate } from "../../core/civil-date.js";
import { allocateCents, cents, type Cents } from "../../core/money.js";
import { valueAt, type PeriodVector } from "../../core/vector.js";
import type { Deal } from "../../deal/schema.js";
import { distributionDate } from "../../engine/schedule.js";
import { requiredIndices } from "../distribution/required-indices.js";
import type { TrustLoan, TrustLoans } from "../loans/trust-loans.js";
import { REMITTANCE_FORMAT, type DelinquencyStatus, type LoanRemittance, type Remittance } from "../remittance/schema.js";
import { totalsOf } from "../remittance/totals.js";
import { monthlyMortgageRate } from "./mortgage-rate.js";
import { DEFAULT_TRANSITIONS, checkTransitionMatrix, nextStatus, type TransitionMatrix } from "./transition-matrix.js";

export interface SimulationOptions {
  readonly months: number;
  readonly seed: number;
  readonly transitions?: TransitionMatrix;
  /** Multiple of the deal's pricing speed for payoffs; curtailments and repurchases scale with it (1 = the pricing speed). */
  readonly speedMultiple?: number;
  /** Index fixings by period (1-based, last value held) instead of the random walk. */
  readonly indexPaths?: Readonly<Record<string, PeriodVector>>;
}

interface SimLoan {
  readonly loan: TrustLoan;
  balance: number;
  status: DelinquencyStatus;
  open: boolean;
  principalAdvances: number;
  interestAdvances: number;
  /** Realized Loss at liquidation, and months in which a Subsequent Recovery may still come. */
  loss: number;
  recoveryMonths: number;
  readonly reliefAct: boolean;
}

const RELIEF_ACT_SHARE = 0.003;
const CURTAILMENT_PROBABILITY = 0.02;
const REPURCHASE_PROBABILITY = 0.0003;
const RECOVERY_PROBABILITY = 0.08;

/** Voluntary prepayment SMM (fraction) for a loan month at the deal's pricing speed. */
function pricingSmm(deal: Deal, loanMonth: number, multiple: number): number {
  const speed = deal.collateral.pricingSpeed;
  let cpr: number;
  switch (speed.unit) {
    case "ppc":
      cpr = deal.collateral.prepaymentAssumption ? rampCpr(deal.collateral.prepaymentAssumption, speed.value, loanMonth) : 0;
      break;
    case "cpr":
      cpr = speed.value;
      break;
    case "psa":
      cpr = psaCpr(speed.value, loanMonth);
      break;
    case "smm":
      return Math.min(1, (speed.value * multiple) / 100);
  }
  return cprToSmm(Math.min(100, cpr * multiple)) / 100;
}

/** A remittance row for a loan with nothing collected yet: every amount zero, status current. */
export function emptyRow(loan: Pick<TrustLoan, "loanId" | "groupId">, rate: number, balance: number): LoanRemittance {
  return {
    loanId: loan.loanId,
    group: loan.groupId,
    beginningBalance: cents(balance),
    endingBalance: cents(balance),
    mortgageRate: rate,
    scheduledPrincipal: cents(0),
    curtailment: cents(0),
    payoff: cents(0),
    paidThroughDate: null,
    repurchase: cents(0),
    interestCollected: cents(0),
    delinquencyStatus: "current",
    liquidated: false,
    liquidationProceeds: cents(0),
    liquidationExpenses: cents(0),
    subsequentRecovery: cents(0),
    principalAdvance: cents(0),
    interestAdvance: cents(0),
    advanceReimbursement: cents(0),
    reliefActReduction: cents(0),
    prepaymentInterestShortfall: cents(0),
    compensatingInterest: cents(0),
  };
}

/** The remittances for the deal's first `months` Distribution Dates, in date order. */
export function simulateServicing(deal: Deal, loans: TrustLoans, options: SimulationOptions): Remittance[] {
  if (!Number.isInteger(options.months) || options.months < 1 || options.months > 480) throw new RangeError(`months must be 1..480, got ${options.months}`);
  const matrix = options.transitions ?? DEFAULT_TRANSITIONS;
  checkTransitionMatrix(matrix);
  const multiple = options.speedMultiple ?? 1;
  const rng = seededRandom(deriveSeed(options.seed, `servicing:${deal.id}`));
  const sim: SimLoan[] = loans.loans.map((loan) => ({
    loan,
    balance: loan.cutoffBalance,
    status: "current",
    open: loan.cutoffBalance > 0,
    principalAdvances: 0,
    interestAdvances: 0,
    loss: 0,
    recoveryMonths: 0,
    reliefAct: rng() < RELIEF_ACT_SHARE,
  }));
  const indexNames = requiredIndices(deal);
  const fixings: Record<string, number> = {};
  for (const name of indexNames) fixings[name] = deal.collateral.defaultIndices[name] ?? 5;
  const { masterServicingFeeRate, compensatingInterestRate } = deal.collateral;
  const out: Remittance[] = [];

  for (let period = 1; period <= options.months; period++) {
    const date = distributionDate(deal, period);
    const rows: LoanRemittance[] = [];
    let poolBegin = 0;
    for (const s of sim) {
      const loan = s.loan;
      if (!s.open) {
        if (s.recoveryMonths > 0) {
          s.recoveryMonths--;
          if (rng() < RECOVERY_PROBABILITY) {
            const row = emptyRow(loan, loan.mortgageRate, 0);
            rows.push({ ...row, subsequentRecovery: cents(Math.max(1, Math.round(s.loss * (0.02 + 0.08 * rng())))) });
            s.recoveryMonths = 0;
          }
        }
        continue;
      }
      poolBegin += s.balance;
      rows.push(simulateLoanMonth(s, { deal, period, date, matrix, multiple, rng }));
    }
    allocateCompensatingInterest(rows, {
      cap: Math.min(Math.round((poolBegin * compensatingInterestRate) / 1200), Math.round((poolBegin * masterServicingFeeRate) / 1200)),
    });
    for (const name of indexNames) {
      const path = options.indexPaths?.[name];
      if (path) fixings[name] = valueAt(path, period);
      else if (period > 1) fixings[name] = Math.max(0, Math.round((fixings[name] + (rng() - 0.45) * 0.16) * 1e5) / 1e5);
    }
    out.push({
      header: {
        format: REMITTANCE_FORMAT,
        dealId: deal.id,
        distributionDate: date,
        servicer: typeof deal.parties.masterServicer === "string" ? deal.parties.masterServicer : "Master Servicer",
        indexFixings: { ...fixings },
        totals: totalsOf(rows),
      },
      loans: rows,
    });
  }
  return out;
}

interface MonthContext {
  readonly deal: Deal;
  readonly period: number;
  readonly date: CivilDate;
  readonly matrix: TransitionMatrix;
  readonly multiple: number;
  readonly rng: () => number;
}

function simulateLoanMonth(s: SimLoan, ctx: MonthContext): LoanRemittance {
  const { loan } = s;
  const rng = ctx.rng;
  const age = loan.age + ctx.period - 1;
  const remaining = loan.remainingTerm - (ctx.period - 1);
  const rate = monthlyMortgageRate({
    startRate: loan.mortgageRate,
    arm: loan.arm,
    age,
    indexAt: () => ctx.deal.collateral.defaultIndices[loan.arm?.index ?? ""] ?? 5,
  });
  const begin = s.balance;
  const interestDue = Math.round((begin * rate) / 1200);
  let principalDue = 0;
  if (remaining <= 1) principalDue = begin;
  else if (age >= loan.interestOnlyMonths) {
    const payment = amortizingPayment(begin / 100, rate / 1200, remaining) * 100;
    principalDue = Math.min(begin, Math.max(0, Math.round(payment - interestDue)));
  }
  const row = emptyRow(loan, rate, begin);
  const next = nextStatus(ctx.matrix, s.status, rng());

  if (next === "liquidated") {
    const severity = 0.25 + 0.35 * rng();
    const costs = Math.round(begin * (0.03 + 0.05 * rng()));
    // The month's interest is advanced too; all advances are reimbursed from the proceeds.
    const expenses = costs + s.principalAdvances + s.interestAdvances + interestDue;
    const net = Math.round(begin * (1 - severity));
    s.open = false;
    s.loss = begin - net;
    s.recoveryMonths = 12;
    s.balance = 0;
    return {
      ...row,
      endingBalance: cents(0),
      delinquencyStatus: s.status,
      liquidated: true,
      interestAdvance: cents(interestDue),
      liquidationProceeds: cents(net + expenses),
      liquidationExpenses: cents(expenses),
    };
  }

  if (next !== "current") {
    // Delinquent: the borrower pays nothing; the servicer advances the month's P&I.
    s.status = next;
    s.principalAdvances += principalDue;
    s.interestAdvances += interestDue;
    s.balance = begin - principalDue;
    return {
      ...row,
      endingBalance: cents(s.balance),
      scheduledPrincipal: cents(principalDue),
      principalAdvance: cents(principalDue),
      interestAdvance: cents(interestDue),
      delinquencyStatus: next,
    };
  }

  // Current: the month's payment, plus arrears when the loan cures.
  const lateInterest = s.interestAdvances;
  s.status = "current";
  s.principalAdvances = 0;
  s.interestAdvances = 0;
  let interest = interestDue;
  let relief = 0;
  if (s.reliefAct && rate > 6) {
    relief = interestDue - Math.round((begin * 6) / 1200);
    interest -= relief;
  }
  const afterScheduled = begin - principalDue;
  const base: LoanRemittance = {
    ...row,
    scheduledPrincipal: cents(principalDue),
    interestCollected: cents(interest + lateInterest),
    advanceReimbursement: cents(lateInterest),
    reliefActReduction: cents(relief),
    endingBalance: cents(afterScheduled),
  };
  if (afterScheduled > 0 && rng() < pricingSmm(ctx.deal, age + 1, ctx.multiple)) {
    // Payoff on a day of the Prepayment Period (16th of the prior month to the 15th).
    const { year, month } = toYmd(ctx.date);
    const prior = addMonths(civilDate(year, month, 1), -1);
    const periodStart = withDay(prior, 16);
    const days = daysInMonth(toYmd(prior).year, toYmd(prior).month); // the 16th to month end, then the 1st to the 15th
    const paidThrough = addDays(periodStart, Math.floor(rng() * days));
    let shortfall = 0;
    if (toYmd(paidThrough).month !== month) {
      const day = Math.min(toYmd(paidThrough).day, 30);
      shortfall = interest - Math.round((interest * day) / 30);
    }
    s.open = false;
    s.balance = 0;
    return {
      ...base,
      payoff: cents(afterScheduled),
      paidThroughDate: paidThrough,
      interestCollected: cents(interest - shortfall + lateInterest),
      prepaymentInterestShortfall: cents(shortfall),
      endingBalance: cents(0),
    };
  }
  if (afterScheduled > 0 && rng() < REPURCHASE_PROBABILITY * ctx.multiple) {
    s.open = false;
    s.balance = 0;
    return { ...base, repurchase: cents(afterScheduled), endingBalance: cents(0) };
  }
  if (afterScheduled > 100 && rng() < CURTAILMENT_PROBABILITY * ctx.multiple) {
    const curtailment = Math.max(1, Math.round(afterScheduled * (0.005 + 0.045 * rng())));
    s.balance = afterScheduled - curtailment;
    return { ...base, curtailment: cents(curtailment), endingBalance: cents(s.balance) };
  }
  s.balance = afterScheduled;
  if (s.balance === 0) s.open = false;
  return base;
}

/**
 * Compensating Interest (§3.17): the lesser of the month's total Prepayment
 * Interest Shortfall and the cap, shared among the loans with a shortfall pro
 * rata by their shortfalls (largest remainder), so no loan gets more than its own.
 */
function allocateCompensatingInterest(rows: LoanRemittance[], options: { cap: number }): void {
  const withShortfall = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.prepaymentInterestShortfall > 0);
  const total = withShortfall.reduce((sum, { r }) => sum + r.prepaymentInterestShortfall, 0);
  if (total === 0) return;
  const paid: Cents[] = allocateCents(cents(Math.min(total, Math.max(0, options.cap))), withShortfall.map(({ r }) => r.prepaymentInterestShortfall));
  withShortfall.forEach(({ r, i }, k) => {
    rows[i] = { ...r, compensatingInterest: paid[k] };
  });
}
