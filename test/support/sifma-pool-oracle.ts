/**
 * An independent oracle for tests: STANDARDS.md §4 "Cash flow with defaults",
 * transcribed line by line for one level-pay fixed-rate pool, with BAL from the
 * closed form of SF-3 every month (a power per month, no survival factors), so it
 * shares no code or shortcut with the projection kernel. Rates as fractions.
 */
export interface OracleInput {
  balance: number;
  /** Gross (mortgage) rate and net rate, percent. */
  grossRate: number;
  netRate: number;
  originalTerm: number;
  age: number;
  /** SMM and MDR (fractions) for month i = 1, 2, … of the projection. */
  smm: (i: number) => number;
  mdr: (i: number) => number;
  /** Severity, fraction. */
  severity: number;
  lag: number;
  advancing: boolean;
}

export interface OracleRow {
  newDefaults: number;
  adb: number;
  expectedAmortization: number;
  voluntaryPrepayments: number;
  amortizationFromDefaults: number;
  actualAmortization: number;
  foreclosure: number;
  performing: number;
  expectedInterest: number;
  lostInterest: number;
  actualInterest: number;
  principalLoss: number;
  principalRecovery: number;
}

export function sifmaPoolOracle(p: OracleInput): OracleRow[] {
  const c = p.grossRate / 1200;
  const M0 = p.originalTerm;
  const term = M0 - p.age;
  // BAL(i): scheduled balance after month i of the projection, per unit of original par.
  const BAL = (i: number) => {
    const M = term - i;
    if (M <= 0) return 0;
    return (1 - (1 + c) ** -M) / (1 - (1 + c) ** -M0);
  };
  const rows: OracleRow[] = [];
  const newDefaults: number[] = [0];
  let performing = p.balance;
  let foreclosure = 0;
  for (let i = 1; i <= term; i++) {
    const r = BAL(i) / BAL(i - 1);
    const MDR = i > term - p.lag ? 0 : p.mdr(i);
    const SMM = p.smm(i);
    const nd = performing * MDR;
    newDefaults[i] = nd;
    const ndLag = i - p.lag >= 1 ? newDefaults[i - p.lag] : 0;
    const adb = p.advancing ? (i - p.lag >= 1 ? (ndLag * BAL(i - 1)) / BAL(i - 1 - p.lag) : 0) : ndLag;
    const expectedAmortization = (performing + foreclosure - adb) * (1 - r);
    const voluntaryPrepayments = performing * r * SMM;
    const amortizationFromDefaults = p.advancing ? (nd + foreclosure - adb) * (1 - r) : 0;
    const actualAmortization = (performing - nd) * (1 - r);
    const expectedInterest = ((performing + foreclosure) * p.netRate) / 1200;
    const lostInterest = ((nd + foreclosure) * p.netRate) / 1200;
    const principalLoss = Math.min(ndLag * p.severity, adb);
    const principalRecovery = Math.max(adb - principalLoss, 0);
    foreclosure = foreclosure + nd - adb - amortizationFromDefaults;
    performing = performing - nd - voluntaryPrepayments - actualAmortization;
    rows.push({
      newDefaults: nd,
      adb,
      expectedAmortization,
      voluntaryPrepayments,
      amortizationFromDefaults,
      actualAmortization,
      foreclosure,
      performing,
      expectedInterest,
      lostInterest,
      actualInterest: expectedInterest - lostInterest,
      principalLoss,
      principalRecovery,
    });
  }
  return rows;
}
