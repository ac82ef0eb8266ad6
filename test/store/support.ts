/**
 * Store test support: a fresh store per test on SQLite (a temporary file) or on
 * PostgreSQL (its own schema in the database of TRANCHE_TEST_PG_URL), the small
 * 2007-12T1 fixture with simulated remittance files, and row counts to prove
 * that a refused posting wrote nothing.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { trustLoansOf, type TrustLoans } from "../../src/admin/loans/trust-loans.js";
import { remittanceToJson } from "../../src/admin/remittance/write.js";
import { simulateServicing } from "../../src/admin/servicing/simulate.js";
import type { Remittance } from "../../src/admin/remittance/schema.js";
import type { Deal } from "../../src/deal/schema.js";
import { openStore, type Store } from "../../src/store/open-store.js";
import type { RemittanceFile } from "../../src/store/post-remittance.js";
import { smallDeal } from "../admin/support.js";

export const PG_URL = process.env.TRANCHE_TEST_PG_URL;
export const PG_SKIP_MESSAGE = "TRANCHE_TEST_PG_URL is not set: the PostgreSQL variants are skipped (export TRANCHE_TEST_PG_URL=$(bash scripts/ci-postgres.sh) to run them)";

export interface Dialect {
  readonly name: "sqlite" | "postgres";
  /** A location for a store nobody else uses. */
  fresh(): string;
}

export const SQLITE: Dialect = {
  name: "sqlite",
  fresh: () => join(mkdtempSync(join(tmpdir(), "tranche-store-")), "nested", "tranche.db"),
};

export const POSTGRES: Dialect = {
  name: "postgres",
  fresh: () => {
    const url = new URL(PG_URL!);
    url.searchParams.set("schema", `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`);
    return url.toString();
  },
};

export const DIALECTS: readonly Dialect[] = PG_URL ? [SQLITE, POSTGRES] : [SQLITE];
if (!PG_URL) console.warn(PG_SKIP_MESSAGE);

export interface Fixture {
  readonly deal: Deal;
  readonly loans: TrustLoans;
  readonly remittances: readonly Remittance[];
  readonly files: readonly RemittanceFile[];
}

export const LOANS_PER_REP_LINE = 10;

export async function fixture(months = 4): Promise<Fixture> {
  const deal = await smallDeal("cwalt-2007-12t1", LOANS_PER_REP_LINE);
  const loans = trustLoansOf(deal);
  const remittances = simulateServicing(deal, loans, { months, seed: 11 });
  return { deal, loans, remittances, files: remittances.map((r) => ({ name: `${r.header.distributionDate}.json`, text: remittanceToJson(r) })) };
}

export async function withFreshStore<T>(dialect: Dialect, fn: (store: Store, location: string) => Promise<T>): Promise<T> {
  const location = dialect.fresh();
  const store = await openStore(location);
  try {
    return await fn(store, location);
  } finally {
    await store.close();
  }
}

export async function rowCounts(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of ["postings", "ledger_entries", "statements", "snapshots", "remittances"] as const) {
    const row = await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}
