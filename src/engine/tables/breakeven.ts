/**
 * Breakeven CDR of a class: the lowest constant default rate, on a grid of
 * 0.01 CDR, at which the class loses at least $1 of principal (its writedowns
 * over the life of the deal total $1 or more). The rate one grid step below is
 * the highest at which it loses nothing ("breakeven CDR" in the glossary's
 * sense). Everything else comes from the base scenario (speed, severity, lag,
 * advancing, indices).
 *
 * Search: the loss at 0 CDR is checked first; then the bracket [lo, hi] starts
 * at [0, 1] CDR and doubles hi until the class loses (up to 100 CDR); then
 * bisection on whole hundredths until hi − lo = 0.01. Bisection assumes the
 * loss rises with the default rate, which holds for a subordinate class under
 * the §4.04 reverse-order allocation; should it not (a trigger flipping the
 * principal allocation), the answer is still a grid point that loses with its
 * neighbour below not losing.
 */
import type { Scenario } from "../../core/scenario.js";
import type { Deal } from "../../deal/schema.js";
import { priceableClass, unknownClassMessage } from "../../deal/priceable-classes.js";
import { classFlowColumns } from "../result-columns.js";
import type { ProjectionResult } from "../result.js";
import { defaultProjector, type Projector } from "./projector.js";

export interface BreakevenInput {
  readonly deal: Deal;
  readonly baseScenario: Scenario;
  readonly classId: string;
  /** Loss that counts as "losing", dollars (default 1). */
  readonly lossThreshold?: number;
  /** Highest CDR searched (default 100). */
  readonly maxCdr?: number;
  readonly projector?: Projector;
}

export interface ClassLoss {
  readonly cdr: number;
  /** Σ writedowns of the class, dollars. */
  readonly totalWritedown: number;
  /** Percent of the class's initial balance. */
  readonly percentOfInitialBalance: number;
  readonly firstLossPeriod: number | null;
  readonly firstLossDate: string | null;
}

export interface BreakevenResult {
  readonly deal: { readonly id: string; readonly name: string };
  readonly classId: string;
  readonly scenario: Scenario;
  readonly lossThreshold: number;
  /** Lowest CDR (0.01 grid) at which the class loses ≥ the threshold; null if it does not lose up to maxCdr. */
  readonly breakevenCdr: number | null;
  /** Highest grid CDR at which it does not lose (breakevenCdr − 0.01), or null if it loses at 0 CDR. */
  readonly highestCdrWithoutLoss: number | null;
  /** The class's loss at breakevenCdr (at maxCdr when it never loses). */
  readonly loss: ClassLoss;
  readonly maxCdr: number;
  /** Number of projections run. */
  readonly projections: number;
}

export function atCdr(base: Scenario, cdr: number): Scenario {
  return { ...base, default: { unit: "cdr", values: [cdr] } };
}

function classLoss(result: ProjectionResult, classId: string, cdr: number): ClassLoss {
  const cls = result.classes[classId];
  // Only the writedowns are read: from the columns, without building the class's rows.
  const { writedown, dates, count } = classFlowColumns(cls);
  let total = 0;
  let first = -1;
  for (let i = 0; i < count; i++) {
    const w = writedown[i];
    if (w > 0) {
      total += w;
      if (first < 0 && w >= 0.005) first = i;
    }
  }
  return {
    cdr,
    totalWritedown: total,
    percentOfInitialBalance: cls.initialBalance > 0 ? (100 * total) / cls.initialBalance : 0,
    firstLossPeriod: first < 0 ? null : first + 1,
    firstLossDate: first < 0 ? null : dates[first],
  };
}

export function breakeven(input: BreakevenInput): BreakevenResult {
  const { deal, classId } = input;
  const spec = priceableClass(deal, classId);
  if (!spec) throw new RangeError(unknownClassMessage(deal, classId));
  if (spec.notional) throw new RangeError(`class ${classId} is a notional class: it has no principal to lose`);
  const threshold = input.lossThreshold ?? 1;
  const maxCdr = input.maxCdr ?? 100;
  if (!(maxCdr > 0 && maxCdr <= 100)) throw new RangeError(`maxCdr must be in (0, 100], got ${maxCdr}`);
  const projector = input.projector ?? defaultProjector;
  const losses = new Map<number, ClassLoss>();
  /** The loss at h hundredths of a CDR. */
  const lossAt = (h: number): ClassLoss => {
    let l = losses.get(h);
    if (!l) {
      const cdr = h / 100;
      l = classLoss(projector(deal, atCdr(input.baseScenario, cdr)), classId, cdr);
      losses.set(h, l);
    }
    return l;
  };
  const loses = (h: number) => lossAt(h).totalWritedown >= threshold;
  const top = Math.round(maxCdr * 100);
  const finish = (breakevenH: number | null, lossH: number): BreakevenResult => ({
    deal: { id: deal.id, name: deal.name },
    classId,
    scenario: input.baseScenario,
    lossThreshold: threshold,
    breakevenCdr: breakevenH === null ? null : breakevenH / 100,
    highestCdrWithoutLoss: breakevenH === null ? maxCdr : breakevenH === 0 ? null : (breakevenH - 1) / 100,
    loss: lossAt(lossH),
    maxCdr,
    projections: losses.size,
  });

  if (loses(0)) return finish(0, 0);
  let lo = 0;
  let hi = Math.min(100, top);
  while (!loses(hi)) {
    if (hi >= top) return finish(null, top);
    lo = hi;
    hi = Math.min(2 * hi, top);
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (loses(mid)) hi = mid;
    else lo = mid;
  }
  return finish(hi, hi);
}
