/**
 * A rate-dependent prepayment model, as data (`data/prepayment-models/NAME.json`):
 *
 *   CPR = turnover × seasoning(age) × seasonality(month)
 *       + refinancing S-curve(incentive) × seasoning(age) × burnout
 *
 * - turnover: the housing-turnover CPR of a seasoned loan with no incentive;
 * - seasoning: from `startFraction` at age 0 rising linearly to 1 at `rampMonths`;
 * - seasonality: twelve multipliers, January to December, by the month the
 *   prepayments are collected in (read as given; they should average 1);
 * - refinancing: maxCpr / (1 + exp(−(incentive − midpoint)/width)), less its
 *   value at an incentive of −∞ (0), where incentive = the loan's note rate − the
 *   primary mortgage rate (percent; the mortgage rate is the path's 10-year swap
 *   rate + `mortgageRateSpread`);
 * - burnout: exp(−rate × Σ max(0, incentive) over the months so far, in
 *   percent-months): a pool that has had the chance to refinance and has not
 *   slows down.
 * ARM rep lines reset on their schedule from the path's index (index + margin,
 * rounded, within the initial, periodic and lifetime caps and the floor), so a
 * reset to a higher rate raises the incentive.
 *
 * Pure: the rates come in as arrays by month (month 0 = the first period's
 * collection month); the result is an SMM vector (percent) by period.
 */

export interface PrepaymentModel {
  readonly name: string;
  readonly description: string;
  /** Where the parameters come from (`modeled: ...`). */
  readonly provenance: string;
  /** Primary mortgage rate over the 10-year swap rate, percent. */
  readonly mortgageRateSpread: number;
  readonly turnover: { readonly cpr: number };
  readonly seasoning: { readonly rampMonths: number; readonly startFraction: number };
  /** January..December. */
  readonly seasonality: readonly number[];
  readonly refinancing: { readonly maxCpr: number; readonly midpoint: number; readonly width: number };
  readonly burnout: { readonly rate: number };
  /** How the model was fitted (stated in the file). */
  readonly calibration?: string;
}

export interface ModelArmTerms {
  /** Which path index the loan resets on ("libor1m" | "libor1y"). */
  readonly index: "libor1m" | "libor1y";
  readonly margin: number;
  readonly firstResetAge: number;
  readonly resetFrequency: number;
  readonly initialCap: number;
  readonly periodicCap: number;
  /** Over the start rate. */
  readonly lifetimeCap: number;
  readonly floor: number;
  readonly rounding: number;
}

export interface ModelLoan {
  readonly balance: number;
  /** Note rate now, percent. */
  readonly rate: number;
  /** Months since origination at the first period's start. */
  readonly age: number;
  readonly remainingTerm: number;
  /** Months of interest only left, if any (no scheduled principal before). */
  readonly interestOnlyMonths?: number;
  readonly arm?: ModelArmTerms;
}

export interface ModelPath {
  /** Percent, by month (index 0 = period 1). */
  readonly mortgageRate: ArrayLike<number>;
  readonly libor1m?: ArrayLike<number>;
  readonly libor1y?: ArrayLike<number>;
  /** Calendar month (1-12) of period 1's collections. */
  readonly firstMonth: number;
}

export interface ModelProjection {
  /** Pool SMM by period, percent (each loan's SMM weighted by its modeled balance). */
  readonly smm: Float64Array;
  /** Pool CPR by period, percent (from the SMM). */
  readonly cpr: Float64Array;
}

const at = (a: ArrayLike<number>, k: number) => a[Math.min(k, a.length - 1)];

function roundTo(x: number, step: number): number {
  return Math.round(x / step) * step;
}

