import { describe, expect, it } from "vitest";
import { buildCurve, discountFactor, libor1mForward, MONTH_ACT360, parSwapRate, shiftCurve, simpleForward } from "./curve.js";
import { bondPrice, caplet, hullWhite, hwB, normalCdf, zeroBondOption } from "./hull-white.js";
import { antitheticMeanSe, discountsAt, pathSeries, simulatePaths } from "./simulate.js";

const points = [
  { term: 1 / 12, yield: 5.32 },
  { term: 0.5, yield: 5.35 },
  { term: 1, yield: 5.3 },
  { term: 2, yield: 5.12 },
  { term: 5, yield: 5.1 },
  { term: 10, yield: 5.27 },
  { term: 30, yield: 5.42 },
];
const curve = buildCurve(points, "par");


describe("curve", () => {
  it("a zero curve discounts at (1 + z/2)^(-2T) at its knots and log-linearly between", () => {
    const z = buildCurve([{ term: 2, yield: 5 }, { term: 10, yield: 6 }], "zero");
    expect(discountFactor(z, 2)).toBeCloseTo(1.025 ** -4, 14);
    expect(discountFactor(z, 10)).toBeCloseTo(1.03 ** -20, 14);
    const mid = Math.sqrt(1.025 ** -4 * 1.03 ** -20);
    expect(discountFactor(z, 6)).toBeCloseTo(mid, 14);
  });

  it("every par point's semiannual par bond prices at par on the bootstrapped factors", () => {
    for (const p of points.filter((q) => q.term > 1)) {
      let pv = 0;
      for (let k = 1; k <= p.term * 2; k++) pv += (p.yield / 200) * discountFactor(curve, k / 2);
      pv += discountFactor(curve, p.term);
      expect(pv).toBeCloseTo(1, 12);
    }
    // The 10-year par swap rate from today is the 10-year par yield (same semiannual leg).
    expect(parSwapRate(curve, 0, 10)).toBeCloseTo(5.27, 10);
  });

  it("the one-month LIBOR forward at 0 is the 1-month point's simple ACT/360 rate", () => {
    const p = discountFactor(curve, 1 / 12);
    expect(libor1mForward(curve, 0)).toBeCloseTo((100 * (1 / p - 1)) / MONTH_ACT360, 12);
    expect(simpleForward(curve, 1, 1, 1)).toBeCloseTo(discountFactor(curve, 1) / discountFactor(curve, 2) - 1, 14);
  });

  it("a shift moves every input yield and rebuilds", () => {
    const up = shiftCurve(curve, 25);
    expect(up.points.map((p) => p.yield)).toEqual(points.map((p) => p.yield + 0.25));
    expect(parSwapRate(up, 0, 10)).toBeCloseTo(5.52, 10);
  });

  it("names a bad point", () => {
    expect(() => buildCurve([{ term: 0, yield: 5 }])).toThrow(/curve point 1: term must be > 0/);
    expect(() => buildCurve([{ term: 2, yield: 5 }, { term: 2, yield: 6 }])).toThrow(/two points at term 2/);
  });
});

describe("Hull-White closed forms", () => {
  const model = hullWhite(curve, { meanReversion: 0.05, volatility: 0.01 });

  it("the bond price at x = 0 with σ = 0 is the forward discount factor; at t = 0 it is the curve", () => {
    const flat = hullWhite(curve, { meanReversion: 0.1, volatility: 0 });
    expect(bondPrice(flat, 3, 8, 0)).toBeCloseTo(discountFactor(curve, 8) / discountFactor(curve, 3), 14);
    expect(bondPrice(model, 0, 7, 0)).toBeCloseTo(discountFactor(curve, 7), 14);
  });

  it("put-call parity: C − P = P(0,S) − K P(0,T)", () => {
    for (const [T, S, K] of [
      [1, 2, 0.95],
      [3, 8, 0.7],
      [5, 5.5, 0.98],
    ]) {
      const c = zeroBondOption(model, "call", T, S, K);
      const p = zeroBondOption(model, "put", T, S, K);
      expect(c - p).toBeCloseTo(discountFactor(curve, S) - K * discountFactor(curve, T), 12);
      expect(c).toBeGreaterThan(0);
      expect(p).toBeGreaterThan(0);
    }
  });

  it("the normal CDF matches known values", () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 13);
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301, 14);
  });

  it("rejects bad parameters by name", () => {
    expect(() => hullWhite(curve, { meanReversion: -1, volatility: 0.01 })).toThrow(/mean reversion/);
    expect(() => hullWhite(curve, { meanReversion: 0.1, volatility: 0.5 })).toThrow(/volatility/);
  });
});

