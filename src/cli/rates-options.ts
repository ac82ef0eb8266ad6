/**
 * Curve and prepayment-model flags of the rate commands (`oas`, `significance
 * --method monte-carlo`) and `project --prepay-model`: `--curve TERM=YIELD,...`
 * (the benchmark syntax; par yields unless `--curve-basis zero`), else the
 * deal's bundled curve (data/curves).
 */
import { loadDealCurve, loadPrepaymentModel } from "../compute/rates-data.js";
import { buildCurve, type CurveBasis, type DiscountCurve } from "../rates/curve.js";
import type { PrepaymentModel } from "../rates/prepayment-model.js";
import { parseCurve } from "./price-options.js";
import { UserError } from "./user-error.js";

export interface CurveChoice {
  readonly curve: DiscountCurve;
  /** Where it came from, for the output. */
  readonly source: string;
}

export function curveFromFlags(flags: { curve?: string; curveBasis?: string }, dealId: string): CurveChoice {
  const basis = (flags.curveBasis ?? "par") as CurveBasis;
  if (basis !== "par" && basis !== "zero") throw new UserError(`--curve-basis: expected par or zero, got "${flags.curveBasis}"`);
  if (flags.curve !== undefined) {
    const points = parseCurve(flags.curve).points;
    try {
      return { curve: buildCurve(points, basis), source: `--curve ${flags.curve} (${basis} yields)` };
    } catch (e) {
      throw new UserError(`--curve: ${(e as Error).message}`);
    }
  }
  if (flags.curveBasis !== undefined) throw new UserError("--curve-basis needs --curve");
  try {
    const file = loadDealCurve(dealId);
    return { curve: file.curve, source: `data/curves/${dealId}.json (as of ${file.asOf})` };
  } catch (e) {
    throw new UserError((e as Error).message);
  }
}

export function prepaymentModelFromFlag(name: string | undefined, fallback = "default"): PrepaymentModel | null {
  try {
    return loadPrepaymentModel(name ?? fallback);
  } catch (e) {
    throw new UserError(`--prepay-model: ${(e as Error).message}`);
  }
}
