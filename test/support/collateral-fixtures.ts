/**
 * The two deals' collateral as their specifications state it
 * (shared/deals/<deal>/README.md §3), written out here so collateral tests do not
 * depend on the deal files or their loader.
 */
import type { CollateralSpec } from "../../src/deal/schema.js";

export const CWALT_2007_12T1_COLLATERAL: CollateralSpec = {
  masterServicingFeeRate: 0.2,
  trusteeFeeRate: 0.009,
  compensatingInterestRate: 0.125,
  requiredCoupon: 6,
  prepaymentAssumption: { name: "PPC", startCpr: 8, endCpr: 20, rampMonths: 12 },
  pricingSpeed: { unit: "ppc", value: 100 },
  defaultIndices: { LIBOR_1M: 5.32 },
  loanTape: { generator: "synthetic-v1", seed: 20070401 },
  groups: [
    {
      id: "1",
      repLines: [
        { id: "R1", statedPrincipalBalance: 43_200_000, mortgageRate: 6.125, originalTerm: 360, age: 1, remainingTerm: 359, interestOnlyMonths: 0, loanCount: 216 },
        { id: "R2", statedPrincipalBalance: 561_600_000, mortgageRate: 6.5, originalTerm: 360, age: 2, remainingTerm: 358, interestOnlyMonths: 0, loanCount: 2808 },
        { id: "R3", statedPrincipalBalance: 259_200_000, mortgageRate: 6.875, originalTerm: 360, age: 3, remainingTerm: 357, interestOnlyMonths: 0, loanCount: 1296 },
      ],
    },
  ],
};

const hybrid = (firstResetAge: number) => ({
  index: "LIBOR_1Y",
  margin: 2.25,
  firstResetAge,
  resetFrequency: 12,
  initialCap: 5,
  periodicCap: 2,
  lifetimeCap: 5,
  floor: 2.25,
  rounding: 0.125,
  roundingMethod: "nearest" as const,
});

export const CWALT_2006_HY12_COLLATERAL: CollateralSpec = {
  masterServicingFeeRate: 0.375,
  trusteeFeeRate: 0.009,
  compensatingInterestRate: 0.125,
  pricingSpeed: { unit: "cpr", value: 25 },
  defaultIndices: { LIBOR_1Y: 5.3 },
  loanTape: { generator: "synthetic-v1", seed: 20060601 },
  groups: [
    {
      id: "1",
      repLines: [
        { id: "1a", statedPrincipalBalance: 300_000_000, mortgageRate: 6.375, originalTerm: 360, age: 2, remainingTerm: 358, interestOnlyMonths: 120, arm: hybrid(60), loanCount: 1500 },
        { id: "1b", statedPrincipalBalance: 200_000_000, mortgageRate: 6.5, originalTerm: 360, age: 3, remainingTerm: 357, interestOnlyMonths: 0, arm: hybrid(60), loanCount: 1000 },
      ],
    },
    {
      id: "2",
      repLines: [
        { id: "2a", statedPrincipalBalance: 300_000_000, mortgageRate: 6.625, originalTerm: 360, age: 2, remainingTerm: 358, interestOnlyMonths: 120, arm: hybrid(84), loanCount: 1500 },
      ],
    },
  ],
};
