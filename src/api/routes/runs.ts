/** Runs: projections and the signed-versus-amended comparison, each off the event loop. */
import { z } from "zod";
import { formatScenarioText } from "../../engine/scenario-text.js";
import type { ComputeTask } from "../compute-tasks.js";
import { compute, resolveScenario, type ApiContext } from "../context.js";
import { named } from "../openapi.js";
import { route, type RouteSpec } from "../route.js";
import type { PrepaymentUnit } from "../../core/scenario.js";
import type { Deal } from "../../deal/schema.js";
import {
  amendmentsChoiceSchema,
  classAnalyticsSchema,
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
    amendments: z.array(z.string()).describe("The amendments whose effect is measured"),
    amendmentDetails: z.array(z.object({ id: z.string(), title: z.string(), effectiveDate: z.string(), changes: z.array(z.string()) })),
    depletionPeriod: z.object({ signed: z.number().nullable(), amended: z.number().nullable() }),
    classes: z.array(
      z.object({
        class: z.string(),
        signed: totals,
        amended: totals,
        difference: totals.describe("amended − signed"),
        firstDifferentPeriod: z.number().nullable(),
        firstDifferentDate: z.string().nullable(),
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

const speedsSchema = z
  .array(z.number().finite().min(0))
  .min(1)
  .max(20)
  .optional()
  .describe("Prepayment speeds in `unit`; default the deal's pricing speed × 0, 0.5, 1, 1.5, 2, 3");
const unitSchema = z.enum(["ppc", "cpr", "psa", "smm"]).optional().describe("Default: the deal's pricing-speed unit");
const classIdSchema = z.string().min(1).max(40).describe("Class id, e.g. B-1");

const decrementRequestSchema = named(
  "DecrementTableRequest",
  z.strictObject({
    scenario: scenarioInputSchema.optional().describe("Everything but the speed (defaults, severity, indices, call)"),
    speeds: speedsSchema,
    unit: unitSchema,
    classes: z.array(classIdSchema).min(1).max(40).optional(),
    includeNotional: z.boolean().default(false),
    amendments: amendmentsChoiceSchema,
  }),
  { io: "input" },
);

const yieldRequestSchema = named(
  "YieldTableRequest",
  z
    .strictObject({
      class: classIdSchema,
      scenario: scenarioInputSchema.optional(),
      speeds: speedsSchema,
      unit: unitSchema,
      prices: z.array(z.number().positive().finite()).min(1).max(20).optional().describe("Clean prices per 100 of current face"),
      yields: z.array(z.number().finite()).min(1).max(20).optional().describe("Bond-equivalent yields, percent"),
      settlement: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date written YYYY-MM-DD").optional().describe("Default: the Closing Date"),
      curve: z
        .array(z.strictObject({ term: z.number().finite().min(0).describe("Years"), yield: z.number().finite().describe("Bond-equivalent, percent") }))
        .min(1)
        .max(40)
        .optional()
        .describe("Benchmark curve (linear in term, flat beyond its points): each cell's spread is read at its average life"),
      benchmark: z.number().finite().optional().describe("A flat benchmark yield, percent, instead of curve"),
      effectiveBp: z
        .number()
        .positive()
        .max(500)
        .optional()
        .describe("Effective duration and convexity: yield and every index path shifted ± this many bp, the deal re-projected (two more projections per speed)"),
      amendments: amendmentsChoiceSchema,
    })
    .refine((b) => (b.prices === undefined) !== (b.yields === undefined), { message: "give either prices or yields (one of them)" })
    .refine((b) => b.curve === undefined || b.benchmark === undefined, { message: "give curve or benchmark, not both" }),
  { io: "input" },
);

const breakevenRequestSchema = named(
  "BreakevenRequest",
  z.strictObject({
    class: classIdSchema,
    scenario: scenarioInputSchema.optional().describe("Speed, severity, lag, advancing and indices; the CDR is searched"),
    lossThreshold: z.number().positive().max(1e9).optional().describe("Loss that counts as losing, dollars (default 1)"),
    maxCdr: z.number().positive().max(100).optional(),
    amendments: amendmentsChoiceSchema,
  }),
  { io: "input" },
);

const decrementTableSchema = named(
  "DecrementTable",
  z.object({
    deal: z.object({ id: z.string(), name: z.string() }),
    unit: z.string(),
    speeds: z.array(z.number()),
    scenario: scenarioSchema,
    classes: z.array(
      z.object({
        classId: z.string(),
        notional: z.boolean(),
        initialBalance: z.number(),
        rows: z.array(
          z.object({
            date: z.string().nullable().describe("null for the Initial row; else an anniversary of the first Distribution Date"),
            percents: z.array(z.number()).describe("Percent outstanding per speed, unrounded"),
            display: z.array(z.string()).describe("As printed: whole percent, * or 0"),
          }),
        ),
        weightedAverageLife: z.array(z.number().nullable()),
      }),
    ),
    skipped: z.array(z.object({ classId: z.string(), reason: z.string() })),
  }),
  { description: "Percent of initial balance outstanding at each anniversary, per speed, and WAL" },
);

const yieldTableSchema = named(
  "YieldTable",
  z.object({
    deal: z.object({ id: z.string(), name: z.string() }),
    classId: z.string(),
    unit: z.string(),
    speeds: z.array(z.number()),
    scenario: scenarioSchema,
    settlement: z.string(),
    quotedBy: z.enum(["price", "yield"]),
    rows: z.array(z.object({ quote: z.number(), cells: z.array(classAnalyticsSchema) })),
    referenceQuote: z.number(),
    bySpeed: z.array(
      z.object({
        speed: z.number(),
        averageLife: z.number().nullable(),
        modifiedDuration: z.number(),
        firstPrincipalDate: z.string().nullable(),
        lastPrincipalDate: z.string().nullable(),
      }),
    ),
  }),
);

const classLossSchema = z.object({
  cdr: z.number(),
  totalWritedown: z.number(),
  percentOfInitialBalance: z.number(),
  firstLossPeriod: z.number().nullable(),
  firstLossDate: z.string().nullable(),
});
const breakevenSchema = named(
  "Breakeven",
  z.object({
    deal: z.object({ id: z.string(), name: z.string() }),
    classId: z.string(),
    scenario: scenarioSchema,
    lossThreshold: z.number(),
    breakevenCdr: z.number().nullable(),
    highestCdrWithoutLoss: z.number().nullable(),
    loss: classLossSchema,
    maxCdr: z.number(),
    projections: z.number().int(),
  }),
);

/** The deal's pricing unit and a standard speed ladder around it. */
function speedsFor(deal: Deal, unit: PrepaymentUnit | undefined, speeds: readonly number[] | undefined): { unit: PrepaymentUnit; speeds: number[] } {
  const pricing = deal.collateral.pricingSpeed;
  const u = unit ?? pricing.unit;
  if (speeds) return { unit: u, speeds: [...speeds] };
  const base = u === pricing.unit ? pricing.value : u === "cpr" ? 10 : u === "smm" ? 1 : 100;
  return { unit: u, speeds: [0, 0.5, 1, 1.5, 2, 3].map((m) => Math.round(m * base * 100) / 100) };
}

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
      handler: async ({ params, body, reply }) => {
        const loaded = ctx.catalog.get(params.dealId, body.amendments);
        const scenario = resolveScenario(loaded.deal, body.scenario);
        const task: ComputeTask = {
          kind: "project",
          deal: { id: params.dealId, path: ctx.catalog.pathOf(params.dealId), amendments: body.amendments },
          scenario,
          ledger: body.ledger,
        };
        return compute(ctx, task, reply);
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
      handler: async ({ params, body, reply }) => {
        const loaded = ctx.catalog.get(params.dealId, "amended");
        const scenario = resolveScenario(loaded.deal, body.scenario);
        return compute(ctx, {
          kind: "amendmentDiff",
          deal: { id: params.dealId, path: ctx.catalog.pathOf(params.dealId), amendments: "amended" },
          scenario,
        }, reply);
      },
    }),
    route({
      method: "POST",
      url: "/api/deals/:dealId/decrement-table",
      operationId: "decrementTable",
      summary: "Decrement table: percent of initial balance outstanding at each anniversary, and WAL, by prepayment speed",
      tags: ["runs"],
      params: dealIdParamsSchema,
      body: decrementRequestSchema,
      example: { speeds: [0, 50, 100, 150, 200, 300], unit: "ppc", scenario: "0 CDR" },
      responses: { 200: { description: "The decrement table", schema: decrementTableSchema }, ...runResponses },
      handler: async ({ params, body, reply }) => {
        const loaded = ctx.catalog.get(params.dealId, body.amendments);
        const scenario = resolveScenario(loaded.deal, body.scenario);
        const { unit, speeds } = speedsFor(loaded.deal, body.unit, body.speeds);
        return compute(ctx, {
          kind: "decrementTable",
          deal: { id: params.dealId, path: ctx.catalog.pathOf(params.dealId), amendments: body.amendments },
          scenario,
          speeds,
          unit,
          classes: body.classes,
          includeNotional: body.includeNotional,
        }, reply);
      },
    }),
    route({
      method: "POST",
      url: "/api/deals/:dealId/yield-table",
      operationId: "yieldTable",
      summary: "Yield table of a class: yield at each price (or price at each yield) by speed, with average life and duration",
      tags: ["runs"],
      params: dealIdParamsSchema,
      body: yieldRequestSchema,
      example: { class: "A-3", prices: [98, 99, 100, 101, 102], speeds: [50, 100, 150, 200], unit: "ppc", benchmark: 4.75 },
      responses: { 200: { description: "The yield table", schema: yieldTableSchema }, ...runResponses },
      handler: async ({ params, body, reply }) => {
        const loaded = ctx.catalog.get(params.dealId, body.amendments);
        const scenario = resolveScenario(loaded.deal, body.scenario);
        const { unit, speeds } = speedsFor(loaded.deal, body.unit, body.speeds);
        return compute(ctx, {
          kind: "yieldTable",
          deal: { id: params.dealId, path: ctx.catalog.pathOf(params.dealId), amendments: body.amendments },
          scenario,
          classId: body.class,
          speeds,
          unit,
          quotes: body.prices ? { kind: "price", values: body.prices } : { kind: "yield", values: body.yields ?? [] },
          settlement: body.settlement,
          ...(body.curve !== undefined ? { curve: body.curve } : body.benchmark !== undefined ? { curve: [{ term: 0, yield: body.benchmark }] } : {}),
          ...(body.effectiveBp !== undefined ? { effectiveBp: body.effectiveBp } : {}),
        }, reply);
      },
    }),
    route({
      method: "POST",
      url: "/api/deals/:dealId/breakeven",
      operationId: "breakeven",
      summary: "Breakeven CDR of a class: the lowest constant default rate (0.01 grid) at which it loses principal",
      tags: ["runs"],
      params: dealIdParamsSchema,
      body: breakevenRequestSchema,
      example: { class: "B-1", scenario: "100 PPC, 40 sev, 12 lag" },
      responses: { 200: { description: "The breakeven", schema: breakevenSchema }, ...runResponses },
      handler: async ({ params, body, reply }) => {
        const loaded = ctx.catalog.get(params.dealId, body.amendments);
        const scenario = resolveScenario(loaded.deal, body.scenario);
        return compute(ctx, {
          kind: "breakeven",
          deal: { id: params.dealId, path: ctx.catalog.pathOf(params.dealId), amendments: body.amendments },
          scenario,
          classId: body.class,
          lossThreshold: body.lossThreshold,
          maxCdr: body.maxCdr,
        }, reply);
      },
    }),
  ];
}
