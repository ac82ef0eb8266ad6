/**
 * The workbench's deal editor: a tape's stratification from an upload, and saving an
 * edited deal (with the tape it names) as the next version in the store. A saved
 * deal is served at once like a bundled one (GET /api/deals, the run routes).
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { isCivilDate } from "../../core/civil-date.js";
import { parseDealText, type LoadedDeal } from "../../deal/parse-deal.js";
import { DealFileError, DealValidationError } from "../../deal/problems.js";
import { parseColumnMap } from "../../deal/tape/column-map.js";
import { checkTapeAgainstDeal } from "../../deal/tape/deal-tape-file.js";
import { TapeError, type TapeProblem } from "../../deal/tape/problems.js";
import { readTapeBytes } from "../../deal/tape/read-tape.js";
import { summarizeTape } from "../../deal/tape/stratify.js";
import { dealVersions, latestDealVersions, saveDealVersion } from "../../store/deal-versions.js";
import type { Store } from "../../store/open-store.js";
import type { ApiContext } from "../context.js";
import { writeDealVersion } from "../edited-deals.js";
import { ApiError } from "../errors.js";
import { dealIdParamsSchema } from "../schemas.js";
import { route, type RouteSpec } from "../route.js";

const TAPE_LIMIT = 64 * 1024 * 1024;

const fileSchema = z.object({
  fileName: z.string().min(1).max(200),
  contentBase64: z.string().describe("the file's bytes, base64"),
});

const tapeRequestSchema = fileSchema.extend({
  map: z.string().max(100_000).optional().describe("the column map (YAML text)"),
  cutoffDate: z.string().refine(isCivilDate, "must be a date YYYY-MM-DD").optional(),
});

const saveRequestSchema = z.object({
  fileName: z.string().min(1).max(200).default("deal.yaml"),
  yaml: z.string().min(1),
  tape: fileSchema.optional(),
  map: z.object({ fileName: z.string().min(1).max(200), yaml: z.string().max(100_000) }).optional(),
});

const tapeProblems = (e: TapeError) => e.problems.map((p: TapeProblem) => ({ ...p, file: e.file }));

function dealProblems(error: unknown, fileName: string): never {
  if (error instanceof DealValidationError) throw new ApiError(422, "invalid_deal", `the deal does not validate: ${error.errors.length} problem(s)`, error.errors);
  if (error instanceof DealFileError) {
    throw new ApiError(422, "invalid_deal", error.message.split("\n")[0], error.problems.length ? error.problems : [{ file: fileName, line: 1, column: 1, path: "", message: error.message }]);
  }
  throw error;
}

export async function editorRoutes(ctx: ApiContext, store: Store | undefined, root?: string): Promise<RouteSpec<any, any, any>[]> {
  const dir = root ?? mkdtempSync(join(tmpdir(), "tranche-saved-deals-"));
  if (store) {
    for (const v of await latestDealVersions(store.db)) {
      try {
        const loaded = parseDealText(v.yaml, v.fileName);
        ctx.catalog.setEdited(v.dealId, writeDealVersion(dir, v, loaded.base));
      } catch {
        // A version that no longer validates (the format moved on) stays in the store, unserved.
      }
    }
  }
  return [
    route({
      method: "POST",
      url: "/api/tapes/summary",
      operationId: "tapeSummary",
      summary: "Read an uploaded loan tape (CSV or XLSX, base64) with an optional column map; its stratification, or every problem with row and column",
      description: "Nothing is stored. The tape's problems come back as 422 with details [{file, row, column, message}].",
      tags: ["tapes"],
      body: tapeRequestSchema,
      bodyLimit: TAPE_LIMIT,
      responses: { 200: { description: "The tape's stratification" }, 422: { description: "The tape (or the map) has problems" } },
      handler: async ({ body }) => {
        try {
          const map = body.map === undefined || body.map.trim() === "" ? undefined : parseColumnMap(body.map, "map.yaml");
          const bytes = new Uint8Array(Buffer.from(body.contentBase64, "base64"));
          const tape = await readTapeBytes(bytes, body.fileName, { ...(map ? { map } : {}), ...(body.cutoffDate ? { cutoffDate: body.cutoffDate as never } : {}) });
          return { file: tape.file, loans: tape.loans.length, columns: tape.columns, ignoredColumns: tape.ignoredColumns, ...summarizeTape(tape.loans) };
        } catch (error) {
          if (error instanceof TapeError) throw new ApiError(422, "invalid_tape", error.message.split("\n")[0], tapeProblems(error));
          throw error;
        }
      },
    }),
    route({
      method: "POST",
      url: "/api/deals/versions",
      operationId: "saveDeal",
      summary: "Save an edited deal file (and the loan tape and column map it names) as the next version of its deal; earlier versions are kept",
      description:
        "The deal must validate, and a tape it names must be sent and agree with it (groups, balances). The deal's id must not be a bundled deal's. Answers 201 with the version; the deal is then served by the other routes under its id.",
      tags: ["deals"],
      write: true,
      body: saveRequestSchema,
      bodyLimit: TAPE_LIMIT,
      responses: { 201: { description: "Saved" }, 409: { description: "The id is a bundled deal's" }, 422: { description: "The deal or its tape has problems" }, 503: { description: "No store" } },
      handler: async ({ body, reply }) => {
        if (!store) throw new ApiError(503, "no_store", "this server has no store to save deals in (tranche serve --db)");
        let loaded: LoadedDeal;
        try {
          loaded = parseDealText(body.yaml, body.fileName);
        } catch (error) {
          dealProblems(error, body.fileName);
        }
        const deal = loaded.base;
        if (ctx.catalog.isBundled(deal.id)) throw new ApiError(409, "bundled_deal", `${deal.id} is a bundled deal; give your deal its own id`);
        const named = deal.collateral.loanTape;
        let tapeBytes: Uint8Array | undefined;
        if ("file" in named) {
          if (!body.tape) throw new ApiError(422, "tape_missing", `the deal names the loan tape ${named.file}: send it (tape)`);
          if (named.map && !body.map) throw new ApiError(422, "map_missing", `the deal names the column map ${named.map}: send it (map)`);
          tapeBytes = new Uint8Array(Buffer.from(body.tape.contentBase64, "base64"));
          try {
            const map = named.map && body.map ? parseColumnMap(body.map.yaml, named.map) : undefined;
            const tape = await readTapeBytes(tapeBytes, named.file, { ...(map ? { map } : {}), cutoffDate: deal.dates.cutoffDate });
            const problems = checkTapeAgainstDeal(deal, tape.loans);
            if (problems.length) throw new TapeError(named.file, problems, `loan tape of ${deal.id}`);
          } catch (error) {
            if (error instanceof TapeError) throw new ApiError(422, "invalid_tape", error.message.split("\n")[0], tapeProblems(error));
            throw error;
          }
        }
        const saved = await saveDealVersion(store.db, {
          dealId: deal.id,
          fileName: body.fileName,
          yaml: body.yaml,
          ...(tapeBytes && "file" in named ? { tape: { name: named.file, bytes: tapeBytes } } : {}),
          ...(body.map && "file" in named && named.map ? { map: { name: named.map, yaml: body.map.yaml } } : {}),
        });
        ctx.catalog.setEdited(deal.id, writeDealVersion(dir, saved, deal));
        reply.status(201);
        return { dealId: saved.dealId, version: saved.version, createdAt: saved.createdAt, yamlSha256: saved.yamlSha256 };
      },
    }),
    route({
      method: "GET",
      url: "/api/deals/:dealId/source",
      operationId: "dealSource",
      summary: "A deal's file as written (YAML text): the bundled file, or a saved deal's latest version",
      tags: ["deals"],
      params: dealIdParamsSchema,
      responses: { 200: { description: "The deal file" }, 404: { description: "No such deal" } },
      handler: ({ params, reply }) => {
        const path = ctx.catalog.pathOf(params.dealId);
        reply.type("application/yaml; charset=utf-8");
        return readFileSync(path, "utf8");
      },
    }),
    route({
      method: "GET",
      url: "/api/deals/:dealId/versions",
      operationId: "dealVersions",
      summary: "The saved versions of a deal edited in the workbench, oldest first",
      tags: ["deals"],
      params: dealIdParamsSchema,
      responses: { 200: { description: "The versions" } },
      handler: async ({ params }) => ({
        versions: store
          ? (await dealVersions(store.db, params.dealId)).map((v) => ({ version: v.version, fileName: v.fileName, createdAt: v.createdAt, yamlSha256: v.yamlSha256, tape: v.tape?.name ?? null, yaml: v.yaml }))
          : [],
      }),
    }),
  ];
}
