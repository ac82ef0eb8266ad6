/**
 * One Distribution Date administered end to end, without I/O: a parsed
 * remittance is checked against the deal and the loan book, turned into
 * `PeriodInputs`, run through the §4.02 waterfall (`distributePeriod`) from the
 * stored state, converted to cents (`ledgerToCents`), and written up as the
 * §4.06 statement. Returns everything the store posts in one transaction.
 */
import { cents, toCents, type Cents } from "../../core/money.js";
import type { Deal, Rule } from "../../deal/schema.js";
import { distributionDate, periodOfDate } from "../../engine/schedule.js";
import type { PeriodInputs } from "../../waterfall/collections.js";
import { distributePeriod } from "../../waterfall/distribute.js";
import type { PeriodReport } from "../../waterfall/report.js";
import type { WaterfallState } from "../../waterfall/state.js";
import { applyRemittance } from "../loans/loan-book.js";
import type { TrustLoans } from "../loans/trust-loans.js";
import { checkAgainstBook, checkHeader } from "../remittance/book-checks.js";
import type { RemittanceLines } from "../remittance/lines.js";
import { RemittanceError, type RemittanceProblem } from "../remittance/problems.js";
import type { Remittance } from "../remittance/schema.js";
import { buildStatement } from "../statement/build-statement.js";
import type { Statement } from "../statement/statement.js";
import { ledgerToCents, type CentsLedgerEntry } from "./ledger-cents.js";
import { remittanceCollections } from "./remittance-collections.js";
import { requiredIndices } from "./required-indices.js";
import type { TrustState } from "./trust-state.js";

export interface DistributionInput {
  readonly deal: Deal;
  readonly loans: TrustLoans;
  /** The trust state after the previous Distribution Date (or the initial state). */
  readonly before: TrustState;
  readonly remittance: Remittance;
  readonly lines: RemittanceLines;
  /** The file name, for problems. */
  readonly file: string;
  readonly remittanceSha256: string;
  readonly revision: number;
  /** Fixings that override or complete the header's `indexFixings`. */
  readonly indexOverrides?: Readonly<Record<string, number>>;
  /** The rules in force on the date when an amendment takes effect later than the first date. */
  readonly rules?: readonly Rule[];
}

export interface Distribution {
  readonly period: number;
  readonly distributionDate: string;
  readonly indexFixings: Readonly<Record<string, number>>;
  readonly ledger: readonly CentsLedgerEntry[];
  readonly report: PeriodReport;
  readonly statement: Statement;
  readonly after: TrustState;
}

/** Index fixings for the date: header values, completed or overridden by the caller; every required index present. */
function fixingsFor(input: DistributionInput): { fixings: Record<string, number>; problems: RemittanceProblem[] } {
  const fixings: Record<string, number> = { ...input.remittance.header.indexFixings, ...(input.indexOverrides ?? {}) };
  const problems: RemittanceProblem[] = [];
  for (const name of requiredIndices(input.deal)) {
    if (fixings[name] === undefined) {
      problems.push({
        line: input.lines.header.get("header.indexFixings") ?? input.lines.header.get("header.distributionDate") ?? 0,
        path: `header.indexFixings.${name}`,
        message: `no ${name} fixing for the date: add it to the header or pass --index ${name}=RATE`,
      });
    }
  }
  return { fixings, problems };
}

