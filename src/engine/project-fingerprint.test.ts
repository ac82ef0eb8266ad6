/**
 * Refactoring guard for `project()`: per class Σ principal, Σ interest, Σ
 * writedown, Σ period × end balance, Σ interest shortfall and WAL, plus the
 * depletion and termination periods, at four scenarios (2007-12T1 at the pricing
 * speed, a depleting stress, an early call with interest shortfalls and a LIBOR
 * path; 2006-HY12 as signed under a depleting stress).
 *
 * The expected numbers below were RECORDED from the pre-optimization
 * implementation of `project()` / `distributePeriod()` (src/waterfall and
 * src/engine/project.ts as of 50ffa26, before the per-deal plan and the
 * array-indexed period step) on the collateral kernel as of 6e669df, not
 * derived independently. They pin that the speed work changed no number; the
 * behaviour itself is pinned by the hand-worked, property and oracle tests.
 * Regenerate (from that reference implementation) only for an intended change
 * of behaviour, e.g. of the collateral, and say so in the commit. The `stress`
 * case was re-recorded for the intended changes D1 (a support class takes its
 * own share of senior losses first) and D3 (the loss tests count the date's own
 * losses), found by the independent oracle in test/oracle.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, type Scenario } from "../core/scenario.js";
import { loadDeal } from "../deal/load-deal.js";
import { project } from "./project.js";
import type { ProjectionResult } from "./result.js";

const t1 = loadDeal("cwalt-2007-12t1").deal;
const hy12Signed = loadDeal("cwalt-2006-hy12", { amendments: "none" }).deal;
const scenario = (overrides: Partial<Scenario>): Scenario => ({ ...DEFAULT_SCENARIO, ...overrides });

const CASES = {
  pricing: { deal: t1, scenario: scenario({}) },
  stress: {
    deal: t1,
    scenario: scenario({ default: { unit: "cdr", values: [15] }, severity: [60], recoveryLag: 12, indices: { LIBOR_1M: { values: [7] } } }),
  },
  call: {
    deal: t1,
    scenario: scenario({
      prepayment: { unit: "ppc", values: [300] },
      default: { unit: "cdr", values: [5] },
      severity: [40],
      recoveryLag: 6,
      optionalTermination: true,
      prepaymentInterestShortfall: 50,
      reliefActReduction: 1,
      indices: { LIBOR_1M: { values: [1, 2, 3, 4, 5, 6, 7, 8, 9] } },
    }),
  },
  hy12: {
    deal: hy12Signed,
    scenario: scenario({ prepayment: { unit: "cpr", values: [25] }, default: { unit: "cdr", values: [12] }, severity: [55], recoveryLag: 12 }),
  },
} as const;

interface Fingerprint {
  periods: number;
  depletionPeriod: number | null;
  terminationPeriod: number | null;
  residual: number;
  availableFunds: number;
  corridor: number;
  seniorPrepaymentPercentage: number;
  /** Per class: [Σ principal, Σ interest, Σ writedown, Σ period × end balance, Σ interest shortfall, WAL]. */
  classes: Record<string, [number, number, number, number, number, number | null]>;
}

function fingerprint(r: ProjectionResult): Fingerprint {
  const classes: Fingerprint["classes"] = {};
  for (const [id, c] of Object.entries(r.classes)) {
    let principal = 0;
    let interest = 0;
    let writedown = 0;
    let endBalance = 0;
    let shortfall = 0;
    for (const f of c.flows) {
      principal += f.principal;
      interest += f.interest;
      writedown += f.writedown;
      endBalance += f.endBalance * f.period;
      shortfall += f.interestShortfall;
    }
    classes[id] = [principal, interest, writedown, endBalance, shortfall, c.wal];
  }
  let residual = 0;
  let availableFunds = 0;
  let corridor = 0;
  let seniorPrepaymentPercentage = 0;
  for (const row of r.collateral) {
    residual += row.residual;
    availableFunds += row.availableFunds;
  }
  for (const row of r.corridor) corridor += row.yieldSupplementPaid + row.released;
  for (const row of r.tests) seniorPrepaymentPercentage += row.seniorPrepaymentPercentage;
  return {
    periods: r.collateral.length,
    depletionPeriod: r.depletionPeriod,
    terminationPeriod: r.terminationPeriod,
    residual,
    availableFunds,
    corridor,
    seniorPrepaymentPercentage,
    classes,
  };
}

/** Amounts to 1e-12 relative (float noise only), WALs to 1e-9 years. */
function expectAmount(actual: number, expected: number, label: string): void {
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)) + 1e-9);
}

