/**
 * `tranche project <deal>`: project every class of a deal under a scenario.
 */
import type { Command } from "commander";
import type { Scenario } from "../../core/scenario.js";
import type { Deal } from "../../deal/schema.js";
import { pathScenario, pathScenarioContext, simulationMonths } from "../../engine/rate-scenarios.js";
import { formatScenarioText } from "../../engine/scenario-text.js";
import { forwardPath } from "../../rates/simulate.js";
import { curveFromFlags, prepaymentModelFromFlag } from "../rates-options.js";
import { project } from "../../engine/project.js";
import type { ProjectionResult } from "../../engine/result.js";
import { loadDealForCli } from "../load-deal-for-cli.js";
import { addPriceOptions, priceForCli, pricingRequestFromFlags, renderAnalyticsCsv, renderAnalyticsTable, type PriceFlags } from "../price-options.js";
import { addScenarioOptions, scenarioFromFlags, type ScenarioFlags } from "../scenario-options.js";
import { money, percent, renderCsv, renderTable } from "../text-table.js";
import { UserError } from "../user-error.js";

interface ProjectFlags extends ScenarioFlags, PriceFlags {
  prepayModel?: string;
  curveBasis?: string;
  loanLevel?: boolean;
  format: string;
  ledger?: boolean;
  class?: string;
  withoutAmendment?: string[];
}

export function register(program: Command): void {
  const cmd = program
    .command("project")
    .description("project every class of a deal under a prepayment/default/rate scenario")
    .argument("<deal>", "deal id (e.g. cwalt-2007-12t1) or path to a deal file");
  addPriceOptions(addScenarioOptions(cmd))
    .option("--loan-level", "project each loan of the deal's tape instead of the rep lines")
    .option("--format <format>", "table, json or csv", "table")
    .option("--ledger", "include every ledger entry (json) or print the ledger (table/csv)")
    .option("--class <id>", "with table/csv: that class's monthly flows")
    .option("--prepay-model <name>", "prepay by a rate-dependent model (default, none, or a model file) on the forward path of --curve (else the deal's bundled curve, data/curves); the path also sets the indices --libor/--index leave unset")
    .option("--curve-basis <basis>", "with --prepay-model: --curve holds par (default) or zero yields")
    .option("--without-amendment <id>", "run the PSA without this amendment (repeatable)", (v: string, prev: string[] = []) => [...prev, v])
    .action(async (dealRef: string, flags: ProjectFlags) => {
      if (!["table", "json", "csv"].includes(flags.format)) throw new UserError(`--format: expected table, json or csv, got "${flags.format}"`);
      const loaded = await loadDealForCli(dealRef, flags.withoutAmendment);
      let scenario = scenarioFromFlags(flags, loaded.deal);
      let modelNote: string | undefined;
      if (flags.prepayModel !== undefined) {
        const onPath = modelScenario(loaded.deal, scenario, flags);
        scenario = onPath.scenario;
        modelNote = onPath.note;
      } else if (flags.curveBasis !== undefined) throw new UserError("--curve-basis goes with --prepay-model");
      const pricing = pricingRequestFromFlags(flags, loaded.deal);
      const options = { loanLevel: flags.loanLevel, amendments: loaded.appliedAmendments, rulesAt: loaded.rulesAt };
      const result = project(loaded.deal, scenario, { ...options, ledger: flags.ledger });
      if (pricing) {
        // --effective re-projects the deal at shifted index paths with the same options.
        result.analytics = priceForCli(result, loaded.deal, pricing, { reproject: (shifted) => project(loaded.deal, shifted, options) });
      }
      if (flags.class !== undefined && !result.classes[flags.class]) {
        throw new UserError(`--class: ${loaded.deal.id} has no class "${flags.class}" (classes: ${Object.keys(result.classes).join(", ")})`);
      }
      process.stdout.write(render(result, { ...flags, ...(modelNote ? { scenarioText: modelNote } : {}) }));
    });
}

