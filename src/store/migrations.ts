/**
 * Schema migrations, in code, run by kysely's Migrator when a store is opened.
 * Names sort in the order they apply; never edit one that has shipped, add the
 * next. The dialect matters for identity columns and for the triggers that make
 * the ledger, statements and snapshots append-only.
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from "kysely";

export type StoreDialect = "sqlite" | "postgres";

const APPEND_ONLY = ["ledger_entries", "statements", "snapshots", "remittances"] as const;

function initial(dialect: StoreDialect): Migration {
  const id = dialect === "sqlite" ? "integer" : "serial";
  const money = dialect === "sqlite" ? "integer" : "bigint";
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("postings")
        .addColumn("id", id, (c) => (dialect === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn("deal_id", "text", (c) => c.notNull())
        .addColumn("distribution_date", "text", (c) => c.notNull())
        .addColumn("period", "integer", (c) => c.notNull())
        .addColumn("revision", "integer", (c) => c.notNull())
        .addColumn("remittance_sha256", "text", (c) => c.notNull())
        .addColumn("remittance_file", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('posted', 'superseded')`))
        .addColumn("supersedes_id", "integer", (c) => c.references("postings.id"))
        .addColumn("superseded_by_id", "integer", (c) => c.references("postings.id"))
        .addColumn("index_fixings", "text", (c) => c.notNull())
        .addColumn("origin", "text", (c) => c.notNull().check(sql`origin in ('remittance', 'cascade')`))
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      // At most one live posting per Distribution Date, and a remittance is live at most once.
      await db.schema.createIndex("postings_live_date").unique().on("postings").columns(["deal_id", "distribution_date"]).where(sql.ref("status"), "=", "posted").execute();
      await db.schema.createIndex("postings_live_hash").unique().on("postings").columns(["deal_id", "remittance_sha256"]).where(sql.ref("status"), "=", "posted").execute();
      await db.schema.createIndex("postings_deal_date").on("postings").columns(["deal_id", "distribution_date", "revision"]).execute();

      await db.schema
        .createTable("ledger_entries")
        .addColumn("id", id, (c) => (dialect === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn("posting_id", "integer", (c) => c.notNull().references("postings.id"))
        .addColumn("deal_id", "text", (c) => c.notNull())
        .addColumn("distribution_date", "text", (c) => c.notNull())
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("account_from", "text", (c) => c.notNull())
        .addColumn("account_to", "text", (c) => c.notNull())
        .addColumn("class_id", "text")
        .addColumn("amount_cents", money, (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("rule", "text", (c) => c.notNull())
        .addColumn("remittance_sha256", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("ledger_entries_posting").on("ledger_entries").columns(["posting_id", "seq"]).unique().execute();
      await db.schema.createIndex("ledger_entries_deal_date").on("ledger_entries").columns(["deal_id", "distribution_date"]).execute();

      await db.schema
        .createTable("statements")
        .addColumn("posting_id", "integer", (c) => c.primaryKey().references("postings.id"))
        .addColumn("deal_id", "text", (c) => c.notNull())
        .addColumn("distribution_date", "text", (c) => c.notNull())
        .addColumn("body", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("snapshots")
        .addColumn("posting_id", "integer", (c) => c.primaryKey().references("postings.id"))
        .addColumn("deal_id", "text", (c) => c.notNull())
        .addColumn("distribution_date", "text", (c) => c.notNull())
        .addColumn("trust_state", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("remittances")
        .addColumn("deal_id", "text", (c) => c.notNull())
        .addColumn("sha256", "text", (c) => c.notNull())
        .addColumn("file_name", "text", (c) => c.notNull())
        .addColumn("content", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("remittances_pk", ["deal_id", "sha256"])
        .execute();
      await db.schema
        .createTable("deal_locks")
        .addColumn("deal_id", "text", (c) => c.primaryKey())
        .addColumn("posts", "integer", (c) => c.notNull())
        .execute();

      if (dialect === "sqlite") {
        for (const table of APPEND_ONLY) {
          for (const op of ["update", "delete"]) {
            await sql
              .raw(`create trigger ${table}_no_${op} before ${op} on ${table} begin select raise(abort, '${table} is append-only'); end`)
              .execute(db);
          }
        }
      } else {
        await sql
          .raw(
            `create or replace function tranche_append_only() returns trigger language plpgsql as $$ begin raise exception '% is append-only', tg_table_name; end $$`,
          )
          .execute(db);
        for (const table of APPEND_ONLY) {
          await sql.raw(`create trigger ${table}_append_only before update or delete on ${table} for each row execute function tranche_append_only()`).execute(db);
        }
      }
    },
    async down(db: Kysely<unknown>) {
      for (const table of ["deal_locks", "remittances", "snapshots", "statements", "ledger_entries", "postings"]) {
        await db.schema.dropTable(table).ifExists().execute();
      }
      if (dialect === "postgres") await sql.raw("drop function if exists tranche_append_only()").execute(db);
    },
  };
}

/**
 * Deal files edited in the workbench (issue 16), each save a new version; a version
 * is never rewritten or deleted (triggers refuse it), its tape kept with it.
 */
function dealVersions(dialect: StoreDialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("deal_versions")
        .addColumn("deal_id", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("file_name", "text", (c) => c.notNull())
        .addColumn("yaml", "text", (c) => c.notNull())
        .addColumn("yaml_sha256", "text", (c) => c.notNull())
        /** The loan tape the deal names, base64, with the name the deal gives it. */
        .addColumn("tape_name", "text")
        .addColumn("tape_base64", "text")
        .addColumn("map_name", "text")
        .addColumn("map_yaml", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("deal_versions_pk", ["deal_id", "version"])
        .execute();
      if (dialect === "sqlite") {
        for (const op of ["update", "delete"]) {
          await sql.raw(`create trigger deal_versions_no_${op} before ${op} on deal_versions begin select raise(abort, 'deal_versions is append-only'); end`).execute(db);
        }
      } else {
        await sql
          .raw(`create or replace function tranche_deal_versions_append_only() returns trigger language plpgsql as $$ begin raise exception '% is append-only', tg_table_name; end $$`)
          .execute(db);
        await sql.raw(`create trigger deal_versions_append_only before update or delete on deal_versions for each row execute function tranche_deal_versions_append_only()`).execute(db);
      }
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("deal_versions").ifExists().execute();
      if (dialect === "postgres") await sql.raw("drop function if exists tranche_deal_versions_append_only()").execute(db);
    },
  };
}

export function migrationProvider(dialect: StoreDialect): MigrationProvider {
  return {
    async getMigrations() {
      return { "0001_postings_ledger_statements": initial(dialect), "0003_deal_versions": dealVersions(dialect) };
    },
  };
}