// Recorded from the pre-optimization implementation (see the header); do not edit by hand.
const RECORDED: Record<keyof typeof CASES, Fingerprint> = {
  pricing: {
    periods: 359,
    depletionPeriod: null,
    terminationPeriod: null,
    residual: 7.09522446795674e-7,
    availableFunds: 1107072816.3645682,
    corridor: 0,
    seniorPrepaymentPercentage: 328.50602222799967,
    classes: {
      "A-1": [199999999.99999997, 31896467.66802022, 0, 164087564595.5148, 0, 2.7742638792946956],
      "A-2": [0, 1561365.5501828033, 0, 164087564595.5148, 0, null],
      "A-3": [470000000.00000006, 78625908.06277709, 0, 385605776799.4601, 0, 2.7742638792946934],
      "A-4": [85999999.9999999, 51754197.58051655, 0, 733342759498.3142, 0, 10.01599436314921],
      "A-5": [66291239.99999999, 46603221.93701335, 0, 714209667401.6587, 0, 11.702898511933487],
      "A-R": [100, 0.5, 0, 0, 0, 0.06944444444444445],
      "X": [0, 14786654.600953702, 0, 2088652560614.0212, 0, null],
      "PO": [604799.999999996, 0, 0, 1547072395.2894511, 0, 4.426736026982787],
      "M": [21600000.00000003, 9377513.694486342, 0, 105291367913.92218, 0, 7.221846986486364],
      "B-1": [6911999.999999987, 3000804.3822356295, 0, 33693237732.455017, 0, 7.221846986486378],
      "B-2": [4320000.000000007, 1875502.7388972682, 0, 21058273582.78441, 0, 7.221846986486374],
      "B-3": [3455999.9999999935, 1500402.1911178147, 0, 16846618866.227509, 0, 7.221846986486378],
      "B-4": [2591999.9999999986, 1125301.643338361, 0, 12634964149.670647, 0, 7.221846986486375],
      "B-5": [2223860.000000002, 965475.8150287289, 0, 10840428770.789663, 0, 7.221846986486429],
    },
  },
  stress: {
    periods: 359,
    depletionPeriod: 20,
    terminationPeriod: null,
    residual: 2.5002104484030788e-8,
    availableFunds: 812083734.2869071,
    corridor: 7018860.642255002,
    seniorPrepaymentPercentage: 359,
    classes: {
      "A-1": [160195417.37352252, 35328581.015248604, 39804582.62647734, 211348410499.52667, 0, 2.6626745341505345],
      "A-2": [0, 0, 0, 211348410499.52667, 0, null],
      "A-3": [410211665.3000861, 90325803.73079239, 59788334.69991391, 579100658854.4774, 0, 2.8389613693129205],
      "A-4": [59847015.68453105, 20755684.937248774, 26152984.315468904, 135818720268.4943, 0, 4.009345753140061],
      "A-5": [12012274.148316769, 8925621.738971397, 54278965.85168323, 24093446393.452843, 0, 2.0926385179749794],
      "A-R": [100, 0.5, 0, 0, 0, 0.06944444444444445],
      "X": [0, 10264756.18129082, 0, 907529264751.1294, 0, null],
      "PO": [473471.890647385, 0, 155825.98733064998, 674341239.2839077, 0, 2.839819556521748],
      "M": [322219.54241163086, 1821219.072667069, 21277780.457588375, 2914700119.1379704, 8.334609447047114e-9, 0.7065359463258545],
      "B-1": [93509.90764521525, 508341.57037835073, 6818490.092354787, 700477147.7028397, 0, 0.6404220308307466],
      "B-2": [55731.78885485573, 300589.8027861887, 4264268.211145145, 389851916.9534896, 0, 0.6114358581402604],
      "B-3": [42775.308390350496, 229416.93395515383, 3413224.691609651, 283138772.05091894, 0, 0.5885278925271302],
      "B-4": [31342.672409249877, 167550.59503375954, 2560657.327590751, 200622604.913414, 0, 0.5752274048628641],
      "B-5": [26891.093929014318, 143753.49779003768, 2196968.9060709868, 172128312.56278813, 0, 0.5752274048629442],
    },
  },
  call: {
    periods: 33,
    depletionPeriod: null,
    terminationPeriod: 33,
    residual: 3.8383006994990865e-8,
    availableFunds: 909424107.5738497,
    corridor: 9654344.517265001,
    seniorPrepaymentPercentage: 33,
    classes: {
      "A-1": [200000000.00000003, 8291213.601471779, 0, 13506741642.490553, 176438.10938436308, 0.8627356152974418],
      "A-2": [0, 2029575.8077914498, 0, 13506741642.490553, 22266.531588375692, null],
      "A-3": [469999999.9999999, 24253855.111768585, 0, 31740842859.852783, 466955.9062859361, 0.8627356152974416],
      "A-4": [85999999.99999997, 13421612.42261202, 0, 43088489789.62117, 332609.0329697658, 2.6516579048285123],
      "A-5": [66291239.99999999, 8473062.756010754, 0, 21950013890.40587, 203540.6157512339, 2.167546489240004],
      "A-R": [100, 0.49483632875210465, 0, 0, 0.005163671247895376, 0.06944444444444445],
      "X": [0, 3948114.1330653667, 0, 117496915821.76025, 84661.88615221677, null],
      "PO": [604634.9668530279, 0, 14438.641118902528, 91591600.4070319, 0, 1.2447532247193305],
      "M": [20958008.188473314, 3422579.951633367, 641991.8115266934, 11152869810.455313, 84991.67779049872, 2.6936155460229054],
      "B-1": [147254.18647072496, 758228.7847381713, 6764745.813529277, 1726441551.6105433, 17704.1710281156, 1.019155582259944],
      "B-2": [58708.15352653333, 310666.7853796013, 4261291.846473468, 439377674.79370874, 6466.701703914245, 0.651836453682242],
      "B-3": [35556.114015042556, 189881.90944899202, 3420443.885984958, 199085623.51658863, 3520.215926974967, 0.5003659250986872],
      "B-4": [21169.2754871855, 113563.26742258754, 2570830.7245128145, 92045950.3959581, 1835.5978056723977, 0.4031518144358387],
      "B-5": [14921.526908230904, 80160.1359364851, 2208938.473091769, 51672600.14142018, 1145.3601533082833, 0.33601797841845943],
    },
  },
  hy12: {
    periods: 358,
    depletionPeriod: 25,
    terminationPeriod: null,
    residual: 27019.349175536103,
    availableFunds: 800407480.0664893,
    corridor: 0,
    seniorPrepaymentPercentage: 716,
    classes: {
      "1-A-1": [387734126.76024956, 67231344.93902874, 12265873.23975029, 402181807844.7405, 0, 2.527516292169336],
      "1-A-2": [28169224.79054928, 13835443.183370274, 42775075.20945068, 55918953582.63573, 0, 2.978986811660129],
      "A-R": [100, 0.5034166666666666, 0, 0, 0, 0.07222222222222222],
      "2-A-1": [232315692.24532974, 41373305.30349819, 7684307.75467041, 244912374860.23938, 0, 2.5541318701849254],
      "2-A-2": [16681909.62052054, 8566441.290972041, 25884790.37947944, 33552731411.611164, 0, 2.9771767108198133],
      "M": [121264.83744913166, 2552350.2182029323, 23878735.162550863, 5027869836.8516445, 0, 0.9230473222026988],
      "B-1": [31927.615677121685, 678510.6369914018, 7968072.384322878, 1043975051.7952952, 0, 0.7345874723717268],
      "B-2": [20195.121353145918, 430610.1726033958, 5579804.878646855, 596366055.8250281, 0, 0.6679000290220688],
      "B-3": [13334.71507347391, 284976.78911102505, 3986665.2849265253, 363226715.13638544, 0, 0.6201846798067315],
      "B-4": [8703.881410184884, 186334.80231271143, 2791296.118589816, 220719988.69759268, 0, 0.5814079511459738],
      "B-5": [6454.859680976926, 138208.43051260625, 2082445.1403190228, 162614284.48795182, 0, 0.5779792944732097],
    },
  },
};

