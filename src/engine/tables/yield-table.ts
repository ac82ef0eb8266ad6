/**
 * The yield table of a class: bond-equivalent yield at each price (or price at
 * each yield) and prepayment speed, with the average life, modified duration
 * and principal window per speed (SIFMA SF-47 to SF-55 via `priceClasses`).
 * One projection per speed; every quote at that speed prices its cash flows.
 * Optionally each cell gets its spread to a benchmark curve at its average life
 * (`curve`) and its effective duration and convexity (`effectiveShiftBp`: two
 * more projections per speed, index paths shifted ±Δ; see `priceClasses`).
 */
import type { YieldCurve } from "../../analytics/yield-curve.js";
import type { CivilDate } from "../../core/civil-date.js";
import type { PrepaymentUnit, Scenario } from "../../core/scenario.js";
import type { Deal } from "../../deal/schema.js";
import { priceableClass, unknownClassMessage } from "../../deal/priceable-classes.js";
import { classCashFlows } from "../class-cash-flows.js";
import { analyzeClass, classEffectiveMeasures, classSpread, shiftedProjections } from "../price-classes.js";
import type { ClassAnalytics } from "../result.js";
import { HALF_CENT } from "./decrement-rounding.js";
import { assertSpeeds, atSpeed, defaultProjector, type Projector } from "./projector.js";

export interface YieldTableInput {
  readonly deal: Deal;
  readonly baseScenario: Scenario;
  readonly classId: string;
  readonly speeds: readonly number[];
  readonly unit: PrepaymentUnit;
  /** Clean prices per 100 of current face, or bond-equivalent yields in percent. */
  readonly quotes: { readonly kind: "price" | "yield"; readonly values: readonly number[] };
  /** Default: the Closing Date. */
  readonly settlement?: CivilDate;
  readonly delayDays?: number;
  readonly projector?: Projector;
  /** Benchmark curve: each cell's `spread`, read at its average life. */
  readonly curve?: YieldCurve;
  /** Effective duration and convexity of each cell from re-projections at ±this many basis points. */
  readonly effectiveShiftBp?: number;
}

export interface YieldTableRow {
  /** The quoted price or yield. */
  readonly quote: number;
  /** One per speed. */
  readonly cells: readonly ClassAnalytics[];
}

export interface YieldTableSpeed {
  readonly speed: number;
  /** Years from settlement (null: no principal after settlement). */
  readonly averageLife: number | null;
  /** At the reference quote. */
  readonly modifiedDuration: number;
  readonly firstPrincipalDate: string | null;
  readonly lastPrincipalDate: string | null;
}

export interface YieldTable {
  readonly deal: { readonly id: string; readonly name: string };
  readonly classId: string;
  readonly unit: PrepaymentUnit;
  readonly speeds: readonly number[];
  readonly scenario: Scenario;
  readonly settlement: CivilDate;
  readonly quotedBy: "price" | "yield";
  readonly rows: readonly YieldTableRow[];
  /** The quote the per-speed modified duration is taken at: the middle one. */
  readonly referenceQuote: number;
  readonly bySpeed: readonly YieldTableSpeed[];
}

export function yieldTable(input: YieldTableInput): YieldTable {
  const { deal, classId, speeds, unit, quotes } = input;
  assertSpeeds(speeds, unit);
  if (quotes.values.length === 0) throw new RangeError(`${quotes.kind}s: give at least one`);
  for (const q of quotes.values) {
    if (!Number.isFinite(q) || (quotes.kind === "price" && q <= 0)) throw new RangeError(`${quotes.kind}s: ${q} is not a valid ${quotes.kind}`);
  }
  if (!priceableClass(deal, classId)) throw new RangeError(unknownClassMessage(deal, classId));
  const projector = input.projector ?? defaultProjector;
  const settlement = input.settlement ?? deal.dates.closingDate;
  const referenceIndex = Math.floor((quotes.values.length - 1) / 2);

  const columns = speeds.map((speed) => {
    const scenario = atSpeed(input.baseScenario, unit, speed);
    const result = projector(deal, scenario);
    const cashOptions = { settlement, delayDays: input.delayDays };
    const cash = classCashFlows(result, deal, classId, cashOptions);
    const shifted = input.effectiveShiftBp === undefined ? undefined : shiftedProjections(deal, scenario, input.effectiveShiftBp, (s) => projector(deal, s));
    const cells = quotes.values.map((q) => {
      try {
        const a = analyzeClass(cash, quotes.kind === "price" ? { price: q } : { yield: q });
        if (input.curve) {
          const spread = classSpread(a, input.curve);
          if (spread) a.spread = spread;
        }
        if (shifted) Object.assign(a, classEffectiveMeasures(a, deal, classId, shifted, cashOptions));
        return a;
      } catch (e) {
        throw new RangeError(`class ${classId} at ${speed} ${unit.toUpperCase()}, ${quotes.kind} ${q}: ${(e as Error).message}`);
      }
    });
    const paying = cash.flows.filter((f) => f.principal * (cash.currentFace / 100) > HALF_CENT);
    const summary: YieldTableSpeed = {
      speed,
      averageLife: cells[0].averageLife,
      modifiedDuration: cells[referenceIndex].modifiedDuration,
      firstPrincipalDate: paying.length ? paying[0].distributionDate : null,
      lastPrincipalDate: paying.length ? paying[paying.length - 1].distributionDate : null,
    };
    return { cells, summary };
  });

  return {
    deal: { id: deal.id, name: deal.name },
    classId,
    unit,
    speeds: [...speeds],
    scenario: input.baseScenario,
    settlement,
    quotedBy: quotes.kind,
    rows: quotes.values.map((quote, i) => ({ quote, cells: columns.map((c) => c.cells[i]) })),
    referenceQuote: quotes.values[referenceIndex],
    bySpeed: columns.map((c) => c.summary),
  };
}