/** The scenario of the curve's forward path under the model: its SMM vector and (unless given) its indices. */
function modelScenario(deal: Deal, scenario: Scenario, flags: ProjectFlags): { scenario: Scenario; note: string } {
  const model = prepaymentModelFromFlag(flags.prepayModel);
  const { curve, source } = curveFromFlags(flags, deal.id);
  const path = forwardPath(curve, simulationMonths(deal), model?.mortgageRateSpread ?? 0);
  const onPath = pathScenario(pathScenarioContext(deal, scenario, model, true), path, 0);
  const merged = onPath.scenario;
  const cpr = onPath.cpr;
  const yearly = cpr
    ? [1, 2, 3, 5, 10].filter((y) => cpr.length >= y * 12).map((y) => `yr ${y} ${(cpr.slice((y - 1) * 12, y * 12).reduce((a, b) => a + b, 0) / 12).toFixed(1)}`).join(", ")
    : "";
  // The vectors by period are in --format json; the table says what made them.
  const rest = formatScenarioText({ ...merged, indices: {} }).split(", ").slice(1).join(", ");
  const given = Object.keys(scenario.indices);
  const indices = `indices on the forward path${given.length ? ` (except ${given.join(", ")} as given)` : ""}`;
  const note = model
    ? `prepayment model ${model.name} (CPR ${yearly}; mortgage rate ${path.mortgageRate[0].toFixed(3)}% at the start), ${rest}, ${indices} of ${source}`
    : `${formatScenarioText({ ...scenario, indices: {} })}, ${indices} of ${source}`;
  return { scenario: merged, note };
}

export function render(result: ProjectionResult, flags: { format: string; class?: string; ledger?: boolean; scenarioText?: string }): string {
  if (flags.format === "json") return JSON.stringify(result, null, 2) + "\n";
  if (flags.format === "csv") return renderCsvOutput(result, flags);
  return renderTableOutput(result, flags);
}

function renderCsvOutput(result: ProjectionResult, flags: { class?: string; ledger?: boolean }): string {
  if (result.analytics && !flags.class && !flags.ledger) return renderAnalyticsCsv(result.analytics);
  if (flags.ledger && result.ledger) {
    return renderCsv(["period", "from", "to", "amount", "rule", "kind"], result.ledger.map((e) => [e.period, e.from, e.to, e.amount.toFixed(2), e.rule, e.kind]));
  }
  const rows: (string | number)[][] = [];
  const shown = Object.entries(result.classes).filter(([id]) => !flags.class || id === flags.class);
  // When a shown class accretes (a Z, or a combination holding one): the interest added to its balance, after interest.
  const accretes = shown.some(([, c]) => c.flows.some((f) => (f.accretion ?? 0) > 0.005));
  for (const [id, c] of shown) {
    for (const f of c.flows) {
      rows.push([id, f.period, f.date, f.beginBalance.toFixed(2), f.interest.toFixed(2), ...(accretes ? [(f.accretion ?? 0).toFixed(2)] : []), f.principal.toFixed(2), f.writedown.toFixed(2), f.endBalance.toFixed(2), f.interestShortfall.toFixed(2)]);
    }
  }
  return renderCsv(["class", "period", "date", "beginBalance", "interest", ...(accretes ? ["accretion"] : []), "principal", "writedown", "endBalance", "interestShortfall"], rows);
}