export function projectPrepayments(model: PrepaymentModel, loans: readonly ModelLoan[], path: ModelPath, periods: number): ModelProjection {
  const smm = new Float64Array(periods);
  const weight = new Float64Array(periods);
  const { turnover, seasoning, seasonality, refinancing, burnout } = model;
  for (const loan of loans) {
    let rate = loan.rate;
    const startRate = loan.rate;
    let survival = 1;
    let burn = 0;
    const n = loan.remainingTerm;
    const io = loan.interestOnlyMonths ?? 0;
    for (let p = 0; p < Math.min(periods, n); p++) {
      const age = loan.age + p + 1;
      const arm = loan.arm;
      if (arm && age >= arm.firstResetAge && (age - arm.firstResetAge) % arm.resetFrequency === 0) {
        const series = arm.index === "libor1m" ? path.libor1m : path.libor1y;
        if (!series) throw new RangeError(`prepayment model: an ARM on ${arm.index} needs that path`);
        const capStep = age === arm.firstResetAge ? arm.initialCap : arm.periodicCap;
        const target = roundTo(at(series, p) + arm.margin, arm.rounding);
        rate = Math.min(startRate + arm.lifetimeCap, Math.max(arm.floor, Math.min(rate + capStep, Math.max(rate - capStep, target))));
      }
      const incentive = rate - at(path.mortgageRate, p);
      const season = Math.min(1, seasoning.startFraction + ((1 - seasoning.startFraction) * age) / seasoning.rampMonths);
      const month = (((path.firstMonth - 1 + p) % 12) + 12) % 12;
      const refi = refinancing.maxCpr / (1 + Math.exp(-(incentive - refinancing.midpoint) / refinancing.width));
      const cpr = Math.min(99.99, turnover.cpr * season * seasonality[month] + refi * season * Math.exp(-burnout.rate * burn));
      const loanSmm = 1 - Math.pow(1 - cpr / 100, 1 / 12);
      // The loan's modeled balance: scheduled amortization (level pay after IO) times survival.
      const i = rate / 1200;
      const left = n - p;
      const scheduled = p < io || i === 0 ? 1 - (p < io ? 0 : 1 / left) : 1 - i / (Math.pow(1 + i, left) - 1);
      const w = loan.balance * survival;
      smm[p] += w * loanSmm;
      weight[p] += w;
      survival *= (1 - loanSmm) * Math.max(0, scheduled);
      burn += Math.max(0, incentive);
    }
  }
  const cpr = new Float64Array(periods);
  for (let p = 0; p < periods; p++) {
    smm[p] = weight[p] > 0 ? (100 * smm[p]) / weight[p] : 0;
    cpr[p] = 100 * (1 - Math.pow(1 - smm[p] / 100, 12));
  }
  return { smm, cpr };
}

/** Parses and checks a model file; errors name the file and field. */
export function parsePrepaymentModel(text: string, fileName: string): PrepaymentModel {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new RangeError(`${fileName}: not JSON (${(e as Error).message})`);
  }
  const num = (v: unknown, field: string, min: number, max: number): number => {
    if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) throw new RangeError(`${fileName}: ${field} must be a number from ${min} to ${max}, got ${JSON.stringify(v)}`);
    return v;
  };
  const obj = (v: unknown, field: string): Record<string, unknown> => {
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw new RangeError(`${fileName}: ${field} must be an object`);
    return v as Record<string, unknown>;
  };
  if (typeof o.name !== "string" || !o.name) throw new RangeError(`${fileName}: name must be a non-empty string`);
  const provenance = typeof o.modeled === "string" ? `modeled: ${o.modeled}` : typeof o.filed === "string" ? `filed: ${o.filed}` : null;
  if (!provenance) throw new RangeError(`${fileName}: says neither how it was modeled ("modeled") nor where it was filed ("filed")`);
  const t = obj(o.turnover, "turnover");
  const s = obj(o.seasoning, "seasoning");
  const r = obj(o.refinancing, "refinancing");
  const b = obj(o.burnout, "burnout");
  if (!Array.isArray(o.seasonality) || o.seasonality.length !== 12) throw new RangeError(`${fileName}: seasonality must list 12 multipliers, January to December`);
  return {
    name: o.name,
    description: typeof o.description === "string" ? o.description : "",
    provenance,
    mortgageRateSpread: num(o.mortgageRateSpread, "mortgageRateSpread", -5, 10),
    turnover: { cpr: num(t.cpr, "turnover.cpr", 0, 100) },
    seasoning: { rampMonths: num(s.rampMonths, "seasoning.rampMonths", 1, 360), startFraction: num(s.startFraction, "seasoning.startFraction", 0, 1) },
    seasonality: o.seasonality.map((v, i) => num(v, `seasonality[${i}]`, 0, 5)),
    refinancing: {
      maxCpr: num(r.maxCpr, "refinancing.maxCpr", 0, 100),
      midpoint: num(r.midpoint, "refinancing.midpoint", -10, 10),
      width: num(r.width, "refinancing.width", 0.01, 10),
    },
    burnout: { rate: num(b.rate, "burnout.rate", 0, 10) },
    ...(typeof o.calibration === "string" ? { calibration: o.calibration } : {}),
  };
}
