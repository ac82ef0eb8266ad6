/**
 * The prospectus decrement table ("Percent of Initial Class Certificate
 * Balance Outstanding"): for each class and each prepayment speed, the
 * percentage of the initial balance outstanding after the distribution on each
 * anniversary of the first Distribution Date, and the weighted average life.
 * Rounding per `formatDecrementPercent`; WAL per `weightedAverageLife`.
 *
 * Each class's rows run from "Initial" (100) to the first anniversary at which
 * it is paid off at every speed. Notional classes are skipped unless asked
 * for, and then shown on their notional amounts, labelled.
 */
import { addMonths, type CivilDate } from "../../core/civil-date.js";
import type { PrepaymentUnit, Scenario } from "../../core/scenario.js";
import type { Deal } from "../../deal/schema.js";
import { priceableClass, priceableClasses, unknownClassMessage } from "../../deal/priceable-classes.js";
import type { ClassResult, ProjectionResult } from "../result.js";
import { formatDecrementPercent, percentOutstanding } from "./decrement-rounding.js";
import { assertSpeeds, atSpeed, defaultProjector, type Projector } from "./projector.js";
import { weightedAverageLife } from "./weighted-average-life.js";

export interface DecrementTableInput {
  readonly deal: Deal;
  /** Everything but the prepayment speed (defaults, severity, indices, call). */
  readonly baseScenario: Scenario;
  readonly speeds: readonly number[];
  readonly unit: PrepaymentUnit;
  /** Classes to show, in this order; default every class of the deal. */
  readonly classes?: readonly string[];
  /** Show notional classes on their notional amounts (default: skip them). */
  readonly includeNotional?: boolean;
  readonly projector?: Projector;
}

export interface DecrementRow {
  /** null for the "Initial" row; else the anniversary (unadjusted) of the first Distribution Date. */
  readonly date: CivilDate | null;
  /** Percent outstanding per speed, unrounded. */
  readonly percents: readonly number[];
  /** As printed: whole percent, "*" or "0". */
  readonly display: readonly string[];
}

export interface DecrementClass {
  readonly classId: string;
  /** Shown on its notional amount. */
  readonly notional: boolean;
  readonly initialBalance: number;
  readonly rows: readonly DecrementRow[];
  /** Years per speed (null: no principal paid). */
  readonly weightedAverageLife: readonly (number | null)[];
}

export interface DecrementTable {
  readonly deal: { readonly id: string; readonly name: string };
  readonly unit: PrepaymentUnit;
  readonly speeds: readonly number[];
  readonly scenario: Scenario;
  readonly classes: readonly DecrementClass[];
  readonly skipped: readonly { readonly classId: string; readonly reason: string }[];
}

/** The class's balance (or notional) after the distribution of `period`; its last balance once the projection has ended. */
function balanceAfter(result: ClassResult, period: number): number {
  const rows = result.flows;
  if (rows.length === 0) return result.initialBalance;
  const row = rows[Math.min(period, rows.length) - 1];
  return row.endBalance;
}

export function decrementTable(input: DecrementTableInput): DecrementTable {
  const { deal, speeds, unit } = input;
  assertSpeeds(speeds, unit);
  const projector = input.projector ?? defaultProjector;
  const wanted = input.classes ?? priceableClasses(deal).map((c) => c.id);
  for (const id of wanted) {
    if (!priceableClass(deal, id)) throw new RangeError(unknownClassMessage(deal, id));
  }
  const results: ProjectionResult[] = speeds.map((s) => projector(deal, atSpeed(input.baseScenario, unit, s)));
  const first = deal.dates.firstDistributionDate;
  const skipped: { classId: string; reason: string }[] = [];
  const classes: DecrementClass[] = [];

  for (const id of wanted) {
    const spec = priceableClass(deal, id)!;
    const notional = spec.notional !== undefined;
    if (notional && !input.includeNotional) {
      skipped.push({ classId: id, reason: "notional class (no principal); shown with --include-notional on its notional amount" });
      continue;
    }
    const perSpeed = results.map((r) => r.classes[id]);
    const initial = notional ? (perSpeed[0].flows[0]?.beginBalance ?? 0) : perSpeed[0].initialBalance;
    if (!(initial > 0)) {
      skipped.push({ classId: id, reason: "no initial balance" });
      continue;
    }
    const rows: DecrementRow[] = [{ date: null, percents: speeds.map(() => 100), display: speeds.map(() => "100") }];
    const longest = Math.max(...perSpeed.map((c) => c.flows.length));
    for (let year = 1; ; year++) {
      const period = 12 * year + 1;
      const percents = perSpeed.map((c) => percentOutstanding(balanceAfter(c, period), initial));
      rows.push({ date: addMonths(first, 12 * year), percents, display: percents.map(formatDecrementPercent) });
      if (percents.every((p) => p === 0) || period >= longest) break;
    }
    classes.push({
      classId: id,
      notional,
      initialBalance: initial,
      rows,
      weightedAverageLife: perSpeed.map((c) => weightedAverageLife(deal, c.flows, notional)),
    });
  }
  return { deal: { id: deal.id, name: deal.name }, unit, speeds: [...speeds], scenario: input.baseScenario, classes, skipped };
}
