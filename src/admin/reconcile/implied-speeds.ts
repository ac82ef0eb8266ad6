/**
 * Speeds implied by a month's collateral figures, the SIFMA way (STANDARDS.md
 * §3–4): SMM = voluntary prepayments ÷ (beginning balance − scheduled
 * principal), CPR = 1 − (1 − SMM)^12; MDR = balance liquidated ÷ beginning
 * balance (defaults are seen in a remittance when they liquidate), CDR = 1 −
 * (1 − MDR)^12; severity = Realized Loss ÷ balance liquidated. Over several months
 * the rates average by survival (SF-10: never the average of the rates), the
 * severity by balance. Percent.
 */

export interface MonthCollateral {
  readonly beginBalance: number;
  readonly scheduledPrincipal: number;
  /** Payoffs, curtailments and repurchases. */
  readonly prepayments: number;
  readonly liquidatedBalance: number;
  readonly realizedLoss: number;
}

export interface ImpliedSpeeds {
  readonly smm: number;
  readonly cpr: number;
  readonly mdr: number;
  readonly cdr: number;
  /** Null when nothing was liquidated. */
  readonly severity: number | null;
}

const annualize = (monthly: number): number => 100 * (1 - Math.pow(1 - monthly / 100, 12));

/**
 * @example impliedSpeeds({beginBalance: 1000, scheduledPrincipal: 0, prepayments: 10, liquidatedBalance: 0, realizedLoss: 0}).cpr // 11.3615…
 */
export function impliedSpeeds(m: MonthCollateral): ImpliedSpeeds {
  const afterScheduled = m.beginBalance - m.scheduledPrincipal;
  const smm = afterScheduled > 0 ? (100 * m.prepayments) / afterScheduled : 0;
  const mdr = m.beginBalance > 0 ? (100 * m.liquidatedBalance) / m.beginBalance : 0;
  return { smm, cpr: annualize(smm), mdr, cdr: annualize(mdr), severity: m.liquidatedBalance > 0 ? (100 * m.realizedLoss) / m.liquidatedBalance : null };
}

/** Average over months by survival: 1 − (Π (1 − rate))^(1/n), then annualized. */
export function averageSpeeds(months: readonly MonthCollateral[]): ImpliedSpeeds {
  if (months.length === 0) return { smm: 0, cpr: 0, mdr: 0, cdr: 0, severity: null };
  let prepaySurvival = 1;
  let defaultSurvival = 1;
  let liquidated = 0;
  let loss = 0;
  for (const m of months) {
    const s = impliedSpeeds(m);
    prepaySurvival *= 1 - s.smm / 100;
    defaultSurvival *= 1 - s.mdr / 100;
    liquidated += m.liquidatedBalance;
    loss += m.realizedLoss;
  }
  const n = months.length;
  const smm = 100 * (1 - Math.pow(prepaySurvival, 1 / n));
  const mdr = 100 * (1 - Math.pow(defaultSurvival, 1 / n));
  return { smm, cpr: annualize(smm), mdr, cdr: annualize(mdr), severity: liquidated > 0 ? (100 * loss) / liquidated : null };
}
