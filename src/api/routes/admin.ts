/**
 * Trustee administration: post remittances (a write: bearer token), read the
 * statements of posted Distribution Dates, the posting history (restatements
 * included) and each posting's ledger. Amounts from the store are integer cents.
 */
import { z } from "zod";
import { trustLoansOf } from "../../admin/loans/trust-loans.js";
import { RemittanceError } from "../../admin/remittance/problems.js";
import { postRemittances } from "../../store/post-remittance.js";
import { ledgerOf, livePostings, postingHistory, statementFor, type Posting } from "../../store/postings.js";
import type { Store } from "../../store/open-store.js";
import type { ApiContext } from "../context.js";
import { dealRun } from "../deal-runs.js";
import { ApiError } from "../errors.js";
import { named } from "../openapi.js";
import { route, type RouteSpec } from "../route.js";
import { dealIdParamsSchema } from "../schemas.js";

const dateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a Distribution Date written YYYY-MM-DD");

const postRequestSchema = named(
  "PostRemittancesRequest",
  z.strictObject({
    files: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(200).describe("File name, used in problem locations; .csv or .json decides the format"),
          text: z.string().min(1).describe("The remittance file's text (JSON or CSV)"),
        }),
      )
      .min(1)
      .max(120)
      .describe("Posted in this order, all in one transaction: any problem posts nothing"),
    indexOverrides: z.record(z.string(), z.number().min(-100).max(100)).optional().describe("Index fixings that complete or override each file's header, percent"),
  }),
  { io: "input" },
);

const postingSchema = named(
  "Posting",
  z.object({
    id: z.number().int(),
    distributionDate: z.string(),
    period: z.number().int(),
    revision: z.number().int(),
    status: z.enum(["posted", "superseded"]),
    origin: z.enum(["remittance", "cascade"]),
    remittanceFile: z.string(),
    remittanceSha256: z.string(),
    supersedesId: z.number().int().nullable(),
    supersededById: z.number().int().nullable(),
    indexFixings: z.record(z.string(), z.number()),
    createdAt: z.string(),
  }),
);

const postResultSchema = named(
  "PostRemittancesResult",
  z.object({
    posted: z.array(
      z.object({
        postingId: z.number().int(),
        distributionDate: z.string(),
        revision: z.number().int(),
        origin: z.enum(["remittance", "cascade"]),
        supersededId: z.number().int().nullable(),
        fileName: z.string(),
      }),
    ),
  }),
);

const statementIndexSchema = named(
  "StatementIndex",
  z.object({
    statements: z.array(z.object({ postingId: z.number().int(), period: z.number().int(), distributionDate: z.string(), revision: z.number().int(), postedAt: z.string() })),
  }),
);

const statementSchema = named(
  "Statement",
  z.object({ format: z.string(), distributionDate: z.string(), period: z.number().int(), revision: z.number().int() }).catchall(z.unknown()),
  { description: "The §4.06 statement to Certificateholders as stored (format tranche-statement/1); amounts in integer cents, rates in percent" },
);

const ledgerSchema = named(
  "PostingLedger",
  z.object({
    posting: postingSchema,
    entries: z.array(
      z.object({
        seq: z.number().int(),
        from: z.string(),
        to: z.string(),
        classId: z.string().nullable(),
        amount: z.number().int().describe("Integer cents"),
        kind: z.string(),
        rule: z.string().describe("The PSA citation of the rule that moved the money"),
      }),
    ),
  }),
);

function postingJson(p: Posting) {
  return {
    id: p.id,
    distributionDate: p.distributionDate,
    period: p.period,
    revision: p.revision,
    status: p.status,
    origin: p.origin,
    remittanceFile: p.remittanceFile,
    remittanceSha256: p.remittanceSha256,
    supersedesId: p.supersedesId,
    supersededById: p.supersededById,
    indexFixings: { ...p.indexFixings },
    createdAt: p.createdAt,
  };
}

