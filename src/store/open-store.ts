/**
 * Opens the trustee's store: SQLite through better-sqlite3 (the default, a file
 * `.tranche/tranche.db` under the working directory, created with its parent
 * directories) or PostgreSQL through `pg` (a `postgres://` URL). The location
 * comes from `--db`, else the TRANCHE_DB environment variable, else the default.
 * Migrations run on open.
 *
 * A PostgreSQL URL may carry `?schema=NAME` to keep the tables in their own
 * schema (created if absent); tests use it to stay apart.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Database } from "./database.js";
import { migrationProvider, type StoreDialect } from "./migrations.js";

export const DEFAULT_STORE_PATH = ".tranche/tranche.db";

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: StoreDialect;
  /** The file path or the URL without its password, for messages. */
  readonly location: string;
  /** PostgreSQL: the schema the tables live in, when the URL names one. */
  readonly schema?: string;
  close(): Promise<void>;
}

export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreError";
  }
}

/** `--db` value, else TRANCHE_DB, else `.tranche/tranche.db` under `cwd`. */
export function resolveStoreLocation(option: string | undefined, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const chosen = option ?? env.TRANCHE_DB ?? DEFAULT_STORE_PATH;
  return isPostgresUrl(chosen) ? chosen : resolve(cwd, chosen.replace(/^sqlite:(\/\/)?/, ""));
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "postgres://(unparseable URL)";
  }
}

export async function openStore(location: string): Promise<Store> {
  const store = isPostgresUrl(location) ? await openPostgres(location) : openSqlite(location);
  try {
    await migrate(store);
  } catch (error) {
    await store.close();
    throw new StoreError(`cannot prepare the store at ${store.location}: ${(error as Error).message}`);
  }
  return store;
}

function openSqlite(path: string): Store {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw new StoreError(`cannot create the directory for the store ${path}: ${(error as Error).message}`);
  }
  let database: BetterSqlite3.Database;
  try {
    database = new BetterSqlite3(path, { timeout: 10_000 });
    database.pragma("journal_mode = WAL");
    database.pragma("synchronous = FULL");
    database.pragma("foreign_keys = ON");
  } catch (error) {
    throw new StoreError(`cannot open the SQLite store ${path}: ${(error as Error).message}`);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  return { db, dialect: "sqlite", location: path, close: () => db.destroy() };
}

async function openPostgres(url: string): Promise<Store> {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema");
  parsed.searchParams.delete("schema");
  if (schema !== null && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new StoreError(`schema "${schema}" in the store URL must be lower-case letters, digits and _`);
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: 4,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  try {
    const client = await pool.connect();
    try {
      if (schema) await client.query(`create schema if not exists ${schema}`);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw new StoreError(`cannot connect to the PostgreSQL store ${redact(url)}: ${(error as Error).message}`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", location: redact(url), ...(schema ? { schema } : {}), close: () => db.destroy() };
}

/** kysely's Migrator takes its own lock (an advisory transaction lock on PostgreSQL) while it migrates. */
async function migrate(store: Store): Promise<void> {
  const migrator = new Migrator({
    db: store.db,
    provider: migrationProvider(store.dialect),
    // Migrations added side by side (0002_…, 0003_deal_versions) are independent: a store
    // that ran a later-named one first still takes an earlier-named one added after it.
    allowUnorderedMigrations: true,
    ...(store.schema ? { migrationTableSchema: store.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error");
    throw new Error(`migration ${failed?.migrationName ?? "?"} failed: ${(error as Error).message ?? String(error)}`);
  }
}
