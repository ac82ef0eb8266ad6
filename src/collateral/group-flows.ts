import type { GroupCollateralFlows } from "./flows.js";

/** `GroupCollateralFlows` while the projection fills it. */
export type MutableGroupFlows = { -readonly [K in keyof GroupCollateralFlows]: GroupCollateralFlows[K] };

const SERIES = [
  // Balances first (snapNoise treats them as one block), then flows.
  "beginBalance",
  "endBalance",
  "performingBalance",
  "foreclosureBalance",
  "poBeginBalance",
  "poEndBalance",
  "nonDiscountBeginBalance",
  "scheduledPrincipal",
  "prepayments",
  "newDefaults",
  "liquidatedBalance",
  "liquidationPrincipal",
  "realizedLoss",
  "interest",
  "lostInterest",
  "fees",
  "netRateWeightedBalance",
  "grossRateWeightedBalance",
  "poScheduledPrincipal",
  "poPrepayments",
  "poLiquidatedBalance",
  "poLiquidationPrincipal",
  "poRealizedLoss",
  "premiumStripInterest",
  "nonDiscountEndBalance",
  "expectedAmortization",
  "actualAmortization",
  "amortizationFromDefaults",
  "expectedInterest",
  "defaultedLoanInterest",
  "expectedNetInterest",
  "defaultedLoanNetInterest",
] as const satisfies ReadonlyArray<keyof GroupCollateralFlows>;

/** The name of every per-period series of `GroupCollateralFlows`. */
export type FlowSeries = (typeof SERIES)[number];
export const FLOW_SERIES: readonly FlowSeries[] = SERIES;

/** How many of SERIES, from the first, are balances (not flows). */
const BALANCE_SERIES_COUNT = 7;

/**
 * Zeroed arrays for one group's flows over `periods` periods: views of one
 * buffer (one allocation, not 32), in the order of SERIES, in one object
 * literal so the object gets a fixed shape and the monthly writes into it are
 * plain field loads. `EVERY_SERIES_ALLOCATED` and the literal's type keep it in
 * step with SERIES.
 */
export function allocateGroupFlows(groupId: string, periods: number): MutableGroupFlows {
  const buffer = new Float64Array(SERIES.length * periods);
  return {
    groupId,
    periods,
    beginBalance: buffer.subarray(0 * periods, 1 * periods),
    endBalance: buffer.subarray(1 * periods, 2 * periods),
    performingBalance: buffer.subarray(2 * periods, 3 * periods),
    foreclosureBalance: buffer.subarray(3 * periods, 4 * periods),
    poBeginBalance: buffer.subarray(4 * periods, 5 * periods),
    poEndBalance: buffer.subarray(5 * periods, 6 * periods),
    nonDiscountBeginBalance: buffer.subarray(6 * periods, 7 * periods),
    scheduledPrincipal: buffer.subarray(7 * periods, 8 * periods),
    prepayments: buffer.subarray(8 * periods, 9 * periods),
    newDefaults: buffer.subarray(9 * periods, 10 * periods),
    liquidatedBalance: buffer.subarray(10 * periods, 11 * periods),
    liquidationPrincipal: buffer.subarray(11 * periods, 12 * periods),
    realizedLoss: buffer.subarray(12 * periods, 13 * periods),
    interest: buffer.subarray(13 * periods, 14 * periods),
    lostInterest: buffer.subarray(14 * periods, 15 * periods),
    fees: buffer.subarray(15 * periods, 16 * periods),
    netRateWeightedBalance: buffer.subarray(16 * periods, 17 * periods),
    grossRateWeightedBalance: buffer.subarray(17 * periods, 18 * periods),
    poScheduledPrincipal: buffer.subarray(18 * periods, 19 * periods),
    poPrepayments: buffer.subarray(19 * periods, 20 * periods),
    poLiquidatedBalance: buffer.subarray(20 * periods, 21 * periods),
    poLiquidationPrincipal: buffer.subarray(21 * periods, 22 * periods),
    poRealizedLoss: buffer.subarray(22 * periods, 23 * periods),
    premiumStripInterest: buffer.subarray(23 * periods, 24 * periods),
    nonDiscountEndBalance: buffer.subarray(24 * periods, 25 * periods),
    expectedAmortization: buffer.subarray(25 * periods, 26 * periods),
    actualAmortization: buffer.subarray(26 * periods, 27 * periods),
    amortizationFromDefaults: buffer.subarray(27 * periods, 28 * periods),
    expectedInterest: buffer.subarray(28 * periods, 29 * periods),
    defaultedLoanInterest: buffer.subarray(29 * periods, 30 * periods),
    expectedNetInterest: buffer.subarray(30 * periods, 31 * periods),
    defaultedLoanNetInterest: buffer.subarray(31 * periods, 32 * periods),
  };
}

/**
 * Sets to zero what is float noise, below `tiny` in size: any balance that
 * small (a loan's remainder at maturity), and any negative flow that small (a
 * foreclosure balance of −1e-11 after the last liquidation), so reports never
 * show "−0.00". Tiny positive flows are kept: in a pool's tail they are real (a
 * PO share of scheduled principal of a tenth of a cent), and dropping them would
 * break conservation. Works on the buffer `allocateGroupFlows` laid out.
 */
export function snapNoise(out: MutableGroupFlows, tiny: number): void {
  const periods = out.periods;
  const all = new Float64Array(out.beginBalance.buffer, out.beginBalance.byteOffset, SERIES.length * periods);
  const balancesEnd = BALANCE_SERIES_COUNT * periods;
  for (let x = 0; x < balancesEnd; x++) {
    const v = all[x];
    if (v !== 0 && v > -tiny && v < tiny) all[x] = 0;
  }
  for (let x = balancesEnd; x < all.length; x++) {
    const v = all[x];
    if (v < 0 && v > -tiny) all[x] = 0;
  }
}

// Compile-time check: every Float64Array field of GroupCollateralFlows is in SERIES.
type SeriesKeys = { [K in keyof GroupCollateralFlows]: GroupCollateralFlows[K] extends Float64Array ? K : never }[keyof GroupCollateralFlows];
export const EVERY_SERIES_ALLOCATED: [Exclude<SeriesKeys, FlowSeries>] extends [never] ? true : never = true;
