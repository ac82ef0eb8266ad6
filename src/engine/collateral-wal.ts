import type { ProjectionResult } from "./result.js";

/** The collateral's weighted average life, years: Σ period/12 × principal ÷ Σ principal (scheduled, prepaid, liquidated). */
export function collateralWal(result: ProjectionResult): number {
  let num = 0;
  let den = 0;
  for (const r of result.collateral) {
    const principal = r.scheduledPrincipal + r.prepayments + r.liquidationPrincipal;
    num += (r.period / 12) * principal;
    den += principal;
  }
  return den > 0 ? num / den : 0;
}
