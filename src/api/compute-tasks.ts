/**
 * The work the API runs off the event loop. Each task is plain data (it crosses
 * a worker boundary by structured clone) naming a deal file, not a deal: the
 * worker loads and caches the deal itself. `runComputeTask` is pure apart from
 * reading deal files, so tests can call it directly and compare with the worker.
 */
import type { Scenario } from "../core/scenario.js";
import { loadDeal } from "../deal/load-deal.js";
import type { LoadedDeal } from "../deal/parse-deal.js";
import { project } from "../engine/project.js";
import type { ProjectionResult } from "../engine/result.js";
import { dealLoadError, fileStamp, selectionOf, type AmendmentsChoice } from "./catalog.js";
import { dealRun } from "./deal-runs.js";

export interface DealRef {
  /** Absolute path of the deal file (amendments are found beside it). */
  readonly path: string;
  readonly id: string;
  readonly amendments: AmendmentsChoice;
}

export type ComputeTask =
  | { readonly kind: "project"; readonly deal: DealRef; readonly scenario: Scenario; readonly ledger: boolean }
  | { readonly kind: "amendmentDiff"; readonly deal: DealRef; readonly scenario: Scenario };

interface ClassTotals {
  principal: number;
  interest: number;
  writedown: number;
  wal: number | null;
}

export interface AmendmentDiffClass {
  class: string;
  signed: ClassTotals;
  amended: ClassTotals;
  /** amended − signed. */
  difference: ClassTotals;
  /** First period whose principal, interest or writedown differs by a cent or more; null when none does. */
  firstDifferentPeriod: number | null;
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
  amendments: { id: string; title: string; effectiveDate: string; changes: string[] }[];
  depletionPeriod: { signed: number | null; amended: number | null };
  classes: AmendmentDiffClass[];
  periods: AmendmentDiffPeriod[];
}

const loadedCache = new Map<string, { stamp: string; loaded: LoadedDeal }>();

function load(ref: DealRef): LoadedDeal {
  const stamp = fileStamp(ref.path);
  const key = `${ref.path}\u0000${ref.amendments}`;
  const hit = loadedCache.get(key);
  if (hit && hit.stamp === stamp) return hit.loaded;
  let loaded: LoadedDeal;
  try {
    loaded = loadDeal(ref.path, { amendments: selectionOf(ref.amendments) });
  } catch (error) {
    dealLoadError(error, ref.id);
  }
  loadedCache.set(key, { stamp, loaded });
  return loaded;
}

export function runProjection(ref: DealRef, scenario: Scenario, ledger: boolean): ProjectionResult {
  const run = dealRun(load(ref), ref.amendments);
  const result = project(run.deal, scenario, { ledger, rulesAt: run.rulesAt, amendments: run.appliedAmendments });
  const { reports: _reports, ...plain } = result;
  return plain;
}

function totals(result: ProjectionResult, id: string): ClassTotals {
  const c = result.classes[id];
  let principal = 0;
  let interest = 0;
  let writedown = 0;
  for (const f of c.flows) {
    principal += f.principal;
    interest += f.interest;
    writedown += f.writedown;
  }
  return { principal, interest, writedown, wal: c.wal };
}

/** The deal run on the PSA as signed and as amended, class by class. */
export function runAmendmentDiff(ref: DealRef, scenario: Scenario): AmendmentDiff {
  const signed = runProjection({ ...ref, amendments: "signed" }, scenario, false);
  const amended = runProjection({ ...ref, amendments: "amended" }, scenario, false);
  const loaded = load({ ...ref, amendments: "amended" });
  const classes: AmendmentDiffClass[] = Object.keys(signed.classes).map((id) => {
    const s = totals(signed, id);
    const a = totals(amended, id);
    const sf = signed.classes[id].flows;
    const af = amended.classes[id].flows;
    let firstDifferentPeriod: number | null = null;
    for (let i = 0; i < Math.max(sf.length, af.length); i++) {
      const x = sf[i];
      const y = af[i];
      const differs =
        !x ||
        !y ||
        Math.abs(x.principal - y.principal) >= 0.01 ||
        Math.abs(x.interest - y.interest) >= 0.01 ||
        Math.abs(x.writedown - y.writedown) >= 0.01;
      if (differs) {
        firstDifferentPeriod = (x ?? y).period;
        break;
      }
    }
    return {
      class: id,
      signed: s,
      amended: a,
      difference: {
        principal: a.principal - s.principal,
        interest: a.interest - s.interest,
        writedown: a.writedown - s.writedown,
        wal: a.wal === null || s.wal === null ? null : a.wal - s.wal,
      },
      firstDifferentPeriod,
    };
  });
  const periods: AmendmentDiffPeriod[] = [];
  const n = Math.max(signed.collateral.length, amended.collateral.length);
  for (let i = 0; i < n; i++) {
    const row = signed.collateral[i] ?? amended.collateral[i];
    const balances: AmendmentDiffPeriod["balances"] = {};
    for (const id of Object.keys(signed.classes)) {
      balances[id] = {
        signed: signed.classes[id].flows[i]?.endBalance ?? 0,
        amended: amended.classes[id].flows[i]?.endBalance ?? 0,
      };
    }
    periods.push({ period: row.period, date: row.date, balances });
  }
  return {
    deal: { id: amended.deal.id, name: amended.deal.name },
    scenario,
    amendments: loaded.amendmentTimeline.map((t) => ({
      id: t.amendmentId,
      title: t.title,
      effectiveDate: t.effectiveDate,
      changes: t.patches.map((p) =>
        p.op === "delete" ? `${p.section} deleted ("${p.replacementText}")` : p.op === "replace" ? `${p.section} replaced` : `rule inserted after ${p.after}`,
      ),
    })),
    depletionPeriod: { signed: signed.depletionPeriod, amended: amended.depletionPeriod },
    classes,
    periods,
  };
}

export function runComputeTask(task: ComputeTask): unknown {
  switch (task.kind) {
    case "project":
      return runProjection(task.deal, task.scenario, task.ledger);
    case "amendmentDiff":
      return runAmendmentDiff(task.deal, task.scenario);
  }
}
