/**
 * Scenario grids over HTTP: `POST /api/grid` (a write: bearer token, since a grid
 * can be large) takes `tranche grid`'s flags as JSON and answers a job id at
 * once; `GET /api/grid/{id}` reports progress and, when done, the rows (one per
 * deal, scenario and class, in grid order). Chunks run in the server's worker
 * pool as `work` compute tasks, the same `WorkItem`s `tranche grid` runs.
 * Jobs live in this server's memory (the last 50 kept).
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { DEFAULT_SCENARIO, type Scenario } from "../../core/scenario.js";
import { readDealDocument } from "../../compute/deal-document.js";
import { priceableClass } from "../../deal/priceable-classes.js";
import { gridClasses, type GridCell } from "../../compute/grid.js";
import type { WorkItem } from "../../compute/work.js";
import { liborIndexOf } from "../catalog.js";
import type { ApiContext } from "../context.js";
import { ApiError } from "../errors.js";
import { named } from "../openapi.js";
import { route, type RouteSpec } from "../route.js";
import { TaskFailure } from "../../compute/worker-pool.js";

const list = (max: number) => z.array(z.number().finite().min(0).max(max)).min(1).max(50).optional();
const gridRequestSchema = named(
  "GridRequest",
  z.strictObject({
    deals: z.array(z.string().min(1).max(200)).min(1).max(10).describe("Deal ids"),
    prepayment: z.strictObject({ unit: z.enum(["ppc", "cpr", "psa", "smm"]), values: list(10_000).unwrap() }).optional().describe("Speeds (one axis); default the deal's pricing speed"),
    default: z.strictObject({ unit: z.enum(["cdr", "mdr", "sda"]), values: list(10_000).unwrap() }).optional().describe("Default rates (one axis); default 0"),
    severity: list(100).describe("Loss severities, %"),
    lag: z.array(z.number().int().min(0).max(360)).min(1).max(50).optional().describe("Recovery lags, months"),
    libor: list(100).describe("Flat levels of the deal's LIBOR, %"),
    classes: z.array(z.string().min(1).max(40)).min(1).max(60).optional(),
    prices: z.record(z.string(), z.number().positive()).optional().describe("Clean prices by class: a yield per cell"),
  }),
  { io: "input" },
);
type GridRequest = z.infer<typeof gridRequestSchema>;

interface GridJob {
  id: string;
  status: "running" | "done" | "failed";
  total: number;
  done: number;
  error?: string;
  rows: Record<string, unknown>[];
}

const MAX_SCENARIOS = 20_000;
const CHUNK = 20;

function axesOf(body: GridRequest): { name: string; values: number[] }[] {
  const axes: { name: string; values: number[] }[] = [];
  if (body.prepayment) axes.push({ name: body.prepayment.unit, values: body.prepayment.values });
  if (body.default) axes.push({ name: body.default.unit, values: body.default.values });
  if (body.severity) axes.push({ name: "severity", values: body.severity });
  if (body.lag) axes.push({ name: "lag", values: body.lag });
  if (body.libor) axes.push({ name: "libor", values: body.libor });
  return axes;
}

export function gridRoutes(ctx: ApiContext): RouteSpec<any, any, any>[] {
  const jobs = new Map<string, GridJob>();
  return [
    route({
      method: "POST",
      url: "/api/grid",
      operationId: "submitGrid",
      summary: "Submit a scenario grid (tranche grid as JSON); answers a job id at once",
      description:
        "The cartesian product of the lists (first axis outermost) on each deal: one row per deal, scenario and class with WAL, principal, interest, writedown, loss % of original balance, " +
        "first writedown period, depletion period and, for a priced class, the yield. Poll `GET /api/grid/{id}`.",
      tags: ["runs"],
      write: true,
      body: gridRequestSchema,
      example: { deals: ["cwalt-2007-12t1"], prepayment: { unit: "cpr", values: [5, 10, 20] }, default: { unit: "cdr", values: [0, 2, 5] }, severity: [40], lag: [12], classes: ["B-1"] },
      responses: {
        202: { description: "Accepted: the job id", schema: z.object({ id: z.string(), total: z.number() }) },
        404: { description: "No such deal" },
        422: { description: "A class the deal lacks, or too many scenarios" },
      },
      handler: async ({ body, reply }) => {
        const axes = axesOf(body);
        let combos: Record<string, number>[] = [{}];
        for (const a of axes) combos = combos.flatMap((c) => a.values.map((v) => ({ ...c, [a.name]: v })));
        if (combos.length * body.deals.length > MAX_SCENARIOS) throw new ApiError(422, "too_large", `the grid has ${combos.length * body.deals.length} scenarios; at most ${MAX_SCENARIOS} (run tranche grid --queue for more)`);
        const items: { deal: string; item: WorkItem<"gridChunk">; labels: Record<string, number>[] }[] = [];
        for (const id of body.deals) {
          const loaded = ctx.catalog.get(id); // 404 for an unknown deal
          const deal = loaded.deal;
          try {
            gridClasses(deal, body.classes ?? null);
          } catch (e) {
            throw new ApiError(422, "unknown_class", (e as Error).message);
          }
          for (const c of Object.keys(body.prices ?? {})) if (!priceableClass(deal, c)) throw new ApiError(422, "unknown_class", `prices: ${id} has no class "${c}"`);
          const doc = await readDealDocument(ctx.catalog.pathOf(id));
          const libor = liborIndexOf(deal);
          const scenarios: Scenario[] = combos.map((c) => ({
            ...DEFAULT_SCENARIO,
            prepayment: body.prepayment ? { unit: body.prepayment.unit, values: [c[body.prepayment.unit]] } : { unit: deal.collateral.pricingSpeed.unit, values: [deal.collateral.pricingSpeed.value] },
            ...(body.default ? { default: { unit: body.default.unit, values: [c[body.default.unit]] } } : {}),
            ...(c.severity !== undefined ? { severity: [c.severity] } : {}),
            ...(c.lag !== undefined ? { recoveryLag: c.lag } : {}),
            ...(c.libor !== undefined ? { indices: { [libor]: { values: [c.libor] } } } : {}),
          }));
          for (let s = 0; s < scenarios.length; s += CHUNK) {
            const pricing = body.prices ? { quotes: Object.entries(body.prices).map(([classId, price]) => ({ classId, price })) } : undefined;
            items.push({ deal: deal.id, labels: combos.slice(s, s + CHUNK), item: { kind: "gridChunk", deal: doc, payload: { scenarios: scenarios.slice(s, s + CHUNK), classes: body.classes ?? null, ...(pricing ? { pricing } : {}) } } });
          }
        }
        const job: GridJob = { id: randomUUID(), status: "running", total: combos.length * body.deals.length, done: 0, rows: [] };
        jobs.set(job.id, job);
        if (jobs.size > 50) jobs.delete(jobs.keys().next().value!);
        const results: GridCell[][][] = new Array(items.length);
        void (async () => {
          try {
            let next = 0;
            const lane = async () => {
              while (next < items.length && job.status === "running") {
                const i = next++;
                results[i] = JSON.parse(await ctx.pool.run<string>({ kind: "work", item: items[i].item }, Infinity)) as GridCell[][];
                job.done += items[i].item.payload.scenarios.length;
              }
            };
            await Promise.all([lane(), lane()]);
            let index = 0;
            let lastDeal = "";
            items.forEach((it, i) => {
              if (it.deal !== lastDeal) (index = 0), (lastDeal = it.deal);
              results[i].forEach((cells, s) => {
                index++;
                for (const cell of cells) job.rows.push({ deal: it.deal, scenario: index, ...it.labels[s], ...cell });
              });
            });
            job.status = "done";
          } catch (e) {
            job.status = "failed";
            job.error = e instanceof TaskFailure ? e.info.message : (e as Error).message;
          }
        })();
        reply.code(202);
        return { id: job.id, total: job.total };
      },
    }),
    route({
      method: "GET",
      url: "/api/grid/:id",
      operationId: "getGrid",
      summary: "A submitted grid: progress, and the rows when done",
      tags: ["runs"],
      params: z.strictObject({ id: z.string().min(1).max(100) }),
      responses: {
        200: { description: "Status, scenarios done of total, rows (empty until done)" },
        404: { description: "No such grid job (or it was dropped: the server keeps the last 50)" },
      },
      handler: ({ params }) => {
        const job = jobs.get(params.id);
        if (!job) throw new ApiError(404, "not_found", `no grid job "${params.id}"`);
        return { id: job.id, status: job.status, done: job.done, total: job.total, ...(job.error ? { error: job.error } : {}), rows: job.status === "done" ? job.rows : [] };
      },
    }),
  ];
}
