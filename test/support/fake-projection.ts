/**
 * Hand-built projection results for the table and pricing tests: each class's
 * principal (and interest) by period, balances rolled forward, so expected
 * values can be worked out by hand without running the engine.
 */
import { DEFAULT_SCENARIO, type Scenario } from "../../src/core/scenario.js";
import type { Deal } from "../../src/deal/schema.js";
import type { ClassFlowRow, ClassResult, ProjectionResult } from "../../src/engine/result.js";
import { distributionDate } from "../../src/engine/schedule.js";

export interface FakeClass {
  readonly initialBalance: number;
  /** Principal paid in period t = index + 1. */
  readonly principal: readonly number[];
  /** Interest paid in period t; default coupon 6% × 30/360 on the balance. */
  readonly interest?: readonly number[];
  readonly writedown?: readonly number[];
  readonly notional?: boolean;
}

export function fakeClassResult(deal: Deal, spec: FakeClass): ClassResult {
  const flows: ClassFlowRow[] = [];
  let balance = spec.initialBalance;
  const periods = Math.max(spec.principal.length, spec.writedown?.length ?? 0);
  for (let i = 0; i < periods; i++) {
    const principal = spec.principal[i] ?? 0;
    const writedown = spec.writedown?.[i] ?? 0;
    const interest = spec.interest?.[i] ?? (balance * 6) / 1200;
    const endBalance = balance - principal - writedown;
    flows.push({ period: i + 1, date: distributionDate(deal, i + 1), beginBalance: balance, interest, principal: spec.notional ? 0 : principal, writedown, endBalance, interestShortfall: 0 });
    balance = endBalance;
  }
  return { type: [], offered: true, group: null, notional: spec.notional ?? false, initialBalance: spec.initialBalance, flows, wal: null };
}

export function fakeResult(deal: Deal, classes: Record<string, FakeClass>, scenario: Scenario = DEFAULT_SCENARIO): ProjectionResult {
  const out: ProjectionResult = {
    deal: { id: deal.id, name: deal.name, amendments: [] },
    scenario,
    collateral: [],
    classes: {},
    depletionPeriod: null,
    terminationPeriod: null,
    corridor: [],
    tests: [],
  };
  for (const [id, spec] of Object.entries(classes)) out.classes[id] = fakeClassResult(deal, spec);
  return out;
}
