/**
 * Generators and properties of the collateral projection, shared by the fast
 * property test (few runs, normal suite) and the slow one (`*.slow.test.ts`).
 * STANDARDS.md §7: conservation every period, no negative balances, SMM and MDR
 * in [0, 1].
 */
import fc from "fast-check";
import type { CollateralAssumptions } from "../../src/collateral/assumptions.js";
import { defaultMdr } from "../../src/collateral/default-curve.js";
import type { GroupCollateralFlows } from "../../src/collateral/flows.js";
import { loanTapeFromRecords, type LoanRecord, type LoanTape } from "../../src/collateral/loan-tape.js";
import { prepaymentSmm } from "../../src/collateral/prepayment-curve.js";
import { projectCollateral } from "../../src/collateral/project-collateral.js";

const vector = (max: number) => fc.array(fc.double({ min: 0, max, noNaN: true }), { minLength: 1, maxLength: 6 });

export const assumptionsArb: fc.Arbitrary<CollateralAssumptions> = fc.record({
  prepayment: fc.oneof(
    fc.record({ unit: fc.constant("smm" as const), values: vector(100) }),
    fc.record({ unit: fc.constant("cpr" as const), values: vector(100) }),
    fc.record({ unit: fc.constant("psa" as const), values: vector(3000) }),
    fc.record({
      unit: fc.constant("ppc" as const),
      values: vector(500),
      ramp: fc.record({ name: fc.constant("PPC"), startCpr: fc.double({ min: 0, max: 30, noNaN: true }), endCpr: fc.double({ min: 0, max: 60, noNaN: true }), rampMonths: fc.integer({ min: 1, max: 36 }) }),
    }),
  ),
  default: fc.oneof(
    fc.record({ unit: fc.constant("mdr" as const), values: vector(100) }),
    fc.record({ unit: fc.constant("cdr" as const), values: vector(100) }),
    fc.record({ unit: fc.constant("sda" as const), values: vector(20000) }),
  ),
  severity: vector(100),
  recoveryLag: fc.integer({ min: 0, max: 24 }),
  advancing: fc.boolean(),
  indices: fc.record({ LIBOR_1Y: fc.array(fc.double({ min: -1, max: 15, noNaN: true }), { minLength: 1, maxLength: 40 }) }),
});

const armArb = fc.record({
  index: fc.constant("LIBOR_1Y"),
  margin: fc.double({ min: 0, max: 4, noNaN: true }),
  firstResetAge: fc.integer({ min: 1, max: 120 }),
  resetFrequency: fc.integer({ min: 1, max: 24 }),
  initialCap: fc.double({ min: 0, max: 6, noNaN: true }),
  periodicCap: fc.double({ min: 0, max: 3, noNaN: true }),
  lifetimeCap: fc.double({ min: 0, max: 8, noNaN: true }),
  floor: fc.double({ min: 0, max: 4, noNaN: true }),
  rounding: fc.constantFrom(0.125, 0.25, 0.01),
  roundingMethod: fc.constantFrom("nearest" as const, "up" as const, "down" as const),
});

const loanArb = fc
  .record({
    group: fc.constantFrom("1", "2", "3"),
    balance: fc.double({ min: 0, max: 2e6, noNaN: true }),
    mortgageRate: fc.double({ min: 0, max: 15, noNaN: true }),
    feeShare: fc.double({ min: 0, max: 0.2, noNaN: true }),
    originalTerm: fc.integer({ min: 1, max: 480 }),
    ageShare: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
    io: fc.integer({ min: 0, max: 120 }),
    arm: fc.option(armArb, { freq: 3 }),
  })
  .map(({ group, balance, mortgageRate, feeShare, originalTerm, ageShare, io, arm }) => {
    const age = Math.floor(ageShare * originalTerm);
    return {
      group,
      balance,
      mortgageRate,
      feeRate: mortgageRate * feeShare,
      originalTerm,
      age,
      interestOnlyMonths: io > 90 ? io : 0,
      arm: arm ?? undefined,
    };
  });