describe("Monte Carlo", () => {
  const model = hullWhite(curve, { meanReversion: 0.05, volatility: 0.012 });
  const sim = simulatePaths(model, { paths: 2000, months: 360, seed: 7 });

  it("path discount factors reproduce the curve within 3 standard errors at every year", () => {
    const width = sim.months + 1;
    for (let year = 1; year <= 30; year++) {
      const k = year * 12;
      const values = new Float64Array(sim.paths);
      for (let p = 0; p < sim.paths; p++) values[p] = Math.exp(sim.logDiscount[p * width + k]);
      const { mean, se } = antitheticMeanSe(values);
      expect(Math.abs(mean - discountFactor(curve, year))).toBeLessThan(3 * se + 1e-12);
      expect(se).toBeGreaterThan(0);
    }
  });

  it("the closed-form caplet equals the Monte Carlo caplet within 3 standard errors", () => {
    for (const [k, strike] of [
      [12, 0.055],
      [60, 0.06],
      [119, 0.05],
    ]) {
      const S = (k + 1) / 12;
      const disc = discountsAt(sim, model, [S]);
      const values = new Float64Array(sim.paths);
      for (let p = 0; p < sim.paths; p++) {
        const L = pathSeries(sim, sim.libor1m, p)[k] / 100;
        values[p] = disc[p] * MONTH_ACT360 * Math.max(0, L - strike);
      }
      const { mean, se } = antitheticMeanSe(values);
      const closed = caplet(model, k / 12, S, strike, MONTH_ACT360);
      expect(closed).toBeGreaterThan(0);
      expect(Math.abs(mean - closed)).toBeLessThan(3 * se);
    }
  });

  it("with σ = 0 every path is the forward path: LIBOR is the curve's forward, D is the curve", () => {
    const flat = hullWhite(curve, { meanReversion: 0.05, volatility: 0 });
    const s = simulatePaths(flat, { paths: 2, months: 130, seed: 1, mortgageSpread: 1.5 });
    for (const k of [0, 13, 60, 120]) {
      expect(s.libor1m[s.months + 1 + k]).toBeCloseTo(libor1mForward(curve, k / 12), 9);
      expect(Math.exp(s.logDiscount[k])).toBeCloseTo(discountFactor(curve, k / 12), 12);
      expect(s.mortgageRate[k]).toBeCloseTo(parSwapRate(curve, k / 12, 10) + 1.5, 9);
    }
  });

  it("the same seed gives the same paths; another seed other paths", () => {
    const a = simulatePaths(model, { paths: 4, months: 24, seed: 3 });
    const b = simulatePaths(model, { paths: 4, months: 24, seed: 3 });
    const c = simulatePaths(model, { paths: 4, months: 24, seed: 4 });
    expect(Buffer.from(a.libor1m.buffer).equals(Buffer.from(b.libor1m.buffer))).toBe(true);
    expect(Buffer.from(a.libor1m.buffer).equals(Buffer.from(c.libor1m.buffer))).toBe(false);
  });

  it("antithetic pairs mirror x: the short rates of a pair average to the σ = 0 path's", () => {
    const a = simulatePaths(model, { paths: 2, months: 24, seed: 9 });
    const w = a.months + 1;
    // r = x + α: the pair's x are opposite, so the average is α(t).
    const flat = simulatePaths(hullWhite(curve, { meanReversion: 0.05, volatility: 0 }), { paths: 2, months: 24, seed: 9 });
    for (const k of [5, 20]) {
      // α(t) = f(0,t) + σ²B(a,t)²/2; the σ = 0 path's is f(0,t).
      const alphaShift = 100 * 0.5 * 0.012 ** 2 * hwB(0.05, k / 12) ** 2;
      const avg = (a.shortRate[k] + a.shortRate[w + k]) / 2;
      expect(Math.abs(avg - flat.shortRate[k] - alphaShift)).toBeLessThan(1e-9);
    }
  });
});

describe("bundled curves (data/curves)", () => {
  it("each parses, and its short end gives back the LIBOR fixings it was built from", async () => {
    const { readFileSync, readdirSync } = await import("node:fs");
    const { parseCurveFile } = await import("./curve-file.js");
    const { libor12mForward } = await import("./curve.js");
    const files = readdirSync("data/curves").filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThanOrEqual(2);
    const fixings: Record<string, [number, number]> = { "cwalt-2007-12t1": [5.32, 5.29563], "cwalt-2006-hy12": [5.34625, 5.76625] };
    for (const f of files) {
      const c = parseCurveFile(readFileSync(`data/curves/${f}`, "utf8"), f);
      const fix = fixings[c.deal ?? ""];
      if (fix) {
        expect(libor1mForward(c.curve, 0)).toBeCloseTo(fix[0], 4);
        expect(libor12mForward(c.curve, 0)).toBeCloseTo(fix[1], 4);
      }
    }
  });

  it("names the file and field of a bad point", async () => {
    const { parseCurveFile } = await import("./curve-file.js");
    expect(() => parseCurveFile('{"asOf":"2007-04-27","points":[{"term":"2q","yield":5,"modeled":"x"}]}', "c.json")).toThrow(/c.json: points\[0\].term/);
    expect(() => parseCurveFile('{"asOf":"2007-04-27","points":[{"term":"2y","yield":5}]}', "c.json")).toThrow(/c.json: points\[0\]: says neither/);
  });
});
