/**
 * `tranche significance <deal> [--method stress|historical] [--as-of DATE]`:
 * Regulation AB Item 1115 significance of each of the deal's derivative
 * contracts: the estimate, the method, the percentage of the pool, and the
 * disclosure tier it triggers.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { isCivilDate } from "../../core/civil-date.js";
import { DEFAULT_SCENARIO } from "../../core/scenario.js";
import { installedDirectory } from "../../deal/load-deal.js";
import type { Deal } from "../../deal/schema.js";
import { project } from "../../engine/project.js";
import { significance, type HistoricalPoint, type SignificanceMethod, type SignificanceResult } from "../../engine/significance.js";
import { monthEndHistory } from "../../engine/libor-fixings.js";
import { shippedSeries } from "../../compute/libor-data.js";
import { loadDealForCli } from "../load-deal-for-cli.js";
import { dealLiborIndex } from "../scenario-options.js";
import { money, percent, renderTable } from "../text-table.js";
import { UserError } from "../user-error.js";

/** A file of the installation's `data/` folder. */
function dataFile(name: string): string {
  const path = join(installedDirectory("data"), name);
  if (!existsSync(path)) throw new UserError(`cannot find data/${name} in the installation`);
  return path;
}

export function readHistory(path: string): HistoricalPoint[] {
  const lines = readFileSync(path, "utf8").split(/\r?\n/);
  const points: HistoricalPoint[] = [];
  lines.forEach((line, i) => {
    const text = line.trim();
    if (text === "" || text.startsWith("#") || text === "month,rate") return;
    const m = /^(\d{4}-(0[1-9]|1[0-2])),(-?\d+(?:\.\d+)?)$/.exec(text);
    if (!m) throw new UserError(`${path}:${i + 1}: expected "YYYY-MM,rate", got "${text}"`);
    if (points.length && m[1] <= points[points.length - 1].month) throw new UserError(`${path}:${i + 1}: months must increase (${m[1]} after ${points[points.length - 1].month})`);
    points.push({ month: m[1], rate: Number(m[3]) });
  });
  if (points.length < 2) throw new UserError(`${path}: needs at least two months of rates`);
  return points;
}

/** Pool balance as of a date: the Cut-off Date balance at closing, later the pricing-speed projection's balance after the last Distribution Date on or before it. */
function poolBalanceAsOf(deal: Deal, asOf: string): number {
  const cutoff = deal.collateral.groups.reduce((s, g) => s + g.repLines.reduce((t, l) => t + l.statedPrincipalBalance, 0), 0);
  if (asOf < deal.dates.firstDistributionDate) return cutoff;
  const speed = deal.collateral.pricingSpeed;
  const result = project(deal, { ...DEFAULT_SCENARIO, prepayment: { unit: speed.unit, values: [speed.value] } });
  const rows = result.collateral.filter((r) => r.date <= asOf);
  return rows.length ? rows[rows.length - 1].endBalance : cutoff;
}

export function register(program: Command): void {
  program
    .command("significance")
    .description("Regulation AB Item 1115 significance of the deal's derivative contracts")
    .argument("<deal>", "deal id or path")
    .option("--method <method>", "stress (LIBOR stresses) or historical (every window of the shipped LIBOR history)", "stress")
    .option("--as-of <date>", "measure on this date (default: the Closing Date)")
    .option("--libor <rate>", "the index now, percent (default: the deal's default)")
    .option("--history <file>", "a LIBOR history CSV (month,rate) for --method historical (default: month-end FRED USD1MTD156N from data/libor/, then the modeled data/libor-1m-history.csv)")
    .option("--format <format>", "table or json", "table")
    .action(async (ref: string, flags: { method: string; asOf?: string; libor?: string; history?: string; format: string }) => {
      if (flags.method !== "stress" && flags.method !== "historical") throw new UserError(`--method: expected stress or historical, got "${flags.method}"`);
      if (!["table", "json"].includes(flags.format)) throw new UserError(`--format: expected table or json, got "${flags.format}"`);
      const { deal } = await loadDealForCli(ref);
      const asOf = flags.asOf ?? deal.dates.closingDate;
      if (!isCivilDate(asOf)) throw new UserError(`--as-of: "${asOf}" is not a date written YYYY-MM-DD`);
      const contracts = deal.contracts;
      if (contracts.length === 0) {
        process.stdout.write(`${deal.name} has no derivative contracts: Item 1115 does not apply.\n`);
        return;
      }
      const libor = flags.libor !== undefined ? Number(flags.libor) : deal.collateral.defaultIndices[dealLiborIndex(deal)];
      if (!Number.isFinite(libor) || libor < 0) throw new UserError(`--libor: expected a non-negative rate in percent, got "${flags.libor}"`);
      let history: HistoricalPoint[] | undefined;
      if (flags.method === "historical") {
        if (flags.history !== undefined) history = readHistory(flags.history);
        else {
          // Published month-end One-Month LIBOR (FRED USD1MTD156N); the modeled approximation only after the series ends.
          let published;
          try {
            published = shippedSeries("USD1MTD156N-daily.csv");
          } catch (e) {
            throw new UserError((e as Error).message);
          }
          const real = monthEndHistory(published, readHistory(dataFile("libor-1m-history.csv")));
          history = real.points;
          if (real.firstModeledMonth && flags.format === "table")
            process.stderr.write(`note: months from ${real.firstModeledMonth} use the modeled approximation data/libor-1m-history.csv (the published series ends ${published.lastDay})\n`);
        }
      }
      const poolBalance = poolBalanceAsOf(deal, asOf);
      const results = contracts.map((contract) =>
        significance({ contract, method: flags.method as SignificanceMethod, asOf, currentIndex: libor, poolBalance, history }),
      );
      if (flags.format === "json") {
        process.stdout.write(JSON.stringify({ deal: deal.id, asOf, results }, null, 2) + "\n");
        return;
      }
      process.stdout.write(results.map((r) => renderResult(deal, r)).join("\n") + "\n");
    });
}

function renderResult(deal: Deal, r: SignificanceResult): string {
  return [
    `${deal.name}: ${r.contractId} with ${r.counterparty} (Item 1115), as of ${r.asOf}`,
    `Method: ${r.method} — ${r.methodDescription}`,
    `Significance estimate: ${money(r.significanceEstimate)} (worst case: ${r.worstCase})`,
    `Pool balance: ${money(r.poolBalance)}`,
    `Significance percentage: ${percent(r.significancePercentage, 3)}`,
    `Disclosure: ${r.disclosure === "none" ? "none" : `Item ${r.disclosure}`} (${r.disclosureText})`,
    "",
    renderTable(
      [{ header: "case" }, { header: "present value", align: "right" }, { header: "payments", align: "right" }],
      r.cases.map((c) => [c.name, money(c.presentValue), money(c.undiscountedPayments)]),
    ),
    "",
  ].join("\n");
}