export const tapeArb: fc.Arbitrary<LoanTape> = fc
  .record({
    loans: fc.array(loanArb, { minLength: 1, maxLength: 25 }),
    requiredCoupon: fc.option(fc.double({ min: 1, max: 10, noNaN: true })),
  })
  .map(({ loans, requiredCoupon }) =>
    loanTapeFromRecords(
      loans.map(
        (l, k): LoanRecord => ({
          id: `L${k}`,
          groupId: l.group,
          balance: l.balance,
          mortgageRate: l.mortgageRate,
          feeRate: l.feeRate,
          originalTerm: l.originalTerm,
          age: l.age,
          interestOnlyMonths: l.interestOnlyMonths,
          ...(l.arm ? { arm: l.arm } : {}),
        }),
      ),
      { requiredCoupon },
    ),
  );

/** Every violation of the per-period identities of one projection (empty when it holds). */
export function conservationProblems(tape: LoanTape, a: CollateralAssumptions): string[] {
  const flows = projectCollateral(tape, a);
  const problems: string[] = [];
  const total = tape.balance.reduce((s, b) => s + b, 0);
  const tol = 1e-9 * Math.max(total, 1);
  const neg = (v: number) => v < -tol;
  for (const f of flows.groups) {
    check(f);
  }
  return problems;

  function check(f: GroupCollateralFlows): void {
    let paid = 0;
    for (let x = 0; x < f.periods; x++) {
      const at = `group ${f.groupId} period ${x + 1}`;
      const drop = f.beginBalance[x] - f.endBalance[x];
      const out = f.scheduledPrincipal[x] + f.prepayments[x] + f.liquidatedBalance[x];
      if (Math.abs(drop - out) > tol) problems.push(`${at}: begin − end ${drop} ≠ scheduled + prepaid + liquidated ${out}`);
      if (Math.abs(f.liquidatedBalance[x] - f.liquidationPrincipal[x] - f.realizedLoss[x]) > tol) problems.push(`${at}: liquidated ≠ recovery + loss`);
      const poDrop = f.poBeginBalance[x] - f.poEndBalance[x];
      const poOut = f.poScheduledPrincipal[x] + f.poPrepayments[x] + f.poLiquidatedBalance[x];
      if (Math.abs(poDrop - poOut) > tol) problems.push(`${at}: PO begin − end ${poDrop} ≠ PO principal + liquidated ${poOut}`);
      if (Math.abs(f.poLiquidatedBalance[x] - f.poLiquidationPrincipal[x] - f.poRealizedLoss[x]) > tol) problems.push(`${at}: PO liquidated ≠ recovery + loss`);
      if (Math.abs(f.endBalance[x] - f.performingBalance[x] - f.foreclosureBalance[x]) > tol) problems.push(`${at}: end ≠ performing + foreclosure`);
      if (x + 1 < f.periods && Math.abs(f.endBalance[x] - f.beginBalance[x + 1]) > tol) problems.push(`${at}: end ≠ next begin`);
      if (f.interest[x] > f.expectedInterest[x] + tol) problems.push(`${at}: interest above expected interest`);
      for (const [name, v] of [
        ["beginBalance", f.beginBalance[x]],
        ["endBalance", f.endBalance[x]],
        ["performingBalance", f.performingBalance[x]],
        ["foreclosureBalance", f.foreclosureBalance[x]],
        ["scheduledPrincipal", f.scheduledPrincipal[x]],
        ["prepayments", f.prepayments[x]],
        ["newDefaults", f.newDefaults[x]],
        ["liquidatedBalance", f.liquidatedBalance[x]],
        ["liquidationPrincipal", f.liquidationPrincipal[x]],
        ["realizedLoss", f.realizedLoss[x]],
        ["interest", f.interest[x]],
        ["fees", f.fees[x]],
        ["poBeginBalance", f.poBeginBalance[x]],
        ["nonDiscountBeginBalance", f.nonDiscountBeginBalance[x]],
        ["premiumStripInterest", f.premiumStripInterest[x]],
      ] as const) {
        if (neg(v) || !Number.isFinite(v)) problems.push(`${at}: ${name} = ${v}`);
      }
      paid += out;
    }
    // Every loan pays off by maturity: principal paid + liquidated = the Cut-off Date balance.
    if (f.periods > 0 && Math.abs(paid - f.beginBalance[0]) > tol) problems.push(`group ${f.groupId}: paid ${paid} ≠ initial ${f.beginBalance[0]}`);
    if (f.periods > 0 && Math.abs(f.endBalance[f.periods - 1]) > tol) problems.push(`group ${f.groupId}: ends at ${f.endBalance[f.periods - 1]}, not 0`);
  }
}

