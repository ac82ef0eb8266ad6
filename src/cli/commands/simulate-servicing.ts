/**
 * `tranche simulate-servicing <deal> --months 12 --seed 1 --out DIR`: write the
 * servicer remittances a seeded simulation of the deal's loan tape produces, one
 * file per Distribution Date named by the date (`2007-05-25.json`).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { simulateServicing } from "../../admin/servicing/simulate.js";
import { remittanceToCsv, remittanceToJson } from "../../admin/remittance/write.js";
import { parseVector } from "../../core/vector.js";
import { UserError } from "../user-error.js";
import { loadAdminDeal } from "./distribute.js";

interface SimulateFlags {
  months: string;
  seed: string;
  out: string;
  format: string;
  index?: string[];
  speed: string;
}

export function register(program: Command): void {
  program
    .command("simulate-servicing")
    .description("simulate a master servicer's monthly remittances for a deal's loan tape")
    .argument("<deal>", "deal id or path to a deal file")
    .option("--months <n>", "Distribution Dates to simulate", "12")
    .option("--seed <n>", "PRNG seed", "1")
    .requiredOption("--out <dir>", "directory for the files (created if missing)")
    .option("--format <format>", "json or csv", "json")
    .option("--index <NAME=VECTOR>", "index fixings by month instead of the random walk, percent (e.g. LIBOR_1M=5.32,5.5,5.8x10)", (v: string, prev: string[] = []) => [...prev, v])
    .option("--speed <multiple>", "payoffs at this multiple of the deal's pricing speed", "1")
    .action(async (dealRef: string, flags: SimulateFlags) => {
      const months = Number(flags.months);
      if (!Number.isInteger(months) || months < 1 || months > 480) throw new UserError(`--months: expected 1 to 480, got "${flags.months}"`);
      const seed = Number(flags.seed);
      if (!Number.isSafeInteger(seed)) throw new UserError(`--seed: expected a whole number, got "${flags.seed}"`);
      const speed = Number(flags.speed);
      if (!(speed >= 0 && speed <= 20)) throw new UserError(`--speed: expected a multiple from 0 to 20, got "${flags.speed}"`);
      if (!["json", "csv"].includes(flags.format)) throw new UserError(`--format: expected json or csv, got "${flags.format}"`);
      const indexPaths: Record<string, readonly number[]> = {};
      for (const v of flags.index ?? []) {
        const m = /^([A-Za-z0-9_]+)=(.+)$/.exec(v);
        if (!m) throw new UserError(`--index: expected NAME=VECTOR, got "${v}"`);
        try {
          indexPaths[m[1]] = parseVector(m[2], `--index ${m[1]}`);
        } catch (error) {
          throw new UserError((error as Error).message);
        }
      }
      const { deal, loans } = await loadAdminDeal(dealRef);
      const remittances = simulateServicing(deal, loans, { months, seed, speedMultiple: speed, indexPaths });
      try {
        mkdirSync(flags.out, { recursive: true });
      } catch (error) {
        throw new UserError(`--out: cannot create ${flags.out} (${(error as Error).message})`);
      }
      for (const r of remittances) {
        const file = join(flags.out, `${r.header.distributionDate}.${flags.format}`);
        writeFileSync(file, flags.format === "json" ? remittanceToJson(r) : remittanceToCsv(r));
        const t = r.header.totals;
        const delinquent = r.loans.filter((l) => l.delinquencyStatus !== "current" && l.endingBalance > 0).length;
        const liquidated = r.loans.filter((l) => l.liquidated).length;
        process.stdout.write(`${file}: ${t.loanCount} loans, ending balance ${(t.endingBalance / 100).toFixed(2)}, ${delinquent} delinquent, ${liquidated} liquidated\n`);
      }
    });
}
