/** Runs: projections and the signed-versus-amended comparison, each off the event loop. */
import { z } from "zod";
import { formatScenarioText } from "../../engine/scenario-text.js";
import type { ComputeTask } from "../compute-tasks.js";
import { compute, resolveScenario, type ApiContext } from "../context.js";
import { named } from "../openapi.js";
import { route, type RouteSpec } from "../route.js";
import {
  dealIdParamsSchema,
  projectionRequestSchema,
  projectionResultSchema,
  scenarioInputSchema,
  scenarioParseResultSchema,
  scenarioSchema,
} from "../schemas.js";

const amendmentDiffRequestSchema = named(
  "AmendmentDiffRequest",
  z.strictObject({ scenario: scenarioInputSchema.optional() }),
  { io: "input" },
);

const totals = z.object({ principal: z.number(), interest: z.number(), writedown: z.number(), wal: z.number().nullable() });
const amendmentDiffSchema = named(
  "AmendmentDiff",
  z.object({
    deal: z.object({ id: z.string(), name: z.string() }),
    scenario: scenarioSchema,
    amendments: z.array(z.object({ id: z.string(), title: z.string(), effectiveDate: z.string(), changes: z.array(z.string()) })),
    depletionPeriod: z.object({ signed: z.number().nullable(), amended: z.number().nullable() }),
    classes: z.array(
      z.object({
        class: z.string(),
        signed: totals,
        amended: totals,
        difference: totals.describe("amended − signed"),
        firstDifferentPeriod: z.number().nullable(),
      }),
    ),
    periods: z.array(
      z.object({
        period: z.number(),
        date: z.string(),
        balances: z.record(z.string(), z.object({ signed: z.number(), amended: z.number() })),
      }),
    ),
  }),
  { description: "The deal run on the PSA as signed and as amended, class by class" },
);

const runResponses = {
  404: { description: "No such deal" },
  503: { description: "The server is busy; retry after the Retry-After seconds" },
  504: { description: "The run took longer than the server's limit and was stopped" },
};

export function runRoutes(ctx: ApiContext): RouteSpec<any, any, any>[] {
  return [
    route({
      method: "GET",
      url: "/api/scenario/parse",
      operationId: "parseScenario",
      summary: "Read a scenario written in the analysts' syntax; answers the Scenario and its canonical text",
      tags: ["runs"],
      query: z.object({
        text: z.string().max(10_000).describe('e.g. "100 PPC, 2 CDR, 40 sev, 12 lag"'),
        deal: z.string().max(80).optional().describe("Deal id: fills what the text omits from its pricing scenario and resolves LIBOR"),
      }),
      responses: { 200: { description: "The scenario", schema: scenarioParseResultSchema } },
      handler: ({ query }) => {
        const deal = query.deal === undefined ? undefined : ctx.catalog.get(query.deal).deal;
        const scenario = resolveScenario(deal, query.text, "text");
        return { scenario, text: formatScenarioText(scenario) };
      },
    }),
    route({
      method: "POST",
      url: "/api/deals/:dealId/projection",
      operationId: "project",
      summary: "Project the deal under a scenario: collateral, every class's flows, tests, corridor (and the ledger on request)",
      tags: ["runs"],
      params: dealIdParamsSchema,
      body: projectionRequestSchema,
      example: { scenario: "100 PPC, 2 CDR, 40 sev, 12 lag", amendments: "amended", ledger: false },
      responses: { 200: { description: "The projection", schema: projectionResultSchema }, ...runResponses },
      handler: async ({ params, body }) => {
        const loaded = ctx.catalog.get(params.dealId, body.amendments);
        const scenario = resolveScenario(loaded.deal, body.scenario);
        const task: ComputeTask = {
          kind: "project",
          deal: { id: params.dealId, path: ctx.catalog.pathOf(params.dealId), amendments: body.amendments },
          scenario,
          ledger: body.ledger,
        };
        return compute(ctx, task);
      },
    }),
    route({
      method: "POST",
      url: "/api/deals/:dealId/amendment-diff",
      operationId: "amendmentDiff",
      summary: "Run the deal on the PSA as signed and as amended and compare each class",
      tags: ["runs"],
      params: dealIdParamsSchema,
      body: amendmentDiffRequestSchema,
      example: { scenario: "25 CPR, 12 CDR, 50 sev, 12 lag" },
      responses: { 200: { description: "The comparison", schema: amendmentDiffSchema }, ...runResponses },
      handler: async ({ params, body }) => {
        const loaded = ctx.catalog.get(params.dealId, "amended");
        const scenario = resolveScenario(loaded.deal, body.scenario);
        return compute(ctx, {
          kind: "amendmentDiff",
          deal: { id: params.dealId, path: ctx.catalog.pathOf(params.dealId), amendments: "amended" },
          scenario,
        });
      },
    }),
  ];
}
