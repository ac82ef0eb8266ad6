/**
 * PAC and TAC principal schedules, generated once at closing (as the corridor's
 * notional schedule is): for a schedule's payee in a senior principal sequence,
 * the principal that reaches the payee's place in the sequence on each
 * Distribution Date, projected at each of the band's speeds (a PAC: two, a TAC:
 * one) with no defaults, on the structure without this schedule (the payee paid
 * to zero instead; every other schedule in force). The payee's principal for the
 * date is the minimum over the speeds; the Planned (Targeted) Balance is the
 * classes' original balance less the cumulated minimum, until it reaches zero.
 * The deal file stores the result; runs read it and never recompute it.
 */
import { DEFAULT_SCENARIO, type PrepaymentUnit, type Scenario } from "../core/scenario.js";
import type { Deal, PrincipalSchedule, Rule } from "../deal/schema.js";
import { project } from "./project.js";

export interface PlannedBalanceEntry {
  readonly date: string;
  readonly balance: number;
}

export interface GeneratedPrincipalSchedule {
  readonly scheduleId: string;
  readonly classes: readonly string[];
  readonly unit: PrepaymentUnit;
  readonly speeds: readonly number[];
  readonly originalBalance: number;
  /** Σ over dates of the minimum principal at the payee's place: the most the band can pay the classes. */
  readonly bandPrincipal: number;
  /** Planned balances from the first Distribution Date until zero; when the band cannot pay the classes off, they end above zero. */
  readonly plannedBalances: readonly PlannedBalanceEntry[];
  readonly coversLife: boolean;
}

export class PrincipalScheduleError extends Error {}

/** The payee of `scheduleId` in the deal's senior principal sequences, and the citations paid at and after its place. */
function payeePlace(rules: readonly Rule[], scheduleId: string): { ruleIndex: number; payeeIndex: number; citations: Set<string> } {
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r];
    if (rule.kind !== "seniorPrincipal") continue;
    const p = rule.sequence.findIndex((payee) => payee.limit === "schedule" && payee.schedule === scheduleId);
    if (p >= 0) return { ruleIndex: r, payeeIndex: p, citations: new Set(rule.sequence.slice(p).map((payee) => payee.citation)) };
  }
  throw new PrincipalScheduleError(`no seniorPrincipal payee has \`limit: schedule, schedule: ${scheduleId}\``);
}

/**
 * Generates the schedule of the principal schedule naming `classId` (or with id `scheduleId`),
 * at `speeds` in `unit` (default: the schedule's own band).
 */
export function generatePrincipalSchedule(deal: Deal, spec: PrincipalSchedule, unit: PrepaymentUnit = spec.band.unit, speeds: readonly number[] = spec.band.speeds): GeneratedPrincipalSchedule {
  if (speeds.length < 1 || speeds.length > 2) throw new PrincipalScheduleError(`a schedule is generated at one speed (TAC) or two (a PAC band), got ${speeds.length}`);
  const place = payeePlace(deal.rules, spec.id);
  // The structure without the schedule: its payee paid to zero at its place.
  const rules = deal.rules.map((rule, r) => {
    if (r !== place.ruleIndex || rule.kind !== "seniorPrincipal") return rule;
    return { ...rule, sequence: rule.sequence.map((payee, p) => (p === place.payeeIndex ? { ...payee, limit: "zero" as const, schedule: undefined } : payee)) };
  });
  const unscheduled: Deal = { ...deal, rules };
  const perSpeed = speeds.map((speed) => {
    const scenario: Scenario = { ...DEFAULT_SCENARIO, prepayment: { unit, values: [speed] } };
    const result = project(unscheduled, scenario, { ledger: true });
    const byPeriod = new Map<number, number>();
    for (const e of result.ledger ?? []) {
      if (e.kind === "principal" && place.citations.has(e.rule)) byPeriod.set(e.period, (byPeriod.get(e.period) ?? 0) + e.amount);
    }
    return { dates: result.collateral.map((row) => row.date), byPeriod };
  });
  const original = spec.classes.reduce((s, id) => s + (deal.classes.find((c) => c.id === id)?.initialBalance ?? 0), 0);
  const longest = perSpeed.reduce((a, b) => (b.dates.length > a.dates.length ? b : a));
  const day = String(deal.dates.distributionDay).padStart(2, "0");
  const plannedBalances: PlannedBalanceEntry[] = [];
  let paid = 0;
  let bandPrincipal = 0;
  for (let i = 0; i < longest.dates.length; i++) {
    const min = Math.min(...perSpeed.map((s) => s.byPeriod.get(i + 1) ?? 0));
    bandPrincipal += min;
    paid += min;
    const balance = Math.max(0, Math.round((original - paid) * 100) / 100);
    plannedBalances.push({ date: `${longest.dates[i].slice(0, 7)}-${day}`, balance });
    if (balance === 0) break;
  }
  return {
    scheduleId: spec.id,
    classes: spec.classes,
    unit,
    speeds,
    originalBalance: original,
    bandPrincipal,
    plannedBalances,
    coversLife: plannedBalances.length > 0 && plannedBalances[plannedBalances.length - 1].balance === 0,
  };
}
