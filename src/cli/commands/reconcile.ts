/**
 * `tranche reconcile <deal> --from DATE [--to DATE] [scenario flags]`: the posted
 * Distribution Dates against a projection from the same starting point, per
 * class, with the speeds the remittances imply (CPR, CDR, severity) against
 * those assumed. Without prepayment flags the deal's pricing speed is assumed.
 */
import type { Command } from "commander";
import { initialTrustState } from "../../admin/distribution/trust-state.js";
import { reconcile, type Reconciliation } from "../../admin/reconcile/reconcile.js";
import type { ImpliedSpeeds } from "../../admin/reconcile/implied-speeds.js";
import type { Statement } from "../../admin/statement/statement.js";
import { isCivilDate } from "../../core/civil-date.js";
import { livePostings, statementFor, trustStateAfter } from "../../store/postings.js";
import { addScenarioOptions, scenarioFromFlags, type ScenarioFlags } from "../scenario-options.js";
import { renderTable, money } from "../text-table.js";
import { UserError } from "../user-error.js";
import { DB_OPTION_HELP, loadAdminDeal, withStore } from "./distribute.js";

interface ReconcileFlags extends ScenarioFlags {
  from: string;
  to?: string;
  format: string;
  db?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command("reconcile")
    .description("compare posted Distribution Dates with a projection from the same starting point, and the speeds that explain the differences")
    .argument("<deal>", "deal id")
    .requiredOption("--from <date>", "first posted Distribution Date of the window, YYYY-MM-DD")
    .option("--to <date>", "last posted Distribution Date (default the last one posted)")
    .option("--format <format>", "text or json", "text")
    .option("--db <location>", DB_OPTION_HELP);
  addScenarioOptions(cmd).action(async (dealRef: string, flags: ReconcileFlags) => {
    for (const [name, value] of [["--from", flags.from], ["--to", flags.to]] as const) {
      if (value !== undefined && !isCivilDate(value)) throw new UserError(`${name}: expected YYYY-MM-DD, got "${value}"`);
    }
    if (!["text", "json"].includes(flags.format)) throw new UserError(`--format: expected text or json, got "${flags.format}"`);
    const loaded = await loadAdminDeal(dealRef);
    const { deal, loans } = loaded;
    let scenario = scenarioFromFlags(flags, deal);
    if (![flags.ppc, flags.cpr, flags.psa, flags.smm].some((v) => v !== undefined) && flags.scenario === undefined) {
      scenario = { ...scenario, prepayment: { unit: deal.collateral.pricingSpeed.unit, values: [deal.collateral.pricingSpeed.value] } };
    }
    const result = await withStore(flags.db, async (store) => {
      const live = await livePostings(store.db, deal.id);
      if (live.length === 0) throw new UserError(`${deal.id}: nothing is posted in the store ${store.location}`);
      const first = live.findIndex((p) => p.distributionDate === flags.from);
      if (first < 0) throw new UserError(`--from: ${flags.from} is not a posted Distribution Date of ${deal.id} (posted: ${live[0].distributionDate} to ${live[live.length - 1].distributionDate})`);
      const lastIndex = flags.to === undefined ? live.length - 1 : live.findIndex((p) => p.distributionDate === flags.to);
      if (lastIndex < first) throw new UserError(`--to: ${flags.to} is not a posted Distribution Date on or after ${flags.from}`);
      const start = first === 0 ? initialTrustState(deal, loans) : await trustStateAfter(store.db, live[first - 1].id);
      const statements: Statement[] = [];
      for (const p of live.slice(first, lastIndex + 1)) statements.push(JSON.parse((await statementFor(store.db, deal.id, p.distributionDate))!.body) as Statement);
      try {
        return reconcile({ deal, loans, start, statements, scenario, ...(loaded.rulesAt ? { rulesAt: loaded.rulesAt } : {}) });
      } catch (error) {
        if (error instanceof RangeError) throw new UserError(error.message);
        throw error;
      }
    });
    process.stdout.write(flags.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : renderReconciliation(result));
  });
}

const pct = (x: number): string => `${x.toFixed(2)}%`;
const sev = (s: ImpliedSpeeds): string => (s.severity === null ? "n/a" : pct(s.severity));

export function renderReconciliation(r: Reconciliation): string {
  const out: string[] = [`${r.dealId}: posted ${r.from} to ${r.to} against a projection from the same starting point`, ""];
  out.push("Speeds (posted = implied by the remittances; projected = implied by the projection's collateral)");
  out.push(
    renderTable(
      [{ header: "Date" }, { header: "CPR posted", align: "right" }, { header: "CPR projected", align: "right" }, { header: "CDR posted", align: "right" }, { header: "CDR projected", align: "right" }, { header: "Severity posted", align: "right" }, { header: "Severity projected", align: "right" }, { header: "Pool posted", align: "right" }, { header: "Pool projected", align: "right" }],
      [
        ...r.months.map((m) => [m.distributionDate, pct(m.postedSpeeds.cpr), pct(m.projectedSpeeds.cpr), pct(m.postedSpeeds.cdr), pct(m.projectedSpeeds.cdr), sev(m.postedSpeeds), sev(m.projectedSpeeds), money(m.posted.endBalance), money(m.projected.endBalance)]),
        ["window", pct(r.postedAverage.cpr), pct(r.projectedAverage.cpr), pct(r.postedAverage.cdr), pct(r.projectedAverage.cdr), sev(r.postedAverage), sev(r.projectedAverage), "", ""],
      ],
    ),
  );
  out.push("", "Classes over the window (difference = posted − projected)");
  out.push(
    renderTable(
      [{ header: "Class" }, { header: "Principal posted", align: "right" }, { header: "projected", align: "right" }, { header: "diff", align: "right" }, { header: "Interest diff", align: "right" }, { header: "Losses posted", align: "right" }, { header: "projected", align: "right" }, { header: "Ending balance diff", align: "right" }],
      r.classes.map((c) => [c.classId, money(c.posted.principal), money(c.projected.principal), money(c.difference.principal), money(c.difference.interest), money(c.posted.losses), money(c.projected.losses), money(c.difference.endingBalance)]),
    ),
  );
  out.push("", "What explains the differences", ...r.explanation.map((e) => `- ${e}`), "");
  return out.join("\n");
}