export function runDistribution(input: DistributionInput): Distribution {
  const { deal, loans, before, remittance } = input;
  const date = remittance.header.distributionDate;
  const headerProblems = checkHeader(remittance, input.lines, deal);
  if (headerProblems.length > 0) throw new RemittanceError(input.file, headerProblems);
  const period = periodOfDate(deal, date)!;
  if (period !== before.period + 1) {
    const expected = distributionDate(deal, before.period + 1);
    throw new RemittanceError(input.file, [
      {
        line: input.lines.header.get("header.distributionDate") ?? 0,
        path: "header.distributionDate",
        message: `date out of order: the trust state follows ${before.asOf ?? "the Closing Date"}, so the next Distribution Date is ${expected}, not ${date}`,
      },
    ]);
  }
  const { fixings, problems: fixingProblems } = fixingsFor(input);
  const problems = [...fixingProblems, ...checkAgainstBook({ remittance, lines: input.lines, deal, loans, book: before.loanBook })];
  if (problems.length > 0) throw new RemittanceError(input.file, problems);

  const collections = remittanceCollections({ deal, loans, remittance });
  const periodInputs: PeriodInputs = {
    period,
    distributionDate: date,
    groups: collections.waterfall,
    indices: fixings,
    optionalTermination: false,
  };
  const result = distributePeriod(deal, before.waterfall, periodInputs, input.rules ? { rules: input.rules } : {});
  const availableFunds = cents(collections.groups.reduce((s, g) => s + g.availableFunds, 0));
  if (availableFunds < 0) throw new Error(`${date}: Expense Fees exceed the collections (Available Funds ${availableFunds} cents)`);
  const poolEndBalance = cents(collections.groups.reduce((s, g) => s + g.endBalance, 0));
  const classBalancesBefore = Object.fromEntries(deal.classes.filter((c) => !c.notional).map((c) => [c.id, before.classBalances[c.id] ?? cents(0)]));
  const ledger = ledgerToCents({ deal, ledger: result.ledger, report: result.report, availableFunds, classBalancesBefore, poolEndBalance });
  const after = nextTrustState({ deal, before, remittance, waterfall: result.state, report: result.report, ledger, collectionsLoss: collections.groups });
  const statement = buildStatement({
    deal,
    loans,
    period,
    distributionDate: date,
    revision: input.revision,
    remittanceSha256: input.remittanceSha256,
    indexFixings: fixings,
    collections: collections.groups,
    report: result.report,
    ledger,
    before,
    after,
  });
  return { period, distributionDate: date, indexFixings: fixings, ledger, report: result.report, statement, after };
}

/**
 * The state after the date. Class Certificate Balances move by the cents paid
 * and written down; the waterfall state is then set to those cents (and its
 * carry-forwards rounded to the cent), so the next date starts from exactly
 * what this date's statement printed.
 */
function nextTrustState(input: {
  deal: Deal;
  before: TrustState;
  remittance: Remittance;
  waterfall: WaterfallState;
  report: PeriodReport;
  ledger: readonly CentsLedgerEntry[];
  collectionsLoss: readonly { realizedLoss: Cents; subsequentRecoveries: Cents }[];
}): TrustState {
  const { deal, before, ledger } = input;
  const classBalances: Record<string, Cents> = {};
  let writeups = 0;
  for (const spec of deal.classes) {
    if (spec.notional) {
      classBalances[spec.id] = cents(0);
      continue;
    }
    let balance: number = before.classBalances[spec.id] ?? 0;
    for (const e of ledger) {
      if (e.classId !== spec.id) continue;
      if (e.kind === "principal" || e.kind === "writedown") balance -= e.amount;
      if (e.kind === "accretion") balance += e.amount;
      if (e.kind === "writeup") {
        balance += e.amount;
        writeups += e.amount;
      }
    }
    if (balance < 0) throw new Error(`${input.remittance.header.distributionDate}: class ${spec.id} would go negative (${balance} cents) after rounding`);
    classBalances[spec.id] = cents(balance);
  }
  const loss = input.collectionsLoss.reduce((s, g) => s + g.realizedLoss, 0);
  const recoveries = input.collectionsLoss.reduce((s, g) => s + g.subsequentRecoveries, 0);
  const cumulativeRealizedLoss = cents(before.cumulativeRealizedLoss + loss);
  const w = input.waterfall;
  const atCents = (x: number): number => toCents(x) / 100;
  const waterfall: WaterfallState = {
    ...w,
    classes: Object.fromEntries(
      Object.entries(w.classes).map(([id, c]) => [
        id,
        { ...c, balance: classBalances[id] === undefined ? atCents(c.balance) : classBalances[id] / 100, unpaidInterest: atCents(c.unpaidInterest), cumulativeWritedown: atCents(c.cumulativeWritedown) },
      ]),
    ),
    poDeferred: atCents(w.poDeferred),
    yieldSupplementUnpaid: Object.fromEntries(Object.entries(w.yieldSupplementUnpaid).map(([k, v]) => [k, atCents(v)])),
    cumulativeRealizedLoss: cumulativeRealizedLoss / 100,
  };
  return {
    asOf: input.remittance.header.distributionDate,
    period: input.report.period,
    waterfall,
    loanBook: applyRemittance(before.loanBook, input.remittance),
    classBalances,
    cumulativeRealizedLoss,
    cumulativeSubsequentRecoveries: cents(before.cumulativeSubsequentRecoveries + recoveries),
    cumulativeWriteups: cents(before.cumulativeWriteups + writeups),
  };
}