export function adminRoutes(ctx: ApiContext, store: Store): RouteSpec<any, any, any>[] {
  const dealIdOf = (id: string): string => ctx.catalog.get(id, "amended").deal.id;
  return [
    route({
      method: "POST",
      url: "/api/deals/:dealId/remittances",
      operationId: "postRemittances",
      summary: "Post servicer remittances: run each Distribution Date, store the ledger and the statement (one transaction)",
      description:
        "Dates post in order (the next after the last posted), or restate a posted date (which re-derives every later date). The same file is never posted twice. Problems come back as 422 with line and field of each.",
      tags: ["administration"],
      write: true,
      params: dealIdParamsSchema,
      body: postRequestSchema,
      bodyLimit: 32 * 1024 * 1024,
      responses: {
        201: { description: "Posted", schema: postResultSchema },
        404: { description: "No such deal" },
        422: { description: "A file was rejected; nothing was posted. `details.problems` lists each problem with its line and field" },
      },
      handler: async ({ params, body, reply }) => {
        const loaded = ctx.catalog.get(params.dealId, "amended");
        const run = dealRun(loaded, "amended");
        let posted;
        try {
          posted = await postRemittances(store, {
            deal: run.deal,
            loans: trustLoansOf(run.deal),
            files: body.files,
            indexOverrides: body.indexOverrides,
            rulesAt: run.rulesAt,
          });
        } catch (error) {
          if (error instanceof RemittanceError) {
            throw new ApiError(422, "remittance_rejected", error.message.split("\n")[0] + ` (${error.file})`, {
              file: error.file,
              problems: error.problems,
            });
          }
          throw error;
        }
        reply.status(201);
        return {
          posted: posted.map((p) => ({
            postingId: p.postingId,
            distributionDate: p.distributionDate,
            revision: p.revision,
            origin: p.origin,
            supersededId: p.supersededId,
            fileName: p.fileName,
          })),
        };
      },
    }),
    route({
      method: "GET",
      url: "/api/deals/:dealId/statements",
      operationId: "listStatements",
      summary: "The Distribution Dates with a statement (live postings), oldest first",
      tags: ["administration"],
      params: dealIdParamsSchema,
      responses: { 200: { description: "The statements", schema: statementIndexSchema }, 404: { description: "No such deal" } },
      handler: async ({ params }) => {
        const live = await livePostings(store.db, dealIdOf(params.dealId));
        return {
          statements: live.map((p) => ({ postingId: p.id, period: p.period, distributionDate: p.distributionDate, revision: p.revision, postedAt: p.createdAt })),
        };
      },
    }),
    route({
      method: "GET",
      url: "/api/deals/:dealId/statements/:date",
      operationId: "getStatement",
      summary: "The statement of a Distribution Date (the live revision, or ?revision=N)",
      tags: ["administration"],
      params: dealIdParamsSchema.extend({ date: dateSchema }),
      query: z.object({ revision: z.coerce.number().int().positive().optional().describe("A superseded revision; default the live one") }),
      responses: { 200: { description: "The statement", schema: statementSchema }, 404: { description: "No statement for that date" } },
      handler: async ({ params, query }) => {
        const found = await statementFor(store.db, dealIdOf(params.dealId), params.date, query.revision);
        if (!found) {
          throw new ApiError(404, "statement_not_found", `no statement of ${params.dealId} for ${params.date}${query.revision ? ` revision ${query.revision}` : ""}; GET /api/deals/${params.dealId}/statements lists the posted dates`);
        }
        return JSON.parse(found.body) as unknown;
      },
    }),
    route({
      method: "GET",
      url: "/api/deals/:dealId/history",
      operationId: "postingHistory",
      summary: "Every posting of the deal, live and superseded (restatements), by date then revision",
      tags: ["administration"],
      params: dealIdParamsSchema,
      responses: { 200: { description: "The history", schema: z.object({ postings: z.array(postingSchema) }) } },
      handler: async ({ params }) => ({ postings: (await postingHistory(store.db, dealIdOf(params.dealId))).map(postingJson) }),
    }),
    route({
      method: "GET",
      url: "/api/deals/:dealId/ledger/:date",
      operationId: "postingLedger",
      summary: "The ledger of a posted Distribution Date: every movement of cents with the PSA rule that made it",
      tags: ["administration"],
      params: dealIdParamsSchema.extend({ date: dateSchema }),
      query: z.object({ revision: z.coerce.number().int().positive().optional() }),
      responses: { 200: { description: "The ledger", schema: ledgerSchema }, 404: { description: "Nothing posted for that date" } },
      handler: async ({ params, query }) => {
        const history = await postingHistory(store.db, dealIdOf(params.dealId));
        const posting = history.find(
          (p) => p.distributionDate === params.date && (query.revision === undefined ? p.status === "posted" : p.revision === query.revision),
        );
        if (!posting) throw new ApiError(404, "posting_not_found", `nothing of ${params.dealId} is posted for ${params.date}${query.revision ? ` revision ${query.revision}` : ""}`);
        return { posting: postingJson(posting), entries: await ledgerOf(store.db, posting.id) };
      },
    }),
  ];
}