/** SMM and MDR, as fractions, in [0, 1] for every period and loan month of the assumptions. */
export function rateProblems(a: CollateralAssumptions): string[] {
  const problems: string[] = [];
  for (let t = 1; t <= 60; t += 7) {
    for (let month = 0; month <= 400; month += 13) {
      const smm = prepaymentSmm(a.prepayment, t, month) / 100;
      const mdr = defaultMdr(a.default, t, month) / 100;
      if (!(smm >= 0 && smm <= 1)) problems.push(`SMM ${smm} at period ${t}, month ${month}`);
      if (!(mdr >= 0 && mdr <= 1)) problems.push(`MDR ${mdr} at period ${t}, month ${month}`);
    }
  }
  return problems;
}

/** Splitting each loan in two (balances p and 1 − p) changes no group sum beyond float noise. */
export function splitProblems(tape: LoanTape, a: CollateralAssumptions, share: number): string[] {
  const records: LoanRecord[] = [];
  for (let i = 0; i < tape.size; i++) {
    const base: LoanRecord = {
      id: tape.loanIds[i],
      groupId: tape.groupIds[tape.groupIndex[i]],
      balance: tape.balance[i],
      mortgageRate: tape.mortgageRate[i],
      feeRate: tape.feeRate[i],
      originalTerm: tape.originalTerm[i],
      age: tape.age[i],
      remainingTerm: tape.remainingTerm[i],
      interestOnlyMonths: tape.interestOnlyMonths[i],
      ...(tape.arm.indexId[i] >= 0
        ? {
            arm: {
              index: tape.indexNames[tape.arm.indexId[i]],
              margin: tape.arm.margin[i],
              firstResetAge: tape.arm.firstResetAge[i],
              resetFrequency: tape.arm.resetFrequency[i],
              initialCap: tape.arm.initialCap[i],
              periodicCap: tape.arm.periodicCap[i],
              lifetimeCap: tape.arm.lifetimeCap[i],
              floor: tape.arm.floor[i],
              rounding: tape.arm.rounding[i],
              roundingMethod: (["nearest", "up", "down"] as const)[tape.arm.roundingMethod[i]],
            },
          }
        : {}),
    };
    records.push({ ...base, id: `${base.id}a`, balance: base.balance * share });
    records.push({ ...base, id: `${base.id}b`, balance: base.balance * (1 - share) });
  }
  const whole = projectCollateral(tape, a);
  const split = projectCollateral(loanTapeFromRecords(records, { requiredCoupon: tape.requiredCoupon }), a);
  const total = tape.balance.reduce((s, b) => s + b, 0);
  const problems: string[] = [];
  whole.groups.forEach((g, k) => {
    const h = split.groups[k];
    for (const key of ["beginBalance", "scheduledPrincipal", "prepayments", "newDefaults", "liquidatedBalance", "realizedLoss", "interest", "fees", "poScheduledPrincipal", "premiumStripInterest"] as const) {
      for (let x = 0; x < g.periods; x++) {
        if (Math.abs(g[key][x] - h[key][x]) > 1e-9 * Math.max(total, 1)) problems.push(`group ${g.groupId} ${key}[${x + 1}]: ${g[key][x]} vs split ${h[key][x]}`);
      }
    }
  });
  return problems;
}

/** A property's verdict: true, or an error listing the first problems (fast-check shrinks on it). */
export function holds(problems: readonly string[]): boolean {
  if (problems.length > 0) throw new Error(`${problems.length} problem(s):\n${problems.slice(0, 8).join("\n")}`);
  return true;
}
