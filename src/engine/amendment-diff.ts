/**
 * What an amendment does to each class: the same scenario run on the PSA as
 * signed and as amended, compared class by class (principal, interest,
 * writedowns, WAL) with the first Distribution Date on which they differ.
 */
import type { Scenario } from "../core/scenario.js";
import type { Deal, Rule } from "../deal/schema.js";
import { project } from "./project.js";
import type { ProjectionResult } from "./result.js";

export interface ClassTotals {
  principal: number;
  interest: number;
  writedown: number;
  wal: number | null;
}

export interface AmendmentDiffClass {
  class: string;
  signed: ClassTotals;
  amended: ClassTotals;
  /** amended − signed (WAL null when either is). */
  difference: ClassTotals;
  /** First period whose principal, interest or writedown differs by a cent or more; null when none does. */
  firstDifferentPeriod: number | null;
  firstDifferentDate: string | null;
}

export interface AmendmentDiffPeriod {
  period: number;
  date: string;
  /** Class → end-of-period balances under each text. */
  balances: Record<string, { signed: number; amended: number }>;
}

export interface AmendmentDiff {
  deal: { id: string; name: string };
  scenario: Scenario;
  /** The amendments whose effect is measured (applied in `amended`, not in `signed`). */
  amendments: string[];
  depletionPeriod: { signed: number | null; amended: number | null };
  classes: AmendmentDiffClass[];
  periods: AmendmentDiffPeriod[];
}

export interface AmendmentDiffInput {
  readonly signed: Deal;
  readonly amended: Deal;
  readonly amendments: readonly string[];
  readonly scenario: Scenario;
  readonly signedRulesAt?: (date: string) => readonly Rule[];
  readonly amendedRulesAt?: (date: string) => readonly Rule[];
  readonly loanLevel?: boolean;
}

const CENT = 0.005;

function totals(result: ProjectionResult, id: string): ClassTotals {
  const c = result.classes[id];
  return {
    principal: c.flows.reduce((s, f) => s + f.principal, 0),
    interest: c.flows.reduce((s, f) => s + f.interest, 0),
    writedown: c.flows.reduce((s, f) => s + f.writedown, 0),
    wal: c.wal,
  };
}

export function amendmentDiff(input: AmendmentDiffInput): AmendmentDiff {
  const signed = project(input.signed, input.scenario, { rulesAt: input.signedRulesAt, loanLevel: input.loanLevel });
  const amended = project(input.amended, input.scenario, { rulesAt: input.amendedRulesAt, loanLevel: input.loanLevel, amendments: input.amendments });
  const ids = input.amended.classes.map((c) => c.id);
  const classes = ids.map((id): AmendmentDiffClass => {
    const a = totals(signed, id);
    const b = totals(amended, id);
    const fa = signed.classes[id].flows;
    const fb = amended.classes[id].flows;
    let first: number | null = null;
    for (let i = 0; i < Math.max(fa.length, fb.length); i++) {
      const x = fa[i];
      const y = fb[i];
      const differs = !x || !y || Math.abs(x.principal - y.principal) >= CENT || Math.abs(x.interest - y.interest) >= CENT || Math.abs(x.writedown - y.writedown) >= CENT;
      if (differs) {
        first = (x ?? y).period;
        break;
      }
    }
    return {
      class: id,
      signed: a,
      amended: b,
      difference: {
        principal: b.principal - a.principal,
        interest: b.interest - a.interest,
        writedown: b.writedown - a.writedown,
        wal: a.wal === null || b.wal === null ? null : b.wal - a.wal,
      },
      firstDifferentPeriod: first,
      firstDifferentDate: first === null ? null : (fa[first - 1] ?? fb[first - 1]).date,
    };
  });
  const periods: AmendmentDiffPeriod[] = [];
  const n = Math.max(signed.collateral.length, amended.collateral.length);
  for (let i = 0; i < n; i++) {
    const balances: AmendmentDiffPeriod["balances"] = {};
    for (const id of ids) {
      balances[id] = { signed: signed.classes[id].flows[i]?.endBalance ?? 0, amended: amended.classes[id].flows[i]?.endBalance ?? 0 };
    }
    periods.push({ period: i + 1, date: (signed.collateral[i] ?? amended.collateral[i]).date, balances });
  }
  return {
    deal: { id: input.amended.id, name: input.amended.name },
    scenario: input.scenario,
    amendments: [...input.amendments],
    depletionPeriod: { signed: signed.depletionPeriod, amended: amended.depletionPeriod },
    classes,
    periods,
  };
}
