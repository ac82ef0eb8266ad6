/**
 * Deal files saved from the workbench: each save is the next version of its deal
 * (1, 2, …), stored with the loan tape and column map it names; a version is never
 * overwritten (the table is append-only, and two saves racing for one number: the
 * second fails on the primary key and is retried with the next).
 */
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database, DealVersionsTable } from "./database.js";

export interface DealVersionInput {
  readonly dealId: string;
  readonly fileName: string;
  readonly yaml: string;
  readonly tape?: { readonly name: string; readonly bytes: Uint8Array };
  readonly map?: { readonly name: string; readonly yaml: string };
}

export interface DealVersion {
  readonly dealId: string;
  readonly version: number;
  readonly fileName: string;
  readonly yaml: string;
  readonly yamlSha256: string;
  readonly tape?: { readonly name: string; readonly bytes: Uint8Array };
  readonly map?: { readonly name: string; readonly yaml: string };
  readonly createdAt: string;
}

function fromRow(r: DealVersionsTable): DealVersion {
  return {
    dealId: r.deal_id,
    version: Number(r.version),
    fileName: r.file_name,
    yaml: r.yaml,
    yamlSha256: r.yaml_sha256,
    ...(r.tape_name !== null && r.tape_base64 !== null ? { tape: { name: r.tape_name, bytes: new Uint8Array(Buffer.from(r.tape_base64, "base64")) } } : {}),
    ...(r.map_name !== null && r.map_yaml !== null ? { map: { name: r.map_name, yaml: r.map_yaml } } : {}),
    createdAt: r.created_at,
  };
}

export async function saveDealVersion(db: Kysely<Database>, input: DealVersionInput, now = new Date()): Promise<DealVersion> {
  for (let attempt = 0; ; attempt++) {
    const last = await db.selectFrom("deal_versions").select((eb) => eb.fn.max("version").as("v")).where("deal_id", "=", input.dealId).executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    const row: DealVersionsTable = {
      deal_id: input.dealId,
      version,
      file_name: input.fileName,
      yaml: input.yaml,
      yaml_sha256: createHash("sha256").update(input.yaml).digest("hex"),
      tape_name: input.tape?.name ?? null,
      tape_base64: input.tape ? Buffer.from(input.tape.bytes).toString("base64") : null,
      map_name: input.map?.name ?? null,
      map_yaml: input.map?.yaml ?? null,
      created_at: now.toISOString(),
    };
    try {
      await db.insertInto("deal_versions").values(row).execute();
      return fromRow(row);
    } catch (error) {
      if (attempt < 5 && /unique|primary key|duplicate/i.test((error as Error).message)) continue;
      throw error;
    }
  }
}

/** Every version of a deal, oldest first (without the tape bytes: `tape.bytes` is empty). */
export async function dealVersions(db: Kysely<Database>, dealId: string): Promise<DealVersion[]> {
  const rows = await db.selectFrom("deal_versions").selectAll().where("deal_id", "=", dealId).orderBy("version").execute();
  return rows.map(fromRow);
}

/** The latest version of every saved deal. */
export async function latestDealVersions(db: Kysely<Database>): Promise<DealVersion[]> {
  const rows = await db.selectFrom("deal_versions").selectAll().orderBy("deal_id").orderBy("version", "desc").execute();
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.deal_id) && (seen.add(r.deal_id), true)).map(fromRow);
}