function renderTableOutput(result: ProjectionResult, flags: { class?: string; ledger?: boolean; scenarioText?: string }): string {
  const out: string[] = [];
  const amended = result.deal.amendments.length ? ` (as amended: ${result.deal.amendments.join(", ")})` : "";
  out.push(`${result.deal.name}${amended}`);
  out.push(`Scenario: ${flags.scenarioText ?? formatScenarioText(result.scenario)}`);
  const c = result.collateral;
  const totals = (k: keyof (typeof c)[number]) => c.reduce((s, r) => s + (r[k] as number), 0);
  out.push(
    `Collateral: ${money(c[0]?.beginBalance ?? 0)} over ${c.length} periods; scheduled ${money(totals("scheduledPrincipal"))}, prepaid ${money(totals("prepayments"))}, ` +
      `liquidation principal ${money(totals("liquidationPrincipal"))}, realized loss ${money(totals("realizedLoss"))}`,
  );
  const dep = result.depletionPeriod;
  const proRata = dep !== null && result.tests.some((t) => t.period === dep && t.proRataAfterDepletion);
  const rule = proRata ? "§4.02(c): senior principal concurrently pro rata from then on" : "no §4.02(c) in force: senior principal keeps its §4.02 order";
  out.push(`Senior Credit Support Depletion Date: ${dep === null ? "not reached" : `period ${dep} (${c[dep - 1]?.date ?? "?"}); ${rule}`}`);
  if (result.terminationPeriod !== null) out.push(`Optional Termination exercised: period ${result.terminationPeriod} (${c[result.terminationPeriod - 1]?.date})`);
  out.push("");

  if (flags.class) {
    const cls = result.classes[flags.class];
    out.push(`Class ${flags.class} (${cls.type.join(", ")}${cls.notional ? "; notional balances" : ""})`);
    // An accrual (Z) class, or a combination holding one, shows the interest added to its balance.
    const accretes = cls.flows.some((f) => (f.accretion ?? 0) > 0.005);
    out.push(
      renderTable(
        [
          { header: "period", align: "right" },
          { header: "date" },
          { header: "begin balance", align: "right" },
          { header: "interest", align: "right" },
          ...(accretes ? [{ header: "accretion", align: "right" as const }] : []),
          { header: "principal", align: "right" },
          { header: "writedown", align: "right" },
          { header: "end balance", align: "right" },
          { header: "int. shortfall", align: "right" },
        ],
        cls.flows.map((f) => [String(f.period), f.date, money(f.beginBalance), money(f.interest), ...(accretes ? [money(f.accretion ?? 0)] : []), money(f.principal), money(f.writedown), money(f.endBalance), money(f.interestShortfall)]),
      ),
    );
    return out.join("\n") + "\n";
  }

  const anyAccretion = Object.values(result.classes).some((cls) => cls.flows.some((f) => (f.accretion ?? 0) > 0.005));
  const rows = Object.entries(result.classes).map(([id, cls]) => {
    const paying = cls.flows.filter((f) => f.principal > 0.005);
    const sum = (k: "interest" | "principal" | "writedown") => cls.flows.reduce((s, f) => s + f[k], 0);
    return [
      id,
      cls.type.join(","),
      cls.offered ? "yes" : "no",
      money(cls.initialBalance),
      cls.wal === null ? "-" : cls.wal.toFixed(2),
      paying.length ? String(paying[0].period) : "-",
      paying.length ? String(paying[paying.length - 1].period) : "-",
      money(sum("principal")),
      money(sum("interest")),
      money(sum("writedown")),
      ...(anyAccretion ? [money(cls.flows.reduce((s, f) => s + (f.accretion ?? 0), 0))] : []),
    ];
  });
  out.push(
    renderTable(
      [
        { header: "class" },
        { header: "type" },
        { header: "offered" },
        { header: "initial balance", align: "right" },
        { header: "WAL", align: "right" },
        { header: "first prin", align: "right" },
        { header: "last prin", align: "right" },
        { header: "principal", align: "right" },
        { header: "interest", align: "right" },
        { header: "loss", align: "right" },
        ...(anyAccretion ? [{ header: "accretion", align: "right" as const }] : []),
      ],
      rows,
    ),
  );
  const lastTest = result.tests.filter((t) => t.period === (dep ?? c.length));
  if (lastTest.length) {
    out.push("");
    for (const t of lastTest) {
      out.push(`Group ${t.group}, period ${t.period}: Senior Percentage ${percent(t.seniorPercentage)}, Senior Prepayment Percentage ${percent(t.seniorPrepaymentPercentage)}`);
    }
  }
  if (result.analytics) {
    out.push("");
    const first = Object.values(result.analytics)[0];
    const notes = [
      "per 100 of current face",
      "bond-equivalent yields",
      "30/360 with the actual delay",
      ...(first?.effectiveShiftBp !== undefined ? [`effective: yield and index paths ±${first.effectiveShiftBp}bp, deal re-projected`] : []),
      ...(Object.values(result.analytics).some((a) => a.spread !== undefined) ? ["spread: to the benchmark at the average life"] : []),
    ];
    out.push(`Pricing (${notes.join("; ")}):`);
    out.push(renderAnalyticsTable(result.analytics));
  }
  if (flags.ledger && result.ledger) {
    out.push("");
    out.push(
      renderTable(
        [{ header: "period", align: "right" }, { header: "from" }, { header: "to" }, { header: "amount", align: "right" }, { header: "rule" }],
        result.ledger.map((e) => [String(e.period), e.from, e.to, money(e.amount), e.rule]),
      ),
    );
  }
  return out.join("\n") + "\n";
}
