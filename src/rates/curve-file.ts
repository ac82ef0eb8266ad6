/**
 * A curve file (`data/curves/<deal>.json`; see its README): `{deal, asOf,
 * basis: "par"|"zero", points: [{term: "1m"|"2y"|number, yield, filed|modeled}]}`.
 * Pure: the caller reads the file; errors name the file and the field.
 */
import { buildCurve, type CurveBasis, type CurveInputPoint, type DiscountCurve } from "./curve.js";

export interface CurveFile {
  readonly deal?: string;
  readonly asOf: string;
  readonly basis: CurveBasis;
  readonly points: readonly (CurveInputPoint & { readonly provenance: string })[];
  readonly curve: DiscountCurve;
}

/** A term in years from `2`, `"2y"`, `"6m"`; NaN when it is none of them. */
export function parseTerm(term: unknown): number {
  if (typeof term === "number") return term;
  if (typeof term !== "string") return Number.NaN;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([ym]?)\s*$/i.exec(term);
  if (!m) return Number.NaN;
  const v = Number(m[1]);
  return m[2].toLowerCase() === "m" ? v / 12 : v;
}

export function parseCurveFile(text: string, fileName: string): CurveFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new RangeError(`${fileName}: not JSON (${(e as Error).message})`);
  }
  const o = doc as Record<string, unknown>;
  if (typeof o !== "object" || o === null) throw new RangeError(`${fileName}: expected an object`);
  if (typeof o.asOf !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(o.asOf)) throw new RangeError(`${fileName}: asOf must be a date YYYY-MM-DD`);
  const basis = o.basis ?? "par";
  if (basis !== "par" && basis !== "zero") throw new RangeError(`${fileName}: basis must be "par" or "zero", got ${JSON.stringify(basis)}`);
  if (!Array.isArray(o.points) || o.points.length === 0) throw new RangeError(`${fileName}: points must be a non-empty list`);
  const points = o.points.map((raw: Record<string, unknown>, i: number) => {
    const where = `${fileName}: points[${i}]`;
    const term = parseTerm(raw?.term);
    if (!(term > 0)) throw new RangeError(`${where}.term: ${JSON.stringify(raw?.term)} is not a term (years, or e.g. "6m", "2y")`);
    if (typeof raw.yield !== "number" || !Number.isFinite(raw.yield)) throw new RangeError(`${where}.yield: must be a number (percent)`);
    const provenance = typeof raw.filed === "string" ? `filed: ${raw.filed}` : typeof raw.modeled === "string" ? `modeled: ${raw.modeled}` : null;
    if (provenance === null) throw new RangeError(`${where}: says neither where it was filed ("filed") nor how it was modeled ("modeled")`);
    return { term, yield: raw.yield, provenance };
  });
  let curve: DiscountCurve;
  try {
    curve = buildCurve(points, basis);
  } catch (e) {
    throw new RangeError(`${fileName}: ${(e as Error).message}`);
  }
  return { ...(typeof o.deal === "string" ? { deal: o.deal } : {}), asOf: o.asOf, basis, points, curve };
}
