import type { GroupCollateralFlows } from "./flows.js";

/** `GroupCollateralFlows` while the projection fills it. */
export type MutableGroupFlows = { -readonly [K in keyof GroupCollateralFlows]: GroupCollateralFlows[K] };

const SERIES = [
  "beginBalance",
  "endBalance",
  "scheduledPrincipal",
  "prepayments",
  "newDefaults",
  "liquidatedBalance",
  "liquidationPrincipal",
  "realizedLoss",
  "foreclosureBalance",
  "interest",
  "lostInterest",
  "fees",
  "netRateWeightedBalance",
  "grossRateWeightedBalance",
  "poBeginBalance",
  "poEndBalance",
  "poScheduledPrincipal",
  "poPrepayments",
  "poLiquidatedBalance",
  "poLiquidationPrincipal",
  "poRealizedLoss",
  "nonDiscountBeginBalance",
  "premiumStripInterest",
  "nonDiscountEndBalance",
  "performingBalance",
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

/** Zeroed arrays for one group's flows over `periods` periods. */
export function allocateGroupFlows(groupId: string, periods: number): MutableGroupFlows {
  const out = { groupId, periods } as MutableGroupFlows;
  for (const key of SERIES) out[key] = new Float64Array(periods);
  return out;
}

// Compile-time check: every Float64Array field of GroupCollateralFlows is in SERIES.
type SeriesKeys = { [K in keyof GroupCollateralFlows]: GroupCollateralFlows[K] extends Float64Array ? K : never }[keyof GroupCollateralFlows];
export const EVERY_SERIES_ALLOCATED: [Exclude<SeriesKeys, FlowSeries>] extends [never] ? true : never = true;
