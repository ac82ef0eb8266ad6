/**
 * `tranche oas <deal> --price CLASS=PRICE,...`: option-adjusted spread,
 * duration and convexity of each priced class over a Hull–White Monte Carlo
 * (`runOas`), the Z-spread on the forward path, and the corridor's value by
 * Monte Carlo and in closed form. A thin wrapper: the computation is the
 * engine's `runOas`.
 */
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { runOas, type OasResult } from "../../engine/oas.js";
import { loadDealForCli } from "../load-deal-for-cli.js";
import { parsePrice } from "../price-options.js";
import { curveFromFlags, prepaymentModelFromFlag } from "../rates-options.js";
import { addScenarioOptions, scenarioFromFlags, type ScenarioFlags } from "../scenario-options.js";
import { money, renderCsv, renderTable } from "../text-table.js";
import { UserError } from "../user-error.js";

interface OasFlags extends ScenarioFlags {
  price?: string[];
  paths: string;
  seed: string;
  curve?: string;
  curveBasis?: string;
  vol: string;
  meanReversion: string;
  prepayModel: string;
  shift: string;
  format: string;
  quiet?: boolean;
  withoutAmendment?: string[];
}

function wholeNumber(text: string, flag: string, min: number, max: number): number {
  const v = Number(text);
  if (!Number.isInteger(v) || v < min || v > max) throw new UserError(`${flag}: expected a whole number from ${min} to ${max}, got "${text}"`);
  return v;
}

function numberIn(text: string, flag: string, min: number, max: number): number {
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v) || v < min || v > max) throw new UserError(`${flag}: expected a number from ${min} to ${max}, got "${text}"`);
  return v;
}

export function register(program: Command): void {
  const cmd = program
    .command("oas")
    .description("option-adjusted spread, duration and convexity of priced classes over a Hull-White Monte Carlo; the corridor's value")
    .argument("<deal>", "deal id (e.g. cwalt-2007-12t1) or path to a deal file")
    .option("--price <class=price,...>", "classes and clean prices per 100 of current face (99.5, 99-16, 99-16+), repeatable", (v: string, prev: string[] = []) => [...prev, v])
    .option("--paths <n>", "Monte Carlo paths (even: antithetic pairs)", "1000")
    .option("--seed <n>", "seed of the random numbers", "1")
    .option("--curve <term=yield,...>", "the curve, e.g. 1m=5.32,1=5.3,2=5.17,5=5.15,10=5.32,30=5.48 (terms in years or 6m; default: the deal's bundled curve in data/curves)")
    .option("--curve-basis <basis>", "--curve holds par (default; terms of a year or less are zero yields) or zero yields")
    .option("--vol <percent>", "normal volatility of the short rate, % a year (1 = 100 bp)", "1")
    .option("--mean-reversion <a>", "Hull-White mean reversion per year", "0.05")
    .option("--prepay-model <name>", "default (data/prepayment-models), none (the scenario's prepayment on every path) or a model file", "default")
    .option("--shift <bp>", "curve shift for OAD/OAC, bp (0: none)", "25")
    .option("--format <format>", "table, json or csv", "table")
    .option("--quiet", "no progress bar")
    .option("--without-amendment <id>", "run the PSA without this amendment (repeatable)", (v: string, prev: string[] = []) => [...prev, v]);
  addScenarioOptions(cmd).action(async (dealRef: string, flags: OasFlags) => {
    if (!["table", "json", "csv"].includes(flags.format)) throw new UserError(`--format: expected table, json or csv, got "${flags.format}"`);
    const loaded = await loadDealForCli(dealRef, flags.withoutAmendment);
    const deal = loaded.deal;
    if (!flags.price?.length) throw new UserError("--price: give the classes to value, e.g. --price A-3=99-16,A-4=98");
    const quotes = flags.price.flatMap((e) => e.split(",")).map((entry) => {
      const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(entry);
      if (!m) throw new UserError(`--price "${entry}": write CLASS=PRICE, e.g. A-3=99-16`);
      if (!deal.classes.some((c) => c.id === m[1])) throw new UserError(`--price ${entry}: ${deal.id} has no class "${m[1]}" (classes: ${deal.classes.map((c) => c.id).join(", ")})`);
      return { classId: m[1], price: parsePrice(m[2], `--price ${m[1]}`) };
    });
    const paths = wholeNumber(flags.paths, "--paths", 2, 100_000);
    if (paths % 2 !== 0) throw new UserError(`--paths: expected an even number (antithetic pairs), got ${paths}`);
    const seed = wholeNumber(flags.seed, "--seed", 0, 4294967295);
    const volatility = numberIn(flags.vol, "--vol", 0, 20);
    const meanReversion = numberIn(flags.meanReversion, "--mean-reversion", 0, 5);
    const shiftBp = numberIn(flags.shift, "--shift", 0, 500);
    const { curve, source } = curveFromFlags(flags, deal.id);
    const prepaymentModel = prepaymentModelFromFlag(flags.prepayModel);
    const baseScenario = scenarioFromFlags(flags, deal);
    const showBar = flags.quiet !== true && process.stderr.isTTY === true;
    const bar = showBar ? new SingleBar({ stream: process.stderr, format: "oas |{bar}| {percentage}% | {value}/{total} projections | ETA {eta_formatted}", hideCursor: true, etaBuffer: 50 }) : undefined;
    let result: OasResult;
    try {
      let started = false;
      result = runOas(deal, {
        curve,
        curveSource: source,
        quotes,
        paths,
        seed,
        volatility,
        meanReversion,
        prepaymentModel,
        baseScenario,
        shiftBp,
        projectOptions: { amendments: loaded.appliedAmendments, rulesAt: loaded.rulesAt },
        onProgress: bar
          ? (done, total) => {
              if (!started) {
                bar.start(total, 0);
                started = true;
              }
              bar.update(done);
            }
          : undefined,
      });
    } catch (e) {
      if (e instanceof RangeError) throw new UserError(e.message, 1);
      throw e;
    } finally {
      bar?.stop();
    }
    process.stdout.write(renderOas(result, flags.format));
    if (flags.quiet !== true && flags.format === "table") process.stderr.write(`tranche oas: ${result.projections} projections in ${result.runSeconds.toFixed(1)} s\n`);
  });
}

