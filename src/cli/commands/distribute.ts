/**
 * `tranche distribute <deal> --remittance FILE [...]`: post a servicer's
 * remittance for a Distribution Date (or a corrected one, as a restatement) and
 * print the statement. Several files are posted in order in one transaction.
 * Also exports the glue the other administration commands share.
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { trustLoansOf, type TrustLoans } from "../../admin/loans/trust-loans.js";
import { RemittanceError } from "../../admin/remittance/problems.js";
import { renderStatementCsv, renderStatementHtml, renderStatementJson, renderStatementText } from "../../admin/statement/render.js";
import { renderStatementPdf } from "../../admin/statement/render-pdf.js";
import type { Statement } from "../../admin/statement/statement.js";
import { StatementBalanceError } from "../../admin/statement/build-statement.js";
import { openStore, resolveStoreLocation, StoreError, type Store } from "../../store/open-store.js";
import { postRemittances, type RemittanceFile } from "../../store/post-remittance.js";
import { loadDealForCli, type CliDeal } from "../load-deal-for-cli.js";
import { UserError } from "../user-error.js";

export const DB_OPTION_HELP = "store: a SQLite file path or a postgres:// URL (default $TRANCHE_DB, else .tranche/tranche.db)";

/** Opens the store for a command, runs `fn`, always closes it; store failures become user errors. */
export async function withStore<T>(dbOption: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  let store: Store;
  try {
    store = await openStore(resolveStoreLocation(dbOption));
  } catch (error) {
    if (error instanceof StoreError) throw new UserError(error.message);
    throw error;
  }
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export interface AdminDeal extends CliDeal {
  readonly loans: TrustLoans;
}

export async function loadAdminDeal(ref: string): Promise<AdminDeal> {
  const loaded = await loadDealForCli(ref);
  return { ...loaded, loans: trustLoansOf(loaded.deal) };
}

/** `NAME=RATE` (repeatable) → fixings. */
export function parseIndexOverrides(values: readonly string[] | undefined, option = "--index"): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values ?? []) {
    const m = /^([A-Za-z0-9_]+)=(-?\d+(?:\.\d+)?)$/.exec(v.trim());
    if (!m) throw new UserError(`${option}: expected NAME=RATE in percent (e.g. LIBOR_1M=5.32), got "${v}"`);
    out[m[1]] = Number(m[2]);
  }
  return out;
}

export async function renderStatement(statement: Statement, format: string): Promise<string | Buffer> {
  switch (format) {
    case "text":
      return renderStatementText(statement);
    case "json":
      return renderStatementJson(statement);
    case "csv":
      return renderStatementCsv(statement);
    case "html":
      return renderStatementHtml(statement);
    case "pdf":
      return renderStatementPdf(statement);
    default:
      throw new UserError(`--format: expected text, json, csv, html or pdf, got "${format}"`);
  }
}

function readRemittanceFile(path: string): RemittanceFile {
  try {
    return { name: path, text: readFileSync(path, "utf8") };
  } catch (error) {
    throw new UserError(`${path}: cannot read the remittance file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

interface DistributeFlags {
  remittance: string[];
  db?: string;
  index?: string[];
  format: string;
  quiet?: boolean;
}

export function register(program: Command): void {
  program
    .command("distribute")
    .description("post a servicer remittance for a Distribution Date (a corrected one restates it) and print the statement")
    .argument("<deal>", "deal id (e.g. cwalt-2007-12t1) or path to a deal file")
    .requiredOption("--remittance <file...>", "remittance file(s), JSON or CSV; several are posted in order in one transaction")
    .option("--db <location>", DB_OPTION_HELP)
    .option("--index <NAME=RATE>", "index fixing for the period, percent (repeatable; completes or overrides the file's header)", (v: string, prev: string[] = []) => [...prev, v])
    .option("--format <format>", "statement format: text, json, csv or html", "text")
    .option("--quiet", "print only the posting summary")
    .action(async (dealRef: string, flags: DistributeFlags) => {
      if (!["text", "json", "csv", "html"].includes(flags.format)) throw new UserError(`--format: expected text, json, csv or html, got "${flags.format}" (for PDF use \`tranche statement --format pdf --out FILE\`)`);
      const overrides = parseIndexOverrides(flags.index);
      const files = flags.remittance.map(readRemittanceFile);
      const deal = await loadAdminDeal(dealRef);
      const posted = await withStore(flags.db, async (store) => {
        try {
          return await postRemittances(store, {
            deal: deal.deal,
            loans: deal.loans,
            files,
            ...(Object.keys(overrides).length ? { indexOverrides: overrides } : {}),
            ...(deal.rulesAt ? { rulesAt: deal.rulesAt } : {}),
          });
        } catch (error) {
          if (error instanceof RemittanceError) throw new UserError(error.message, 1);
          if (error instanceof StatementBalanceError) throw new UserError(error.message, 1);
          throw error;
        }
      });
      for (const p of posted) {
        const what = p.supersededId === null ? "posted" : p.origin === "cascade" ? `re-derived (supersedes posting ${p.supersededId})` : `restated (supersedes posting ${p.supersededId})`;
        process.stderr.write(`tranche: ${deal.deal.id} ${p.distributionDate} revision ${p.revision} ${what}: posting ${p.postingId} from ${p.fileName}\n`);
      }
      if (flags.quiet) return;
      for (const p of posted) {
        if (p.origin === "cascade") continue;
        process.stdout.write(await renderStatement(p.statement, flags.format));
      }
    });
}