describe("project() refactoring guard (pinned to the pre-optimization output)", () => {
  for (const name of Object.keys(CASES) as (keyof typeof CASES)[]) {
    it(`${name}: the same flows, writedowns, WALs and dates`, () => {
      const { deal, scenario: s } = CASES[name];
      const got = fingerprint(project(deal, s));
      const want = RECORDED[name];
      expect(got.periods).toBe(want.periods);
      expect(got.depletionPeriod).toBe(want.depletionPeriod);
      expect(got.terminationPeriod).toBe(want.terminationPeriod);
      expectAmount(got.residual, want.residual, "residual");
      expectAmount(got.availableFunds, want.availableFunds, "availableFunds");
      expectAmount(got.corridor, want.corridor, "corridor");
      expectAmount(got.seniorPrepaymentPercentage, want.seniorPrepaymentPercentage, "seniorPrepaymentPercentage");
      expect(Object.keys(got.classes)).toEqual(Object.keys(want.classes));
      const columns = ["principal", "interest", "writedown", "period × endBalance", "interestShortfall"];
      for (const [id, row] of Object.entries(want.classes)) {
        const actual = got.classes[id];
        for (let k = 0; k < columns.length; k++) expectAmount(actual[k] as number, row[k] as number, `${name} ${id} ${columns[k]}`);
        const [wal, walWant] = [actual[5], row[5]];
        if (walWant === null) expect(wal, `${name} ${id} WAL`).toBeNull();
        else expect(Math.abs(wal! - walWant), `${name} ${id} WAL`).toBeLessThanOrEqual(1e-9);
      }
    });
  }
});