const fmt = (v: number | null, d: number) => (v === null ? "-" : v.toFixed(d));

export function renderOas(r: OasResult, format: string): string {
  if (format === "json") return JSON.stringify(r, null, 2) + "\n";
  const ids = Object.keys(r.classes);
  if (format === "csv") {
    const rows = ids.map((id) => {
      const c = r.classes[id];
      return [id, c.price, c.fullPrice.toFixed(6), c.oas.toFixed(2), c.oasStandardError.toFixed(2), c.zSpread.toFixed(2), fmt(c.oad, 4), fmt(c.oadStandardError, 4), fmt(c.oac, 3), fmt(c.oacStandardError, 3), fmt(c.averageLife, 3)];
    });
    let out = renderCsv(["class", "price", "full_price", "oas_bp", "oas_se_bp", "z_spread_bp", "oad", "oad_se", "oac", "oac_se", "avg_life"], rows);
    if (r.corridors.length) {
      out += "\n" + renderCsv(["corridor", "monte_carlo_value", "standard_error", "analytic_value", "payments"], r.corridors.map((c) => [c.id, c.monteCarloValue.toFixed(2), c.standardError.toFixed(2), c.analyticValue.toFixed(2), c.payments]));
    }
    return out;
  }
  const lines: string[] = [];
  lines.push(`${r.deal}: OAS over ${r.paths} Hull-White paths (antithetic, seed ${r.seed}); σ ${r.model.volatility}% a year, mean reversion ${r.model.meanReversion}`);
  lines.push(`Curve: ${r.curve.source}; settlement ${r.settlement}`);
  lines.push(
    `Prepayment: ${r.model.prepaymentModel === "none" ? "none (the scenario's prepayment on every path)" : `model ${r.model.prepaymentModel} (mortgage rate = path 10y swap + ${r.model.mortgageRateSpread}%)`}; OAD/OAC ${r.shiftBp > 0 ? `curve ±${r.shiftBp} bp, same random numbers` : "not computed (--shift 0)"}`,
  );
  lines.push("");
  lines.push(
    renderTable(
      [
        { header: "class" },
        { header: "price", align: "right" },
        { header: "OAS bp", align: "right" },
        { header: "± se", align: "right" },
        { header: "Z-spread bp", align: "right" },
        { header: "OAD", align: "right" },
        { header: "± se", align: "right" },
        { header: "OAC", align: "right" },
        { header: "± se", align: "right" },
        { header: "avg life", align: "right" },
      ],
      ids.map((id) => {
        const c = r.classes[id];
        return [id, c.price.toFixed(4), c.oas.toFixed(1), c.oasStandardError.toFixed(1), c.zSpread.toFixed(1), fmt(c.oad, 3), fmt(c.oadStandardError, 3), fmt(c.oac, 2), fmt(c.oacStandardError, 2), fmt(c.averageLife, 2)];
      }),
    ),
  );
  if (r.corridors.length) {
    lines.push("");
    lines.push(
      renderTable(
        [{ header: "corridor" }, { header: "Monte Carlo value", align: "right" }, { header: "± se", align: "right" }, { header: "Hull-White closed form", align: "right" }, { header: "payments", align: "right" }],
        r.corridors.map((c) => [c.id, money(c.monteCarloValue), money(c.standardError), money(c.analyticValue), String(c.payments)]),
      ),
    );
  }
  lines.push("");
  lines.push("Spreads continuously compounded over the path's short rate; prices per 100 of current face; OAD/OAC at the OAS.");
  return lines.join("\n") + "\n";
}
